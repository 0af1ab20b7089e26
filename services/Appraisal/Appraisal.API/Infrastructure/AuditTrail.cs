using DoanKetSangTao.Messaging;
using System.Text.Json;
using Dapper;

namespace DoanKetSangTao.Appraisal.API.Infrastructure;

/// <summary>
/// Nhật ký thẩm định: one append-only row per screening, assignment, score, decision and nomination (the table refuses
/// updates and deletes), written in the transaction of the act it records.
/// </summary>
public static class AuditTrail
{
    public static Task RecordAsync(DatabaseSession db, Guid councilId, Guid? caseId, string action, string actor, object details,
        DateTimeOffset now, CancellationToken ct) =>
        db.Connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO audit_entries (council_id, case_id, action, actor, at, details) VALUES (@councilId, @caseId, @action, @actor, @at, @details::jsonb)",
            new { councilId, caseId, action, actor, at = now.UtcDateTime, details = JsonSerializer.Serialize(details, CouncilState.Json) },
            db.Tx, cancellationToken: ct));

    /// <summary>The council's entries after <paramref name="after"/> (of one case when given), oldest first, at most 1000.</summary>
    public static async Task<List<AuditEntry>> ListAsync(DatabaseSession db, Guid councilId, Guid? caseId, long after, CancellationToken ct) =>
        (await db.Connection.QueryAsync<AuditEntry>(new CommandDefinition(
            """
            SELECT id AS Id, case_id AS CaseId, action AS Action, actor AS Actor, at AS At, details::text AS Details FROM audit_entries
            WHERE council_id = @councilId AND (@caseId::uuid IS NULL OR case_id = @caseId) AND id > @after
            ORDER BY id LIMIT 1000
            """, new { councilId, caseId, after }, db.Transaction, cancellationToken: ct))).AsList();

    /// <summary>The council's cases without a decision yet: their scores stay hidden from those who do not run it.</summary>
    public static async Task<HashSet<Guid>> UndecidedCasesAsync(DatabaseSession db, Guid councilId, CancellationToken ct) =>
        (await db.Connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT id FROM appraisal_cases WHERE council_id = @councilId AND state <> 'decided'", new { councilId }, db.Transaction, cancellationToken: ct))).ToHashSet();
}

/// <summary>One entry of the audit trail as stored (its details as JSON text).</summary>
public sealed record AuditEntry(long Id, Guid? CaseId, string Action, string Actor, DateTime At, string Details);

using System.Text.Json;
using Dapper;
using DoanKetSangTao.Messaging;

namespace DoanKetSangTao.Awards.API.Infrastructure;

/// <summary>One act in the awards audit trail.</summary>
public sealed record AuditEntry(long Seq, DateTime OccurredAt, string Actor, string Action, string SubjectId, string Detail);

/// <summary>
/// Nhật ký khen thưởng: every act on the catalogue, calls, proposals and decisions, written in the act's own transaction
/// (no act without its entry, no entry without its act). The table refuses UPDATE, DELETE and TRUNCATE.
/// </summary>
public static class AwardsAudit
{
    public static Task RecordAsync(DatabaseSession session, string actor, string action, object subjectId, object? detail, CancellationToken ct) =>
        session.Connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO awards_audit (actor, action, subject_id, detail) VALUES (@actor, @action, @subject, @detail::jsonb)",
            new { actor, action, subject = subjectId.ToString(), detail = JsonSerializer.Serialize(detail ?? new { }) },
            session.Tx, cancellationToken: ct));

    public static async Task<IReadOnlyList<AuditEntry>> ListAsync(ServiceDatabase db, string subjectId, CancellationToken ct) =>
        await db.ReadAsync<IReadOnlyList<AuditEntry>>(null, async (c, _) => (await c.QueryAsync<AuditEntry>(new CommandDefinition(
            """
            SELECT seq AS Seq, occurred_at AS OccurredAt, actor AS Actor, action AS Action, subject_id AS SubjectId, detail::text AS Detail
            FROM awards_audit WHERE subject_id = @subjectId ORDER BY seq
            """, new { subjectId }, cancellationToken: ct))).ToList(), ct);
}

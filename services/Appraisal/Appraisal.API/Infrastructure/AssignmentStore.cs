using DoanKetSangTao.Messaging;
using Dapper;
using DoanKetSangTao.Contracts.IntegrationEvents;

namespace DoanKetSangTao.Appraisal.API.Infrastructure;

/// <summary>
/// Phân công chấm: sets who scores a case. A member who has started a score sheet stays on it; each newly assigned
/// member is told (<see cref="AppraisalCaseAssigned"/>, through the outbox, in the same transaction).
/// </summary>
public static class AssignmentStore
{
    public static async Task SetAsync(DatabaseSession db, CouncilState council, CaseRow row, IReadOnlyCollection<Guid> memberIds, bool automatic,
        string actor, DateTimeOffset now, CancellationToken ct)
    {
        var ids = memberIds.Distinct().ToArray();
        var connection = db.Connection;
        var tx = db.Tx;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM case_assignments a WHERE a.case_id = @id AND NOT (a.person_id = ANY(@ids))
              AND NOT EXISTS (SELECT 1 FROM score_sheets sh WHERE sh.case_id = a.case_id AND sh.person_id = a.person_id)
            """, new { id = row.Id, ids }, tx, cancellationToken: ct));
        var added = await connection.QueryAsync<Guid>(new CommandDefinition(
            """
            INSERT INTO case_assignments (case_id, person_id, assigned_at, assigned_by)
            SELECT @id, unnest(@ids), @now, @actor ON CONFLICT DO NOTHING RETURNING person_id
            """, new { id = row.Id, ids, now = now.UtcDateTime, actor }, tx, cancellationToken: ct));
        await AuditTrail.RecordAsync(db, row.CouncilId, row.Id, "assigned", actor, new { MemberIds = ids, Automatic = automatic }, now, ct);
        foreach (var personId in added)
        {
            var member = council.Tenures.Last(t => t.PersonId == personId);
            await db.PublishAsync(new AppraisalCaseAssigned(Guid.CreateVersion7(), now, row.Id, row.CouncilId, council.Row.Name, row.InitiativeId,
                row.Title, personId, member.UserId, member.FullName, member.Email), ct);
        }
    }

    /// <summary>How many cases of the council each member is assigned (their load).</summary>
    public static async Task<Dictionary<Guid, int>> LoadsAsync(DatabaseSession db, Guid councilId, CancellationToken ct) =>
        (await db.Connection.QueryAsync<(Guid PersonId, int Load)>(new CommandDefinition(
            "SELECT a.person_id, count(*)::int FROM case_assignments a JOIN appraisal_cases c ON c.id = a.case_id WHERE c.council_id = @councilId GROUP BY a.person_id",
            new { councilId }, db.Transaction, cancellationToken: ct))).ToDictionary(l => l.PersonId, l => l.Load);

    /// <summary>Who has a score sheet (draft or submitted) on the case: they stay assigned.</summary>
    public static async Task<HashSet<Guid>> ScoredByAsync(DatabaseSession db, Guid caseId, CancellationToken ct) =>
        (await db.Connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT person_id FROM score_sheets WHERE case_id = @caseId", new { caseId }, db.Transaction, cancellationToken: ct))).ToHashSet();
}

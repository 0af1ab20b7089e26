using DoanKetSangTao.Messaging;
using System.Text.Json;
using Dapper;
using DoanKetSangTao.Appraisal.API.Domain;

namespace DoanKetSangTao.Appraisal.API.Infrastructure;

/// <summary>A case's scores as the rules see them: who counts (assigned, not conflicted), the aggregate and the quorum.</summary>
public sealed record CaseEvaluation(CaseAggregate Aggregate, QuorumStatus Quorum)
{
    /// <summary>Only submitted sheets of assigned members without a conflict count, for the aggregate and for the quorum.</summary>
    public static CaseEvaluation Of(CouncilState council, CaseRow row, IEnumerable<Guid> assigned, IEnumerable<ScoreSheet> sheets,
        ConflictOfInterest conflicts)
    {
        var domainCase = row.ToDomain();
        var assignedIds = assigned.ToList();
        var caseSheets = sheets.Where(x => x.CaseId == row.Id).ToList();
        var conflicted = council.Tenures.Where(t => conflicts.IsConflicted(t.ToDomain(), domainCase)).Select(t => t.PersonId).Distinct().ToList();
        var eligible = caseSheets.Where(x => assignedIds.Contains(x.MemberId) && !conflicted.Contains(x.MemberId));
        return new CaseEvaluation(ScoreAggregation.Aggregate(row.Id, council.Scheme, eligible),
            council.Quorum.Evaluate(assignedIds, conflicted, caseSheets));
    }
}

/// <summary>
/// Chấm điểm: score sheets, assignments and conflicts of interest (from registration's hierarchy and the declarations),
/// read the same way by the scoring endpoints and the exports, so that the aggregate on screen and the results sheet can
/// never count different sheets; and the writes of a sheet and of a declared conflict.
/// </summary>
public static class ScoringStore
{
    /// <summary>Score sheets of the council's cases: of one case and/or one member when given.</summary>
    public static async Task<List<ScoreSheet>> SheetsAsync(DatabaseSession db, Guid councilId, Guid? caseId,
        Guid? personId, CancellationToken ct) =>
        (await db.Connection.QueryAsync<(Guid CaseId, Guid PersonId, string Scores, DateTime? SubmittedAt)>(new CommandDefinition(
            """
            SELECT sh.case_id, sh.person_id, sh.scores::text, sh.submitted_at
            FROM score_sheets sh JOIN appraisal_cases c ON c.id = sh.case_id
            WHERE c.council_id = @councilId AND (@caseId::uuid IS NULL OR sh.case_id = @caseId) AND (@personId::uuid IS NULL OR sh.person_id = @personId)
            ORDER BY sh.case_id, sh.person_id
            """, new { councilId, caseId, personId }, db.Transaction, cancellationToken: ct)))
        .Select(r => ScoreSheet.Restore(r.CaseId, r.PersonId, JsonSerializer.Deserialize<List<CriterionScore>>(r.Scores, CouncilState.Json)!,
            r.SubmittedAt is { } at ? new DateTimeOffset(at, TimeSpan.Zero) : null))
        .ToList();

    /// <summary>Who is assigned to each of the council's cases (one case when given).</summary>
    public static async Task<ILookup<Guid, Guid>> AssignmentsAsync(DatabaseSession db, Guid councilId, Guid? caseId,
        CancellationToken ct) =>
        (await db.Connection.QueryAsync<(Guid CaseId, Guid PersonId)>(new CommandDefinition(
            """
            SELECT a.case_id, a.person_id FROM case_assignments a JOIN appraisal_cases c ON c.id = a.case_id
            WHERE c.council_id = @councilId AND (@caseId::uuid IS NULL OR a.case_id = @caseId)
            """, new { councilId, caseId }, db.Transaction, cancellationToken: ct))).ToLookup(a => a.CaseId, a => a.PersonId);

    /// <summary>The conflicts of interest of the council's members with the cases: organizations (with the hierarchy) and declarations.</summary>
    public static async Task<ConflictOfInterest> ConflictsAsync(DatabaseSession db, OrganizationDirectory organizations,
        CouncilState council, IReadOnlyList<CaseRow> cases, CancellationToken ct)
    {
        var orgs = cases.SelectMany(c => c.AuthorOrgIds).Concat(council.Tenures.Select(t => t.OrganizationId));
        var ancestry = await organizations.AncestryAsync(orgs, ct);
        var declared = await db.Connection.QueryAsync<(Guid CaseId, Guid PersonId, string? Reason)>(new CommandDefinition(
            "SELECT case_id, person_id, reason FROM conflict_declarations WHERE case_id = ANY(@ids)",
            new { ids = cases.Select(c => c.Id).ToArray() }, db.Transaction, cancellationToken: ct));
        return new ConflictOfInterest(ancestry, declared.Select(d => new ConflictDeclaration(d.PersonId, d.CaseId, d.Reason)));
    }

    /// <summary>Saves the member's sheet (a draft or the submitted one); the council's first score freezes its rubric.</summary>
    public static Task SaveSheetAsync(DatabaseSession db, Guid councilId, ScoreSheet sheet, DateTimeOffset now, CancellationToken ct) =>
        db.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO score_sheets (case_id, person_id, scores, submitted_at, updated_at) VALUES (@CaseId, @MemberId, @scores::jsonb, @submitted, @now)
            ON CONFLICT (case_id, person_id) DO UPDATE SET scores = EXCLUDED.scores, submitted_at = EXCLUDED.submitted_at, updated_at = EXCLUDED.updated_at;
            UPDATE councils SET scoring_started_at = @now WHERE id = @councilId AND scoring_started_at IS NULL;
            """,
            new
            {
                sheet.CaseId, sheet.MemberId, scores = JsonSerializer.Serialize(sheet.Scores, CouncilState.Json), submitted = sheet.SubmittedAt?.UtcDateTime,
                now = now.UtcDateTime, councilId,
            }, db.Tx, cancellationToken: ct));

    /// <summary>Whether the member has submitted a sheet on the case.</summary>
    public static Task<bool> HasSubmittedAsync(DatabaseSession db, Guid caseId, Guid personId, CancellationToken ct) =>
        db.Connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM score_sheets WHERE case_id = @caseId AND person_id = @personId AND submitted_at IS NOT NULL)",
            new { caseId, personId }, db.Transaction, cancellationToken: ct));

    /// <summary>Records a declared conflict of interest (a new reason replaces the old) and drops the member's draft on the case.</summary>
    public static Task DeclareConflictAsync(DatabaseSession db, Guid caseId, Guid personId, string reason, DateTimeOffset now, CancellationToken ct) =>
        db.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO conflict_declarations (case_id, person_id, reason, declared_at) VALUES (@caseId, @personId, @reason, @now)
            ON CONFLICT (case_id, person_id) DO UPDATE SET reason = EXCLUDED.reason;
            DELETE FROM score_sheets WHERE case_id = @caseId AND person_id = @personId AND submitted_at IS NULL;
            """, new { caseId, personId, reason, now = now.UtcDateTime }, db.Tx, cancellationToken: ct));
}

using System.Text.Json;
using Dapper;
using DoanKetSangTao.Appraisal.API.Domain;
using Npgsql;

namespace DoanKetSangTao.Appraisal.API.Infrastructure;

/// <summary>A case's scores as the rules see them: who counts (assigned, not conflicted), the aggregate and the quorum.</summary>
public sealed record CaseEvaluation(CaseAggregate Aggregate, QuorumStatus Quorum);

/// <summary>
/// What the scoring endpoints and the exports read the same way: score sheets, assignments, conflicts of interest (from
/// registration's hierarchy and the declarations), and the evaluation of a case from them. One place, so the aggregate on
/// screen and the results sheet can never count different sheets.
/// </summary>
public static class CaseScoring
{
    /// <summary>Score sheets of the council's cases: of one case and/or one member when given.</summary>
    public static async Task<List<ScoreSheet>> SheetsAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, Guid councilId, Guid? caseId,
        Guid? personId, CancellationToken ct) =>
        (await connection.QueryAsync<(Guid CaseId, Guid PersonId, string Scores, DateTime? SubmittedAt)>(new CommandDefinition(
            """
            SELECT sh.case_id, sh.person_id, sh.scores::text, sh.submitted_at
            FROM score_sheets sh JOIN appraisal_cases c ON c.id = sh.case_id
            WHERE c.council_id = @councilId AND (@caseId::uuid IS NULL OR sh.case_id = @caseId) AND (@personId::uuid IS NULL OR sh.person_id = @personId)
            ORDER BY sh.case_id, sh.person_id
            """, new { councilId, caseId, personId }, tx, cancellationToken: ct)))
        .Select(r => ScoreSheet.Restore(r.CaseId, r.PersonId, JsonSerializer.Deserialize<List<CriterionScore>>(r.Scores, CouncilState.Json)!,
            r.SubmittedAt is { } at ? new DateTimeOffset(at, TimeSpan.Zero) : null))
        .ToList();

    /// <summary>Who is assigned to each of the council's cases (one case when given).</summary>
    public static async Task<ILookup<Guid, Guid>> AssignmentsAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, Guid councilId, Guid? caseId,
        CancellationToken ct) =>
        (await connection.QueryAsync<(Guid CaseId, Guid PersonId)>(new CommandDefinition(
            """
            SELECT a.case_id, a.person_id FROM case_assignments a JOIN appraisal_cases c ON c.id = a.case_id
            WHERE c.council_id = @councilId AND (@caseId::uuid IS NULL OR a.case_id = @caseId)
            """, new { councilId, caseId }, tx, cancellationToken: ct))).ToLookup(a => a.CaseId, a => a.PersonId);

    /// <summary>The conflicts of interest of the council's members with the cases: organizations (with the hierarchy) and declarations.</summary>
    public static async Task<ConflictOfInterest> ConflictsAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, OrganizationDirectory organizations,
        CouncilState council, IReadOnlyList<CaseRow> cases, CancellationToken ct)
    {
        var orgs = cases.SelectMany(c => c.AuthorOrgIds).Concat(council.Tenures.Select(t => t.OrganizationId));
        var ancestry = await organizations.AncestryAsync(orgs, ct);
        var declared = await connection.QueryAsync<(Guid CaseId, Guid PersonId, string? Reason)>(new CommandDefinition(
            "SELECT case_id, person_id, reason FROM conflict_declarations WHERE case_id = ANY(@ids)",
            new { ids = cases.Select(c => c.Id).ToArray() }, tx, cancellationToken: ct));
        return new ConflictOfInterest(ancestry, declared.Select(d => new ConflictDeclaration(d.PersonId, d.CaseId, d.Reason)));
    }

    /// <summary>Only submitted sheets of assigned members without a conflict count, for the aggregate and for the quorum.</summary>
    public static CaseEvaluation Evaluate(CouncilState council, CaseRow row, IEnumerable<Guid> assigned, IEnumerable<ScoreSheet> sheets,
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

using DoanKetSangTao.Messaging;
using Dapper;

namespace DoanKetSangTao.Appraisal.API.Infrastructure;

/// <summary>
/// A row of the council's progress (tiến độ chấm): a case, how many of its assigned members submitted, and its result.
/// Read straight from the query, so it lives with it.
/// </summary>
public sealed record CaseSummary(Guid Id, Guid InitiativeId, string Title, string State, string StateName, int Assigned, int Submitted,
    string Progress, bool AssignedToMe, bool? Recognized, decimal? AggregateTotal, string? Grade, bool Nominated, DateTime OpenedAt);

/// <summary>A member's share of the council's cases: assigned, and submitted.</summary>
public sealed record MemberLoad(Guid PersonId, int Assigned, int Submitted);

/// <summary>An assigned member of a case: whether they submitted, and whether they declared a conflict.</summary>
public sealed record CaseAssignee(Guid PersonId, bool Submitted, bool Declared);

/// <summary>A council's outcome for an author's initiative, as stored.</summary>
public sealed record CaseOutcome(Guid CaseId, string Name, string Level, string State, bool? Recognized, decimal? Total, string? Grade,
    string? Number, DateOnly? Date, string? Comment, bool Nominated);

/// <summary>The reads of cases that are lists and counts rather than one case's row: progress, assignees, outcomes.</summary>
public static class CaseQueries
{
    /// <summary>
    /// The council's cases (in a state when given), oldest first, with their progress; all of them when
    /// <paramref name="seesAll"/>, else those assigned to <paramref name="me"/>. The state's name and the progress text are left for the caller.
    /// </summary>
    public static async Task<List<CaseSummary>> ProgressAsync(DatabaseSession db, Guid councilId, string? state, bool seesAll, Guid? me, CancellationToken ct) =>
        (await db.Connection.QueryAsync<CaseSummary>(new CommandDefinition(
            """
            SELECT c.id AS Id, c.initiative_id AS InitiativeId, c.title AS Title, c.state AS State, '' AS StateName,
                   (SELECT count(*)::int FROM case_assignments a WHERE a.case_id = c.id) AS Assigned,
                   (SELECT count(*)::int FROM score_sheets sh JOIN case_assignments a ON a.case_id = sh.case_id AND a.person_id = sh.person_id
                    WHERE sh.case_id = c.id AND sh.submitted_at IS NOT NULL) AS Submitted,
                   '' AS Progress,
                   EXISTS (SELECT 1 FROM case_assignments a WHERE a.case_id = c.id AND a.person_id = @me) AS AssignedToMe,
                   c.recognized AS Recognized, c.aggregate_total AS AggregateTotal, c.grade AS Grade,
                   c.nominated_to_case_id IS NOT NULL AS Nominated, c.opened_at AS OpenedAt
            FROM appraisal_cases c
            WHERE c.council_id = @councilId AND (@state::text IS NULL OR c.state = @state)
              AND (@seesAll OR EXISTS (SELECT 1 FROM case_assignments a WHERE a.case_id = c.id AND a.person_id = @me))
            ORDER BY c.opened_at, c.id
            """, new { councilId, state, seesAll, me }, db.Transaction, cancellationToken: ct))).AsList();

    /// <summary>Each member's assigned and submitted counts on the council (only <paramref name="me"/> unless <paramref name="seesAll"/>).</summary>
    public static async Task<List<MemberLoad>> MemberLoadsAsync(DatabaseSession db, Guid councilId, bool seesAll, Guid? me, CancellationToken ct) =>
        (await db.Connection.QueryAsync<MemberLoad>(new CommandDefinition(
            """
            SELECT a.person_id AS PersonId, count(*)::int AS Assigned, count(sh.submitted_at)::int AS Submitted
            FROM case_assignments a JOIN appraisal_cases c ON c.id = a.case_id
            LEFT JOIN score_sheets sh ON sh.case_id = a.case_id AND sh.person_id = a.person_id
            WHERE c.council_id = @councilId AND (@seesAll OR a.person_id = @me)
            GROUP BY a.person_id
            """, new { councilId, seesAll, me }, db.Transaction, cancellationToken: ct))).AsList();

    /// <summary>Who is assigned to the case, in the order they were assigned.</summary>
    public static async Task<List<CaseAssignee>> AssigneesAsync(DatabaseSession db, Guid caseId, CancellationToken ct) =>
        (await db.Connection.QueryAsync<CaseAssignee>(new CommandDefinition(
            """
            SELECT a.person_id AS PersonId, sh.submitted_at IS NOT NULL AS Submitted, d.person_id IS NOT NULL AS Declared
            FROM case_assignments a
            LEFT JOIN score_sheets sh ON sh.case_id = a.case_id AND sh.person_id = a.person_id
            LEFT JOIN conflict_declarations d ON d.case_id = a.case_id AND d.person_id = a.person_id
            WHERE a.case_id = @caseId ORDER BY a.assigned_at, a.person_id
            """, new { caseId }, db.Transaction, cancellationToken: ct))).AsList();

    /// <summary>Every council's outcome for the initiative, if the account submitted it, in the order the cases opened.</summary>
    public static async Task<List<CaseOutcome>> OutcomesAsync(DatabaseSession db, Guid initiativeId, string submittedBy, CancellationToken ct) =>
        (await db.Connection.QueryAsync<CaseOutcome>(new CommandDefinition(
            """
            SELECT c.id AS CaseId, k.name AS Name, k.level AS Level, c.state AS State, c.recognized AS Recognized, c.aggregate_total AS Total,
                   c.grade AS Grade, c.decision_number AS Number, c.decision_date AS Date, c.published_comment AS Comment,
                   c.nominated_to_case_id IS NOT NULL AS Nominated
            FROM appraisal_cases c JOIN councils k ON k.id = c.council_id
            WHERE c.initiative_id = @initiativeId AND c.submitted_by = @submittedBy
            ORDER BY c.opened_at
            """, new { initiativeId, submittedBy }, db.Transaction, cancellationToken: ct))).AsList();
}

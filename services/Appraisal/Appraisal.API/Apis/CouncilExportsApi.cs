using System.Text.Json;
using Dapper;
using DoanKetSangTao.Appraisal.API.Domain;
using DoanKetSangTao.Appraisal.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using DoanKetSangTao.Spreadsheets;
using Npgsql;

namespace DoanKetSangTao.Appraisal.API.Apis;

/// <summary>
/// Xuất bảng tính của hội đồng: the results sheet (bảng tổng hợp kết quả thẩm định) for those who run or oversee the
/// council, and a member's scoring sheet (phiếu chấm điểm) for the member and for the secretary and chair. Figures come
/// from the same rules as the aggregate endpoint: submitted sheets of assigned members without a conflict of interest.
/// </summary>
public static class CouncilExportsApi
{
    public static RouteGroupBuilder MapCouncilExportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/councils").WithTags("Hội đồng thẩm định (councils)")
            .RequireRoles(PlatformRoles.CouncilSecretary, PlatformRoles.CouncilMember, PlatformRoles.FrontOfficer, PlatformRoles.Operator);
        api.MapGet("/{id:guid}/results.xlsx", DownloadResults);
        api.MapGet("/{id:guid}/members/{personId:guid}/scoring-sheet.xlsx", DownloadScoringSheet);
        return api;
    }

    /// <summary>
    /// Bảng tổng hợp kết quả: for the current secretary or chair, and the Front officers overseeing the council. Officers see
    /// the scores of a case once it has a result, as with the aggregate endpoint; the secretary and chair see them as they come.
    /// </summary>
    public static async Task<SpreadsheetFileResult> DownloadResults(Guid id, [AsParameters] AppraisalServices s, CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow();
        await using var connection = await s.Db.OpenConnectionAsync(ct);
        var council = await CouncilStore.LoadAsync(connection, id, ct: ct);
        council.EnsureRunBy(s.User, now, orOverseer: true);
        var cases = (await connection.QueryAsync<CaseRow>(new CommandDefinition(
            $"SELECT {CaseStore.Columns} FROM appraisal_cases c WHERE c.council_id = @id ORDER BY c.opened_at, c.id",
            new { id }, cancellationToken: ct))).ToList();
        var assigned = await CaseScoring.AssignmentsAsync(connection, null, id, null, ct);
        var sheets = await CaseScoring.SheetsAsync(connection, null, id, null, null, ct);
        var conflicts = await CaseScoring.ConflictsAsync(connection, null, s.Organizations, council, cases, ct);
        var provisionalShown = council.IsRunBy(s.User, now);
        var viewer = council.TenureOf(s.User, now)?.ToDomain();

        var results = cases.Select(row =>
        {
            var evaluation = CaseScoring.Evaluate(council, row, assigned[row.Id], sheets, conflicts);
            // A secretary or chair conflicted with the case waits for its result like the officers do.
            var shown = (provisionalShown && !(viewer is not null && conflicts.IsConflicted(viewer, row.ToDomain())))
                || row.State is CaseState.Decided or CaseState.Rejected;
            return new CaseResult(row, shown ? evaluation.Aggregate : null, evaluation.Quorum);
        }).ToList();
        var book = CouncilResultsSheet.Build(council, results, provisionalShown, PreparedBy(s.User), now);
        return SpreadsheetResults.Xlsx(book, CouncilResultsSheet.FileName(council, now));
    }

    /// <summary>
    /// Phiếu chấm điểm of a member: for that member (their current tenure) and for the current secretary or chair, who
    /// follow every sheet, drafts included, except on a case they are themselves conflicted with.
    /// </summary>
    public static async Task<SpreadsheetFileResult> DownloadScoringSheet(Guid id, Guid personId, [AsParameters] AppraisalServices s, CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow();
        await using var connection = await s.Db.OpenConnectionAsync(ct);
        var council = await CouncilStore.LoadAsync(connection, id, ct: ct);
        var viewer = council.TenureOf(s.User, now)
            ?? throw AppraisalErrors.Forbidden("council_not_yours",
                $"Chỉ thành viên đương nhiệm của {council.Row.Name} được tải phiếu chấm điểm của mình (Thư ký, Chủ tịch tải được phiếu của mọi thành viên).");
        if (viewer.PersonId != personId && !council.IsRunBy(s.User, now))
        {
            throw AppraisalErrors.Forbidden(AppraisalErrors.ScoreSheetsHidden,
                "Bạn chỉ tải được phiếu chấm điểm của chính mình; phiếu của thành viên khác do Thư ký hoặc Chủ tịch hội đồng tải.");
        }

        // Tenures are ordered by joining, so the last is the member's role now (or when they left).
        var member = council.Tenures.LastOrDefault(t => t.PersonId == personId)
            ?? throw new ProblemException(StatusCodes.Status404NotFound, "member_not_found", "Không tìm thấy thành viên này trong hội đồng.");
        var cases = (await connection.QueryAsync<CaseRow>(new CommandDefinition(
            $"""
            SELECT {CaseStore.Columns} FROM appraisal_cases c JOIN case_assignments a ON a.case_id = c.id
            WHERE c.council_id = @id AND a.person_id = @personId ORDER BY c.opened_at, c.id
            """, new { id, personId }, cancellationToken: ct))).ToList();
        var sheets = (await CaseScoring.SheetsAsync(connection, null, id, null, personId, ct)).ToDictionary(x => x.CaseId);
        var conflicts = await CaseScoring.ConflictsAsync(connection, null, s.Organizations, council, cases, ct);
        var me = viewer.ToDomain();
        var them = member.ToDomain();
        var lines = cases.Select(row =>
        {
            var domainCase = row.ToDomain();
            var sheet = sheets.GetValueOrDefault(row.Id);
            // The viewer's own sheet matters only to plain members, and a plain member here is looking at their own.
            var visible = sheet is not null && ScoreVisibility.CanSee(me, sheet, me.Id == personId ? sheet : null, conflicts.IsConflicted(me, domainCase));
            return new ScoringLine(row, sheet, visible, conflicts.IsConflicted(them, domainCase));
        }).ToList();
        var book = MemberScoringSheet.Build(council, member, lines, PreparedBy(s.User), now);
        return SpreadsheetResults.Xlsx(book, MemberScoringSheet.FileName(council, member, now));
    }

    private static string PreparedBy(CurrentUser user) => user.Name is { Length: > 0 } name ? name : user.Id;
}

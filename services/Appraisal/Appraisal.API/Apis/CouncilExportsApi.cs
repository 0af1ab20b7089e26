using DoanKetSangTao.Appraisal.API.Domain;
using DoanKetSangTao.Appraisal.API.Infrastructure;
using DoanKetSangTao.Domain;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using DoanKetSangTao.Spreadsheets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Appraisal.API.Apis;

/// <summary>
/// Xuất bảng tính của hội đồng (<c>/api/v1/councils/{id}/results.xlsx</c>, <c>…/members/{personId}/scoring-sheet.xlsx</c>): the results sheet (bảng tổng hợp kết quả thẩm định) for those who run or oversee the
/// council, and a member's scoring sheet (phiếu chấm điểm) for the member and for the secretary and chair. Figures come
/// from the same rules as the aggregate endpoint: submitted sheets of assigned members without a conflict of interest.
/// </summary>
public static class CouncilExportsApi
{
    public static RouteGroupBuilder MapCouncilExportsApi(this IEndpointRouteBuilder app)
    {
        var api = AppraisalRoutes.Councils(app);
        api.MapGet("/{id:guid}/results.xlsx", DownloadResults);
        api.MapGet("/{id:guid}/members/{personId:guid}/scoring-sheet.xlsx", DownloadScoringSheet);
        return api;
    }

    /// <summary>Tải bảng tổng hợp kết quả thẩm định của hội đồng (Excel).</summary>
    /// <remarks>
    /// For the current secretary or chair, and the Front officers overseeing the council. Officers see the scores of a case
    /// once it has a result, as with the aggregate endpoint; the secretary and chair see them as they come.
    /// </remarks>
    public static async Task<Results<SpreadsheetFileResult, ProblemHttpResult>> DownloadResults(Guid id, [AsParameters] AppraisalServices s, CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow();
        await using var db = await s.Db.OpenAsync(ct);
        if (await CouncilStore.LoadAsync(db, id, ct) is not { } council)
        {
            return CouncilAccess.NotFound.ToProblem();
        }

        if (council.AccessOf(s.User, now).RefuseRun(orOverseer: true) is { } refusal)
        {
            return refusal.ToProblem();
        }

        var cases = await CaseStore.OfCouncilAsync(db, id, ct);
        var assigned = await ScoringStore.AssignmentsAsync(db, id, null, ct);
        var sheets = await ScoringStore.SheetsAsync(db, id, null, null, ct);
        var conflicts = await ScoringStore.ConflictsAsync(db, s.Organizations, council, cases, ct);
        var provisionalShown = council.IsRunBy(s.User, now);
        var viewer = council.TenureOf(s.User, now)?.ToDomain();

        var results = cases.Select(row =>
        {
            var evaluation = CaseEvaluation.Of(council, row, assigned[row.Id], sheets, conflicts);
            // A secretary or chair conflicted with the case waits for its result like the officers do.
            var shown = (provisionalShown && !(viewer is not null && conflicts.IsConflicted(viewer, row.ToDomain())))
                || row.State is CaseState.Decided or CaseState.Rejected;
            return new CaseResult(row, shown ? evaluation.Aggregate : null, evaluation.Quorum);
        }).ToList();
        var book = CouncilResultsSheet.Build(council, results, provisionalShown, PreparedBy(s.User), now);
        return SpreadsheetResults.Xlsx(book, CouncilResultsSheet.FileName(council, now));
    }

    /// <summary>Tải phiếu chấm điểm của một thành viên hội đồng (Excel).</summary>
    /// <remarks>
    /// For that member (their current tenure) and for the current secretary or chair, who follow every sheet, drafts
    /// included, except on a case they are themselves conflicted with.
    /// </remarks>
    public static async Task<Results<SpreadsheetFileResult, ProblemHttpResult>> DownloadScoringSheet(Guid id, Guid personId, [AsParameters] AppraisalServices s, CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow();
        await using var db = await s.Db.OpenAsync(ct);
        if (await CouncilStore.LoadAsync(db, id, ct) is not { } council)
        {
            return CouncilAccess.NotFound.ToProblem();
        }

        if (council.TenureOf(s.User, now) is not { } viewer)
        {
            return Refusal.Forbidden("council_not_yours",
                $"Chỉ thành viên đương nhiệm của {council.Row.Name} được tải phiếu chấm điểm của mình (Thư ký, Chủ tịch tải được phiếu của mọi thành viên).").ToProblem();
        }

        if (viewer.PersonId != personId && !council.IsRunBy(s.User, now))
        {
            return Refusal.Forbidden(AppraisalRefusals.ScoreSheetsHidden,
                "Bạn chỉ tải được phiếu chấm điểm của chính mình; phiếu của thành viên khác do Thư ký hoặc Chủ tịch hội đồng tải.").ToProblem();
        }

        // Tenures are ordered by joining, so the last is the member's role now (or when they left).
        if (council.Tenures.LastOrDefault(t => t.PersonId == personId) is not { } member)
        {
            return Refusal.NotFound("member_not_found", "Không tìm thấy thành viên này trong hội đồng.").ToProblem();
        }

        var cases = await CaseStore.AssignedToAsync(db, id, personId, ct);
        var sheets = (await ScoringStore.SheetsAsync(db, id, null, personId, ct)).ToDictionary(x => x.CaseId);
        var conflicts = await ScoringStore.ConflictsAsync(db, s.Organizations, council, cases, ct);
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

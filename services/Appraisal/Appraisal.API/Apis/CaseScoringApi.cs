using DoanKetSangTao.Appraisal.API.Domain;
using DoanKetSangTao.Appraisal.API.Infrastructure;
using DoanKetSangTao.Domain;
using DoanKetSangTao.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Appraisal.API.Apis;

/// <summary>
/// Chấm điểm (<c>/api/v1/appraisals/cases/{id}/scores</c>, <c>…/aggregate</c>): members' score sheets, who may see which,
/// and the aggregate the decision rests on.
/// </summary>
public static class CaseScoringApi
{
    public static RouteGroupBuilder MapCaseScoringApi(this IEndpointRouteBuilder app)
    {
        var api = AppraisalRoutes.Cases(app);
        api.MapGet("/{id:guid}/scores", GetScores);
        api.MapPut("/{id:guid}/scores/mine", SaveScores);
        api.MapPost("/{id:guid}/scores/mine/submit", SubmitScores);
        api.MapGet("/{id:guid}/aggregate", GetAggregate);
        return api;
    }

    /// <summary>Phiếu chấm điểm của hồ sơ mà người dùng được xem; phiếu bị ẩn chỉ được đếm.</summary>
    /// <remarks>
    /// One's own always; the others' only once one's own is submitted (the secretary and chair see all; the overseeing
    /// officers after the decision).
    /// </remarks>
    public static async Task<Results<Ok<ScoresResponse>, ProblemHttpResult>> GetScores(Guid id, [AsParameters] AppraisalServices s, CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow();
        await using var db = await s.Db.OpenAsync(ct);
        var opened = await CasesApi.ReadableAsync(db, id, s, ct);
        if (opened.Refused)
        {
            return opened.Refusal.ToProblem();
        }

        var (row, council) = (opened.Row, opened.Council);
        var sheets = await ScoringStore.SheetsAsync(db, row.CouncilId, id, null, ct);
        var scheme = council.Scheme;
        var me = council.TenureOf(s.User, now);
        IEnumerable<ScoreSheet> visible;
        string? notice = null;
        if (me is not null)
        {
            var viewer = me.ToDomain();
            var own = sheets.FirstOrDefault(x => x.MemberId == viewer.Id);
            var conflicted = (await ScoringStore.ConflictsAsync(db, s.Organizations, council, [row], ct)).IsConflicted(viewer, row.ToDomain());
            visible = sheets.Where(x => ScoreVisibility.CanSee(viewer, x, own, conflicted));
            if (own is not { IsSubmitted: true } && !viewer.Role.SeesAllScoreSheets())
            {
                notice = "Bạn cần nộp phiếu chấm điểm của mình trước khi xem phiếu của thành viên khác.";
            }
        }
        else
        {
            visible = row.State == CaseState.Decided ? sheets.Where(x => x.IsSubmitted) : [];
            notice = row.State == CaseState.Decided ? null : "Phiếu chấm điểm được công khai với cán bộ phụ trách sau khi hội đồng ra quyết định.";
        }

        var shown = visible.Select(x => new ScoreSheetResponse(x.MemberId, council.Tenures.Last(t => t.PersonId == x.MemberId).FullName,
            x.IsSubmitted ? "submitted" : "draft", x.Scores, x.Total(scheme.Rubric), x.SubmittedAt)).ToList();
        return TypedResults.Ok(new ScoresResponse(shown, sheets.Count - shown.Count, notice));
    }

    /// <summary>Lưu phiếu chấm của mình: điểm và nhận xét từng tiêu chí, sửa được cho đến khi nộp.</summary>
    /// <remarks>The council's first saved score freezes its rubric and grade bands.</remarks>
    public static Task<Results<Ok<ScoreSheetResponse>, ProblemHttpResult>> SaveScores(Guid id, ScoresRequest request, [AsParameters] AppraisalServices s,
        CancellationToken ct) =>
        // The sheet is checked inside, once the caller is known to be an assigned member (403 before 400).
        ChangeSheetAsync(id, s, "score_saved", (sheet, scheme, _) => request.Scores is { Count: > Rubric.MaxCriteria }
            ? throw Refusal.Invalid("scores", $"Phiếu chấm có tối đa {Rubric.MaxCriteria} tiêu chí.").ToException()
            : sheet.Record(scheme.Rubric, request.Scores), ct);

    /// <summary>Nộp phiếu chấm: mọi tiêu chí đã được chấm; phiếu bị khóa sau khi nộp.</summary>
    public static Task<Results<Ok<ScoreSheetResponse>, ProblemHttpResult>> SubmitScores(Guid id, [AsParameters] AppraisalServices s, CancellationToken ct) =>
        ChangeSheetAsync(id, s, "score_submitted", (sheet, scheme, now) => sheet.Submit(scheme.Rubric, now), ct);

    /// <summary>Kết quả tổng hợp: tổng điểm từng thành viên, điểm trung bình, độ chênh lệch, xếp loại, túc số và đề xuất.</summary>
    public static async Task<Results<Ok<AggregateResponse>, ProblemHttpResult>> GetAggregate(Guid id, [AsParameters] AppraisalServices s, CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow();
        await using var db = await s.Db.OpenAsync(ct);
        var opened = await CasesApi.ReadableAsync(db, id, s, ct);
        if (opened.Refused)
        {
            return opened.Refusal.ToProblem();
        }

        var (row, council) = (opened.Row, opened.Council);
        var me = council.TenureOf(s.User, now);
        var runs = council.IsRunBy(s.User, now);
        var sheets = await ScoringStore.SheetsAsync(db, row.CouncilId, id, null, ct);
        var conflicts = await ScoringStore.ConflictsAsync(db, s.Organizations, council, [row], ct);
        // A secretary or chair with a conflict of interest on the case waits for the decision like everyone else.
        if (runs && row.State != CaseState.Decided && conflicts.IsConflicted(me!.ToDomain(), row.ToDomain()))
        {
            return Refusal.Forbidden(AppraisalRefusals.ScoreSheetsHidden,
                "Bạn có xung đột lợi ích với hồ sơ này nên chỉ xem được kết quả tổng hợp sau khi hội đồng ra quyết định.").ToProblem();
        }

        if (!runs && !(me is null && row.State == CaseState.Decided))
        {
            var own = me is null ? null : sheets.FirstOrDefault(x => x.MemberId == me.PersonId);
            if (own is not { IsSubmitted: true })
            {
                return Refusal.Forbidden(AppraisalRefusals.ScoreSheetsHidden,
                    "Kết quả tổng hợp chỉ xem được sau khi bạn nộp phiếu chấm điểm của mình (hoặc sau khi hội đồng ra quyết định).").ToProblem();
            }
        }

        var assigned = await ScoringStore.AssignmentsAsync(db, row.CouncilId, id, ct);
        return TypedResults.Ok(ToResponse(CaseEvaluation.Of(council, row, assigned[id], sheets, conflicts)));
    }

    internal static AggregateResponse ToResponse(CaseEvaluation e)
    {
        var recommendation = RecognitionDecision.Recommend(e.Aggregate, e.Quorum);
        return new AggregateResponse(e.Aggregate, e.Aggregate.Spread, e.Aggregate.IsLargeDisagreement, e.Quorum, recommendation switch
        {
            Recommendation.Recognize => "recognize",
            Recommendation.DoNotRecognize => "do_not_recognize",
            _ => "await_quorum",
        }, e.Aggregate.Band?.Name, e.Quorum.IsMet);
    }

    private static async Task<Results<Ok<ScoreSheetResponse>, ProblemHttpResult>> ChangeSheetAsync(Guid id, AppraisalServices s, string action,
        Func<ScoreSheet, ScoringScheme, DateTimeOffset, ScoreSheet> change, CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow();
        await using var db = await s.Db.BeginAsync(ct);
        var locked = await CasesApi.LockWithCouncilAsync(db, id, ct);
        if (locked.Refused)
        {
            return locked.Refusal.ToProblem();
        }

        var (row, council) = (locked.Row, locked.Council);
        if (council.TenureOf(s.User, now) is not { } me)
        {
            return Refusal.Forbidden(AppraisalRefusals.MemberNotCurrent, "Bạn không phải thành viên đương nhiệm của hội đồng nên không thể chấm điểm.").ToProblem();
        }

        if (row.Standing.Refuse("chấm điểm", CaseState.Admitted) is { } stateRefusal)
        {
            return stateRefusal.ToProblem();
        }

        var assigned = (await ScoringStore.AssignmentsAsync(db, row.CouncilId, id, ct))[id].ToList();
        var conflicts = await ScoringStore.ConflictsAsync(db, s.Organizations, council, [row], ct);
        var existing = (await ScoringStore.SheetsAsync(db, row.CouncilId, id, me.PersonId, ct)).FirstOrDefault();
        // Opening checks membership, assignment and conflicts; they are checked again on every change, as they can change.
        var opened = ScoreSheet.Open(row.ToDomain(), me.ToDomain(), assigned, conflicts, now);
        var scheme = council.Scheme;
        var sheet = change(existing ?? opened, scheme, now);
        await ScoringStore.SaveSheetAsync(db, row.CouncilId, sheet, now, ct);
        await AuditTrail.RecordAsync(db, row.CouncilId, id, action, s.Actor, new { me.PersonId, sheet.Scores, Total = sheet.Total(scheme.Rubric) }, now, ct);
        await db.CommitAsync(ct);
        return TypedResults.Ok(new ScoreSheetResponse(me.PersonId, me.FullName, sheet.IsSubmitted ? "submitted" : "draft", sheet.Scores,
            sheet.Total(scheme.Rubric), sheet.SubmittedAt));
    }
}

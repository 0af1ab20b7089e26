using DoanKetSangTao.Appraisal.API.Domain;
using DoanKetSangTao.Appraisal.API.Infrastructure;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Domain;
using DoanKetSangTao.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Appraisal.API.Apis;

/// <summary>Quyết định công nhận (<c>/api/v1/appraisals/cases/{id}/decision</c>): the council's decision, once quorum is met.</summary>
public static class CaseDecisionApi
{
    public static RouteGroupBuilder MapCaseDecisionApi(this IEndpointRouteBuilder app)
    {
        var api = AppraisalRoutes.Cases(app);
        api.MapPost("/{id:guid}/decision", Decide);
        return api;
    }

    /// <summary>Ra quyết định công nhận hoặc không công nhận sáng kiến ở cấp của hội đồng.</summary>
    /// <remarks>
    /// After quorum, with the decision's number and date; departing from the scores' recommendation needs a reason. Published
    /// for registration, awards, reporting and notification.
    /// </remarks>
    public static async Task<Results<Ok<CaseResponse>, ProblemHttpResult>> Decide(Guid id, DecisionRequest request, [AsParameters] AppraisalServices s,
        CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow();
        await using var db = await s.Db.BeginAsync(ct);
        var opened = await CasesApi.LockRunAsync(db, id, s, now, ct);
        if (opened.Refused)
        {
            return opened.Refusal.ToProblem();
        }

        var (row, council) = (opened.Row, opened.Council);
        // 403 before 400: the decision is checked only for those who run the council.
        if (request.Recognized is not { } recognized)
        {
            return Refusal.Invalid("recognized", "Vui lòng chọn công nhận hoặc không công nhận.").ToProblem();
        }

        var comment = VietnameseText.TryNormalize(request.PublishedComment, allowNewLines: true);
        if (request.PublishedComment is not null && comment is not { Length: <= RecognitionDecision.ReasonMaxLength })
        {
            return Refusal.Invalid("publishedComment",
                $"Ý kiến công bố cho tác giả dài tối đa {RecognitionDecision.ReasonMaxLength} ký tự, bằng chữ tiếng Việt thông thường.").ToProblem();
        }

        if (row.Standing.Refuse("ra quyết định", CaseState.Admitted) is { } stateRefusal)
        {
            return stateRefusal.ToProblem();
        }

        var result = CaseScoringApi.ToResponse(CaseEvaluation.Of(council, row,
            (await ScoringStore.AssignmentsAsync(db, row.CouncilId, id, ct))[id],
            await ScoringStore.SheetsAsync(db, row.CouncilId, id, null, ct),
            await ScoringStore.ConflictsAsync(db, s.Organizations, council, [row], ct)));
        var decision = RecognitionDecision.Make(council.Council, result.Aggregate, result.Quorum, recognized, request.DecisionNumber, request.DecisionDate,
            request.Reason, now);
        await CaseStore.RecordDecisionAsync(db, row, new DecisionRecord(decision.Recognized, decision.AggregateTotal, decision.Band?.Name,
            decision.DecisionNumber, decision.DecisionDate, comment), now, ct);
        await AuditTrail.RecordAsync(db, row.CouncilId, id, "decided", s.Actor, new
        {
            decision.Recognized, decision.DecisionNumber, decision.DecisionDate, Recommendation = decision.Recommendation.ToString(), decision.Reason,
            decision.AggregateTotal, Grade = decision.Band?.Name, Quorum = result.Quorum.Message, PublishedComment = comment,
        }, now, ct);
        await db.PublishAsync(new AppraisalDecisionMade(Guid.CreateVersion7(), now, id, row.CouncilId, council.Row.Level, row.InitiativeId,
            decision.Recognized, decision.AggregateTotal, decision.Band?.Name, decision.DecisionNumber, decision.DecisionDate, comment, row.CampaignId,
            row.ProvinceCode, row.CommuneCode, row.Title), ct);
        await db.CommitAsync(ct);
        return TypedResults.Ok(await CasesApi.ReloadAsync(db, id, council, ct));
    }
}

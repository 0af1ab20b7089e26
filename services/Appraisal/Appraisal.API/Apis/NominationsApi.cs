using DoanKetSangTao.Appraisal.API.Domain;
using DoanKetSangTao.Appraisal.API.Infrastructure;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Domain;
using DoanKetSangTao.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Appraisal.API.Apis;

/// <summary>Đề cử lên cấp trên (<c>/api/v1/councils/{id}/nominations</c>): recognized cases go one level up, within the quota.</summary>
public static class NominationsApi
{
    public static RouteGroupBuilder MapNominationsApi(this IEndpointRouteBuilder app)
    {
        var api = AppraisalRoutes.Councils(app);
        api.MapPost("/{id:guid}/nominations", Nominate);
        return api;
    }

    /// <summary>Đề cử các sáng kiến đã được công nhận lên Hội đồng cấp trên.</summary>
    /// <remarks>
    /// Recognized cases go to the council of the next level covering them, within the quota; each becomes a case there with
    /// this council's result attached, and registration and the authors are told.
    /// </remarks>
    public static async Task<Results<Ok<List<NominationResponse>>, ProblemHttpResult>> Nominate(Guid id, NominateRequest request,
        [AsParameters] AppraisalServices s, CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow();
        await using var db = await s.Db.BeginAsync(ct);
        if (await CouncilStore.LockAsync(db, id, ct) is not { } council)
        {
            return CouncilAccess.NotFound.ToProblem();
        }

        if (council.AccessOf(s.User, now).RefuseRun() is { } refusal)
        {
            return refusal.ToProblem();
        }

        // 403 before 400: the list is checked only for those who run the council.
        if (request.CaseIds is not { Count: > 0 and <= AppraisalRoutes.MaxCasesPerRequest } caseIds)
        {
            return Refusal.Invalid("caseIds", $"Vui lòng chọn từ 1 đến {AppraisalRoutes.MaxCasesPerRequest} hồ sơ để đề cử.").ToProblem();
        }

        var already = await CaseStore.CountNominatedAsync(db, id, ct);
        var result = new List<NominationResponse>();
        foreach (var caseId in caseIds.Distinct())
        {
            if (await CaseStore.LockAsync(db, caseId, ct) is not { } row)
            {
                return CaseStanding.NotFound.ToProblem();
            }

            if (row.CouncilId != id)
            {
                return Refusal.NotFound("case_not_found", "Hồ sơ không thuộc hội đồng này.").ToProblem();
            }

            if (row.Standing.Refuse("đề cử hồ sơ chưa có quyết định công nhận", CaseState.Decided) is { } stateRefusal)
            {
                return stateRefusal.ToProblem();
            }

            if (row.NominatedToCaseId is not null)
            {
                return Refusal.Conflict("case_already_nominated", $"Hồ sơ \"{row.Title}\" đã được đề cử lên cấp trên.").ToProblem();
            }

            var decision = RecognitionDecision.Restore(row.Id, id, council.Level, row.Recognized == true, row.DecisionNumber ?? string.Empty,
                DateOnly.FromDateTime(row.DecisionDate ?? now.UtcDateTime), Recommendation.Recognize, null, row.AggregateTotal, null);
            var nomination = Nomination.Create(council.Council, decision, council.Level.Above() ?? council.Level, already);
            if (await CouncilStore.FindAboveAsync(db, council.Row, nomination.ToLevel, row.ProvinceCode, ct) is not { } upperId)
            {
                return Refusal.Unprocessable("upper_council_missing",
                    $"Chưa có Hội đồng thẩm định {nomination.ToLevel.VietnameseName()} để nhận đề cử. Vui lòng đề nghị Ủy ban MTTQ cấp trên thành lập hội đồng trước.").ToProblem();
            }

            var upperCaseId = Guid.CreateVersion7();
            var lower = new
            {
                CouncilId = id, council.Row.Name, Level = council.Row.Level, row.AggregateTotal, row.Grade, row.DecisionNumber,
                DecisionDate = row.DecisionDate is { } d ? DateOnly.FromDateTime(d) : (DateOnly?)null, row.PublishedComment,
            };
            if (!await CaseStore.NominateAsync(db, caseId, upperCaseId, upperId, lower, now, ct))
            {
                return Refusal.Conflict("case_already_nominated", $"Hội đồng cấp trên đã có hồ sơ của sáng kiến \"{row.Title}\".").ToProblem();
            }

            already++;
            var toLevel = nomination.ToLevel.Code();
            await AuditTrail.RecordAsync(db, id, caseId, "nominated", s.Actor, new { UpperCouncilId = upperId, UpperCaseId = upperCaseId, ToLevel = toLevel }, now, ct);
            await AuditTrail.RecordAsync(db, upperId, upperCaseId, "case_opened", s.Actor, new { NominatedFromCaseId = caseId, FromCouncilId = id }, now, ct);
            await db.PublishAsync(new InitiativeNominated(Guid.CreateVersion7(), now, caseId, id, council.Row.Level, toLevel, row.InitiativeId, upperId), ct);
            await CaseAnnouncement.PublishOpenedAsync(db, upperCaseId, upperId, row.InitiativeId, row.DossierVersion, row.Title, now, ct, council.Row.Level);
            result.Add(new NominationResponse(caseId, upperCaseId, upperId, toLevel));
        }

        await db.CommitAsync(ct);
        return TypedResults.Ok(result);
    }
}

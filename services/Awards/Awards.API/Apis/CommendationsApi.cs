using DoanKetSangTao.Domain;
using DoanKetSangTao.Awards.API.Domain;
using DoanKetSangTao.Awards.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Awards.API.Apis;

public static class CommendationsApi
{
    public static RouteGroupBuilder MapCommendationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/commendations").WithTags("Khen thưởng (commendations)");
        api.MapGet("/candidates", ListCandidates).RequireRoles(PlatformRoles.FrontOfficer);
        return api;
    }

    /// <summary>
    /// Danh sách đề nghị khen thưởng, quyết định mới nhất trước. Without a province, the caller's own reach (the centre:
    /// the whole country); with one, that province if the caller's scope covers it. A commune officer sees the
    /// candidates of their commune only, at every level they were recognized at.
    /// </summary>
    public static async Task<Results<Ok<CandidatesPage>, ProblemHttpResult>> ListCandidates(
        Guid? campaignId, string? provinceCode, string? level, string? cursor, int? limit, CommendationCandidateStore candidates, CurrentUser user)
    {
        if (user.Scope is not { } scope)
        {
            return CandidateListing.OutsideScope.ToProblem();
        }

        string? province = scope.ProvinceCode, commune = scope.CommuneCode;
        if (provinceCode is not null)
        {
            if (!user.TryGetAreaFilter(provinceCode, out commune))
            {
                return CandidateListing.OutsideScope.ToProblem();
            }

            province = provinceCode;
        }

        if (!CandidateListing.TryRead(campaignId, province, commune, level, cursor, limit, out var filter, out var refusal))
        {
            return refusal.ToProblem();
        }

        var (rows, types) = await candidates.ListAsync(filter);
        var page = rows.Take(filter.Take).Select(r => new CommendationCandidateResponse(
            r.InitiativeId, r.Title, r.Level, r.CampaignId, r.ProvinceCode, r.CommuneCode, r.CaseId, r.DecisionNumber,
            r.DecisionDate, r.AggregateScore, r.Grade,
            AwardEligibility.For(r.Level, types).Select(t => new EligibleAwardType(t.Code, t.Name)).ToList())).ToList();
        var next = rows.Count > filter.Take ? rows[filter.Take - 1].Cursor.Encode() : null;
        return TypedResults.Ok(new CandidatesPage(page, next));
    }
}

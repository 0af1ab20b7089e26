using DoanKetSangTao.Appraisal.API.Domain;
using DoanKetSangTao.Appraisal.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Appraisal.API.Apis;

/// <summary>Bộ tiêu chí và thang xếp loại (<c>/api/v1/councils/{id}/scheme</c>): set by the secretary or chair until the first score.</summary>
public static class CouncilSchemeApi
{
    public static RouteGroupBuilder MapCouncilSchemeApi(this IEndpointRouteBuilder app)
    {
        var api = AppraisalRoutes.Councils(app);
        api.MapPut("/{id:guid}/scheme", SetScheme);
        return api;
    }

    /// <summary>Đặt bộ tiêu chí chấm điểm và thang xếp loại của hội đồng.</summary>
    /// <remarks>Replaced until the first score is given, frozen after. New criteria without bands get the default bands for their maximum.</remarks>
    public static async Task<Results<Ok<CouncilResponse>, ProblemHttpResult>> SetScheme(Guid id, SchemeRequest request, [AsParameters] AppraisalServices s, CancellationToken ct)
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

        var scheme = council.Scheme;
        if (request.Criteria is not null)
        {
            var rubric = Rubric.Create(request.Criteria);
            // New criteria change the maximum: bands given with them are fitted to it, otherwise the defaults for it.
            scheme = scheme.IsFrozen ? scheme.WithRubric(rubric)
                : ScoringScheme.Create(rubric, request.Bands is null ? GradeBands.DefaultFor(rubric.MaxTotal) : GradeBands.Create(request.Bands, rubric.MaxTotal));
        }
        else if (request.Bands is not null)
        {
            scheme = scheme.WithBands(GradeBands.Create(request.Bands, scheme.Rubric.MaxTotal));
        }

        await CouncilStore.SaveSchemeAsync(db, id, scheme, ct);
        await AuditTrail.RecordAsync(db, id, null, "scheme_changed", s.Actor, new { scheme.Rubric.Criteria, scheme.Bands.Bands }, now, ct);
        await db.CommitAsync(ct);
        return TypedResults.Ok(await CouncilsApi.ReloadAsync(db, id, ct));
    }
}

using DoanKetSangTao.Appraisal.API.Domain;
using DoanKetSangTao.Appraisal.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Appraisal.API.Apis;

/// <summary>Tiến độ chấm (<c>/api/v1/councils/{id}/progress</c>): per case and per member.</summary>
public static class CouncilProgressApi
{
    public static RouteGroupBuilder MapCouncilProgressApi(this IEndpointRouteBuilder app)
    {
        var api = AppraisalRoutes.Councils(app);
        api.MapGet("/{id:guid}/progress", GetProgress);
        return api;
    }

    /// <summary>Tiến độ chấm điểm của hội đồng, theo hồ sơ (ví dụ 3/5 đã chấm) và theo thành viên.</summary>
    /// <remarks>Members see only the cases assigned to them; the secretary, chair and the overseeing Front officers see all.</remarks>
    public static async Task<Results<Ok<ProgressResponse>, ProblemHttpResult>> GetProgress(Guid id, string? state, [AsParameters] AppraisalServices s, CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow();
        await using var db = await s.Db.OpenAsync(ct);
        if (await CouncilStore.LoadAsync(db, id, ct) is not { } council)
        {
            return CouncilAccess.NotFound.ToProblem();
        }

        if (council.AccessOf(s.User, now).RefuseRead() is { } refusal)
        {
            return refusal.ToProblem();
        }

        var seesAll = council.IsRunBy(s.User, now) || council.IsOverseenBy(s.User);
        var me = council.TenureOf(s.User, now)?.PersonId;
        var cases = (await CaseQueries.ProgressAsync(db, id, state, seesAll, me, ct))
            .Select(c => c with { StateName = CaseState.NameOf(c.State), Progress = $"{c.Submitted}/{c.Assigned}" })
            .ToList();
        var members = (await CaseQueries.MemberLoadsAsync(db, id, seesAll, me, ct))
            .Select(m => new MemberProgress(m.PersonId, council.Tenures.Last(t => t.PersonId == m.PersonId).FullName, m.Assigned, m.Submitted, $"{m.Submitted}/{m.Assigned}"))
            .OrderBy(m => m.FullName, StringComparer.Create(VietnameseText.Culture, false))
            .ToList();
        return TypedResults.Ok(new ProgressResponse(cases, members));
    }
}

using DoanKetSangTao.Domain;
using DoanKetSangTao.Appraisal.API.Domain;
using DoanKetSangTao.Appraisal.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Appraisal.API.Apis;

/// <summary>Kết quả thẩm định for authors (<c>/api/v1/appraisals/outcomes</c>), tagged with the cases it reports on.</summary>
public static class OutcomesApi
{
    public static RouteGroupBuilder MapOutcomesApi(this IEndpointRouteBuilder app)
    {
        var api = AppraisalRoutes.Appraisals(app, AppraisalRoutes.CasesTag);
        api.MapGet("/outcomes", GetOutcomes).RequireRoles(PlatformRoles.Author);
        return api;
    }

    /// <summary>Kết quả thẩm định sáng kiến của tác giả: kết quả và ý kiến mỗi hội đồng công bố, không bao giờ có điểm của thành viên.</summary>
    public static async Task<Ok<List<OutcomeResponse>>> GetOutcomes(Guid initiativeId, [AsParameters] AppraisalServices s, CancellationToken ct)
    {
        await using var db = await s.Db.OpenAsync(ct);
        var rows = await CaseQueries.OutcomesAsync(db, initiativeId, s.User.Id, ct);
        return TypedResults.Ok(rows.Select(r => new OutcomeResponse(r.CaseId, r.Name, CouncilLevels.Parse(r.Level).VietnameseName(), r.State, CaseState.NameOf(r.State),
            r.State is CaseState.Decided or CaseState.Rejected ? r.Recognized : null,
            r.State == CaseState.Decided ? r.Total : null, r.State == CaseState.Decided ? r.Grade : null, r.Number,
            r.Date, r.Comment, r.Nominated)).ToList());
    }
}

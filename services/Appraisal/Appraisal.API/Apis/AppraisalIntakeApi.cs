using DoanKetSangTao.Messaging;
using DoanKetSangTao.Appraisal.API.Infrastructure;
using DoanKetSangTao.Domain;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Appraisal.API.Apis;

/// <summary>
/// Tiếp nhận (<c>/api/v1/appraisals/intake</c>, <c>/api/v1/appraisals/dossiers</c>): what appraisal received in an area,
/// before any council takes it up. The cases are <see cref="CasesApi"/>; the authors' outcomes <see cref="OutcomesApi"/>.
/// </summary>
public static class AppraisalIntakeApi
{
    public static RouteGroupBuilder MapAppraisalIntakeApi(this IEndpointRouteBuilder app)
    {
        var api = AppraisalRoutes.Appraisals(app, "Thẩm định (appraisals)");
        api.MapGet("/intake", ListIntake).RequireRoles(PlatformRoles.CouncilSecretary, PlatformRoles.FrontOfficer);
        api.MapGet("/dossiers", ListReceivedDossiers).RequireRoles(PlatformRoles.CouncilSecretary, PlatformRoles.FrontOfficer);
        return api;
    }

    /// <summary>Sáng kiến đã tiếp nhận để thẩm định trong một tỉnh; cán bộ cấp xã chỉ xem được của xã mình.</summary>
    public static async Task<Results<Ok<List<IntakeRecordResponse>>, ProblemHttpResult>> ListIntake(
        string provinceCode, Guid? campaignId, ServiceDatabase database, CurrentUser user, CancellationToken ct)
    {
        if (!user.TryGetAreaFilter(provinceCode, out var commune))
        {
            return OutsideScope.ToProblem();
        }

        await using var db = await database.OpenAsync(ct);
        return TypedResults.Ok(await IntakeQueries.InitiativesAsync(db, provinceCode, commune, campaignId, ct));
    }

    /// <summary>Hồ sơ đã tiếp nhận: các phiên bản hồ sơ đã nộp trong một tỉnh; cán bộ cấp xã chỉ xem được của xã mình.</summary>
    public static async Task<Results<Ok<List<ReceivedDossierResponse>>, ProblemHttpResult>> ListReceivedDossiers(
        string provinceCode, Guid? campaignId, ServiceDatabase database, CurrentUser user, CancellationToken ct)
    {
        if (!user.TryGetAreaFilter(provinceCode, out var commune))
        {
            return OutsideScope.ToProblem();
        }

        await using var db = await database.OpenAsync(ct);
        return TypedResults.Ok(await IntakeQueries.DossiersAsync(db, provinceCode, commune, campaignId, ct));
    }

    private static Refusal OutsideScope => Refusal.Forbidden("appraisal_outside_scope", "Bạn chỉ được xem hồ sơ thẩm định của địa bàn mình phụ trách.");
}

using DoanKetSangTao.Awards.API.Domain;
using DoanKetSangTao.Awards.API.Infrastructure;
using DoanKetSangTao.Domain;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Awards.API.Apis;

/// <summary>Một hình thức khen thưởng: its code, name, issuing level ("any": every level), whom it goes to and its amount.</summary>
public sealed record AwardTypeResponse(
    string Code, string Name, string Level, string Description, bool ForIndividuals, bool ForCollectives, decimal? Amount, bool Active,
    DateTime? RetiredAt);

/// <summary>A new award type, or the new wording of one (code and level never change).</summary>
public sealed record AwardTypeRequest(
    string? Code, string? Name, string? Level, string? Description, bool? ForIndividuals, bool? ForCollectives, decimal? Amount);

public static class AwardTypesApi
{
    public static RouteGroupBuilder MapAwardTypesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/award-types").WithTags("Hình thức khen thưởng (award types)");
        // Every signed-in person may read the forms of commendation; operators and central Front officers keep them.
        api.MapGet("/", ListAwardTypes).RequireAuthorization();
        api.MapPost("/", CreateAwardType).RequireRoles(PlatformRoles.Operator, PlatformRoles.FrontOfficer);
        api.MapPut("/{code}", UpdateAwardType).RequireRoles(PlatformRoles.Operator, PlatformRoles.FrontOfficer);
        api.MapPost("/{code}/retire", RetireAwardType).RequireRoles(PlatformRoles.Operator, PlatformRoles.FrontOfficer);
        return api;
    }

    /// <summary>Các hình thức khen thưởng đang áp dụng, theo thứ tự mã; <c>includeRetired=true</c> thêm các hình thức đã ngừng.</summary>
    public static async Task<Ok<List<AwardTypeResponse>>> ListAwardTypes(bool? includeRetired, AwardTypeStore awardTypes, CancellationToken ct)
    {
        var types = await awardTypes.ListAsync(includeRetired ?? false, ct);
        return TypedResults.Ok(types.Select(ToResponse).ToList());
    }

    /// <summary>Thêm hình thức khen thưởng (cán bộ vận hành, cán bộ Mặt trận Trung ương).</summary>
    public static async Task<Results<Created<AwardTypeResponse>, ProblemHttpResult>> CreateAwardType(
        AwardTypeRequest? request, AwardTypeStore awardTypes, CurrentUser user, CancellationToken ct)
    {
        if (!IsKeeper(user))
        {
            return AwardTypeCatalogue.NotKeeper.ToProblem();
        }

        if (!AwardTypeCatalogue.TryRead(request?.Code, request?.Name, request?.Level, request?.Description, request?.ForIndividuals,
                request?.ForCollectives, request?.Amount, out var draft, out var refusal))
        {
            return refusal.ToProblem();
        }

        await awardTypes.CreateAsync(draft, user.Id, ct);
        return TypedResults.Created($"/api/v1/award-types/{draft.Code}", ToResponse((await awardTypes.FindAsync(draft.Code, ct))!));
    }

    /// <summary>Sửa tên, mô tả, đối tượng, mức tiền của một hình thức; mã và cấp không đổi.</summary>
    public static async Task<Results<Ok<AwardTypeResponse>, ProblemHttpResult>> UpdateAwardType(
        string code, AwardTypeRequest? request, AwardTypeStore awardTypes, CurrentUser user, CancellationToken ct)
    {
        if (!IsKeeper(user))
        {
            return AwardTypeCatalogue.NotKeeper.ToProblem();
        }

        if (!AwardTypeCatalogue.TryRead(code, request?.Name, request?.Level, request?.Description, request?.ForIndividuals,
                request?.ForCollectives, request?.Amount, out var draft, out var refusal))
        {
            return refusal.ToProblem();
        }

        await awardTypes.UpdateAsync(draft, user.Id, ct);
        return TypedResults.Ok(ToResponse((await awardTypes.FindAsync(code, ct))!));
    }

    /// <summary>Ngừng áp dụng một hình thức: không dùng cho đợt hay quyết định mới; các quyết định cũ vẫn giữ.</summary>
    public static async Task<Results<Ok<AwardTypeResponse>, ProblemHttpResult>> RetireAwardType(
        string code, AwardTypeStore awardTypes, CurrentUser user, CancellationToken ct)
    {
        if (!IsKeeper(user))
        {
            return AwardTypeCatalogue.NotKeeper.ToProblem();
        }

        await awardTypes.RetireAsync(code, user.Id, ct);
        return TypedResults.Ok(ToResponse((await awardTypes.FindAsync(code, ct))!));
    }

    /// <summary>An operator, or a Front officer of the centre: a province officer reads the list but does not change it.</summary>
    private static bool IsKeeper(CurrentUser user) =>
        user.IsInRole(PlatformRoles.Operator) || (user.IsInRole(PlatformRoles.FrontOfficer) && user.Scope?.Level == AdministrativeLevel.Central);

    private static AwardTypeResponse ToResponse(AwardTypeRow t) =>
        new(t.Code, t.Name, t.Level, t.Description, t.ForIndividuals, t.ForCollectives, t.Amount, t.Active, t.RetiredAt);
}

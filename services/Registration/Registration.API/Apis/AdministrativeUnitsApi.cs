using DoanKetSangTao.Messaging;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Registration.API.Domain;
using DoanKetSangTao.Registration.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Registration.API.Apis;

/// <summary>Đơn vị hành chính, <c>/api/v1/administrative-units</c>: the catalog as data, retired and merged without losing history.</summary>
public static class AdministrativeUnitsApi
{
    public static RouteGroupBuilder MapAdministrativeUnitsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/administrative-units").WithTags("Đơn vị hành chính (administrative units)");
        api.MapGet("/", ListAdministrativeUnits);
        api.MapGet("/{code}", GetAdministrativeUnit);
        api.MapPost("/", CreateAdministrativeUnit).RequireRoles(PlatformRoles.Operator);
        api.MapPost("/{code}/retire", RetireAdministrativeUnit).RequireRoles(PlatformRoles.Operator);
        return api;
    }

    /// <summary>Provinces (no parameter) or the communes of one province; retired units only when asked for.</summary>
    public static async Task<Ok<List<AdministrativeUnitResponse>>> ListAdministrativeUnits(
        string? provinceCode, bool? includeRetired, AdministrativeUnitStore units, CancellationToken ct) =>
        TypedResults.Ok((await units.ListAsync(provinceCode, includeRetired == true, ct)).Select(AdministrativeUnitResponse.From).ToList());

    /// <summary>Xem một đơn vị hành chính theo mã, kể cả đơn vị đã giải thể, sáp nhập.</summary>
    public static async Task<Results<Ok<AdministrativeUnitResponse>, ProblemHttpResult>> GetAdministrativeUnit(
        string code, AdministrativeUnitStore units, CancellationToken ct) =>
        await units.FindAsync(code, ct) is { } unit
            ? TypedResults.Ok(AdministrativeUnitResponse.From(unit))
            : RegistrationRefusals.AdministrativeUnitNotFound.ToProblem();

    /// <summary>Thêm đơn vị hành chính: a unit created by a reorganization, before the shipped list catches up.</summary>
    public static async Task<Results<Created<AdministrativeUnitResponse>, ProblemHttpResult>> CreateAdministrativeUnit(
        CreateAdministrativeUnitRequest request, AdministrativeUnitStore units, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var name = VietnameseText.TryNormalize(request.Name);
        var unitType = VietnameseText.TryNormalize(request.UnitType);
        var province = request.Level == "province";
        if (request.Level is not ("province" or "commune"))
        {
            errors.Add("level", "Cấp đơn vị phải là province (tỉnh/thành phố) hoặc commune (xã/phường/đặc khu).");
        }
        else if (request.Code is null || request.Code.Length != (province ? 2 : 5) || !request.Code.All(char.IsAsciiDigit))
        {
            errors.Add("code", province ? "Mã tỉnh/thành phố gồm 2 chữ số." : "Mã xã/phường gồm 5 chữ số.");
        }

        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            errors.Add("name", "Vui lòng nhập tên đơn vị hành chính (tối đa 200 ký tự).");
        }

        if (string.IsNullOrEmpty(unitType) || unitType.Length > 50)
        {
            errors.Add("unitType", "Vui lòng nhập loại đơn vị (Tỉnh, Thành phố, Xã, Phường, Đặc khu).");
        }

        if (errors.ToRefusal() is { } invalid)
        {
            return invalid.ToProblem();
        }

        if (!province && !await units.IsCurrentProvinceAsync(request.ParentCode, ct))
        {
            return Refusal.Invalid("parentCode", "Xã/phường phải thuộc một tỉnh/thành phố hiện hành.").ToProblem();
        }

        if (!await units.CreateAsync(request.Code!, name!, request.Level!, unitType!, province ? null : request.ParentCode, ct))
        {
            return RegistrationRefusals.AdministrativeUnitExists.ToProblem();
        }

        return TypedResults.Created($"/api/v1/administrative-units/{request.Code}", AdministrativeUnitResponse.From((await units.FindAsync(request.Code!, ct))!));
    }

    /// <summary>
    /// Giải thể / sáp nhập: the unit is retired (optionally merged into another of the same level). Records filed
    /// under it keep its code; lists and scopes of the unit it merged into include them.
    /// </summary>
    public static async Task<Results<Ok<AdministrativeUnitResponse>, ProblemHttpResult>> RetireAdministrativeUnit(
        string code, RetireAdministrativeUnitRequest request, ServiceDatabase db, AdministrativeUnitStore units, CancellationToken ct)
    {
        var reason = VietnameseText.TryNormalize(request.Reason, allowNewLines: true);
        if (string.IsNullOrEmpty(reason) || reason.Length > 1000)
        {
            return Refusal.Invalid("reason", "Vui lòng nêu căn cứ (ví dụ số nghị quyết sắp xếp đơn vị hành chính).").ToProblem();
        }

        await using var transaction = await db.BeginAsync(ct);
        if (await units.LockAsync(transaction, code, ct) is not { } unit)
        {
            return RegistrationRefusals.AdministrativeUnitNotFound.ToProblem();
        }

        if (unit.RetiredAt is not null)
        {
            return RegistrationRefusals.AdministrativeUnitRetired.ToProblem();
        }

        if (request.MergedIntoCode is { } target && (await units.CurrentLevelAsync(transaction, target, ct) != unit.Level || target == code))
        {
            return Refusal.Invalid("mergedIntoCode", "Đơn vị tiếp nhận phải là một đơn vị hiện hành khác, cùng cấp.").ToProblem();
        }

        await units.RetireAsync(transaction, code, request.MergedIntoCode, reason, ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(AdministrativeUnitResponse.From((await units.FindAsync(code, ct, transaction))!));
    }
}

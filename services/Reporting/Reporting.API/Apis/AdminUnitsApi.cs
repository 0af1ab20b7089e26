using System.Globalization;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Reporting.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Reporting.API.Apis;

/// <summary>Một đơn vị hành chính trong một thời kỳ hiệu lực (validTo exclusive, null = in force today); dates dd/MM/yyyy.</summary>
public sealed record AdminUnitResponse(string Code, string Level, string Name, string? UnitType, string? ParentCode, string ValidFrom, string? ValidTo)
{
    public static AdminUnitResponse From(AdminUnitRow u) =>
        new(u.Code, u.Level, u.Name, u.UnitType, u.ParentCode, AdminUnitsApi.Format(u.ValidFrom), u.ValidTo is { } to ? AdminUnitsApi.Format(to) : null);
}

/// <summary>Các đơn vị có hiệu lực vào một ngày.</summary>
public sealed record AdminUnitListResponse(string At, string Level, string? ParentCode, int Count, IReadOnlyList<AdminUnitResponse> Units);

/// <summary>Một đơn vị khác mà đơn vị tiền thân cũng đã nhập vào (a split unit's other successors).</summary>
public sealed record AdminUnitRef(string Code, string Name);

/// <summary>
/// Đơn vị tiền thân: an old unit that went (wholly or in part) into this one. <c>ReceivesFigures</c>: its figures roll into
/// this unit (this unit is its primary successor); <c>Split</c>: it was divided, and <c>OtherSuccessors</c> name the rest.
/// </summary>
public sealed record PredecessorResponse(string Code, string Name, string ValidFrom, string EffectiveOn, string? Resolution,
    bool ReceivesFigures, bool Split, IReadOnlyList<AdminUnitRef> OtherSuccessors);

/// <summary>Đơn vị kế thừa: where this unit went when it was retired, and whether its figures go there.</summary>
public sealed record SuccessorResponse(string Code, string Name, string EffectiveOn, string? Resolution, bool ReceivesFigures);

/// <summary>
/// Lịch sử địa giới của một đơn vị: its predecessors (whose figures it receives, and which were split) and successors,
/// with the rule that attributes a split unit's figures, in Vietnamese.
/// </summary>
public sealed record AdminUnitLineageResponse(AdminUnitResponse Unit, string Rule, IReadOnlyList<PredecessorResponse> Predecessors, IReadOnlyList<SuccessorResponse> Successors);

/// <summary>Quy số liệu: a figure filed under this code on this day counts, today, under <c>RollsInto</c>.</summary>
public sealed record AttributionResponse(string Level, string Code, string FiledOn, string RollsInto, string RollsIntoName);

/// <summary>
/// Địa giới hành chính theo thời gian, <c>/api/v1/reports/admin-units</c>: the units in force on a day, a unit's
/// children, its lineage (the reader is shown the split-commune rule), and where a figure rolls into. The hierarchy is
/// public reference data, not figures: every officer and statistics integration reads all of it, whatever their area.
/// </summary>
public static class AdminUnitsApi
{
    /// <summary>Shown with every lineage: the rule of docs/reporting.md, "Địa giới hành chính theo thời gian".</summary>
    public const string SplitRule =
        "Số liệu không bao giờ bị chia nhỏ (mỗi sáng kiến được tính nguyên vẹn). Số liệu của một đơn vị cũ bị chia cho nhiều đơn vị mới "
        + "được tính trọn cho MỘT đơn vị kế thừa chính: đơn vị giữ mã của đơn vị cũ; nếu không có, đơn vị mang tên của đơn vị cũ; "
        + "nếu vẫn không có, đơn vị có mã nhỏ nhất.";

    public static RouteGroupBuilder MapAdminUnitsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/reports/admin-units").WithTags("Địa giới hành chính (administrative hierarchy)").RejectUnknownQueryParameters()
            .RequireRolesOrClientScope(PlatformScopes.StatisticsRead, PlatformRoles.FrontOfficer, PlatformRoles.Operator);
        api.MapGet("/", ListInForce);
        api.MapGet("/attribution", Attribute);
        api.MapGet("/{level}/{code}/children", Children);
        api.MapGet("/{level}/{code}/lineage", Lineage);
        return api;
    }

    /// <summary>
    /// Các đơn vị có hiệu lực vào ngày <c>at</c> (dd/MM/yyyy or yyyy-MM-dd; today in Vietnam when absent): provinces by default,
    /// or the units of <c>level</c>, only those under <c>parentCode</c> when given.
    /// </summary>
    public static async Task<Results<Ok<AdminUnitListResponse>, ProblemHttpResult>> ListInForce(
        string? at, string? level, string? parentCode, AdminUnitStore units, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var on = ParseDay(at, "at", clock, errors);
        level ??= "province";
        CheckLevel(level, "level", errors);
        if (parentCode is not null && !IsCode(parentCode))
        {
            errors.Add("parentCode", "Mã đơn vị cấp trên gồm 2 hoặc 3 chữ số.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToRefusal()!.ToProblem();
        }

        var rows = await units.InForceAsync(on, level, parentCode, ct);
        return TypedResults.Ok(new AdminUnitListResponse(Format(on), level, parentCode, rows.Count, rows.Select(AdminUnitResponse.From).ToList()));
    }

    /// <summary>Các đơn vị trực thuộc một đơn vị vào ngày <c>at</c> (a 2024 province: its districts; a district or a 2025 province: its communes).</summary>
    public static async Task<Results<Ok<AdminUnitListResponse>, ProblemHttpResult>> Children(
        string level, string code, string? at, AdminUnitStore units, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var on = ParseDay(at, "at", clock, errors);
        CheckLevel(level, "level", errors);
        if (!errors.IsEmpty)
        {
            return errors.ToRefusal()!.ToProblem();
        }

        if (await units.FindAsync(level, code, on, ct) is null)
        {
            return NotInForce(code, on).ToProblem();
        }

        var childLevel = level == "commune" ? null : level == "district" ? "commune" : (await units.InForceAsync(on, "district", code, ct)).Count > 0 ? "district" : "commune";
        var rows = childLevel is null ? [] : await units.InForceAsync(on, childLevel, code, ct);
        return TypedResults.Ok(new AdminUnitListResponse(Format(on), childLevel ?? "commune", code, rows.Count, rows.Select(AdminUnitResponse.From).ToList()));
    }

    /// <summary>
    /// Lịch sử địa giới: the unit in force on <c>at</c>, the old units that went into it (flagging those split between
    /// several, naming their other successors, and whether their figures come here) and the units it went into.
    /// </summary>
    public static async Task<Results<Ok<AdminUnitLineageResponse>, ProblemHttpResult>> Lineage(
        string level, string code, string? at, AdminUnitStore units, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var on = ParseDay(at, "at", clock, errors);
        CheckLevel(level, "level", errors);
        if (!errors.IsEmpty)
        {
            return errors.ToRefusal()!.ToProblem();
        }

        if (await units.FindAsync(level, code, on, ct) is not { } unit)
        {
            return NotInForce(code, on).ToProblem();
        }

        var predecessors = await units.PredecessorsAsync(unit, ct);
        var others = predecessors.SelectMany(p => p.Successors).Where(c => c != unit.Code).Distinct().ToList();
        var names = await units.NamesAsync(level, others, unit.ValidFrom, ct);
        var successors = await units.SuccessorsAsync(unit, ct);
        return TypedResults.Ok(new AdminUnitLineageResponse(AdminUnitResponse.From(unit), SplitRule,
            predecessors.Select(p => new PredecessorResponse(p.Code, p.Name, Format(p.ValidFrom), Format(p.EffectiveOn), p.Resolution, p.Primary,
                p.Successors.Length > 1, p.Successors.Where(c => c != unit.Code).Select(c => new AdminUnitRef(c, names.GetValueOrDefault(c, c))).ToList())).ToList(),
            successors.Select(s => new SuccessorResponse(s.Code, s.Name, Format(s.EffectiveOn), s.Resolution, s.Primary)).ToList()));
    }

    /// <summary>Quy số liệu về đơn vị hiện hành: the unit in force today that a figure filed under <c>code</c> on <c>filedOn</c> counts under.</summary>
    public static async Task<Results<Ok<AttributionResponse>, ProblemHttpResult>> Attribute(
        string? level, string? code, string? filedOn, AdminUnitStore units, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var on = ParseDay(filedOn, "filedOn", clock, errors);
        level ??= "commune";
        if (level is not ("province" or "commune"))
        {
            errors.Add("level", "Cấp đơn vị là province (tỉnh) hoặc commune (xã).");
        }

        if (code is null || !IsCode(code))
        {
            errors.Add("code", "Mã đơn vị gồm 2 chữ số (tỉnh) hoặc 5 chữ số (xã).");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToRefusal()!.ToProblem();
        }

        if (await units.AttributeAsync(level, code!, on, ct) is not { } target)
        {
            return NotInForce(code!, on).ToProblem();
        }

        var today = Today(clock);
        var name = (await units.FindAsync(level, target, today, ct))?.Name ?? target;
        return TypedResults.Ok(new AttributionResponse(level, code!, Format(on), target, name));
    }

    /// <summary>A query parameter the endpoint does not take is refused, never silently ignored (a misspelt "at" would show today).</summary>
    internal static string Format(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(VietnamTime.ToLocal(clock.GetUtcNow()).DateTime);

    /// <summary>A day as officers write it (15/05/2026) or as integrations do (2026-05-15); today in Vietnam when absent.</summary>
    private static DateOnly ParseDay(string? text, string field, TimeProvider clock, FieldErrors errors)
    {
        if (text is null)
        {
            return Today(clock);
        }

        if (DateOnly.TryParseExact(text.Trim(), ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && InputBounds.IsSaneDate(day))
        {
            return day;
        }

        errors.Add(field, $"Ngày không hợp lệ: nhập dạng dd/mm/yyyy (ví dụ 01/07/2025), từ {InputBounds.DateRange}.");
        return default;
    }

    private static void CheckLevel(string level, string field, FieldErrors errors)
    {
        if (level is not ("province" or "district" or "commune"))
        {
            errors.Add(field, "Cấp đơn vị là province (tỉnh), district (huyện, trước 01/07/2025) hoặc commune (xã).");
        }
    }

    private static bool IsCode(string code) => code.Length is 2 or 3 or 5 && code.All(char.IsAsciiDigit);

    private static Refusal NotInForce(string code, DateOnly on) =>
        Refusal.NotFound("admin_unit_not_found", $"Không có đơn vị hành chính mã {code} có hiệu lực ngày {Format(on)}.");
}

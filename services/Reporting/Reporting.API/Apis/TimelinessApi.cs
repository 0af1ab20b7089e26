using System.Globalization;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Reporting.API.Domain;
using DoanKetSangTao.Reporting.API.Domain.Timeliness;
using DoanKetSangTao.Reporting.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using DoanKetSangTao.Spreadsheets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Reporting.API.Apis;

/// <summary>
/// Tỷ lệ báo cáo và đúng hạn / Reporting rate and timeliness (the DHIS2 model) at <c>/api/v1/reports/timeliness</c>:
/// expected, received, on time, late and missing reports per template (period), per level and per province, with the
/// list of who has not reported (as JSON, .xlsx or CSV). Read as the other reports: the centre sees the nation, a province
/// officer their province, a commune officer their commune.
/// </summary>
public static class TimelinessApi
{
    private static readonly string[] Roles = [PlatformRoles.FrontOfficer, PlatformRoles.Operator];

    public static RouteGroupBuilder MapTimelinessApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/reports/timeliness").WithTags("Báo cáo (reports)").RejectUnknownQueryParameters();
        api.MapGet("/", GetCampaign).RequireRolesOrClientScope(PlatformScopes.StatisticsRead, Roles);
        api.MapGet("/{templateId:guid}", GetTemplate).RequireRolesOrClientScope(PlatformScopes.StatisticsRead, Roles);
        api.MapGet("/{templateId:guid}/missing", GetMissing).RequireRolesOrClientScope(PlatformScopes.StatisticsRead, Roles)
            .Produces(StatusCodes.Status200OK, contentType: SpreadsheetResults.XlsxContentType, additionalContentTypes: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>Every template (period) and level of a campaign with its figures, for the caller's area.</summary>
    public static async Task<Results<Ok<CampaignTimelinessResponse>, ProblemHttpResult>> GetCampaign(
        Guid campaignId, string? provinceCode, TimelinessStore store, CurrentUser user, CancellationToken ct)
    {
        if (!TryGetReach(user, provinceCode, out var commune))
        {
            return ReportScope.OutsideScope.ToProblem();
        }

        var rows = new List<TemplateTimelinessRow>();
        foreach (var due in await store.CampaignDueDatesAsync(campaignId, ct))
        {
            var units = await JudgeAsync(store, due, provinceCode, commune, ct);
            rows.Add(new TemplateTimelinessRow(due.TemplateId, due.Title, due.Kind, due.PeriodFrom, due.PeriodTo, due.Level, due.DueOn, TimelinessFigures.Of(units)));
        }

        return TypedResults.Ok(new CampaignTimelinessResponse(campaignId, provinceCode, rows));
    }

    /// <summary>One template's figures per level (or the one <c>level</c> asked), by province, with every expected unit and the missing ones.</summary>
    public static async Task<Results<Ok<TimelinessResponse>, ProblemHttpResult>> GetTemplate(
        Guid templateId, string? level, string? provinceCode, TimelinessStore store, CurrentUser user, CancellationToken ct)
    {
        if (!TryGetReach(user, provinceCode, out var commune))
        {
            return ReportScope.OutsideScope.ToProblem();
        }

        if (InvalidLevel(level) is { } refused)
        {
            return refused.ToProblem();
        }

        var dueDates = await store.DueDatesAsync(templateId, ct);
        if (dueDates.Count == 0)
        {
            return TemplateNotFound.ToProblem();
        }

        var levels = new List<LevelTimeliness>();
        foreach (var due in dueDates.Where(d => level is null || d.Level == level))
        {
            var units = await JudgeAsync(store, due, provinceCode, commune, ct);
            var names = (await store.ProvincesAsync(due.DueOn, ct)).ToDictionary(p => p.Code, p => p.Name);
            var rows = units.Select(Row).ToList();
            levels.Add(new LevelTimeliness(due.Level, ReportLevels.NameOf(due.Level), due.DueOn, DateText(due.DueOn), TimelinessFigures.Of(units),
                TimelinessRollUp.ByParent(units).Select(p => new ParentTimelinessRow(p.Code, names.GetValueOrDefault(p.Code), p.Figures)).ToList(),
                rows, rows.Where(r => r.State == "missing").ToList()));
        }

        var first = dueDates[0];
        return TypedResults.Ok(new TimelinessResponse(templateId, first.CampaignId, first.Title, first.Kind, first.PeriodFrom, first.PeriodTo, provinceCode, levels));
    }

    /// <summary>Danh sách đơn vị chưa báo cáo of one level, as a styled .xlsx (default) or CSV (UTF-8) download.</summary>
    public static async Task<IResult> GetMissing(
        Guid templateId, string? level, string? provinceCode, string? format, TimelinessStore store, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        if (!TryGetReach(user, provinceCode, out var commune))
        {
            return ReportScope.OutsideScope.ToProblem();
        }

        if ((InvalidLevel(level) ?? RequiredLevel(level)) is { } refused)
        {
            return refused.ToProblem();
        }

        if (format is not (null or "xlsx" or "csv"))
        {
            return Refusal.Invalid("format", "Chọn xlsx (bảng tính Excel) hoặc csv.").ToProblem();
        }

        var due = (await store.DueDatesAsync(templateId, ct)).FirstOrDefault(d => d.Level == level);
        if (due is null)
        {
            return TemplateNotFound.ToProblem();
        }

        var missing = TimelinessRollUp.Missing(await JudgeAsync(store, due, provinceCode, commune, ct));
        var names = (await store.ProvincesAsync(due.DueOn, ct)).ToDictionary(p => p.Code, p => p.Name);
        return format == "csv"
            ? MissingListSheet.Csv(due, missing, names)
            : MissingListSheet.Xlsx(due, missing, names, clock.GetUtcNow());
    }

    private static readonly Refusal TemplateNotFound = Refusal.NotFound("report_template_not_found",
        "Không tìm thấy mẫu báo cáo này, hoặc mẫu chưa có hạn nộp cho cấp đã chọn.");

    private static async Task<IReadOnlyList<UnitTimeliness>> JudgeAsync(TimelinessStore store, TemplateDueDate due, string? provinceCode, string? commune, CancellationToken ct)
    {
        var expected = await store.ExpectedAsync(due.TemplateId, due.Level, due.DueOn, provinceCode, commune, ct);
        return ReportTimeliness.Judge(due.DueOn, expected, await store.FiledAsync(due.TemplateId, due.Level, ct));
    }

    private static UnitTimelinessRow Row(UnitTimeliness u) =>
        new(u.Unit.Code, u.Unit.Name, u.Unit.ParentCode, u.Unit.OrganizationId, TimelinessRollUp.CodeOf(u.State), u.FirstSubmittedAt);

    internal static string DateText(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static Refusal? InvalidLevel(string? level) => level is null || ReportLevels.All.Contains(level) ? null
        : Refusal.Invalid("level", "Chọn commune (cấp xã), province (cấp tỉnh) hoặc member_org (tổ chức thành viên).");

    private static Refusal? RequiredLevel(string? level) => level is not null ? null
        : Refusal.Invalid("level", "Vui lòng chọn cấp báo cáo: commune, province hoặc member_org.");

    /// <summary>As <see cref="ReportsApi"/>: the nation for the centre only, a province within the caller's reach, a commune officer's commune.</summary>
    private static bool TryGetReach(CurrentUser user, string? provinceCode, out string? commune)
    {
        commune = null;
        return provinceCode is null ? user.Scope?.Level == AdministrativeLevel.Central : user.TryGetAreaFilter(provinceCode, out commune);
    }
}

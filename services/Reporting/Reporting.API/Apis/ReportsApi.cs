using DoanKetSangTao.Domain;
using DoanKetSangTao.Reporting.API.Domain;
using DoanKetSangTao.Reporting.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using DoanKetSangTao.Spreadsheets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Reporting.API.Apis;

public static class ReportsApi
{
    public static RouteGroupBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/reports").WithTags("Báo cáo (reports)").RejectUnknownQueryParameters();
        // Officers, and integrations granted read-only statistics (a province's dashboard), within the unit they act for.
        api.MapGet("/initiative-counts", GetInitiativeCounts).RequireRolesOrClientScope(PlatformScopes.StatisticsRead, PlatformRoles.FrontOfficer, PlatformRoles.Operator);
        api.MapGet("/appraisal-results", GetAppraisalResults).RequireRolesOrClientScope(PlatformScopes.StatisticsRead, PlatformRoles.FrontOfficer, PlatformRoles.Operator);
        api.MapGet("/commendations", GetCommendationCounts).RequireRolesOrClientScope(PlatformScopes.StatisticsRead, PlatformRoles.FrontOfficer, PlatformRoles.Operator);
        return api;
    }

    /// <summary>
    /// Số khen thưởng trong năm theo cấp, hình thức và địa bàn, scoped as <see cref="GetInitiativeCounts"/>: the nation by
    /// province (centre only), a province by commune, a commune officer their commune; <c>by=organization</c> breaks the same
    /// area down by the recipients' organization. Revoked decisions do not count.
    /// </summary>
    public static async Task<Results<Ok<CommendationCountsResponse>, SpreadsheetFileResult, FileContentHttpResult, ProblemHttpResult>> GetCommendationCounts(
        int year, string? provinceCode, string? by, string? format, CommendationCountStore counts, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        if (year is < 2020 or > 2100)
        {
            return Refusal.Invalid("year", "Năm từ 2020 đến 2100.").ToProblem();
        }

        if (by is not (null or "area" or "organization"))
        {
            return Refusal.Invalid("by", "Chọn area (theo địa bàn) hoặc organization (theo tổ chức).").ToProblem();
        }

        if (!TableExport.IsKnownFormat(format))
        {
            return Refusal.Invalid("format", TableExport.FormatMessage).ToProblem();
        }

        if (!TryGetReach(user, provinceCode, out var commune))
        {
            return ReportScope.OutsideScope.ToProblem();
        }

        var rows = await counts.CountAsync(year, provinceCode, commune, by == "organization", ct);
        var breakdown = rows.Select(r => new CommendationCount(r.Level, r.AwardTypeCode, r.AwardTypeName, r.AreaCode, r.Organization, r.Individuals, r.Collectives)).ToList();
        var response = new CommendationCountsResponse(year, provinceCode, breakdown.Sum(r => r.Individuals), breakdown.Sum(r => r.Collectives), breakdown);
        return format switch
        {
            "xlsx" => TableExport.Xlsx(ReportsExport.Commendations(response, by == "organization"), $"khen-thuong-{year}-{provinceCode ?? "toan-quoc"}", clock.GetUtcNow()),
            "csv" => TableExport.CsvFile(ReportsExport.Commendations(response, by == "organization"), $"khen-thuong-{year}-{provinceCode ?? "toan-quoc"}", clock.GetUtcNow()),
            _ => TypedResults.Ok(response),
        };
    }

    /// <summary>
    /// Số sáng kiến đã đăng ký. Without a province: the national figure by province (centre only). With one: the
    /// province's figure by commune (that province's officers and the centre). A commune officer sees their commune's row only.
    /// </summary>
    public static async Task<Results<Ok<InitiativeCountsResponse>, SpreadsheetFileResult, FileContentHttpResult, ProblemHttpResult>> GetInitiativeCounts(
        Guid campaignId, string? provinceCode, string? format, InitiativeCountStore counts, CurrentUser user, TimeProvider clock)
    {
        if (!TableExport.IsKnownFormat(format))
        {
            return Refusal.Invalid("format", TableExport.FormatMessage).ToProblem();
        }

        if (!TryGetReach(user, provinceCode, out var commune))
        {
            return ReportScope.OutsideScope.ToProblem();
        }

        var rows = provinceCode is null
            ? await counts.ByProvinceAsync(campaignId)
            : await counts.ByCommuneAsync(campaignId, provinceCode, commune);
        var breakdown = rows.Select(r => new AreaCount(r.Code, r.Registered)).ToList();
        var response = new InitiativeCountsResponse(campaignId, provinceCode, breakdown.Sum(r => r.Registered), breakdown);
        return format switch
        {
            "xlsx" => TableExport.Xlsx(ReportsExport.InitiativeCounts(response), $"so-sang-kien-{provinceCode ?? "toan-quoc"}", clock.GetUtcNow()),
            "csv" => TableExport.CsvFile(ReportsExport.InitiativeCounts(response), $"so-sang-kien-{provinceCode ?? "toan-quoc"}", clock.GetUtcNow()),
            _ => TypedResults.Ok(response),
        };
    }

    /// <summary>
    /// Kết quả thẩm định, scoped as <see cref="GetInitiativeCounts"/>: the nation by province (centre only), a province
    /// by commune, a commune officer their commune. An initiative is counted at each level that decided on it, filed
    /// under its own province and commune; a nomination is counted at the level it leaves.
    /// </summary>
    public static async Task<Results<Ok<AppraisalResultsResponse>, SpreadsheetFileResult, FileContentHttpResult, ProblemHttpResult>> GetAppraisalResults(
        Guid campaignId, string? provinceCode, string? format, AppraisalOutcomeStore outcomes, CurrentUser user, TimeProvider clock)
    {
        if (!TableExport.IsKnownFormat(format))
        {
            return Refusal.Invalid("format", TableExport.FormatMessage).ToProblem();
        }

        if (!TryGetReach(user, provinceCode, out var commune))
        {
            return ReportScope.OutsideScope.ToProblem();
        }

        var (totals, breakdown) = AppraisalResults.RollUp(await outcomes.CountAsync(campaignId, provinceCode, commune));
        var response = new AppraisalResultsResponse(campaignId, provinceCode, totals, breakdown);
        return format switch
        {
            "xlsx" => TableExport.Xlsx(ReportsExport.AppraisalResults(response), $"ket-qua-tham-dinh-{provinceCode ?? "toan-quoc"}", clock.GetUtcNow()),
            "csv" => TableExport.CsvFile(ReportsExport.AppraisalResults(response), $"ket-qua-tham-dinh-{provinceCode ?? "toan-quoc"}", clock.GetUtcNow()),
            _ => TypedResults.Ok(response),
        };
    }

    /// <summary>
    /// Whether the caller may read a report for this province (the whole country when null: the centre only), and
    /// the commune a commune officer is confined to.
    /// </summary>
    private static bool TryGetReach(CurrentUser user, string? provinceCode, out string? commune)
    {
        commune = null;
        return provinceCode is null ? user.Scope?.Level == AdministrativeLevel.Central : user.TryGetAreaFilter(provinceCode, out commune);
    }
}

using DoanKetSangTao.Domain;
using DoanKetSangTao.Reporting.API.Domain;
using DoanKetSangTao.Reporting.API.Domain.Statistics;
using DoanKetSangTao.Reporting.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using DoanKetSangTao.Spreadsheets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DoanKetSangTao.Reporting.API.Apis;

/// <summary>Thống kê: the figures asked for, the key columns of each row, the rows and their totals.</summary>
public sealed record StatisticsResponse(
    string? Area, string Structure, DateOnly From, DateOnly To, string? Period, DateOnly? CompareFrom, DateOnly? CompareTo,
    IReadOnlyList<string> Measures, IReadOnlyList<string> Keys, IReadOnlyList<StatisticsRow> Rows, StatisticsRow Totals);

/// <summary>The query string as bound, under the names callers write (camelCase); see <see cref="StatisticsApi.GetStatistics"/>.</summary>
public sealed record StatisticsRequest(
    [FromQuery(Name = "measures")] string? Measures, [FromQuery(Name = "by")] string? By, [FromQuery(Name = "campaignId")] string? CampaignId,
    [FromQuery(Name = "kind")] string? Kind, [FromQuery(Name = "contentType")] string? ContentType, [FromQuery(Name = "movementArea")] string? MovementArea,
    [FromQuery(Name = "field")] string? Field, [FromQuery(Name = "status")] string? Status, [FromQuery(Name = "organizationId")] string? OrganizationId,
    [FromQuery(Name = "memberOrganizationId")] string? MemberOrganizationId, [FromQuery(Name = "from")] string? From, [FromQuery(Name = "to")] string? To,
    [FromQuery(Name = "period")] string? Period, [FromQuery(Name = "area")] string? Area, [FromQuery(Name = "structure")] string? Structure,
    [FromQuery(Name = "compareFrom")] string? CompareFrom, [FromQuery(Name = "compareTo")] string? CompareTo, [FromQuery(Name = "format")] string? Format)
{
    public StatisticsInput ToInput() => new(Measures, By, CampaignId, Kind, ContentType, MovementArea, Field, Status, OrganizationId, MemberOrganizationId,
        From, To, Period, Area, Structure, CompareFrom, CompareTo, Format);
}

public static class StatisticsApi
{
    public static RouteGroupBuilder MapStatisticsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/reports").WithTags("Thống kê (statistics)").RejectUnknownQueryParameters();
        api.MapGet("/statistics", GetStatistics)
            .RequireRolesOrClientScope(PlatformScopes.StatisticsRead, PlatformRoles.FrontOfficer, PlatformRoles.Operator);
        return api;
    }

    /// <summary>
    /// Thống kê sáng kiến (statistics for any slice): <c>measures</c> (registered, confirmed, dossier, recognized_commune|province|central,
    /// nominated, commended, replicated, models_built; all when omitted) broken down <c>by</c> one or two of area, campaign, kind,
    /// content_type, movement_area, field, status, organization, member_organization (area when omitted); filtered by campaignId,
    /// kind, contentType, movementArea, field, status, organizationId, memberOrganizationId; over <c>from</c>–<c>to</c> (yyyy-mm-dd,
    /// Vietnam's days, both included), by <c>period</c> (month, quarter, half_year, year) when asked; for an <c>area</c> (none: the
    /// nation by province, centre only; a province: by commune; a commune: its own) in a <c>structure</c> (as_filed, or 2025: rolled
    /// into the 2025 units); against <c>compareFrom</c>–<c>compareTo</c> (so sánh kỳ: both figures and the change); as
    /// <c>format</c> json, xlsx or csv. A commune officer sees their commune, a province officer their province, the centre all.
    /// </summary>
    public static async Task<Results<Ok<StatisticsResponse>, SpreadsheetFileResult, FileContentHttpResult, ProblemHttpResult>> GetStatistics(
        [AsParameters] StatisticsRequest request, StatisticsStore store, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        // The query is checked whole first (an area must be well formed to be placed), then whether the caller may read that area.
        var (query, invalid) = StatisticsQuery.Parse(request.ToInput());
        if (query is null)
        {
            return invalid!.ToProblem();
        }

        if (!TryGetReach(user, query.Area, out var reach))
        {
            return ReportScope.OutsideScope.ToProblem();
        }

        var current = await store.CountAsync(query, query.Range, reach, ct);
        var compare = query.Compare is { } other ? await store.CountAsync(query, other, reach, ct) : null;
        var (rows, totals) = StatisticsTable.Build(query, current, compare);
        return query.Format switch
        {
            "xlsx" => TableExport.Xlsx(StatisticsExport.Table(query, rows, totals), StatisticsExport.BaseName(query), clock.GetUtcNow()),
            "csv" => TableExport.CsvFile(StatisticsExport.Table(query, rows, totals), StatisticsExport.BaseName(query), clock.GetUtcNow()),
            _ => TypedResults.Ok(new StatisticsResponse(query.Area, query.Structure, query.Range.From, query.Range.To, query.Period, query.Compare?.From,
                query.Compare?.To, query.Measures, StatisticsTable.KeyColumns(query), rows, totals)),
        };
    }

    /// <summary>
    /// Phạm vi: the nation for the centre only; a province for its officers (a commune officer: their commune in it) and the
    /// centre; a commune for its own officers, its province's and the centre.
    /// </summary>
    private static bool TryGetReach(CurrentUser user, string? area, out StatisticsReach reach)
    {
        reach = new StatisticsReach(null, null);
        var scope = user.Scope;
        switch (area)
        {
            case null:
                return scope?.Level == AdministrativeLevel.Central;
            case { Length: 2 }:
                if (!user.TryGetAreaFilter(area, out var commune))
                {
                    return false;
                }

                reach = new StatisticsReach(area, commune);
                return true;
            default:
                if (scope is null || (scope.CommuneCode is not null && scope.CommuneCode != area))
                {
                    return false;
                }

                // A province officer names a commune of their own province only: the province stays part of the filter.
                reach = new StatisticsReach(scope.ProvinceCode, area);
                return true;
        }
    }
}

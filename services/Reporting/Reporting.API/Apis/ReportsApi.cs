using Dapper;
using DoanKetSangTao.Reporting.API.Domain;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace DoanKetSangTao.Reporting.API.Apis;

public sealed record AreaCount(string Code, long Registered);

/// <summary>Số sáng kiến đã đăng ký: the total for the area asked for and its breakdown one level down.</summary>
public sealed record InitiativeCountsResponse(Guid CampaignId, string? ProvinceCode, long Registered, IReadOnlyList<AreaCount> Breakdown);

/// <summary>
/// Kết quả thẩm định: per council level, initiatives recognized, not recognized and nominated upward, for the area
/// asked for (the sum of its breakdown) and for each area one level down.
/// </summary>
public sealed record AppraisalResultsResponse(Guid CampaignId, string? ProvinceCode, IReadOnlyList<LevelResult> Totals, IReadOnlyList<AreaResult> Breakdown);

public static class ReportsApi
{
    public static RouteGroupBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/reports").WithTags("Báo cáo (reports)");
        api.MapGet("/initiative-counts", GetInitiativeCounts).RequireRoles(PlatformRoles.FrontOfficer, PlatformRoles.Operator);
        api.MapGet("/appraisal-results", GetAppraisalResults).RequireRoles(PlatformRoles.FrontOfficer, PlatformRoles.Operator);
        return api;
    }

    /// <summary>
    /// Without a province: the national figure by province (centre only). With one: the province's figure by
    /// commune (that province's officers and the centre). A commune officer sees their commune's row only.
    /// </summary>
    public static async Task<Results<Ok<InitiativeCountsResponse>, ProblemHttpResult>> GetInitiativeCounts(
        Guid campaignId, string? provinceCode, NpgsqlDataSource db, CurrentUser user)
    {
        if (!TryGetReach(user, provinceCode, out var commune))
        {
            return OutsideScope();
        }

        await using var connection = await db.OpenConnectionAsync();
        var breakdown = provinceCode is null
            ? await connection.QueryAsync<AreaCount>(
                "SELECT province_code AS Code, sum(registered)::bigint AS Registered FROM initiative_counts WHERE campaign_id = @campaignId GROUP BY province_code ORDER BY province_code",
                new { campaignId })
            : await connection.QueryAsync<AreaCount>(
                """
                SELECT commune_code AS Code, registered AS Registered FROM initiative_counts
                WHERE campaign_id = @campaignId AND province_code = @provinceCode AND (@commune IS NULL OR commune_code = @commune)
                ORDER BY commune_code
                """, new { campaignId, provinceCode, commune });
        var rows = breakdown.ToList();
        return TypedResults.Ok(new InitiativeCountsResponse(campaignId, provinceCode, rows.Sum(r => r.Registered), rows));
    }

    /// <summary>
    /// Appraisal results, scoped as <see cref="GetInitiativeCounts"/>: the nation by province (centre only), a province
    /// by commune, a commune officer their commune. An initiative is counted at each level that decided on it, filed
    /// under its own province and commune; a nomination is counted at the level it leaves.
    /// </summary>
    public static async Task<Results<Ok<AppraisalResultsResponse>, ProblemHttpResult>> GetAppraisalResults(
        Guid campaignId, string? provinceCode, NpgsqlDataSource db, CurrentUser user)
    {
        if (!TryGetReach(user, provinceCode, out var commune))
        {
            return OutsideScope();
        }

        // The area column is one of two constants, never input.
        var area = provinceCode is null ? "o.province_code" : "o.commune_code";
        await using var connection = await db.OpenConnectionAsync();
        var rows = await connection.QueryAsync<AppraisalCountRow>(
            $"""
            SELECT {area} AS Code, o.council_level AS Level,
                   count(*) FILTER (WHERE o.recognized) AS Recognized,
                   count(*) FILTER (WHERE NOT o.recognized) AS NotRecognized,
                   count(n.initiative_id) AS NominatedUpward
            FROM appraisal_outcomes o
            LEFT JOIN appraisal_nominations n ON n.initiative_id = o.initiative_id AND n.from_level = o.council_level
            WHERE o.campaign_id = @campaignId
              AND (@provinceCode::text IS NULL OR o.province_code = @provinceCode)
              AND (@commune::text IS NULL OR o.commune_code = @commune)
            GROUP BY {area}, o.council_level
            """, new { campaignId, provinceCode, commune });
        var (totals, breakdown) = AppraisalResults.RollUp(rows);
        return TypedResults.Ok(new AppraisalResultsResponse(campaignId, provinceCode, totals, breakdown));
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

    private static ProblemHttpResult OutsideScope() => Problems.Forbidden("report_outside_scope",
        "Bạn chỉ được xem số liệu của địa bàn mình phụ trách. Vui lòng chọn đúng tỉnh/thành phố của bạn.");
}

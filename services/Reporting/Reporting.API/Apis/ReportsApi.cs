using Dapper;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace DoanKetSangTao.Reporting.API.Apis;

public sealed record AreaCount(string Code, long Registered);

/// <summary>Số sáng kiến đã đăng ký: the total for the area asked for and its breakdown one level down.</summary>
public sealed record InitiativeCountsResponse(Guid CampaignId, string? ProvinceCode, long Registered, IReadOnlyList<AreaCount> Breakdown);

public static class ReportsApi
{
    public static RouteGroupBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/reports").WithTags("Báo cáo (reports)");
        api.MapGet("/initiative-counts", GetInitiativeCounts).RequireRoles(PlatformRoles.FrontOfficer, PlatformRoles.Operator);
        return api;
    }

    /// <summary>
    /// Without a province: the national figure by province (centre only). With one: the province's figure by
    /// commune (that province's officers and the centre). A commune officer sees their commune's row only.
    /// </summary>
    public static async Task<Results<Ok<InitiativeCountsResponse>, ProblemHttpResult>> GetInitiativeCounts(
        Guid campaignId, string? provinceCode, NpgsqlDataSource db, CurrentUser user)
    {
        string? commune = null;
        var allowed = provinceCode is null ? user.Scope?.Level == AdministrativeLevel.Central : user.TryGetAreaFilter(provinceCode, out commune);
        if (!allowed)
        {
            return Problems.Forbidden("report_outside_scope",
                "Bạn chỉ được xem số liệu của địa bàn mình phụ trách. Vui lòng chọn đúng tỉnh/thành phố của bạn.");
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
}

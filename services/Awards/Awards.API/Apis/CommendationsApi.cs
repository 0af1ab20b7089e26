using System.Globalization;
using Dapper;
using DoanKetSangTao.Awards.API.Domain;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace DoanKetSangTao.Awards.API.Apis;

public sealed record EligibleAwardType(string Code, string Name);

/// <summary>Một sáng kiến trong danh sách đề nghị khen thưởng: the recognition and the award types it makes it eligible for.</summary>
public sealed record CommendationCandidateResponse(
    Guid InitiativeId,
    string? Title,
    string Level,
    Guid CampaignId,
    string ProvinceCode,
    string CommuneCode,
    Guid CaseId,
    string DecisionNumber,
    DateOnly DecisionDate,
    decimal? AggregateScore,
    string? Grade,
    IReadOnlyList<EligibleAwardType> EligibleAwardTypes);

/// <summary>One page; <c>NextCursor</c> is passed back as <c>cursor</c> for the next page, null on the last.</summary>
public sealed record CandidatesPage(IReadOnlyList<CommendationCandidateResponse> Items, string? NextCursor);

public static class CommendationsApi
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 100;

    public static RouteGroupBuilder MapCommendationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/commendations").WithTags("Khen thưởng (commendations)");
        api.MapGet("/candidates", ListCandidates).RequireRoles(PlatformRoles.FrontOfficer);
        return api;
    }

    /// <summary>
    /// Danh sách đề nghị khen thưởng, latest decisions first. Without a province, the caller's own reach (the centre:
    /// the whole country); with one, that province if the caller's scope covers it. A commune officer sees the
    /// candidates of their commune only, at every level they were recognized at.
    /// </summary>
    public static async Task<Results<Ok<CandidatesPage>, ProblemHttpResult>> ListCandidates(
        Guid? campaignId, string? provinceCode, string? level, string? cursor, int? limit, NpgsqlDataSource db, CurrentUser user)
    {
        if (user.Scope is not { } scope)
        {
            return OutsideScope();
        }

        string? province = scope.ProvinceCode, commune = scope.CommuneCode;
        if (provinceCode is not null)
        {
            if (!user.TryGetAreaFilter(provinceCode, out commune))
            {
                return OutsideScope();
            }

            province = provinceCode;
        }

        var errors = new Dictionary<string, string[]>();
        if (level is not null && !AwardEligibility.IsLevel(level))
        {
            errors["level"] = ["Cấp công nhận phải là một trong: commune (cấp xã), province (cấp tỉnh), central (Trung ương)."];
        }

        var take = limit ?? DefaultPageSize;
        if (take is < 1 or > MaxPageSize)
        {
            errors["limit"] = [$"Số dòng mỗi trang từ 1 đến {MaxPageSize}."];
        }

        (DateOnly Date, long Id)? after = null;
        if (cursor is not null)
        {
            if (TryDecodeCursor(cursor) is { } decoded)
            {
                after = decoded;
            }
            else
            {
                errors["cursor"] = ["Con trỏ trang không hợp lệ; vui lòng tải lại danh sách từ trang đầu."];
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        await using var connection = await db.OpenConnectionAsync();
        var rows = (await connection.QueryAsync<CandidateRow>(
            """
            SELECT id AS Id, initiative_id AS InitiativeId, title AS Title, level AS Level, campaign_id AS CampaignId,
                   province_code AS ProvinceCode, commune_code AS CommuneCode, case_id AS CaseId, decision_number AS DecisionNumber,
                   decision_date AS DecisionDate, aggregate_score AS AggregateScore, grade AS Grade
            FROM commendation_candidates
            WHERE (@campaignId::uuid IS NULL OR campaign_id = @campaignId)
              AND (@province::text IS NULL OR province_code = @province)
              AND (@commune::text IS NULL OR commune_code = @commune)
              AND (@level::text IS NULL OR level = @level)
              AND (@afterDate::date IS NULL OR (decision_date, id) < (@afterDate::date, @afterId))
            ORDER BY decision_date DESC, id DESC
            LIMIT @fetch
            """,
            new { campaignId, province, commune, level, afterDate = after?.Date, afterId = after?.Id ?? 0, fetch = take + 1 })).ToList();
        var types = (await connection.QueryAsync<AwardType>(
            "SELECT code AS Code, name AS Name, level AS Level FROM award_types WHERE active")).ToList();

        var page = rows.Take(take).Select(r => new CommendationCandidateResponse(
            r.InitiativeId, r.Title, r.Level, r.CampaignId, r.ProvinceCode, r.CommuneCode, r.CaseId, r.DecisionNumber,
            r.DecisionDate, r.AggregateScore, r.Grade,
            AwardEligibility.For(r.Level, types).Select(t => new EligibleAwardType(t.Code, t.Name)).ToList())).ToList();
        var next = rows.Count > take ? EncodeCursor(rows[take - 1]) : null;
        return TypedResults.Ok(new CandidatesPage(page, next));
    }

    private static ProblemHttpResult OutsideScope() => Problems.Forbidden("commendation_outside_scope",
        "Bạn chỉ được xem danh sách đề nghị khen thưởng của địa bàn mình phụ trách. Vui lòng chọn đúng tỉnh/thành phố của bạn.");

    // The cursor is the last row's sort key: decision date and arrival order.
    private static string EncodeCursor(CandidateRow row) =>
        string.Create(CultureInfo.InvariantCulture, $"{row.DecisionDate:yyyyMMdd}-{row.Id}");

    private static (DateOnly, long)? TryDecodeCursor(string cursor)
    {
        var parts = cursor.Split('-');
        return parts.Length == 2
            && DateOnly.TryParseExact(parts[0], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? (date, id)
            : null;
    }

    private sealed record CandidateRow(
        long Id, Guid InitiativeId, string? Title, string Level, Guid CampaignId, string ProvinceCode, string CommuneCode, Guid CaseId,
        string DecisionNumber, DateOnly DecisionDate, decimal? AggregateScore, string? Grade);
}

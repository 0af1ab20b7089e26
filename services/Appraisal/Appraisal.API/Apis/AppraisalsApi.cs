using Dapper;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace DoanKetSangTao.Appraisal.API.Apis;

/// <summary>Settable properties rather than a positional record: Dapper binds Postgres arrays through setters only.</summary>
public sealed record IntakeRecordResponse
{
    public Guid InitiativeId { get; init; }

    public Guid CampaignId { get; init; }

    public string Title { get; init; } = string.Empty;

    public string Kind { get; init; } = string.Empty;

    public string ProvinceCode { get; init; } = string.Empty;

    public string CommuneCode { get; init; } = string.Empty;

    public string[] AuthorNames { get; init; } = [];

    public DateTime OpenedAt { get; init; }
}

public static class AppraisalsApi
{
    public static RouteGroupBuilder MapAppraisalsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/appraisals").WithTags("Thẩm định (appraisals)");
        api.MapGet("/intake", ListIntake).RequireRoles(PlatformRoles.CouncilSecretary, PlatformRoles.FrontOfficer);
        api.MapGet("/dossiers", ListReceivedDossiers).RequireRoles(PlatformRoles.CouncilSecretary, PlatformRoles.FrontOfficer);
        return api;
    }

    /// <summary>Initiatives received for appraisal in a province; a commune officer sees their commune's only.</summary>
    public static async Task<Results<Ok<List<IntakeRecordResponse>>, ProblemHttpResult>> ListIntake(
        string provinceCode, Guid? campaignId, NpgsqlDataSource db, CurrentUser user)
    {
        if (!user.TryGetAreaFilter(provinceCode, out var commune))
        {
            return Problems.Forbidden("appraisal_outside_scope", "Bạn chỉ được xem hồ sơ thẩm định của địa bàn mình phụ trách.");
        }

        await using var connection = await db.OpenConnectionAsync();
        var rows = await connection.QueryAsync<IntakeRecordResponse>(
            """
            SELECT initiative_id AS InitiativeId, campaign_id AS CampaignId, title AS Title, kind AS Kind, province_code AS ProvinceCode,
                   commune_code AS CommuneCode, author_names AS AuthorNames, opened_at AS OpenedAt
            FROM intake_records
            WHERE province_code = @provinceCode AND (@commune IS NULL OR commune_code = @commune)
              AND (@campaignId IS NULL OR campaign_id = @campaignId)
            ORDER BY opened_at DESC LIMIT 200
            """, new { provinceCode, commune, campaignId });
        return TypedResults.Ok(rows.ToList());
    }

    /// <summary>Hồ sơ đã tiếp nhận: submitted dossier versions received in a province (a commune officer: their commune's).</summary>
    public static async Task<Results<Ok<List<ReceivedDossierResponse>>, ProblemHttpResult>> ListReceivedDossiers(
        string provinceCode, Guid? campaignId, NpgsqlDataSource db, CurrentUser user)
    {
        if (!user.TryGetAreaFilter(provinceCode, out var commune))
        {
            return Problems.Forbidden("appraisal_outside_scope", "Bạn chỉ được xem hồ sơ thẩm định của địa bàn mình phụ trách.");
        }

        await using var connection = await db.OpenConnectionAsync();
        var rows = await connection.QueryAsync<ReceivedDossierResponse>(
            """
            SELECT dossier_id AS DossierId, version AS Version, initiative_id AS InitiativeId, campaign_id AS CampaignId, title AS Title,
                   kind AS Kind, province_code AS ProvinceCode, commune_code AS CommuneCode, attachment_count AS AttachmentCount,
                   submitted_at AS SubmittedAt, received_at AS ReceivedAt
            FROM received_dossiers
            WHERE province_code = @provinceCode AND (@commune::text IS NULL OR commune_code = @commune)
              AND (@campaignId::uuid IS NULL OR campaign_id = @campaignId)
            ORDER BY received_at DESC LIMIT 200
            """, new { provinceCode, commune, campaignId });
        return TypedResults.Ok(rows.ToList());
    }
}

public sealed record ReceivedDossierResponse
{
    public Guid DossierId { get; init; }

    public int Version { get; init; }

    public Guid InitiativeId { get; init; }

    public Guid CampaignId { get; init; }

    public string Title { get; init; } = string.Empty;

    public string Kind { get; init; } = string.Empty;

    public string ProvinceCode { get; init; } = string.Empty;

    public string CommuneCode { get; init; } = string.Empty;

    public int AttachmentCount { get; init; }

    public DateTime SubmittedAt { get; init; }

    public DateTime ReceivedAt { get; init; }
}

using DoanKetSangTao.Messaging;
using Dapper;

namespace DoanKetSangTao.Appraisal.API.Infrastructure;

/// <summary>
/// Hồ sơ tiếp nhận: an initiative received for appraisal. Settable properties rather than a positional record: Dapper binds
/// Postgres arrays through setters only.
/// </summary>
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

/// <summary>Hồ sơ đã tiếp nhận: a submitted dossier version received for appraisal.</summary>
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

/// <summary>The lists of what appraisal received in an area (newest first, at most 200): registered initiatives and submitted dossiers.</summary>
public static class IntakeQueries
{
    public static async Task<List<IntakeRecordResponse>> InitiativesAsync(DatabaseSession db, string provinceCode, string? commune, Guid? campaignId,
        CancellationToken ct) =>
        (await db.Connection.QueryAsync<IntakeRecordResponse>(new CommandDefinition(
            """
            SELECT initiative_id AS InitiativeId, campaign_id AS CampaignId, title AS Title, kind AS Kind, province_code AS ProvinceCode,
                   commune_code AS CommuneCode, author_names AS AuthorNames, opened_at AS OpenedAt
            FROM intake_records
            WHERE province_code = @provinceCode AND (@commune IS NULL OR commune_code = @commune)
              AND (@campaignId IS NULL OR campaign_id = @campaignId)
            ORDER BY opened_at DESC LIMIT 200
            """, new { provinceCode, commune, campaignId }, db.Transaction, cancellationToken: ct))).AsList();

    public static async Task<List<ReceivedDossierResponse>> DossiersAsync(DatabaseSession db, string provinceCode, string? commune, Guid? campaignId,
        CancellationToken ct) =>
        (await db.Connection.QueryAsync<ReceivedDossierResponse>(new CommandDefinition(
            """
            SELECT dossier_id AS DossierId, version AS Version, initiative_id AS InitiativeId, campaign_id AS CampaignId, title AS Title,
                   kind AS Kind, province_code AS ProvinceCode, commune_code AS CommuneCode, attachment_count AS AttachmentCount,
                   submitted_at AS SubmittedAt, received_at AS ReceivedAt
            FROM received_dossiers
            WHERE province_code = @provinceCode AND (@commune::text IS NULL OR commune_code = @commune)
              AND (@campaignId::uuid IS NULL OR campaign_id = @campaignId)
            ORDER BY received_at DESC LIMIT 200
            """, new { provinceCode, commune, campaignId }, db.Transaction, cancellationToken: ct))).AsList();
}

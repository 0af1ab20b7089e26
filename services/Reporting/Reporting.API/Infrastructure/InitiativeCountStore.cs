using Dapper;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;

namespace DoanKetSangTao.Reporting.API.Infrastructure;

/// <summary>Initiatives registered in one area (a province, or a commune).</summary>
public sealed record RegisteredCount(string Code, long Registered);

/// <summary>
/// Số sáng kiến đã đăng ký: one counter per campaign, province and commune, raised once per registration event;
/// a province's figure is the sum over its communes.
/// </summary>
public sealed class InitiativeCountStore(ServiceDatabase db)
{
    public Task CountRegistrationAsync(DatabaseSession session, InitiativeRegistered registered, CancellationToken cancellationToken) =>
        session.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO initiative_counts (campaign_id, province_code, commune_code, registered)
            VALUES (@CampaignId, @ProvinceCode, @CommuneCode, 1)
            ON CONFLICT (campaign_id, province_code, commune_code) DO UPDATE SET registered = initiative_counts.registered + 1
            """, new { registered.CampaignId, registered.ProvinceCode, registered.CommuneCode }, session.Tx, cancellationToken: cancellationToken));

    /// <summary>The nation by province, in code order.</summary>
    public Task<IReadOnlyList<RegisteredCount>> ByProvinceAsync(Guid campaignId) =>
        db.ReadAsync<IReadOnlyList<RegisteredCount>>(null, async (connection, _) => (await connection.QueryAsync<RegisteredCount>(
            "SELECT province_code AS Code, sum(registered)::bigint AS Registered FROM initiative_counts WHERE campaign_id = @campaignId GROUP BY province_code ORDER BY province_code",
            new { campaignId })).ToList(), default);

    /// <summary>A province by commune, in code order; only <paramref name="commune"/> when one is given.</summary>
    public Task<IReadOnlyList<RegisteredCount>> ByCommuneAsync(Guid campaignId, string provinceCode, string? commune) =>
        db.ReadAsync<IReadOnlyList<RegisteredCount>>(null, async (connection, _) => (await connection.QueryAsync<RegisteredCount>(
            """
            SELECT commune_code AS Code, registered AS Registered FROM initiative_counts
            WHERE campaign_id = @campaignId AND province_code = @provinceCode AND (@commune IS NULL OR commune_code = @commune)
            ORDER BY commune_code
            """, new { campaignId, provinceCode, commune })).ToList(), default);
}

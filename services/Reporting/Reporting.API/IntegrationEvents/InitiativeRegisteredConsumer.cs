using Dapper;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using Npgsql;

namespace DoanKetSangTao.Reporting.API.IntegrationEvents;

/// <summary>Counts a registered initiative for its campaign, province and commune, once per event.</summary>
public sealed class InitiativeRegisteredConsumer(NpgsqlDataSource db, ILogger<InitiativeRegisteredConsumer> logger)
    : IdempotentConsumer<InitiativeRegistered>(db, logger)
{
    protected override Task HandleAsync(InitiativeRegistered message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO initiative_counts (campaign_id, province_code, commune_code, registered)
            VALUES (@CampaignId, @ProvinceCode, @CommuneCode, 1)
            ON CONFLICT (campaign_id, province_code, commune_code) DO UPDATE SET registered = initiative_counts.registered + 1
            """, new { message.CampaignId, message.ProvinceCode, message.CommuneCode }, transaction, cancellationToken: cancellationToken));
}

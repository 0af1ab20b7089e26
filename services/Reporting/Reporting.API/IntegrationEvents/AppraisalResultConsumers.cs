using Dapper;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Reporting.API.Domain;
using DoanKetSangTao.Messaging;
using Npgsql;

namespace DoanKetSangTao.Reporting.API.IntegrationEvents;

/// <summary>
/// Quyết định công nhận / không công nhận into the appraisal results read model: one row per initiative and
/// council level, so a repeated decision counts once and a decision at each level counts at that level.
/// </summary>
public sealed class AppraisalDecisionMadeConsumer(NpgsqlDataSource db, ILogger<AppraisalDecisionMadeConsumer> logger)
    : IdempotentConsumer<AppraisalDecisionMade>(db, logger)
{
    protected override Task HandleAsync(AppraisalDecisionMade message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        // Appraisal code older than the campaign and area fields publishes without them; such a decision cannot be
        // placed in any report, and retrying would not change that.
        if (message.CampaignId is not { } campaignId || string.IsNullOrEmpty(message.ProvinceCode) || string.IsNullOrEmpty(message.CommuneCode)
            || !CouncilLevels.IsKnown(message.CouncilLevel))
        {
            logger.LogWarning(
                "Decision event {EventId} for initiative {InitiativeId} lacks a campaign, area or known council level ({Level}); not counted in reports",
                message.EventId, message.InitiativeId, message.CouncilLevel);
            return Task.CompletedTask;
        }

        return transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO appraisal_outcomes (initiative_id, council_level, campaign_id, province_code, commune_code, recognized,
                                            case_id, decision_number, decision_date, decided_at)
            VALUES (@InitiativeId, @CouncilLevel, @campaignId, @ProvinceCode, @CommuneCode, @Recognized,
                    @CaseId, @DecisionNumber, @DecisionDate, @OccurredAt)
            ON CONFLICT (initiative_id, council_level) DO UPDATE SET
                campaign_id = EXCLUDED.campaign_id, province_code = EXCLUDED.province_code, commune_code = EXCLUDED.commune_code,
                recognized = EXCLUDED.recognized, case_id = EXCLUDED.case_id, decision_number = EXCLUDED.decision_number,
                decision_date = EXCLUDED.decision_date, decided_at = EXCLUDED.decided_at
            WHERE appraisal_outcomes.decided_at < EXCLUDED.decided_at
            """,
            new
            {
                message.InitiativeId, message.CouncilLevel, campaignId, message.ProvinceCode, message.CommuneCode, message.Recognized,
                message.CaseId, message.DecisionNumber, message.DecisionDate, OccurredAt = message.OccurredAt.UtcDateTime,
            },
            transaction, cancellationToken: cancellationToken));
    }
}

/// <summary>Đề cử lên cấp trên: counted at the level it leaves, in the area of the decision taken there.</summary>
public sealed class InitiativeNominatedConsumer(NpgsqlDataSource db, ILogger<InitiativeNominatedConsumer> logger)
    : IdempotentConsumer<InitiativeNominated>(db, logger)
{
    protected override Task HandleAsync(InitiativeNominated message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (message.FromLevel is not (CouncilLevels.Commune or CouncilLevels.Province) || message.ToLevel is not (CouncilLevels.Province or CouncilLevels.Central))
        {
            logger.LogWarning("Nomination event {EventId} for initiative {InitiativeId} names levels {From} → {To}, which reports do not know; not counted",
                message.EventId, message.InitiativeId, message.FromLevel, message.ToLevel);
            return Task.CompletedTask;
        }

        return transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO appraisal_nominations (initiative_id, from_level, to_level, case_id, nominated_at)
            VALUES (@InitiativeId, @FromLevel, @ToLevel, @CaseId, @OccurredAt)
            ON CONFLICT (initiative_id, from_level) DO NOTHING
            """,
            new { message.InitiativeId, message.FromLevel, message.ToLevel, message.CaseId, OccurredAt = message.OccurredAt.UtcDateTime },
            transaction, cancellationToken: cancellationToken));
    }
}

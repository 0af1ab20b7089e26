using Dapper;
using DoanKetSangTao.Awards.API.Domain;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using Npgsql;

namespace DoanKetSangTao.Awards.API.IntegrationEvents;

/// <summary>
/// A recognition puts the initiative on the commendation candidates list at the council's level. A later decision not
/// to recognize at that level takes it off; a repeated decision at the same level keeps one candidate, the latest's.
/// </summary>
public sealed class AppraisalDecisionMadeConsumer(NpgsqlDataSource db, ILogger<AppraisalDecisionMadeConsumer> logger)
    : IdempotentConsumer<AppraisalDecisionMade>(db, logger)
{
    protected override Task HandleAsync(AppraisalDecisionMade message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (!message.Recognized)
        {
            // A later decision at the same level not to recognize (a re-appraisal) withdraws what the earlier recognition
            // proposed, as reporting replaces it; an older one, arriving late, changes nothing.
            return transaction.Connection!.ExecuteAsync(new CommandDefinition(
                "DELETE FROM commendation_candidates WHERE initiative_id = @InitiativeId AND level = @CouncilLevel AND decided_at < @OccurredAt",
                new { message.InitiativeId, message.CouncilLevel, OccurredAt = message.OccurredAt.UtcDateTime }, transaction, cancellationToken: cancellationToken));
        }

        // Older appraisal code publishes without campaign and area; officers could not find such a candidate in their
        // scope, and retrying would not change that.
        if (message.CampaignId is not { } campaignId || string.IsNullOrEmpty(message.ProvinceCode) || string.IsNullOrEmpty(message.CommuneCode)
            || !AwardEligibility.IsLevel(message.CouncilLevel))
        {
            logger.LogWarning(
                "Recognition event {EventId} for initiative {InitiativeId} lacks a campaign, area or known council level ({Level}); not listed as a candidate",
                message.EventId, message.InitiativeId, message.CouncilLevel);
            return Task.CompletedTask;
        }

        return transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO commendation_candidates (initiative_id, level, title, campaign_id, province_code, commune_code, case_id, council_id,
                                                 decision_number, decision_date, aggregate_score, grade, decided_at)
            VALUES (@InitiativeId, @CouncilLevel, @Title, @campaignId, @ProvinceCode, @CommuneCode, @CaseId, @CouncilId,
                    @DecisionNumber, @DecisionDate, @AggregateScore, @Grade, @OccurredAt)
            ON CONFLICT (initiative_id, level) DO UPDATE SET
                title = EXCLUDED.title, campaign_id = EXCLUDED.campaign_id, province_code = EXCLUDED.province_code,
                commune_code = EXCLUDED.commune_code, case_id = EXCLUDED.case_id, council_id = EXCLUDED.council_id,
                decision_number = EXCLUDED.decision_number, decision_date = EXCLUDED.decision_date,
                aggregate_score = EXCLUDED.aggregate_score, grade = EXCLUDED.grade, decided_at = EXCLUDED.decided_at
            WHERE commendation_candidates.decided_at < EXCLUDED.decided_at
            """,
            new
            {
                message.InitiativeId, message.CouncilLevel, message.Title, campaignId, message.ProvinceCode, message.CommuneCode,
                message.CaseId, message.CouncilId, message.DecisionNumber, message.DecisionDate, message.AggregateScore, message.Grade,
                OccurredAt = message.OccurredAt.UtcDateTime,
            },
            transaction, cancellationToken: cancellationToken));
    }
}

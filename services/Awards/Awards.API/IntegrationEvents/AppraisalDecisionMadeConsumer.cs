using DoanKetSangTao.Awards.API.Infrastructure;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using Npgsql;

namespace DoanKetSangTao.Awards.API.IntegrationEvents;

/// <summary>
/// A recognition puts the initiative on the commendation candidates list at the council's level. A later decision not
/// to recognize at that level takes it off; a repeated decision at the same level keeps one candidate, the latest's.
/// </summary>
public sealed class AppraisalDecisionMadeConsumer(
    ServiceDatabase database, CommendationCandidateStore candidates, ILogger<AppraisalDecisionMadeConsumer> logger)
    : IdempotentConsumer<AppraisalDecisionMade>(database, logger)
{
    protected override Task HandleAsync(AppraisalDecisionMade message, DatabaseSession session, CancellationToken cancellationToken)
    {
        if (!message.Recognized)
        {
            // A later decision at the same level not to recognize (a re-appraisal) withdraws what the earlier recognition
            // proposed, as reporting replaces it; an older one, arriving late, changes nothing.
            return candidates.WithdrawAsync(session, message, cancellationToken);
        }

        // Officers could not find a candidate without campaign and area in their scope.
        if (!message.CanBeFiledByArea())
        {
            logger.LogWarning(
                "Recognition event {EventId} for initiative {InitiativeId} lacks a campaign, area or known council level ({Level}); not listed as a candidate",
                message.EventId, message.InitiativeId, message.CouncilLevel);
            return Task.CompletedTask;
        }

        return candidates.RecordRecognitionAsync(session, message, cancellationToken);
    }
}

using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Reporting.API.Infrastructure;
using Npgsql;

namespace DoanKetSangTao.Reporting.API.IntegrationEvents;

/// <summary>
/// Quyết định công nhận / không công nhận into the appraisal results read model: one row per initiative and
/// council level, so a repeated decision counts once and a decision at each level counts at that level.
/// </summary>
public sealed class AppraisalDecisionMadeConsumer(ServiceDatabase database, AppraisalOutcomeStore outcomes, ILogger<AppraisalDecisionMadeConsumer> logger)
    : IdempotentConsumer<AppraisalDecisionMade>(database, logger)
{
    protected override Task HandleAsync(AppraisalDecisionMade message, DatabaseSession session, CancellationToken cancellationToken)
    {
        // A decision without campaign and area cannot be placed in any report.
        if (!message.CanBeFiledByArea())
        {
            logger.LogWarning(
                "Decision event {EventId} for initiative {InitiativeId} lacks a campaign, area or known council level ({Level}); not counted in reports",
                message.EventId, message.InitiativeId, message.CouncilLevel);
            return Task.CompletedTask;
        }

        return outcomes.RecordDecisionAsync(session, message, cancellationToken);
    }
}

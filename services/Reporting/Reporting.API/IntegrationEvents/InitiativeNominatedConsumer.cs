using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Contracts.Vocabulary;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Reporting.API.Infrastructure;
using Npgsql;

namespace DoanKetSangTao.Reporting.API.IntegrationEvents;

/// <summary>Đề cử lên cấp trên: counted at the level it leaves, in the area of the decision taken there.</summary>
public sealed class InitiativeNominatedConsumer(ServiceDatabase database, AppraisalOutcomeStore outcomes, ILogger<InitiativeNominatedConsumer> logger)
    : IdempotentConsumer<InitiativeNominated>(database, logger)
{
    protected override Task HandleAsync(InitiativeNominated message, DatabaseSession session, CancellationToken cancellationToken)
    {
        if (message.FromLevel is not (CouncilLevels.Commune or CouncilLevels.Province) || message.ToLevel is not (CouncilLevels.Province or CouncilLevels.Central))
        {
            logger.LogWarning("Nomination event {EventId} for initiative {InitiativeId} names levels {From} → {To}, which reports do not know; not counted",
                message.EventId, message.InitiativeId, message.FromLevel, message.ToLevel);
            return Task.CompletedTask;
        }

        return outcomes.RecordNominationAsync(session, message, cancellationToken);
    }
}

using DoanKetSangTao.Messaging;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Contracts.Vocabulary;
using DoanKetSangTao.Registration.API.Domain;
using DoanKetSangTao.Registration.API.Infrastructure;

namespace DoanKetSangTao.Registration.API.IntegrationEvents;

/// <summary>Quyết định công nhận / không công nhận, with the level the recognition is at.</summary>
public sealed class AppraisalDecisionConsumer(AppraisalOutcomeServices services, ILogger<AppraisalDecisionConsumer> logger)
    : AppraisalOutcomeConsumer<AppraisalDecisionMade>(services, logger)
{
    protected override async Task OnEventAsync(AppraisalDecisionMade message, DatabaseSession transaction, CancellationToken ct)
    {
        var reason = $"Quyết định số {message.DecisionNumber} ngày {message.DecisionDate:dd/MM/yyyy} của hội đồng "
            + (CouncilLevels.VietnameseName(message.CouncilLevel) ?? message.CouncilLevel)
            + (string.IsNullOrWhiteSpace(message.PublishedComment) ? string.Empty : $". Ý kiến của hội đồng: {message.PublishedComment}");
        await Services.Facts.DecidedAsync(transaction, message.InitiativeId, message.CouncilLevel,
            message.Recognized ? AppraisalPosition.Recognized : AppraisalPosition.NotRecognized, message.OccurredAt, ct);
        await ApplyAsync(transaction, message.InitiativeId, message.Recognized ? LifecycleStep.Recognize : LifecycleStep.Reject,
            $"council:{message.CouncilId}", reason, ct,
            new CouncilAct(message.CouncilLevel, message.DecisionNumber, message.DecisionDate, message.PublishedComment));
        if (message.Recognized)
        {
            await Services.Initiatives.SetRecognizedLevelAsync(transaction, message.InitiativeId, message.CouncilLevel, ct);
        }
    }
}

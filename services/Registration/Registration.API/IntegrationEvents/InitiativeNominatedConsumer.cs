using DoanKetSangTao.Messaging;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Contracts.Vocabulary;
using DoanKetSangTao.Registration.API.Domain;
using DoanKetSangTao.Registration.API.Infrastructure;

namespace DoanKetSangTao.Registration.API.IntegrationEvents;

/// <summary>Đề cử lên cấp trên.</summary>
public sealed class InitiativeNominatedConsumer(AppraisalOutcomeServices services, ILogger<InitiativeNominatedConsumer> logger)
    : AppraisalOutcomeConsumer<InitiativeNominated>(services, logger)
{
    protected override async Task OnEventAsync(InitiativeNominated message, DatabaseSession transaction, CancellationToken ct)
    {
        await Services.Facts.NominatedAsync(transaction, message.InitiativeId, message.ToLevel, message.OccurredAt, ct);
        await ApplyAsync(transaction, message.InitiativeId, LifecycleStep.Nominate, $"council:{message.FromCouncilId}",
            $"Đề cử từ hội đồng {CouncilLevels.VietnameseName(message.FromLevel) ?? message.FromLevel} lên hội đồng "
            + (CouncilLevels.VietnameseName(message.ToLevel) ?? message.ToLevel), ct, new CouncilAct(message.FromLevel, ToLevel: message.ToLevel));
    }
}

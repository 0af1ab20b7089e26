using DoanKetSangTao.Messaging;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Registration.API.Domain;
using DoanKetSangTao.Registration.API.Infrastructure;

namespace DoanKetSangTao.Registration.API.IntegrationEvents;

/// <summary>Hội đồng trả hồ sơ để bổ sung: the submitted version is marked returned and the author may complete and resubmit.</summary>
public sealed class DossierReturnedConsumer(AppraisalOutcomeServices services, ILogger<DossierReturnedConsumer> logger)
    : AppraisalOutcomeConsumer<DossierReturnedForCompletion>(services, logger)
{
    protected override async Task OnEventAsync(DossierReturnedForCompletion message, DatabaseSession transaction, CancellationToken ct)
    {
        // Events published before the level was carried: the highest level holding an open case of the initiative.
        var level = message.CouncilLevel ?? await Services.Facts.HighestOpenLevelAsync(transaction, message.InitiativeId, ct);
        await Services.Facts.DossierReturnedAsync(transaction, message.InitiativeId, level, message.DossierVersion, message.OccurredAt, ct);
        if (!await Services.Dossiers.MarkReturnedAsync(transaction, message.InitiativeId, message.DossierVersion, message.Reason, message.OccurredAt, ct))
        {
            Logger.LogWarning("Return of dossier version {Version} of initiative {InitiativeId} is not the current submission; ignored",
                message.DossierVersion, message.InitiativeId);
            return;
        }

        await ApplyAsync(transaction, message.InitiativeId, LifecycleStep.ReturnDossier, $"council:{message.CouncilId}", message.Reason, ct,
            level is null ? null : new CouncilAct(level));
    }
}

using DoanKetSangTao.Messaging;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Registration.API.Domain;
using DoanKetSangTao.Registration.API.Infrastructure;

namespace DoanKetSangTao.Registration.API.IntegrationEvents;

/// <summary>Hội đồng tiếp nhận hồ sơ: the initiative is under appraisal.</summary>
public sealed class AppraisalCaseOpenedConsumer(AppraisalOutcomeServices services, ILogger<AppraisalCaseOpenedConsumer> logger)
    : AppraisalOutcomeConsumer<AppraisalCaseOpened>(services, logger)
{
    protected override async Task OnEventAsync(AppraisalCaseOpened message, DatabaseSession transaction, CancellationToken ct)
    {
        await Services.Facts.CaseOpenedAsync(transaction, message.InitiativeId, message.CouncilLevel, message.DossierVersion, message.OccurredAt, ct);
        await ApplyAsync(transaction, message.InitiativeId, LifecycleStep.OpenAppraisal, $"council:{message.CouncilId}", null, ct);
    }
}

using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Reporting.API.Infrastructure;

namespace DoanKetSangTao.Reporting.API.IntegrationEvents;

/// <summary>
/// Learns the campaigns registration runs from their deadlines (CampaignDeadlineSet), so that a report template is only
/// defined for a campaign that exists, and shows its name.
/// </summary>
public sealed class ReportCampaignConsumer(ServiceDatabase database, ReportTemplateStore templates, ILogger<ReportCampaignConsumer> logger)
    : IdempotentConsumer<CampaignDeadlineSet>(database, logger)
{
    protected override Task HandleAsync(CampaignDeadlineSet message, DatabaseSession session, CancellationToken cancellationToken) =>
        templates.RecordCampaignAsync(session, message, cancellationToken);
}

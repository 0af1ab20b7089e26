using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Notification.API.Domain.Reminders;
using DoanKetSangTao.Notification.API.Infrastructure;

namespace DoanKetSangTao.Notification.API.IntegrationEvents;

/// <summary>
/// Đơn vị đã đăng ký: the unit acted on the campaign's registration deadline, so no later reminder of it goes to the
/// unit even if registration's answer lags (its own answer at send time decides the rest).
/// </summary>
public sealed class RegistrationActedConsumer(ServiceDatabase database, ILogger<RegistrationActedConsumer> logger)
    : IdempotentConsumer<InitiativeRegistered>(database, logger)
{
    protected override Task HandleAsync(InitiativeRegistered message, DatabaseSession session, CancellationToken cancellationToken) =>
        ReminderStore.RecordActedAsync(session, message.CampaignId, DeadlineKinds.Registration, message.OrganizationId, message.OccurredAt, cancellationToken);
}

/// <summary>Đơn vị đã nộp hồ sơ: the unit acted on the campaign's dossier deadline (see <see cref="RegistrationActedConsumer"/>).</summary>
public sealed class DossierActedConsumer(ServiceDatabase database, ILogger<DossierActedConsumer> logger)
    : IdempotentConsumer<DossierSubmitted>(database, logger)
{
    protected override Task HandleAsync(DossierSubmitted message, DatabaseSession session, CancellationToken cancellationToken) =>
        ReminderStore.RecordActedAsync(session, message.CampaignId, DeadlineKinds.Dossier, message.OrganizationId, message.OccurredAt, cancellationToken);
}

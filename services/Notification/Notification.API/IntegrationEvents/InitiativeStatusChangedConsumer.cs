using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Notification.API.Domain;
using DoanKetSangTao.Notification.API.Infrastructure;

namespace DoanKetSangTao.Notification.API.IntegrationEvents;

/// <summary>
/// Tells every author and co-author what happened to their initiative when it concerns them (<see cref="Notices.StatusChanged"/>):
/// confirmation or return, the council's return of the dossier, its decision at each level, a nomination. Steps an author
/// took themselves are not echoed back to them. Decisions are told from here only (not from <c>AppraisalDecisionMade</c>),
/// so each decision is one notice.
/// </summary>
public sealed class InitiativeStatusChangedConsumer(ServiceDatabase database, NotificationDispatcher notifications, ILogger<InitiativeStatusChangedConsumer> logger)
    : NoticeConsumer<InitiativeStatusChanged>(database, notifications, logger)
{
    protected override IEnumerable<Notice> NoticesFor(InitiativeStatusChanged message) => Notices.StatusChanged(message);
}

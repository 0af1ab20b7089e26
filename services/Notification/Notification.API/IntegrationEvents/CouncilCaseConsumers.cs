using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Notification.API.Domain;
using DoanKetSangTao.Notification.API.Infrastructure;

namespace DoanKetSangTao.Notification.API.IntegrationEvents;

/// <summary>Giấy biên nhận hồ sơ: tells every author and co-author that the recognition dossier was received.</summary>
public sealed class DossierSubmittedConsumer(ServiceDatabase database, NotificationDispatcher notifications, ILogger<DossierSubmittedConsumer> logger)
    : NoticeConsumer<DossierSubmitted>(database, notifications, logger)
{
    protected override IEnumerable<Notice> NoticesFor(DossierSubmitted message) => Notices.DossierReceived(message);
}

/// <summary>Hồ sơ đến hội đồng: tells the council's secretaries of a new, resubmitted or nominated case, since they screen it.</summary>
public sealed class AppraisalCaseOpenedConsumer(ServiceDatabase database, NotificationDispatcher notifications, ILogger<AppraisalCaseOpenedConsumer> logger)
    : NoticeConsumer<AppraisalCaseOpened>(database, notifications, logger)
{
    protected override IEnumerable<Notice> NoticesFor(AppraisalCaseOpened message) => Notices.CaseOpened(message);
}

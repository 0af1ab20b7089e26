using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Notification.API.Domain;
using DoanKetSangTao.Notification.API.Infrastructure;

namespace DoanKetSangTao.Notification.API.IntegrationEvents;

/// <summary>Thông báo khen thưởng: tells every person a commendation decision names.</summary>
public sealed class CommendationDecidedConsumer(ServiceDatabase database, NotificationDispatcher notifications, ILogger<CommendationDecidedConsumer> logger)
    : NoticeConsumer<CommendationDecided>(database, notifications, logger)
{
    protected override IEnumerable<Notice> NoticesFor(CommendationDecided message) => Notices.Commended(message);
}

/// <summary>Tells a holder their certificate can be downloaded.</summary>
public sealed class CertificateIssuedConsumer(ServiceDatabase database, NotificationDispatcher notifications, ILogger<CertificateIssuedConsumer> logger)
    : NoticeConsumer<CertificateIssued>(database, notifications, logger)
{
    protected override Notice? NoticeFor(CertificateIssued message) => Notices.CertificateReady(message);
}

/// <summary>Tells a holder their certificate no longer holds.</summary>
public sealed class CertificateRevokedConsumer(ServiceDatabase database, NotificationDispatcher notifications, ILogger<CertificateRevokedConsumer> logger)
    : NoticeConsumer<CertificateRevoked>(database, notifications, logger)
{
    protected override Notice? NoticeFor(CertificateRevoked message) => Notices.CertificateEnded(message);
}

using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Reporting.API.Infrastructure;

namespace DoanKetSangTao.Reporting.API.IntegrationEvents;

/// <summary>Counts each recipient of an issued commendation decision.</summary>
public sealed class CommendationDecidedConsumer(ServiceDatabase database, CommendationCountStore counts, ILogger<CommendationDecidedConsumer> logger)
    : IdempotentConsumer<CommendationDecided>(database, logger)
{
    protected override Task HandleAsync(CommendationDecided message, DatabaseSession session, CancellationToken cancellationToken) =>
        counts.RecordAsync(session, message, cancellationToken);
}

/// <summary>A revoked or superseded decision's recipients stop counting.</summary>
public sealed class CertificateRevokedConsumer(ServiceDatabase database, CommendationCountStore counts, ILogger<CertificateRevokedConsumer> logger)
    : IdempotentConsumer<CertificateRevoked>(database, logger)
{
    protected override Task HandleAsync(CertificateRevoked message, DatabaseSession session, CancellationToken cancellationToken) =>
        counts.RevokeAsync(session, message, cancellationToken);
}

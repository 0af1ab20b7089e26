using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Reporting.API.Infrastructure;

namespace DoanKetSangTao.Reporting.API.IntegrationEvents;

/// <summary>Counts each recipient of an issued commendation decision (and the initiative it was for, as commended).</summary>
public sealed class CommendationDecidedConsumer(ServiceDatabase database, EventHistoryStore history, ReadModelProjector projector, ILogger<CommendationDecidedConsumer> logger)
    : RecordedConsumer<CommendationDecided>(database, history, projector, logger);

/// <summary>A revoked or superseded decision's recipients stop counting.</summary>
public sealed class CertificateRevokedConsumer(ServiceDatabase database, EventHistoryStore history, ReadModelProjector projector, ILogger<CertificateRevokedConsumer> logger)
    : RecordedConsumer<CertificateRevoked>(database, history, projector, logger);

using DoanKetSangTao.Awards.API.Infrastructure;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;

namespace DoanKetSangTao.Awards.API.IntegrationEvents;

/// <summary>A review conference's commendation proposals, forwarded by its host, filed as the host committee's call and proposals.</summary>
public sealed class ConferenceCommendationsProposedConsumer(
    ServiceDatabase database, ConferenceProposalStore proposals, ILogger<ConferenceCommendationsProposedConsumer> logger)
    : IdempotentConsumer<ConferenceCommendationsProposed>(database, logger)
{
    protected override Task HandleAsync(ConferenceCommendationsProposed message, DatabaseSession session, CancellationToken cancellationToken) =>
        proposals.FileAsync(session, message, cancellationToken);
}

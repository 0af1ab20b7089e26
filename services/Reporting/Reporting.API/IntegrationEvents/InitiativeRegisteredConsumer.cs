using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Reporting.API.Infrastructure;
using Npgsql;

namespace DoanKetSangTao.Reporting.API.IntegrationEvents;

/// <summary>Counts a registered initiative for its campaign, province and commune, once per event.</summary>
public sealed class InitiativeRegisteredConsumer(ServiceDatabase database, InitiativeCountStore counts, ILogger<InitiativeRegisteredConsumer> logger)
    : IdempotentConsumer<InitiativeRegistered>(database, logger)
{
    protected override Task HandleAsync(InitiativeRegistered message, DatabaseSession session, CancellationToken cancellationToken) =>
        counts.CountRegistrationAsync(session, message, cancellationToken);
}

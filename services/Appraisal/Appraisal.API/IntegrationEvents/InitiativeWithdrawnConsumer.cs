using DoanKetSangTao.Appraisal.API.Infrastructure;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using Npgsql;

namespace DoanKetSangTao.Appraisal.API.IntegrationEvents;

/// <summary>
/// Rút sáng kiến: closes every open case of the withdrawn initiative (screening, admitted or returned, at any level) with
/// when and why, in the audit trail, and remembers the withdrawal so that no case is opened for it afterwards. A case
/// already decided or rejected keeps its outcome. Applied once (the inbox); a redelivery finds nothing left to close.
/// </summary>
public sealed class InitiativeWithdrawnConsumer(ServiceDatabase database, ILogger<InitiativeWithdrawnConsumer> logger)
    : IdempotentConsumer<InitiativeWithdrawn>(database, logger)
{
    protected override async Task HandleAsync(InitiativeWithdrawn message, DatabaseSession session, CancellationToken cancellationToken)
    {
        var db = session;
        await CaseIntake.WithdrawAsync(db, message, cancellationToken);
        await SimilarInitiatives.RefreshStageAsync(db, message.InitiativeId, cancellationToken);
    }
}

using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Registration.API.Domain;
using DoanKetSangTao.Registration.API.Infrastructure;
using Npgsql;

namespace DoanKetSangTao.Registration.API.IntegrationEvents;

/// <summary>What the appraisal-outcome consumers share: registration's database and stores, and the clock.</summary>
public sealed class AppraisalOutcomeServices(
    ServiceDatabase db, InitiativeStore initiatives, DossierStore dossiers, AppraisalFactsStore facts, TimeProvider clock)
{
    public ServiceDatabase Db { get; } = db;

    public InitiativeStore Initiatives { get; } = initiatives;

    public DossierStore Dossiers { get; } = dossiers;

    public AppraisalFactsStore Facts { get; } = facts;

    public TimeProvider Clock { get; } = clock;
}

/// <summary>
/// Status changes that come from the appraisal councils. Each applies once (the inbox), in the same transaction
/// as its effect; a step the initiative's status no longer allows (a late or superseded event: the author
/// withdrew, or resubmitted a newer version) is logged and dropped rather than retried forever.
/// </summary>
public abstract class AppraisalOutcomeConsumer<TEvent>(AppraisalOutcomeServices services, ILogger logger)
    : IdempotentConsumer<TEvent>(services.Db, logger)
    where TEvent : class, IIntegrationEvent
{
    protected AppraisalOutcomeServices Services { get; } = services;

    protected ILogger Logger { get; } = logger;

    protected sealed override Task HandleAsync(TEvent message, DatabaseSession session, CancellationToken cancellationToken) =>
        OnEventAsync(message, session, cancellationToken);

    /// <summary>Applies the event inside the inbox's transaction, through the stores.</summary>
    protected abstract Task OnEventAsync(TEvent message, DatabaseSession transaction, CancellationToken ct);

    /// <summary>Moves the initiative by <paramref name="step"/> if its status still allows it; otherwise logs and drops the step.</summary>
    /// <remarks>The status change names what the council did (<paramref name="council"/>), so the authors are told which level acted.</remarks>
    protected async Task ApplyAsync(
        DatabaseSession tx, Guid initiativeId, LifecycleStep step, string actor, string? reason, CancellationToken ct, CouncilAct? council = null)
    {
        var row = await Services.Initiatives.LockAsync(tx, initiativeId, ct);
        if (row is null)
        {
            Logger.LogWarning("{Event} names initiative {InitiativeId}, which registration does not hold; ignored", typeof(TEvent).Name, initiativeId);
            return;
        }

        if (await Services.Initiatives.TryTransitionAsync(tx, row, step, actor, reason, Services.Clock.GetUtcNow(), ct, council) is null)
        {
            Logger.LogWarning("{Event} for initiative {InitiativeId} does not apply in status {Status}; ignored", typeof(TEvent).Name, initiativeId, row.Status);
        }
    }
}

using Dapper;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Registration.API.Domain;
using DoanKetSangTao.Registration.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Messaging;
using Npgsql;

namespace DoanKetSangTao.Registration.API.IntegrationEvents;

/// <summary>
/// Status changes that come from the appraisal councils. Each applies once (the inbox), in the same transaction
/// as its effect; a step the initiative's status no longer allows (a late or superseded event: the author
/// withdrew, or resubmitted a newer version) is logged and dropped rather than retried forever.
/// </summary>
public abstract class AppraisalOutcomeConsumer<TEvent>(NpgsqlDataSource db, Outbox outbox, TimeProvider clock, ILogger logger)
    : IdempotentConsumer<TEvent>(db, logger)
    where TEvent : class, IIntegrationEvent
{
    protected Outbox Outbox { get; } = outbox;

    protected TimeProvider Clock { get; } = clock;

    protected ILogger Logger { get; } = logger;

    protected async Task ApplyAsync(NpgsqlTransaction tx, Guid initiativeId, LifecycleStep step, string actor, string? reason, CancellationToken ct)
    {
        var row = await InitiativeStore.LockAsync(tx, initiativeId, ct);
        if (row is null)
        {
            Logger.LogWarning("{Event} names initiative {InitiativeId}, which registration does not hold; ignored", typeof(TEvent).Name, initiativeId);
            return;
        }

        if (await InitiativeStore.TryTransitionAsync(tx, Outbox, row, step, actor, reason, Clock.GetUtcNow(), ct) is null)
        {
            Logger.LogWarning("{Event} for initiative {InitiativeId} does not apply in status {Status}; ignored", typeof(TEvent).Name, initiativeId, row.Status);
        }
    }
}

/// <summary>Hội đồng tiếp nhận hồ sơ: the initiative is under appraisal.</summary>
public sealed class AppraisalCaseOpenedConsumer(NpgsqlDataSource db, Outbox outbox, TimeProvider clock, ILogger<AppraisalCaseOpenedConsumer> logger)
    : AppraisalOutcomeConsumer<AppraisalCaseOpened>(db, outbox, clock, logger)
{
    protected override Task HandleAsync(AppraisalCaseOpened message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        ApplyAsync(transaction, message.InitiativeId, LifecycleStep.OpenAppraisal, $"council:{message.CouncilId}", null, cancellationToken);
}

/// <summary>Hội đồng trả hồ sơ để bổ sung: the submitted version is marked returned and the author may complete and resubmit.</summary>
public sealed class DossierReturnedConsumer(NpgsqlDataSource db, Outbox outbox, TimeProvider clock, ILogger<DossierReturnedConsumer> logger)
    : AppraisalOutcomeConsumer<DossierReturnedForCompletion>(db, outbox, clock, logger)
{
    protected override async Task HandleAsync(DossierReturnedForCompletion message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var updated = await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            UPDATE dossiers SET state = 'returned', return_reason = @Reason, returned_at = @OccurredAt, row_version = row_version + 1
            WHERE initiative_id = @InitiativeId AND state = 'submitted' AND current_version = @DossierVersion;
            UPDATE dossier_versions v SET returned_at = @OccurredAt, return_reason = @Reason
            FROM dossiers d WHERE d.initiative_id = @InitiativeId AND v.dossier_id = d.id AND v.version = @DossierVersion;
            """,
            new { message.Reason, OccurredAt = message.OccurredAt.UtcDateTime, message.InitiativeId, message.DossierVersion },
            transaction, cancellationToken: cancellationToken));
        if (updated == 0)
        {
            Logger.LogWarning("Return of dossier version {Version} of initiative {InitiativeId} is not the current submission; ignored",
                message.DossierVersion, message.InitiativeId);
            return;
        }

        await ApplyAsync(transaction, message.InitiativeId, LifecycleStep.ReturnDossier, $"council:{message.CouncilId}", message.Reason, cancellationToken);
    }
}

/// <summary>Quyết định công nhận / không công nhận, with the level the recognition is at.</summary>
public sealed class AppraisalDecisionConsumer(NpgsqlDataSource db, Outbox outbox, TimeProvider clock, ILogger<AppraisalDecisionConsumer> logger)
    : AppraisalOutcomeConsumer<AppraisalDecisionMade>(db, outbox, clock, logger)
{
    /// <summary>"cấp xã", "cấp tỉnh", "Trung ương" for the level codes appraisal publishes.</summary>
    internal static string LevelName(string level) => level switch
    {
        "commune" => "cấp xã",
        "province" => "cấp tỉnh",
        "central" => "Trung ương",
        _ => level,
    };

    protected override async Task HandleAsync(AppraisalDecisionMade message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var reason = $"Quyết định số {message.DecisionNumber} ngày {message.DecisionDate:dd/MM/yyyy} của hội đồng {LevelName(message.CouncilLevel)}"
            + (string.IsNullOrWhiteSpace(message.PublishedComment) ? string.Empty : $". Ý kiến của hội đồng: {message.PublishedComment}");
        await ApplyAsync(transaction, message.InitiativeId, message.Recognized ? LifecycleStep.Recognize : LifecycleStep.Reject,
            $"council:{message.CouncilId}", reason, cancellationToken);
        if (message.Recognized)
        {
            await transaction.Connection!.ExecuteAsync(new CommandDefinition(
                "UPDATE initiatives SET recognized_level = @CouncilLevel WHERE id = @InitiativeId AND status = 'recognized'",
                new { message.CouncilLevel, message.InitiativeId }, transaction, cancellationToken: cancellationToken));
        }
    }
}

/// <summary>Đề cử lên cấp trên.</summary>
public sealed class InitiativeNominatedConsumer(NpgsqlDataSource db, Outbox outbox, TimeProvider clock, ILogger<InitiativeNominatedConsumer> logger)
    : AppraisalOutcomeConsumer<InitiativeNominated>(db, outbox, clock, logger)
{
    protected override Task HandleAsync(InitiativeNominated message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        ApplyAsync(transaction, message.InitiativeId, LifecycleStep.Nominate, $"council:{message.FromCouncilId}",
            $"Đề cử từ hội đồng {AppraisalDecisionConsumer.LevelName(message.FromLevel)} lên hội đồng {AppraisalDecisionConsumer.LevelName(message.ToLevel)}", cancellationToken);
}

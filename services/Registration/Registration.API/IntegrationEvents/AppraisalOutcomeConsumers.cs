using Dapper;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Registration.API.Domain;
using DoanKetSangTao.Registration.API.Infrastructure;
using DoanKetSangTao.Messaging;
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

    /// <summary>
    /// Records what the event says about the initiative at one council level (see <see cref="AppraisalPosition"/>), whatever
    /// its lifecycle status allows: the standing is derived from every level's facts, so the order of arrival does not matter.
    /// </summary>
    protected static Task RecordAsync(NpgsqlTransaction tx, Guid initiativeId, string? level, string set, object values, DateTimeOffset at, CancellationToken ct)
    {
        if (!AppraisalPosition.IsLevel(level))
        {
            return Task.CompletedTask;
        }

        var parameters = new DynamicParameters(values);
        parameters.Add("InitiativeId", initiativeId);
        parameters.Add("Level", level);
        parameters.Add("At", at.UtcDateTime);
        return tx.Connection!.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO initiative_appraisal AS a (initiative_id, level, updated_at)
            SELECT @InitiativeId, @Level, @At WHERE EXISTS (SELECT 1 FROM initiatives WHERE id = @InitiativeId)
            ON CONFLICT (initiative_id, level) DO NOTHING;
            UPDATE initiative_appraisal a SET {set}, updated_at = @At WHERE a.initiative_id = @InitiativeId AND a.level = @Level;
            """, parameters, tx, cancellationToken: ct));
    }

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
    protected override async Task HandleAsync(AppraisalCaseOpened message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await RecordAsync(transaction, message.InitiativeId, message.CouncilLevel, "opened_version = GREATEST(a.opened_version, @Version)",
            new { Version = message.DossierVersion }, message.OccurredAt, cancellationToken);
        await ApplyAsync(transaction, message.InitiativeId, LifecycleStep.OpenAppraisal, $"council:{message.CouncilId}", null, cancellationToken);
    }
}

/// <summary>Hội đồng trả hồ sơ để bổ sung: the submitted version is marked returned and the author may complete and resubmit.</summary>
public sealed class DossierReturnedConsumer(NpgsqlDataSource db, Outbox outbox, TimeProvider clock, ILogger<DossierReturnedConsumer> logger)
    : AppraisalOutcomeConsumer<DossierReturnedForCompletion>(db, outbox, clock, logger)
{
    protected override async Task HandleAsync(DossierReturnedForCompletion message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        // Events published before the level was carried: the highest level holding an open case of the initiative.
        var level = message.CouncilLevel ?? await transaction.Connection!.QueryFirstOrDefaultAsync<string?>(new CommandDefinition(
            """
            SELECT level FROM initiative_appraisal WHERE initiative_id = @InitiativeId AND opened_version IS NOT NULL
            ORDER BY array_position(ARRAY['commune','province','central'], level) DESC LIMIT 1
            """, new { message.InitiativeId }, transaction, cancellationToken: cancellationToken));
        await RecordAsync(transaction, message.InitiativeId, level, "returned_version = GREATEST(a.returned_version, @Version)",
            new { Version = message.DossierVersion }, message.OccurredAt, cancellationToken);
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
        await RecordAsync(transaction, message.InitiativeId, message.CouncilLevel, "decision = @Decision",
            new { Decision = message.Recognized ? AppraisalPosition.Recognized : AppraisalPosition.NotRecognized }, message.OccurredAt, cancellationToken);
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
    protected override async Task HandleAsync(InitiativeNominated message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await RecordAsync(transaction, message.InitiativeId, message.ToLevel, "nominated_at = COALESCE(a.nominated_at, @At)", new { }, message.OccurredAt,
            cancellationToken);
        await ApplyAsync(transaction, message.InitiativeId, LifecycleStep.Nominate, $"council:{message.FromCouncilId}",
            $"Đề cử từ hội đồng {AppraisalDecisionConsumer.LevelName(message.FromLevel)} lên hội đồng {AppraisalDecisionConsumer.LevelName(message.ToLevel)}", cancellationToken);
    }
}

using Dapper;
using DoanKetSangTao.Data.Queues;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Notification.API.Domain.Reminders;
using Npgsql;

namespace DoanKetSangTao.Notification.API.Infrastructure;

/// <summary>
/// Nhắc hạn: the deadlines registration announced, their schedule (a row per step and date, claimed with a lease by
/// <see cref="Workers.ReminderSender"/>), the ledger of reminders sent (a unique key per step, recipient and unit: a
/// reminder goes once, whatever replica or restart runs its step) and the units known to have acted.
/// </summary>
public sealed class ReminderStore(NpgsqlDataSource db, ServiceDatabase database)
{
    /// <summary>The NOTIFY channel that wakes the reminder sender when a step is scheduled.</summary>
    public const string Signal = "dkst_reminders";

    /// <summary>A claimed step, as the sender needs it.</summary>
    public sealed record StepRow(Guid Id, Guid DeadlineId, string Step, DateOnly Due, int Attempts) : IQueueItem;

    /// <summary>
    /// Records an announced deadline and, when it is new or its date changed, replaces the schedule of the old date by the
    /// new one (<see cref="ReminderSchedule.Plan"/>). An announcement older than the one recorded, or one that changes
    /// nothing (a redelivery, the same date set again), leaves the schedule alone.
    /// </summary>
    public static async Task AnnounceAsync(DatabaseSession session, AnnouncedDeadline deadline, DateTimeOffset closesAt, DateTimeOffset announcedAt,
        DateTimeOffset now, CancellationToken ct)
    {
        var found = (await session.Connection.QueryAsync<(Guid Id, DateTime DueBefore, DateTime AnnouncedAt)>(new CommandDefinition(
            """
            SELECT id, due_before, announced_at FROM reminder_deadlines
            WHERE campaign_id = @CampaignId AND kind = @Kind AND scope_code = @ScopeCode AND organization_id IS NOT DISTINCT FROM @OrganizationId
            FOR UPDATE
            """, new { deadline.CampaignId, deadline.Kind, deadline.ScopeCode, deadline.OrganizationId }, session.Tx, cancellationToken: ct))).ToList();
        (Guid Id, DateTime DueBefore, DateTime AnnouncedAt)? previous = found.Count == 0 ? null : found[0];
        if (previous is { } known && new DateTimeOffset(DateTime.SpecifyKind(known.AnnouncedAt, DateTimeKind.Utc)) > announcedAt)
        {
            return;
        }

        var id = previous?.Id ?? Guid.CreateVersion7();
        await session.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO reminder_deadlines (id, campaign_id, campaign_name, kind, scope_code, organization_id, due_before, closes_at, announced_at)
            VALUES (@id, @CampaignId, @CampaignName, @Kind, @ScopeCode, @OrganizationId, @Due, @closesAt, @announcedAt)
            ON CONFLICT (id) DO UPDATE SET campaign_name = EXCLUDED.campaign_name, due_before = EXCLUDED.due_before,
                closes_at = EXCLUDED.closes_at, announced_at = EXCLUDED.announced_at, updated_at = now()
            """,
            new
            {
                id, deadline.CampaignId, deadline.CampaignName, deadline.Kind, deadline.ScopeCode, deadline.OrganizationId,
                Due = deadline.DueBefore.ToDateTime(TimeOnly.MinValue), closesAt = closesAt.ToUniversalTime(), announcedAt = announcedAt.ToUniversalTime(),
            }, session.Tx, cancellationToken: ct));
        if ((previous is { } same && DateOnly.FromDateTime(same.DueBefore) == deadline.DueBefore) || !ReminderSchedule.IsTracked(deadline.Kind))
        {
            return;
        }

        // The old date's steps that have not gone out are void; a step being sent right now finds its date moved and stops.
        await session.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE reminder_steps SET status = 'cancelled', lease_until = NULL, done_at = now()
            WHERE deadline_id = @id AND due_before <> @Due AND status IN ('pending', 'sending')
            """, new { id, Due = deadline.DueBefore.ToDateTime(TimeOnly.MinValue) }, session.Tx, cancellationToken: ct));
        var sent = (await session.Connection.QueryAsync<string>(new CommandDefinition(
            "SELECT step FROM reminder_steps WHERE deadline_id = @id AND status = 'sent'", new { id }, session.Tx, cancellationToken: ct))).ToHashSet();
        foreach (var planned in ReminderSchedule.Plan(deadline.DueBefore, now, sent))
        {
            await session.Connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO reminder_steps (id, deadline_id, step, due_before, fire_at, status, next_attempt_at, done_at)
                VALUES (@StepId, @id, @Step, @Due, @FireAt, @Status, @FireAt, CASE WHEN @Status = 'skipped' THEN now() END)
                ON CONFLICT (deadline_id, step, due_before) DO UPDATE SET status = EXCLUDED.status, next_attempt_at = EXCLUDED.next_attempt_at,
                    attempts = 0, last_error = NULL, done_at = EXCLUDED.done_at
                WHERE reminder_steps.status = 'cancelled'
                """,
                new
                {
                    StepId = Guid.CreateVersion7(), id, planned.Step, Due = deadline.DueBefore.ToDateTime(TimeOnly.MinValue), planned.FireAt,
                    Status = planned.Skipped ? "skipped" : "pending",
                }, session.Tx, cancellationToken: ct));
        }

        await session.Connection.ExecuteAsync(new CommandDefinition($"SELECT pg_notify('{Signal}', '')", transaction: session.Tx, cancellationToken: ct));
    }

    /// <summary>Đơn vị đã thực hiện: the unit registered (or submitted a dossier) in the campaign.</summary>
    public static Task RecordActedAsync(DatabaseSession session, Guid campaignId, string kind, Guid organizationId, DateTimeOffset at, CancellationToken ct) =>
        session.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO reminder_acted (campaign_id, kind, organization_id, acted_at) VALUES (@campaignId, @kind, @organizationId, @at)
            ON CONFLICT DO NOTHING
            """, new { campaignId, kind, organizationId, at = at.ToUniversalTime() }, session.Tx, cancellationToken: ct));

    /// <summary>Claims due steps (and those whose sender died mid-step) with a lease.</summary>
    public async Task<IReadOnlyList<StepRow>> ClaimAsync(int limit, TimeSpan lease, CancellationToken ct) =>
        await LeasedClaim.ClaimAsync<StepRow>(db, "reminder_steps",
            "id AS Id, deadline_id AS DeadlineId, step AS Step, due_before AS Due, attempts AS Attempts", limit, lease, ct);

    /// <summary>The deadline a step belongs to, as last announced.</summary>
    public Task<AnnouncedDeadline> DeadlineAsync(Guid deadlineId, CancellationToken ct) =>
        database.ReadAsync(null, async (connection, _) =>
        {
            var row = await connection.QuerySingleAsync<(Guid CampaignId, string CampaignName, string Kind, string ScopeCode, Guid? OrganizationId, DateTime DueBefore)>(
                new CommandDefinition(
                    "SELECT campaign_id, campaign_name, kind, scope_code, organization_id, due_before FROM reminder_deadlines WHERE id = @deadlineId",
                    new { deadlineId }, cancellationToken: ct));
            return new AnnouncedDeadline(row.CampaignId, row.CampaignName, row.Kind, row.ScopeCode, row.OrganizationId, DateOnly.FromDateTime(row.DueBefore));
        }, ct);

    /// <summary>Which of the units are known, from registration's events, to have acted on the campaign's deadline of <paramref name="kind"/>.</summary>
    public Task<HashSet<Guid>> ActedAsync(Guid campaignId, string kind, IReadOnlyCollection<Guid> organizations, CancellationToken ct) =>
        database.ReadAsync(null, async (connection, _) => (await connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT organization_id FROM reminder_acted WHERE campaign_id = @campaignId AND kind = @kind AND organization_id = ANY(@ids)",
            new { campaignId, kind, ids = organizations.ToArray() }, cancellationToken: ct))).ToHashSet(), ct);

    /// <summary>
    /// Sổ đã gửi: claims the one send of a step to a recipient about a unit, in the transaction that files the notice.
    /// False when it already went (another replica, an earlier run of the step); a concurrent run waits on the key, then
    /// finds it taken.
    /// </summary>
    public static async Task<bool> TryLedgerAsync(DatabaseSession session, Guid stepId, string recipientId, Guid organizationId, CancellationToken ct) =>
        await session.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO reminder_sent (step_id, recipient_id, organization_id) VALUES (@stepId, @recipientId, @organizationId)
            ON CONFLICT DO NOTHING
            """, new { stepId, recipientId, organizationId }, session.Tx, cancellationToken: ct)) == 1;

    public static Task LinkNotificationAsync(DatabaseSession session, Guid stepId, string recipientId, Guid organizationId, Guid? notificationId, CancellationToken ct) =>
        session.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE reminder_sent SET notification_id = @notificationId WHERE step_id = @stepId AND recipient_id = @recipientId AND organization_id = @organizationId",
            new { stepId, recipientId, organizationId, notificationId }, session.Tx, cancellationToken: ct));

    /// <summary>The step is done: 'sent' (to <paramref name="units"/> units), 'skipped' or 'cancelled'. A step cancelled meanwhile stays cancelled.</summary>
    public Task CompleteAsync(StepRow step, string status, int units, string? note, CancellationToken ct) =>
        database.ExecuteAsync(
            """
            UPDATE reminder_steps SET status = @status, units = @units, last_error = @note, attempts = @Attempt, lease_until = NULL, done_at = now()
            WHERE id = @Id AND status = 'sending'
            """, new { step.Id, status, units, note, Attempt = step.Attempts + 1 }, ct);

    /// <summary>A failed run (registration or identity away): due again at <paramref name="next"/>, or 'failed' after the last try.</summary>
    public Task FailAsync(StepRow step, bool givesUp, int attempt, string error, DateTimeOffset next, CancellationToken ct) =>
        database.ExecuteAsync(
            """
            UPDATE reminder_steps SET status = @Status, attempts = @attempt, last_error = @error, lease_until = NULL, next_attempt_at = @next,
                                      done_at = CASE WHEN @Status = 'failed' THEN now() END
            WHERE id = @Id AND status = 'sending'
            """, new { step.Id, Status = givesUp ? "failed" : "pending", attempt, error, next }, ct);
}

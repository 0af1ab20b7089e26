using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Reporting.API.Domain.Timeliness;
using DoanKetSangTao.Reporting.API.Infrastructure;

namespace DoanKetSangTao.Reporting.API.Workers;

/// <summary>
/// Nhắc hạn báo cáo định kỳ (report deadline announcements): one pass over the due dates near "now" (the injected
/// <see cref="TimeProvider"/>). For each level's due date whose reminder step has come (<see cref="ReportReminderSteps"/>:
/// D-7, D-3, D-1, then D+1 at 08:00 Vietnam time) it computes, at that moment, the expected units that have not
/// submitted, and in ONE transaction writes the step's ledger row and the event (ReportDueSoon, or ReportOverdue at D+1)
/// to the outbox. The ledger's key makes the step happen once across restarts and replicas: a second worker's insert
/// waits for the first's transaction, then finds the row and publishes nothing.
/// </summary>
public sealed class ReportDeadlineAnnouncer(ServiceDatabase database, TimeProvider clock, ILogger<ReportDeadlineAnnouncer> logger)
{
    /// <summary>Runs one pass; returns the number of events published.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(VietnamTime.ToLocal(now).DateTime);
        IReadOnlyList<TemplateDueDate> candidates;
        await using (var read = await database.OpenAsync(ct))
        {
            // D-7 of a due date 7 days ahead, up to the overdue step's window after a due date 8 days back.
            candidates = await TimelinessStore.DueBetweenAsync(read.Connection, today.AddDays(-(ReportReminderSteps.OverdueWindow.Days + 1)), today.AddDays(7), ct);
        }

        var published = 0;
        foreach (var due in candidates)
        {
            if (ReportReminderSteps.DueAt(due.DueOn, now) is { } step && await AnnounceAsync(due, step, ct))
            {
                published++;
            }
        }

        return published;
    }

    private async Task<bool> AnnounceAsync(TemplateDueDate due, ReminderStep step, CancellationToken ct)
    {
        await using var session = await database.BeginAsync(ct);
        var expected = await TimelinessStore.ExpectedAsync(session.Connection, session.Tx, due.TemplateId, due.Level, due.DueOn, null, null, ct);
        var filed = await TimelinessStore.FiledAsync(session.Connection, session.Tx, due.TemplateId, due.Level, ct);
        var missing = TimelinessRollUp.Missing(ReportTimeliness.Judge(due.DueOn, expected, filed));
        var eventId = missing.Count > 0 ? Guid.NewGuid() : (Guid?)null;
        if (!await TimelinessStore.TryAnnounceAsync(session, due, step.Code, eventId, missing.Count, ct))
        {
            await session.RollbackAsync(ct);
            return false;
        }

        if (eventId is { } id)
        {
            var units = due.Level == ReportLevels.MemberOrganization ? [] : missing.Select(PathOf).ToList();
            var organizations = missing.Where(u => u.OrganizationId is not null).Select(u => u.OrganizationId!.Value).ToList();
            IIntegrationEvent announcement = step.IsOverdue
                ? new ReportOverdue(id, clock.GetUtcNow(), due.TemplateId, due.CampaignId, due.Title, due.Level, due.DueOn, units, organizations)
                : new ReportDueSoon(id, clock.GetUtcNow(), due.TemplateId, due.CampaignId, due.Title, due.Level, due.DueOn, step.DaysLeft, units, organizations);
            await session.PublishAsync(announcement, ct);
        }

        await session.CommitAsync(ct);
        logger.LogInformation("Report deadline {Step} of template {TemplateId} ({Level}, due {DueOn}): {Missing} units not submitted",
            step.Code, due.TemplateId, due.Level, due.DueOn, missing.Count);
        return eventId is not null;
    }

    /// <summary>The area as identity names an officer's unit: VN/{province} or VN/{province}/{commune}.</summary>
    private static string PathOf(ExpectedUnit unit) => unit.ParentCode is null ? $"VN/{unit.Code}" : $"VN/{unit.ParentCode}/{unit.Code}";
}

using Dapper;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Reporting.API.Domain.ReviewConferences;

namespace DoanKetSangTao.Reporting.API.Infrastructure;

/// <summary>
/// Sổ nhắc hạn tham luận: which D-3 / D-1 reminders went out. A reminder is the ledger row and its event in one
/// transaction; the row's key (contribution, step, due day) makes a second attempt insert nothing and publish nothing.
/// </summary>
public sealed class ConferenceReminderStore(ServiceDatabase db)
{
    private sealed record Candidate(Guid Id, Guid ConferenceId, string ConferenceTitle, Guid OrganizationId, string OrganizationName, string Topic, int PageLimit, DateOnly DueOn);

    public async Task<int> SendDueAsync(DateTimeOffset now, CancellationToken ct)
    {
        var today = ConferenceRules.Today(now);
        var candidates = await db.ReadAsync<IReadOnlyList<Candidate>>(null, async (c, _) => (await c.QueryAsync<Candidate>(new CommandDefinition(
            """
            SELECT c.id AS Id, c.conference_id AS ConferenceId, r.title AS ConferenceTitle, c.organization_id AS OrganizationId,
                   i.organization_name AS OrganizationName, c.topic AS Topic, c.page_limit AS PageLimit, c.due_on AS DueOn
            FROM conference_contributions c
            JOIN review_conferences r ON r.id = c.conference_id
            JOIN conference_invitees i ON i.conference_id = c.conference_id AND i.organization_id = c.organization_id
            WHERE r.status = 'planned' AND c.submitted_at IS NULL AND c.due_on BETWEEN @today AND @last
            """, new { today, last = today.AddDays(ConferenceRules.ReminderSteps.Max()) }, cancellationToken: ct))).ToList(), ct);
        var sent = 0;
        foreach (var candidate in candidates)
        {
            if (ConferenceRules.ReminderStepOn(candidate.DueOn, today) is not { } step)
            {
                continue;
            }

            await using var session = await db.BeginAsync(ct);
            var inserted = await session.Connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO conference_reminders_sent (contribution_id, days_before, due_on, sent_at)
                SELECT @Id, @step, @DueOn, @now WHERE EXISTS (SELECT 1 FROM conference_contributions WHERE id = @Id AND submitted_at IS NULL)
                ON CONFLICT DO NOTHING
                """, new { candidate.Id, step, candidate.DueOn, now = now.UtcDateTime }, session.Tx, cancellationToken: ct));
            if (inserted == 1)
            {
                await session.PublishAsync(new ConferenceContributionDueSoon(Guid.NewGuid(), now, candidate.ConferenceId, candidate.Id, candidate.ConferenceTitle,
                    candidate.OrganizationId, candidate.OrganizationName, candidate.Topic, candidate.PageLimit, candidate.DueOn,
                    candidate.DueOn.DayNumber - today.DayNumber), ct);
                sent++;
            }

            await session.CommitAsync(ct);
        }

        return sent;
    }
}

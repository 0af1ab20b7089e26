using Dapper;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Notification.API.Domain;
using DoanKetSangTao.Notification.API.Domain.Preferences;

namespace DoanKetSangTao.Notification.API.Infrastructure;

/// <summary>
/// Gửi một thông báo: files the notice in the person's inbox (always, worded by the in-app template in force) and queues
/// it for the outbound channels their preferences choose (or, for a digestible kind when they chose a digest, files it
/// under their next digest: <see cref="DigestStore"/>), in the caller's transaction: a consumer's, so a redelivered
/// event tells no one twice, or a reminder's, so a reminder goes out once.
/// </summary>
public sealed class NotificationDispatcher(TemplateRenderer templates, PreferenceStore preferences, TimeProvider clock)
{
    /// <summary>Sends the notice; answers the inbox entry's id (null for kinds that have no in-app template, such as account letters).</summary>
    public async Task<Guid?> SendAsync(DatabaseSession session, Notice notice, Guid sourceEventId, CancellationToken ct)
    {
        var kind = NotificationKinds.Get(notice.Kind);
        var values = WithRecipient(notice);
        Guid? notificationId = null;
        string? title = null;
        if (kind.Defaults.ContainsKey(NotificationChannels.InApp))
        {
            var inApp = await templates.RenderAsync(kind.Code, NotificationChannels.InApp, values, ct);
            notificationId = Guid.CreateVersion7();
            title = inApp.Subject ?? kind.Name;
            await session.Connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO notifications (id, recipient_id, kind, title, body, subject_id, source_event_id)
                VALUES (@Id, @RecipientId, @Kind, @Title, @Body, @SubjectId, @SourceEventId)
                """,
                new { Id = notificationId, notice.RecipientId, Kind = kind.Code, Title = title, inApp.Body, notice.SubjectId, SourceEventId = sourceEventId },
                session.Tx, cancellationToken: ct));
        }

        var now = clock.GetUtcNow();
        if (Inbox.UnitOf(notice.RecipientId) is not null && preferences.IsDigestible(kind))
        {
            // A unit has no preferences of its own: what piles up in its inbox (registrations awaiting confirmation)
            // reaches its officers as one daily digest, each by their own channels, not as one message per notice.
            await DigestStore.AddAsync(session, notice, kind, notificationId, title ?? kind.Name, UnitDigest, now, ct);
            return notificationId;
        }

        var plan = await preferences.PlanAsync(session, notice, kind, now, ct);
        if (plan.Digest)
        {
            var person = await preferences.FindAsync(session, notice.RecipientId, ct);
            await DigestStore.AddAsync(session, notice, kind, notificationId, title ?? kind.Name, person, now, ct);
            return notificationId;
        }

        await DeliveryStore.EnqueueAsync(session, notificationId, notice with { Values = values }, plan.Steps, ct);
        return notificationId;
    }

    private static readonly PersonPreferences UnitDigest = PersonPreferences.Default with { Digest = DigestFrequencies.Daily };

    /// <summary>Every template may name the person it is addressed to.</summary>
    private static Dictionary<string, string> WithRecipient(Notice notice) =>
        new(notice.Values) { ["recipient_name"] = notice.RecipientName };
}

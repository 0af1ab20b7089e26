using System.Text.Json;
using Dapper;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Notification.API.Channels;
using DoanKetSangTao.Notification.API.Domain;
using DoanKetSangTao.Notification.API.Domain.Preferences;
using DoanKetSangTao.Notification.API.Workers;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DoanKetSangTao.Notification.API.Infrastructure;

/// <summary>
/// Tùy chọn nhận thông báo (<c>notification_preferences</c>): read when a notice is sent, in the sender's transaction, to
/// plan its outbound channels (<see cref="DeliveryRules"/>); written by the person through the API.
/// </summary>
public sealed class PreferenceStore(
    ServiceDatabase database, IEnumerable<IDeliveryChannel> channels, IOptions<DeliveryOptions> deliveries, IOptions<DigestOptions> digests)
{
    /// <summary>The outbound channels this deployment configured: a person may choose others, but nothing goes there.</summary>
    public IReadOnlySet<string> Configured { get; } = channels.Select(c => c.Channel).ToHashSet();

    public QuietHours PlatformQuietHours => deliveries.Value.QuietHours;

    /// <summary>Where a notice of <paramref name="kind"/> goes besides the inbox, for this person now.</summary>
    public async Task<DeliveryPlan> PlanAsync(DatabaseSession session, Notice notice, NotificationKind kind, DateTimeOffset now, CancellationToken ct)
    {
        var preferences = await ReadAsync(session.Connection, session.Transaction, notice.RecipientId, ct);
        return DeliveryRules.Plan(kind, IsDigestible(kind), Reach.Of(notice.Contact, preferences), preferences, Configured, PlatformQuietHours, now,
            await WordedAsync(session, kind, ct));
    }

    /// <summary>
    /// The channels the kind's templates in force can send on: Zalo only once an operator saved the id of the ZNS template
    /// Zalo approved (<see cref="ZaloTemplates"/>). Asked only when Zalo is configured and the kind has a Zalo template.
    /// </summary>
    private async Task<IReadOnlySet<string>> WordedAsync(DatabaseSession session, NotificationKind kind, CancellationToken ct)
    {
        if (!Configured.Contains(NotificationChannels.Zalo) || !kind.Defaults.TryGetValue(NotificationChannels.Zalo, out var shipped))
        {
            return DeliveryRules.Worded(kind, zaloTemplateIdSet: false);
        }

        // The newest version is in force; one that restores the default has the default's id (none shipped today).
        var inForce = await session.Connection.QueryFirstOrDefaultAsync<ZaloInForce>(new CommandDefinition(
            """
            SELECT uses_default AS UsesDefault, provider_template_id AS ProviderTemplateId FROM notification_templates
            WHERE kind = @kind AND channel = 'zalo' ORDER BY version DESC LIMIT 1
            """, new { kind = kind.Code }, session.Transaction, cancellationToken: ct));
        var id = inForce is null || inForce.UsesDefault ? shipped.ProviderTemplateId : inForce.ProviderTemplateId;
        return DeliveryRules.Worded(kind, !string.IsNullOrWhiteSpace(id));
    }

    private sealed record ZaloInForce(bool UsesDefault, string? ProviderTemplateId);

    /// <summary>The channels of a digest gathering notices of <paramref name="categories"/>, by the person's preferences now.</summary>
    public async Task<IReadOnlyList<ChannelStep>> PlanDigestAsync(
        DatabaseSession session, string recipientId, Contact contact, IEnumerable<string> categories, DateTimeOffset now, CancellationToken ct)
    {
        var preferences = await ReadAsync(session.Connection, session.Transaction, recipientId, ct);
        return DeliveryRules.Steps(categories, await WordedAsync(session, NotificationKinds.Get(DigestKinds.DigestKind), ct), Reach.Of(contact, preferences),
            preferences, Configured, PlatformQuietHours, now);
    }

    /// <summary>Kinds gathered into digests: those the catalogue marks, and any an operator adds (<see cref="DigestOptions.Kinds"/>).</summary>
    public bool IsDigestible(NotificationKind kind) => kind.Digestible || digests.Value.Kinds.Contains(kind.Code);

    /// <summary>The preferences of a notice's recipient, in the sender's session.</summary>
    public Task<PersonPreferences> FindAsync(DatabaseSession session, string recipientId, CancellationToken ct) =>
        ReadAsync(session.Connection, session.Transaction, recipientId, ct);

    /// <summary>The person's preferences, or the defaults when they never saved any.</summary>
    public async Task<PersonPreferences> GetAsync(string personId, CancellationToken ct)
    {
        await using var session = await database.OpenAsync(ct);
        return await ReadAsync(session.Connection, null, personId, ct);
    }

    /// <summary>Replaces the person's preferences as a whole.</summary>
    public Task SaveAsync(string personId, PersonPreferences preferences, CancellationToken ct) =>
        database.ExecuteAsync(
            """
            INSERT INTO notification_preferences (person_id, email, phone, channels, digest, quiet_from, quiet_until, updated_at)
            VALUES (@PersonId, @Email, @Phone, @Channels::jsonb, @Digest, @QuietFrom::time, @QuietUntil::time, now())
            ON CONFLICT (person_id) DO UPDATE SET email = EXCLUDED.email, phone = EXCLUDED.phone, channels = EXCLUDED.channels,
                digest = EXCLUDED.digest, quiet_from = EXCLUDED.quiet_from, quiet_until = EXCLUDED.quiet_until, updated_at = now()
            """,
            new
            {
                PersonId = personId, preferences.Email, preferences.Phone, Channels = JsonSerializer.Serialize(preferences.Channels), preferences.Digest,
                QuietFrom = preferences.QuietHours?.Starts.ToTimeSpan(), QuietUntil = preferences.QuietHours?.Ends.ToTimeSpan(),
            }, ct);

    private sealed record Row(string? Email, string? Phone, string Channels, string Digest, TimeOnly? QuietFrom, TimeOnly? QuietUntil);

    /// <summary>
    /// A person's row: by their account for a notice addressed to them; by e-mail for a letter addressed to an e-mail alone
    /// (<c>email:…</c>, an account letter), which reaches the person who saved preferences with that address.
    /// </summary>
    private static async Task<PersonPreferences> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string recipientId, CancellationToken ct)
    {
        var byEmail = recipientId.StartsWith("email:", StringComparison.Ordinal) ? recipientId["email:".Length..] : null;
        var row = await connection.QueryFirstOrDefaultAsync<Row>(new CommandDefinition(
            """
            SELECT email AS Email, phone AS Phone, channels::text AS Channels, digest AS Digest, quiet_from AS QuietFrom, quiet_until AS QuietUntil
            FROM notification_preferences
            WHERE (@ByEmail IS NULL AND person_id = @RecipientId) OR (@ByEmail IS NOT NULL AND email = @ByEmail)
            ORDER BY updated_at DESC LIMIT 1
            """, new { RecipientId = recipientId, ByEmail = byEmail }, tx, cancellationToken: ct));
        return row is null ? PersonPreferences.Default : new PersonPreferences(
            row.Email, row.Phone,
            JsonSerializer.Deserialize<Dictionary<string, List<string>>>(row.Channels)!.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value),
            row.Digest,
            row is { QuietFrom: { } from, QuietUntil: { } until } ? new QuietHours(from, until) : null);
    }
}

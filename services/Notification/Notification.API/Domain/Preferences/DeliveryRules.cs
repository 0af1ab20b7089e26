namespace DoanKetSangTao.Notification.API.Domain.Preferences;

/// <summary>Where a person can be reached outside the app: the event's address first, else what their preferences hold.</summary>
public sealed record Reach(string? Email, string? Phone)
{
    public static Reach Of(Contact contact, PersonPreferences preferences) => new(
        contact.Email is { Length: > 0 } email ? email : preferences.Email,
        preferences.Phone ?? PhoneNumbers.Normalize(contact.Phone));

    public string? AddressFor(string channel) => channel switch
    {
        NotificationChannels.Email => Email,
        NotificationChannels.Sms or NotificationChannels.Zalo => Phone,
        _ => null,
    };
}

/// <summary>
/// Chọn kênh gửi: which outbound channels carry a notice, in which order and from when. The in-app inbox always receives
/// (it is filed before and apart from this plan). A channel is tried only when the person allows it for the notice's
/// category, can be reached there (an e-mail or phone is known), the deployment has it configured, and the kind is worded
/// for it; the allowed ones are chained in the fallback order Zalo → SMS → e-mail, each tried when the one before fails.
/// A critical category (account security, legal deadlines) ignores a mute: it goes at least by e-mail, and by the
/// person's other chosen channels. SMS and Zalo wait out the quiet hours (the platform's, and the person's own window).
/// </summary>
public static class DeliveryRules
{
    /// <summary>
    /// The plan for one notice of <paramref name="kind"/>; gathered into the person's digest when the kind allows it and they
    /// chose one. <paramref name="worded"/>: the channels its templates in force can send (<see cref="Worded"/>); by default
    /// those it ships a default for.
    /// </summary>
    public static DeliveryPlan Plan(
        NotificationKind kind, bool digestible, Reach reach, PersonPreferences preferences, IReadOnlySet<string> configured, QuietHours platformQuiet,
        DateTimeOffset now, IReadOnlySet<string>? worded = null)
    {
        var steps = Steps([kind.Category], worded ?? kind.Defaults.Keys.ToHashSet(), reach, preferences, configured, platformQuiet, now);
        var digest = digestible && !kind.IsCritical && preferences.Digest != DigestFrequencies.Immediate && steps.Count > 0;
        return new DeliveryPlan(steps, digest);
    }

    /// <summary>
    /// Kênh có mẫu dùng được: the channels a kind's templates can send on. Zalo ZNS sends only a template Zalo approved, so
    /// a kind is worded for Zalo only once the Zalo template in force names its approved id
    /// (<paramref name="zaloTemplateIdSet"/>, set by an operator: <see cref="ZaloTemplates"/>).
    /// </summary>
    public static IReadOnlySet<string> Worded(NotificationKind kind, bool zaloTemplateIdSet) =>
        kind.Defaults.Keys.Where(c => c != NotificationChannels.Zalo || zaloTemplateIdSet).ToHashSet();

    /// <summary>
    /// The chain of channels for a message about <paramref name="categories"/> (a digest may gather several): a channel any
    /// of them allows, worded for (<paramref name="worded"/>), reachable and configured, in fallback order.
    /// </summary>
    public static IReadOnlyList<ChannelStep> Steps(
        IEnumerable<string> categories, IReadOnlySet<string> worded, Reach reach, PersonPreferences preferences, IReadOnlySet<string> configured,
        QuietHours platformQuiet, DateTimeOffset now)
    {
        var allowed = categories.SelectMany(preferences.EffectiveChannelsFor).ToHashSet();
        return NotificationChannels.FallbackOrder
            .Where(c => allowed.Contains(c) && worded.Contains(c) && configured.Contains(c))
            .Select(c => (Channel: c, Address: reach.AddressFor(c)))
            .Where(s => s.Address is { Length: > 0 })
            .Select(s => new ChannelStep(s.Channel, s.Address!, NotBefore(now, s.Channel, platformQuiet, preferences.QuietHours)))
            .ToList();
    }

    /// <summary>
    /// The first moment at or after <paramref name="now"/> outside both quiet windows, for a channel that keeps them (SMS,
    /// Zalo); <paramref name="now"/> for the others. The person's window can only add quiet time to the platform's.
    /// </summary>
    public static DateTimeOffset NotBefore(DateTimeOffset now, string channel, QuietHours platform, QuietHours? own)
    {
        var at = now;
        // Two windows that overlap or touch may hand over to each other; a few rounds settle any pair.
        for (var round = 0; round < 4; round++)
        {
            var next = platform.NextAllowed(at, channel);
            next = own?.NextAllowed(next, channel) ?? next;
            if (next == at)
            {
                break;
            }

            at = next;
        }

        return at;
    }
}

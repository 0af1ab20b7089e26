namespace DoanKetSangTao.Notification.API.Domain.Preferences;

/// <summary>
/// Tùy chọn nhận thông báo của một người: the phone SMS and Zalo reach them at, which outbound channels each category
/// (<see cref="NotificationCategories"/>) may use, how often digestible notices are gathered, and optionally a quiet window
/// of their own (stricter than the platform's: both are kept). <see cref="Email"/> is the address their account gave when
/// they last saved, so that letters addressed by e-mail alone (account letters) find their preferences.
/// A category they never set uses the default: e-mail only.
/// </summary>
public sealed record PersonPreferences(
    string? Email,
    string? Phone,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Channels,
    string Digest,
    QuietHours? QuietHours)
{
    /// <summary>Nothing set: e-mail for every category (when an address is known), SMS and Zalo off, each notice at once.</summary>
    public static readonly PersonPreferences Default = new(null, null, new Dictionary<string, IReadOnlyList<string>>(), DigestFrequencies.Immediate, null);

    /// <summary>The outbound channels a category's notices may use by default.</summary>
    public static readonly IReadOnlyList<string> DefaultChannels = [NotificationChannels.Email];

    /// <summary>The outbound channels the person allows for <paramref name="category"/> (maybe none: muted).</summary>
    public IReadOnlyList<string> ChannelsFor(string category) => Channels.TryGetValue(category, out var chosen) ? chosen : DefaultChannels;

    /// <summary>
    /// What applies in fact: a critical category always includes e-mail, whatever was chosen (it cannot be muted).
    /// </summary>
    public IReadOnlyList<string> EffectiveChannelsFor(string category)
    {
        var chosen = ChannelsFor(category);
        return NotificationCategories.IsCritical(category) && !chosen.Contains(NotificationChannels.Email)
            ? [.. chosen, NotificationChannels.Email]
            : chosen;
    }
}

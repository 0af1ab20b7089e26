namespace DoanKetSangTao.Notification.API.Domain;

/// <summary>A value a template may use (<c>{{ ten }}</c>), with a sample for previews and what it holds.</summary>
public sealed record Placeholder(string Name, string Sample, string Description);

/// <summary>
/// A template's text for one channel, in Liquid: <see cref="Subject"/> is the e-mail subject and the in-app title (none
/// for SMS); for Zalo ZNS, <see cref="ProviderTemplateId"/> is the template approved by Zalo and <see cref="Body"/>
/// yields its parameters (see <c>Infrastructure/Templates</c>).
/// </summary>
public sealed record TemplateText(string? Subject, string Body, string? ProviderTemplateId = null);

/// <summary>
/// Một loại thông báo: a stable code (the inbox filters on it), the category a person's preferences name, the values its
/// templates may use, and the shipped Vietnamese template per channel (operators edit them; a rollback can go back to
/// these). <see cref="Digestible"/> kinds are gathered into a digest when the person chose one.
/// </summary>
public sealed record NotificationKind(
    string Code,
    string Category,
    string Name,
    IReadOnlyList<Placeholder> Placeholders,
    IReadOnlyDictionary<string, TemplateText> Defaults,
    bool Digestible = false)
{
    public bool IsCritical => NotificationCategories.IsCritical(Category);

    /// <summary>The sample values a preview renders with.</summary>
    public IReadOnlyDictionary<string, string> SampleValues => Placeholders.ToDictionary(p => p.Name, p => p.Sample);
}

/// <summary>A template rendered for one channel: what the channel sends.</summary>
public sealed record RenderedMessage(string? Subject, string Body, string? ProviderTemplateId = null, IReadOnlyDictionary<string, string>? Parameters = null);

namespace DoanKetSangTao.Notification.API.Apis;

/// <summary>
/// A kind's template on one channel: the version in force (0 = the shipped default) and when it was last changed.
/// <c>needsProviderTemplateId</c>: a Zalo template whose approved ZNS id an operator must still set (nothing goes by Zalo until then).
/// </summary>
public sealed record TemplateChannelSummary(string Channel, string ChannelName, int ActiveVersion, DateTime? ChangedAt, string? ChangedBy, bool NeedsProviderTemplateId = false);

/// <summary>Một loại thông báo with its templates, one per channel.</summary>
public sealed record TemplateKindSummary(string Kind, string Name, string Category, string CategoryName, List<TemplateChannelSummary> Channels);

/// <summary>A value a template may use (<c>{{ name }}</c>), with the sample a preview uses.</summary>
public sealed record PlaceholderResponse(string Name, string Sample, string Description);

/// <summary>
/// One version of a template. <c>isDefault</c>: the shipped text (version 0, or a rollback to it). <c>restoredFrom</c>: the
/// version a rollback copied.
/// </summary>
public sealed record TemplateVersionResponse(
    int Version, bool IsDefault, string? Subject, string Body, string? ProviderTemplateId, int? RestoredFrom,
    string? AuthorId, string? AuthorName, string? Note, DateTime? CreatedAt);

/// <summary>A Zalo ZNS parameter type that a parameter line may name in brackets, with Zalo's cap for its values.</summary>
public sealed record ZaloParameterTypeResponse(string Code, string Name, int MaxLength);

/// <summary>The channel's limits a template is checked against when saved and cut to when sent.</summary>
public sealed record TemplateLimitsResponse(
    bool SubjectRequired, int? SubjectMax, int BodyMax, bool ProviderTemplateIdRequired, bool WithoutDiacritics, List<ZaloParameterTypeResponse>? ZaloParameterTypes);

/// <summary>
/// A template with its versions (newest first, the shipped default last), its placeholders and its channel's limits.
/// <c>needsProviderTemplateId</c>: the Zalo template in force names no approved ZNS id yet; save one to switch Zalo on for the kind.
/// </summary>
public sealed record TemplateResponse(
    string Kind, string Name, string Channel, string ChannelName, int ActiveVersion, TemplateVersionResponse Active,
    List<TemplateVersionResponse> Versions, List<PlaceholderResponse> Placeholders, TemplateLimitsResponse Limits, bool NeedsProviderTemplateId = false);

/// <summary>
/// A new version. <c>baseVersion</c>: the version the operator edited; when another was saved since, the save is refused
/// (409) instead of silently undoing it.
/// </summary>
public sealed record SaveTemplateRequest(string? Subject, string? Body, string? ProviderTemplateId, string? Note, int? BaseVersion);

/// <summary>A template to preview (none: the one in force), and values to use instead of the samples.</summary>
public sealed record PreviewTemplateRequest(string? Subject, string? Body, string? ProviderTemplateId, Dictionary<string, string>? Values);

/// <summary>The message as the channel would send it, and the values it was rendered with.</summary>
public sealed record PreviewResponse(
    int? Version, string? Subject, string Body, string? ProviderTemplateId, IReadOnlyDictionary<string, string>? Parameters,
    IReadOnlyDictionary<string, string> Values);

/// <summary>Where to send the test (an e-mail address, a mobile number; none for the in-app inbox), and values to use.</summary>
public sealed record TestSendRequest(string? Address, Dictionary<string, string>? Values);

/// <summary>A test message queued (or, in-app, filed in the operator's inbox).</summary>
public sealed record TestSendResponse(string Channel, string? Address, int Version, Guid? NotificationId);

/// <summary>The version to restore (0: the shipped default) and why.</summary>
public sealed record RollbackTemplateRequest(int? Version, string? Note);

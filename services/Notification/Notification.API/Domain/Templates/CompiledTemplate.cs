using Fluid;

namespace DoanKetSangTao.Notification.API.Domain.Templates;

/// <summary>A template rendered as written, before the channel's limits are enforced: what the save-time checks measure.</summary>
public sealed record RawMessage(string? Subject, string Body, IReadOnlyList<(ZaloParameterLine Line, string Value)>? Parameters);

/// <summary>
/// A template's text for one channel, parsed once (a replica keeps it per kind, channel and version): renders a notice's
/// values into what the channel sends, within the channel's limits (<see cref="TemplateLimits"/>).
/// </summary>
public sealed class CompiledTemplate
{
    private readonly IFluidTemplate? subject;
    private readonly IFluidTemplate? body;
    private readonly IReadOnlyList<(ZaloParameterLine Line, IFluidTemplate Template)>? parameters;

    private CompiledTemplate(string channel, TemplateText text, IFluidTemplate? subject, IFluidTemplate? body,
        IReadOnlyList<(ZaloParameterLine, IFluidTemplate)>? parameters)
    {
        Channel = channel;
        Text = text;
        this.subject = subject;
        this.body = body;
        this.parameters = parameters;
    }

    public string Channel { get; }

    public TemplateText Text { get; }

    /// <summary>Every piece of Liquid in the template, each named by the field it came from (for the checks that name it).</summary>
    public IEnumerable<(string Field, IFluidTemplate Template)> Pieces =>
        (subject is null ? [] : new[] { ("subject", subject) })
        .Concat(body is null ? [] : [("body", body)])
        .Concat(parameters?.Select(p => ("body", p.Template)) ?? []);

    /// <summary>
    /// Parses <paramref name="text"/> for <paramref name="channel"/>: on Zalo the body is parameter lines, each value its
    /// own Liquid; elsewhere the subject and the body are Liquid. Null with the problems found when it does not parse.
    /// </summary>
    public static (CompiledTemplate? Template, IReadOnlyList<TemplateProblem> Problems) Parse(string channel, TemplateText text)
    {
        var problems = new List<TemplateProblem>();
        IFluidTemplate? subject = null;
        if (TemplateLimits.HasSubject(channel) && !string.IsNullOrEmpty(text.Subject))
        {
            subject = ParsePiece("subject", text.Subject, problems, null);
        }

        if (channel != NotificationChannels.Zalo)
        {
            var body = ParsePiece("body", text.Body, problems, null);
            return problems.Count == 0 ? (new CompiledTemplate(channel, text, subject, body, null), problems) : (null, problems);
        }

        var (lines, errors) = ZaloParameters.Parse(text.Body);
        problems.AddRange(errors.Select(e => new TemplateProblem(TemplateRefusals.ZaloParametersInvalid, "body", e)));
        var parameters = new List<(ZaloParameterLine, IFluidTemplate)>();
        foreach (var line in lines)
        {
            if (ParsePiece("body", line.Source, problems, line.LineNumber) is { } piece)
            {
                parameters.Add((line, piece));
            }
        }

        return problems.Count == 0 ? (new CompiledTemplate(channel, text, null, null, parameters), problems) : (null, problems);
    }

    private static IFluidTemplate? ParsePiece(string field, string source, List<TemplateProblem> problems, int? line)
    {
        var (template, error) = Liquid.Parse(source);
        if (template is null)
        {
            problems.Add(new TemplateProblem(TemplateRefusals.SyntaxError, field,
                (line is null ? "" : $"Dòng {line}: ") + $"mẫu không đúng cú pháp Liquid ({error})."));
        }

        return template;
    }

    /// <summary>The template rendered with <paramref name="values"/>, as written (no limit applied).</summary>
    public async Task<RawMessage> RenderRawAsync(IReadOnlyDictionary<string, string> values)
    {
        var renderedSubject = subject is null ? null : await Liquid.RenderAsync(subject, values);
        if (parameters is null)
        {
            return new RawMessage(renderedSubject, body is null ? string.Empty : await Liquid.RenderAsync(body, values), null);
        }

        var filled = new List<(ZaloParameterLine, string)>();
        foreach (var (line, template) in parameters)
        {
            filled.Add((line, await Liquid.RenderAsync(template, values)));
        }

        return new RawMessage(null, string.Empty, filled);
    }

    /// <summary>What the channel sends: the template rendered with <paramref name="values"/>, cut to the channel's limits.</summary>
    public async Task<RenderedMessage> RenderAsync(IReadOnlyDictionary<string, string> values) => Enforce(await RenderRawAsync(values));

    /// <summary>
    /// The channel's limits applied to a rendered message: a subject on one line within its length; an SMS in GSM-7 (no
    /// diacritics) within two parts; each Zalo parameter within its type's cap and the whole within 400 characters.
    /// </summary>
    public RenderedMessage Enforce(RawMessage raw)
    {
        var renderedSubject = raw.Subject is null ? null : TemplateLimits.Cut(TemplateLimits.OneLine(raw.Subject), TemplateLimits.SubjectMax);
        switch (Channel)
        {
            case NotificationChannels.Zalo:
                var parameters = ZaloParameters.Enforce(raw.Parameters ?? []);
                return new RenderedMessage(null, ZaloParameters.AsText(parameters), Text.ProviderTemplateId, parameters);
            case NotificationChannels.Sms:
                return new RenderedMessage(null, TemplateLimits.Cut(SmsText.ToGsm7(raw.Body).Trim(), TemplateLimits.SmsMax, "..."));
            default:
                return new RenderedMessage(renderedSubject, TemplateLimits.Cut(raw.Body, TemplateLimits.BodyMax(Channel)), Text.ProviderTemplateId);
        }
    }
}

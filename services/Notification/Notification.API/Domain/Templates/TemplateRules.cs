using System.Text;
using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Notification.API.Domain.Templates;

/// <summary>The outcome of checking a template: parsed and rendered with the sample values, or refused.</summary>
public sealed record TemplateCheck(CompiledTemplate? Template, RenderedMessage? Sample, Refusal? Refusal);

/// <summary>
/// Quy tắc mẫu thông báo: what an operator's template must satisfy before it is saved. It parses; it uses only the kind's
/// placeholders (tham số) and known filters, and no tag that needs template files; e-mail and in-app templates have a
/// subject, SMS and Zalo none; a Zalo template names its approved template and lists its parameters; and rendered with the
/// kind's sample values it fits the channel's limits (<see cref="TemplateLimits"/>), an SMS in GSM-7 (filter khong_dau).
/// </summary>
public static class TemplateRules
{
    /// <summary>Every template may name the person it is addressed to: the dispatcher adds it to every notice's values.</summary>
    public const string RecipientName = "recipient_name";

    private const string RecipientSample = "Nguyễn Văn An";

    /// <summary>The channels a kind has templates for: those it ships a default for (only those are ever sent).</summary>
    public static IReadOnlyList<string> ChannelsOf(NotificationKind kind) => NotificationChannels.All.Where(kind.Defaults.ContainsKey).ToList();

    /// <summary>The kind's template on the channel, if it has one.</summary>
    public static NotificationKind? FindTemplated(string kind, string channel) =>
        NotificationKinds.Find(kind) is { } found && found.Defaults.ContainsKey(channel) ? found : null;

    /// <summary>The names a template of <paramref name="kind"/> may use.</summary>
    public static IReadOnlyList<string> PlaceholdersOf(NotificationKind kind) =>
        kind.Placeholders.Select(p => p.Name).Append(RecipientName).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The values a preview and the save-time checks render with.</summary>
    public static IReadOnlyDictionary<string, string> SampleValues(NotificationKind kind)
    {
        var values = new Dictionary<string, string>(kind.SampleValues, StringComparer.Ordinal);
        values.TryAdd(RecipientName, RecipientSample);
        return values;
    }

    /// <summary>
    /// The sample values with <paramref name="given"/> over them (a preview or a test with real-looking values); a value
    /// for a name the kind does not have is refused, naming it.
    /// </summary>
    public static (IReadOnlyDictionary<string, string>? Values, Refusal? Refusal) ValuesFor(NotificationKind kind, IReadOnlyDictionary<string, string>? given)
    {
        var values = new Dictionary<string, string>(SampleValues(kind), StringComparer.Ordinal);
        var errors = new FieldErrors();
        foreach (var (name, value) in given ?? new Dictionary<string, string>())
        {
            if (!values.ContainsKey(name))
            {
                errors.Add($"values.{name}", $"\"{name}\" không phải tham số của loại thông báo này. Các tham số: {string.Join(", ", PlaceholdersOf(kind))}.");
            }
            else if (VietnameseText.TryNormalize(value, allowNewLines: true) is not { } text || text.Length > TemplateLimits.BodySourceMax)
            {
                errors.Add($"values.{name}", $"Giá trị của \"{name}\" không hợp lệ.");
            }
            else
            {
                values[name] = text;
            }
        }

        return errors.ToRefusal() is { } refusal
            ? (null, refusal with { Code = TemplateRefusals.ValueUnknown, Message = refusal.Errors!.First().Value[0] })
            : (values, null);
    }

    /// <summary>
    /// The operator's text as it is stored: NFC, lines ending in <c>\n</c>, no control characters; the subject and the
    /// provider template id only where the channel has them.
    /// </summary>
    public static (TemplateText? Text, Refusal? Refusal) Normalize(string channel, string? subject, string? body, string? providerTemplateId)
    {
        var problems = new List<TemplateProblem>();
        // Checked as every text is, but not trimmed: a letter's closing line break is part of it, and the text of a
        // default saved back unchanged must equal the default.
        var unixBody = body?.Replace("\r\n", "\n", StringComparison.Ordinal);
        var normalizedBody = VietnameseText.TryNormalize(unixBody, allowNewLines: true) is null ? null : unixBody!.Normalize(NormalizationForm.FormC);
        if (body is not null && normalizedBody is null)
        {
            problems.Add(new(TemplateRefusals.TextInvalid, "body", "Nội dung mẫu chứa ký tự không hợp lệ (ký tự điều khiển hoặc ký tự ẩn)."));
        }
        else if (string.IsNullOrWhiteSpace(normalizedBody))
        {
            problems.Add(new(TemplateRefusals.BodyRequired, "body", "Vui lòng nhập nội dung mẫu."));
        }
        else if (normalizedBody.Length > TemplateLimits.BodySourceMax)
        {
            problems.Add(new(TemplateRefusals.TooLong, "body", $"Nội dung mẫu dài tối đa {TemplateLimits.BodySourceMax} ký tự."));
        }

        var normalizedSubject = VietnameseText.TryNormalize(subject);
        if (TemplateLimits.HasSubject(channel))
        {
            if (subject is not null && normalizedSubject is null)
            {
                problems.Add(new(TemplateRefusals.TextInvalid, "subject", "Tiêu đề chứa ký tự không hợp lệ (xuống dòng, ký tự điều khiển hoặc ký tự ẩn)."));
            }
            else if (string.IsNullOrWhiteSpace(normalizedSubject))
            {
                problems.Add(new(TemplateRefusals.SubjectRequired, "subject", "Mẫu thư điện tử và thông báo trên ứng dụng cần có tiêu đề."));
            }
            else if (normalizedSubject.Length > TemplateLimits.SubjectSourceMax)
            {
                problems.Add(new(TemplateRefusals.TooLong, "subject", $"Tiêu đề mẫu dài tối đa {TemplateLimits.SubjectSourceMax} ký tự."));
            }
        }
        else if (!string.IsNullOrWhiteSpace(subject))
        {
            problems.Add(new(TemplateRefusals.SubjectNotAllowed, "subject", "Tin nhắn SMS và Zalo không có tiêu đề; để trống trường này."));
        }

        var templateId = string.IsNullOrWhiteSpace(providerTemplateId) ? null : providerTemplateId.Trim();
        if (channel == NotificationChannels.Zalo && !ZaloParameters.IsTemplateId(templateId))
        {
            problems.Add(new(TemplateRefusals.ZaloTemplateIdRequired, "providerTemplateId",
                "Mẫu Zalo cần mã mẫu ZNS đã được Zalo duyệt (template_id: chữ, số, dấu gạch)."));
        }
        else if (channel != NotificationChannels.Zalo && templateId is not null)
        {
            problems.Add(new(TemplateRefusals.ProviderTemplateIdNotAllowed, "providerTemplateId", "Chỉ mẫu Zalo mới có mã mẫu của nhà cung cấp."));
        }

        return problems.Count > 0
            ? (null, TemplateRefusals.From(problems))
            : (new TemplateText(TemplateLimits.HasSubject(channel) ? normalizedSubject : null, normalizedBody!, templateId), null);
    }

    /// <summary>Checks <paramref name="text"/> for the kind and channel: parsed, then its names, then rendered with the samples.</summary>
    public static async Task<TemplateCheck> CheckAsync(NotificationKind kind, string channel, TemplateText text)
    {
        var (template, problems) = CompiledTemplate.Parse(channel, text);
        if (template is null)
        {
            return new TemplateCheck(null, null, TemplateRefusals.From(problems));
        }

        var names = PlaceholdersOf(kind);
        var found = new List<TemplateProblem>();
        foreach (var (field, piece) in template.Pieces)
        {
            var usage = Liquid.UsageOf(piece);
            found.AddRange(usage.Variables.Where(v => !names.Contains(v)).Select(v => new TemplateProblem(TemplateRefusals.UnknownPlaceholder, field,
                $"Tham số {{{{ {v} }}}} không có trong loại thông báo này. Các tham số dùng được: {string.Join(", ", names)}.")));
            found.AddRange(usage.Filters.Where(f => !Liquid.IsFilter(f)).Select(f => new TemplateProblem(TemplateRefusals.UnknownFilter, field,
                $"Bộ lọc \"{f}\" không có. Dùng các bộ lọc chuẩn của Liquid hoặc \"{Liquid.KhongDauFilter}\".")));
            found.AddRange(usage.FileTags.Select(t => new TemplateProblem(TemplateRefusals.TagNotAllowed, field,
                $"Mẫu thông báo không dùng được thẻ \"{t}\" (thẻ này nạp mẫu khác từ tệp).")));
        }

        if (found.Count > 0)
        {
            return new TemplateCheck(null, null, TemplateRefusals.From(found));
        }

        RawMessage raw;
        try
        {
            raw = await template.RenderRawAsync(SampleValues(kind));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new TemplateCheck(null, null, TemplateRefusals.From([new TemplateProblem(TemplateRefusals.RenderFailed, "body",
                $"Không hiển thị được mẫu với dữ liệu mẫu ({ex.Message}).")]));
        }

        var limits = Limits(channel, raw);
        return limits.Count > 0
            ? new TemplateCheck(null, null, TemplateRefusals.From(limits))
            : new TemplateCheck(template, template.Enforce(raw), null);
    }

    /// <summary>The channel's limits, measured on a message rendered with the samples.</summary>
    public static IReadOnlyList<TemplateProblem> Limits(string channel, RawMessage raw)
    {
        var problems = new List<TemplateProblem>();
        if (TemplateLimits.HasSubject(channel))
        {
            var subject = TemplateLimits.OneLine(raw.Subject ?? string.Empty);
            if (subject.Length == 0)
            {
                problems.Add(new(TemplateRefusals.SubjectRequired, "subject", "Tiêu đề hiển thị ra rỗng với dữ liệu mẫu."));
            }
            else if (subject.Length > TemplateLimits.SubjectMax)
            {
                problems.Add(new(TemplateRefusals.TooLong, "subject",
                    $"Tiêu đề với dữ liệu mẫu dài {subject.Length} ký tự; tối đa {TemplateLimits.SubjectMax}."));
            }
        }

        if (channel == NotificationChannels.Zalo)
        {
            var parameters = raw.Parameters ?? [];
            foreach (var (line, value) in parameters)
            {
                var text = TemplateLimits.OneLine(value);
                if (text.Length == 0)
                {
                    problems.Add(new(TemplateRefusals.ZaloParametersInvalid, "body", $"Dòng {line.LineNumber}: tham số \"{line.Name}\" rỗng với dữ liệu mẫu."));
                }
                else if (text.Length > line.Type.MaxLength)
                {
                    problems.Add(new(TemplateRefusals.ZaloParameterTooLong, "body",
                        $"Dòng {line.LineNumber}: tham số \"{line.Name}\" ({line.Type.Name}) dài {text.Length} ký tự với dữ liệu mẫu; Zalo nhận tối đa {line.Type.MaxLength}."));
                }
            }

            var total = parameters.Sum(p => TemplateLimits.OneLine(p.Value).Length);
            if (total > TemplateLimits.ZaloMessageMax)
            {
                problems.Add(new(TemplateRefusals.ZaloMessageTooLong, "body",
                    $"Các tham số với dữ liệu mẫu dài {total} ký tự; một tin Zalo ZNS tối đa {TemplateLimits.ZaloMessageMax} ký tự."));
            }

            return problems;
        }

        var body = channel == NotificationChannels.Sms ? raw.Body.Trim() : raw.Body;
        if (string.IsNullOrWhiteSpace(body))
        {
            problems.Add(new(TemplateRefusals.BodyRequired, "body", "Nội dung hiển thị ra rỗng với dữ liệu mẫu."));
        }
        else if (channel == NotificationChannels.Sms && SmsText.FirstNonGsm7(body) is { } letter)
        {
            problems.Add(new(TemplateRefusals.SmsNotGsm7, "body",
                $"Tin nhắn SMS gửi không dấu; ký tự \"{letter}\" làm tin nhắn tốn gấp đôi. Dùng bộ lọc khong_dau, ví dụ {{{{ title | khong_dau }}}}."));
        }

        if (body.Length > TemplateLimits.BodyMax(channel))
        {
            problems.Add(new(channel == NotificationChannels.Sms ? TemplateRefusals.SmsTooLong : TemplateRefusals.TooLong, "body",
                $"Nội dung với dữ liệu mẫu dài {body.Length} ký tự; {NotificationChannels.NameOf(channel)} tối đa {TemplateLimits.BodyMax(channel)} ký tự."));
        }

        return problems;
    }
}

using System.Text.RegularExpressions;

namespace DoanKetSangTao.Notification.API.Domain.Templates;

/// <summary>
/// A Zalo ZNS parameter's technical setting (cài đặt kỹ thuật), chosen when the template is registered with Zalo, and the
/// longest value Zalo accepts for it (Zalo Cloud, "Các định dạng dữ liệu khi truyền vào tham số trên nội dung ZNS").
/// </summary>
public sealed record ZaloParameterType(string Code, string Name, int MaxLength);

/// <summary>One parameter line of a Zalo template: the parameter's name at Zalo, its type, and the Liquid that fills it.</summary>
public sealed record ZaloParameterLine(int LineNumber, string Name, ZaloParameterType Type, string Source);

/// <summary>
/// Tham số Zalo ZNS. A ZNS message is a template approved by Zalo (its id is the version's provider template id) and the
/// values of its named parameters; Zalo words the rest. Our template's body lists the parameters, one a line:
/// <code>
/// customer_name: {{ recipient_name }}
/// initiative_title [product]: {{ title }}
/// </code>
/// the name as registered at Zalo (letters, digits, underscores), optionally its type in brackets (default
/// <c>label</c>, 30 characters), then Liquid for its value on the same line.
/// </summary>
public static partial class ZaloParameters
{
    /// <summary>Nhãn tùy chỉnh: the type of a parameter whose line names none (Zalo's commonest cap, 30).</summary>
    public static readonly ZaloParameterType Label = new("label", "Nhãn tùy chỉnh", 30);

    public static readonly IReadOnlyList<ZaloParameterType> Types =
    [
        new("customer_name", "Tên khách hàng", 30),
        new("phone", "Số điện thoại", 15),
        new("address", "Địa chỉ", 200),
        new("code", "Mã số", 30),
        Label,
        new("status", "Trạng thái giao dịch", 30),
        new("contact", "Thông tin liên hệ", 50),
        new("salutation", "Giới tính / Danh xưng", 5),
        new("product", "Tên sản phẩm / Thương hiệu", 200),
        new("amount", "Số lượng / Số tiền", 20),
        new("time", "Thời gian", 20),
    ];

    public static ZaloParameterType? FindType(string code) => Types.FirstOrDefault(t => t.Code == code);

    /// <summary>The parameter lines of <paramref name="body"/>, or what is wrong with it (one message per bad line).</summary>
    public static (IReadOnlyList<ZaloParameterLine> Lines, IReadOnlyList<string> Errors) Parse(string body)
    {
        var lines = new List<ZaloParameterLine>();
        var errors = new List<string>();
        var number = 0;
        foreach (var raw in body.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var match = LinePattern().Match(line);
            if (!match.Success)
            {
                errors.Add($"Dòng {number}: mỗi dòng là một tham số Zalo, dạng \"ten_tham_so: {{{{ gia_tri }}}}\" (tên gồm chữ không dấu, số, dấu gạch dưới).");
                continue;
            }

            var name = match.Groups["name"].Value;
            var typeCode = match.Groups["type"].Success ? match.Groups["type"].Value : Label.Code;
            if (FindType(typeCode) is not { } type)
            {
                errors.Add($"Dòng {number}: loại tham số \"{typeCode}\" không có; dùng một trong: {string.Join(", ", Types.Select(t => t.Code))}.");
                continue;
            }

            if (lines.Any(l => l.Name == name))
            {
                errors.Add($"Dòng {number}: tham số \"{name}\" đã có ở dòng trước.");
                continue;
            }

            lines.Add(new ZaloParameterLine(number, name, type, match.Groups["value"].Value));
        }

        if (lines.Count == 0 && errors.Count == 0)
        {
            errors.Add("Mẫu Zalo cần ít nhất một tham số.");
        }

        if (lines.Count > TemplateLimits.ZaloParametersMax)
        {
            errors.Add($"Mẫu Zalo có tối đa {TemplateLimits.ZaloParametersMax} tham số.");
        }

        return (lines, errors);
    }

    /// <summary>Zalo's template ids are short tokens (digits today).</summary>
    public static bool IsTemplateId(string? id) => id is { Length: > 0 and <= 64 } && TemplateIdPattern().IsMatch(id);

    /// <summary>
    /// What is sent: each value on one line and within its type's cap, then the whole within the 400 characters of a
    /// message (the longest values give way first). Values may be longer than the samples they were checked with.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Enforce(IReadOnlyList<(ZaloParameterLine Line, string Value)> values)
    {
        var capped = values.Select(v => (v.Line.Name, Value: TemplateLimits.Cut(TemplateLimits.OneLine(v.Value), v.Line.Type.MaxLength))).ToList();
        var excess = capped.Sum(v => v.Value.Length) - TemplateLimits.ZaloMessageMax;
        while (excess > 0)
        {
            var longest = capped.Select((v, i) => (v.Value.Length, i)).Max();
            var keep = Math.Max(1, longest.Length - excess);
            var cut = TemplateLimits.Cut(capped[longest.i].Value, keep);
            excess -= capped[longest.i].Value.Length - cut.Length;
            capped[longest.i] = (capped[longest.i].Name, cut);
            if (longest.Length <= 1)
            {
                break;
            }
        }

        return capped.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
    }

    /// <summary>The parameters as text, one "name: value" a line: the message as the preview and the delivery log show it.</summary>
    public static string AsText(IReadOnlyDictionary<string, string> parameters) =>
        string.Join('\n', parameters.Select(p => $"{p.Key}: {p.Value}"));

    [GeneratedRegex(@"^\s*(?<name>[A-Za-z0-9_]{1,50})\s*(?:\[\s*(?<type>[A-Za-z_]+)\s*\])?\s*:(?<value>.*)$")]
    private static partial Regex LinePattern();

    [GeneratedRegex(@"^[A-Za-z0-9_\-]+$")]
    private static partial Regex TemplateIdPattern();
}

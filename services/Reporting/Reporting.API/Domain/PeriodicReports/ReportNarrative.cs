using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Reporting.API.Domain.PeriodicReports;

/// <summary>What one lower-level unit wrote in a section, gathered into a compiled report with its source named.</summary>
public sealed record NarrativeSource(Guid ReportId, string Level, string UnitCode, string? OrganizationName, string Text);

/// <summary>One narrative section: the unit's own text and, in a compiled report, what each lower-level unit said.</summary>
public sealed record NarrativeSection(string Text, IReadOnlyList<NarrativeSource> Sources);

/// <summary>
/// Phần nội dung báo cáo (narrative sections), as the seeds' reports are written: tuyên truyền, vận động; mô hình;
/// khen thưởng; khó khăn, vướng mắc; kiến nghị, đề xuất. Each is NFC text of at most <see cref="MaxLength"/> characters.
/// </summary>
public static class ReportNarrative
{
    public const string Propaganda = "propaganda";
    public const string Models = "models";
    public const string Commendations = "commendations";
    public const string Difficulties = "difficulties";
    public const string Recommendations = "recommendations";

    public const int MaxLength = 10_000;

    public static readonly IReadOnlyList<(string Code, string Heading)> Sections =
    [
        (Propaganda, "Công tác tuyên truyền, vận động"),
        (Models, "Mô hình \"Đoàn kết sáng tạo\" đã xây dựng"),
        (Commendations, "Công tác khen thưởng"),
        (Difficulties, "Khó khăn, vướng mắc"),
        (Recommendations, "Kiến nghị, đề xuất"),
    ];

    /// <summary>Every section, empty.</summary>
    public static IReadOnlyDictionary<string, NarrativeSection> Empty() =>
        Sections.ToDictionary(s => s.Code, _ => new NarrativeSection(string.Empty, []), StringComparer.Ordinal);

    /// <summary>
    /// The unit's text for each section it sent, NFC and length-limited (a section not sent keeps its text); the gathered
    /// sources are never taken from a request.
    /// </summary>
    public static IReadOnlyDictionary<string, NarrativeSection> Edit(
        IReadOnlyDictionary<string, NarrativeSection> current, IReadOnlyDictionary<string, string?>? sent, FieldErrors errors)
    {
        var result = Sections.ToDictionary(s => s.Code, s => current.GetValueOrDefault(s.Code) ?? new NarrativeSection(string.Empty, []), StringComparer.Ordinal);
        foreach (var (code, text) in sent ?? new Dictionary<string, string?>())
        {
            if (!result.ContainsKey(code))
            {
                errors.Add("narrative", $"Phần nội dung không có trong báo cáo: chọn một trong {string.Join(", ", Sections.Select(s => s.Code))}.");
                continue;
            }

            var normalized = VietnameseText.TryNormalize(text ?? string.Empty, allowNewLines: true);
            if (normalized is null)
            {
                errors.Add($"narrative.{code}", "Nội dung có ký tự không hợp lệ. Vui lòng gõ lại.");
            }
            else if (normalized.Length > MaxLength)
            {
                errors.Add($"narrative.{code}", string.Create(VietnameseText.Culture, $"Tối đa {MaxLength:N0} ký tự."));
            }
            else
            {
                result[code] = result[code] with { Text = normalized };
            }
        }

        return result;
    }
}

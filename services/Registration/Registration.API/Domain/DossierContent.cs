namespace DoanKetSangTao.Registration.API.Domain;

/// <summary>
/// Hồ sơ đề nghị công nhận: the application (đơn đề nghị công nhận, Mẫu 3) and the description report
/// (báo cáo mô tả, Mẫu 4) as the author fills them in; the cover letter and evidence are attachments.
/// </summary>
public sealed record DossierContent(
    DateOnly? FirstAppliedOn = null,
    string? ApplicationField = null,
    string? ConfidentialInformation = null,
    string? CurrentSituation = null,
    string? Solution = null,
    string? Novelty = null,
    string? Results = null,
    string? Benefits = null,
    string? ConditionsAndScope = null,
    string? CoverLetterNumber = null,
    DateOnly? CoverLetterDate = null);

/// <summary>Loại tệp đính kèm của hồ sơ.</summary>
public static class AttachmentKind
{
    /// <summary>Văn bản đề nghị của đơn vị (the unit's cover letter), required.</summary>
    public const string CoverLetter = "cover_letter";

    /// <summary>Bản ký của đơn đề nghị (Mẫu 3).</summary>
    public const string Application = "application";

    /// <summary>Bản ký của báo cáo mô tả (Mẫu 4).</summary>
    public const string Description = "description";

    /// <summary>Tài liệu chứng minh khác.</summary>
    public const string Supporting = "supporting";

    public static readonly Catalog All = new("Loại tệp đính kèm",
    [
        (CoverLetter, "Văn bản đề nghị của đơn vị"),
        (Application, "Đơn đề nghị công nhận đã ký (Mẫu 3)"),
        (Description, "Báo cáo mô tả đã ký (Mẫu 4)"),
        (Supporting, "Tài liệu chứng minh"),
    ]);

    public const int MaxPerDossier = 30;
}

/// <summary>The rules of a dossier: bounded Vietnamese text while drafting; every part present to submit.</summary>
public static class DossierRules
{
    public const int SectionMaxLength = 20_000;
    public const int ShortMaxLength = 500;

    private static readonly (string Field, string Label, Func<DossierContent, string?> Get, int Max)[] Sections =
    [
        ("applicationField", "Lĩnh vực áp dụng", c => c.ApplicationField, ShortMaxLength),
        ("confidentialInformation", "Thông tin cần bảo mật", c => c.ConfidentialInformation, SectionMaxLength),
        ("currentSituation", "Tình trạng giải pháp đã biết", c => c.CurrentSituation, SectionMaxLength),
        ("solution", "Nội dung giải pháp", c => c.Solution, SectionMaxLength),
        ("novelty", "Tính mới của giải pháp", c => c.Novelty, SectionMaxLength),
        ("results", "Kết quả áp dụng hoặc áp dụng thử", c => c.Results, SectionMaxLength),
        ("benefits", "Hiệu quả, lợi ích thu được", c => c.Benefits, SectionMaxLength),
        ("conditionsAndScope", "Điều kiện và phạm vi áp dụng", c => c.ConditionsAndScope, SectionMaxLength),
        ("coverLetterNumber", "Số văn bản đề nghị của đơn vị", c => c.CoverLetterNumber, 100),
    ];

    /// <summary>Normalizes the text (NFC) and checks lengths and dates; errors by field.</summary>
    public static (DossierContent? Content, Dictionary<string, string[]> Errors) Normalize(DossierContent input, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Fail(string field, string message) => errors[field] = errors.TryGetValue(field, out var m) ? [.. m, message] : [message];
        var text = Sections.ToDictionary(s => s.Field, s => InitiativeRegistration.LongText(s.Field, s.Label, s.Get(input), s.Max, required: false, Fail));

        if (input.FirstAppliedOn is { } first && (first > today || first.Year < 1975))
        {
            Fail("firstAppliedOn", "Ngày áp dụng lần đầu phải là một ngày đã qua.");
        }

        if (input.CoverLetterDate is { } letter && (letter > today || letter.Year < 1975))
        {
            Fail("coverLetterDate", "Ngày của văn bản đề nghị phải là một ngày đã qua.");
        }

        return errors.Count > 0
            ? (null, errors)
            : (new DossierContent(input.FirstAppliedOn, text["applicationField"], text["confidentialInformation"], text["currentSituation"],
                text["solution"], text["novelty"], text["results"], text["benefits"], text["conditionsAndScope"], text["coverLetterNumber"],
                input.CoverLetterDate), errors);
    }

    /// <summary>What is still missing before the dossier can be submitted (empty when complete).</summary>
    public static Dictionary<string, string[]> Missing(DossierContent content, IEnumerable<string> attachmentKinds)
    {
        var missing = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var s in Sections.Where(s => s.Field != "confidentialInformation"))
        {
            if (string.IsNullOrEmpty(s.Get(content)))
            {
                missing[s.Field] = [$"Hồ sơ còn thiếu: {s.Label}."];
            }
        }

        if (content.FirstAppliedOn is null)
        {
            missing["firstAppliedOn"] = ["Hồ sơ còn thiếu: ngày áp dụng lần đầu hoặc áp dụng thử."];
        }

        if (content.CoverLetterDate is null)
        {
            missing["coverLetterDate"] = ["Hồ sơ còn thiếu: ngày của văn bản đề nghị của đơn vị."];
        }

        if (!attachmentKinds.Contains(AttachmentKind.CoverLetter))
        {
            missing["attachments"] = ["Hồ sơ còn thiếu tệp văn bản đề nghị của đơn vị (bản chính có chữ ký, đóng dấu)."];
        }

        return missing;
    }
}

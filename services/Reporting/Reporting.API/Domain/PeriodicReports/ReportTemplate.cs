using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Reporting.API.Domain.PeriodicReports;

/// <summary>A province's own due date for its communes or member organizations under a centre template.</summary>
public sealed record ProvinceDueDate(string ProvinceCode, string Level, DateOnly DueOn);

/// <summary>
/// Mẫu báo cáo định kỳ (report template) of a campaign: its kind, title, period and a due date per reporting level.
/// <see cref="ScopeCode"/> is "VN" for the centre's (every unit reports on it) or a province code (that province's units only).
/// </summary>
public sealed record ReportTemplate(
    Guid Id, Guid CampaignId, string Kind, string Title, DateOnly PeriodFrom, DateOnly PeriodTo, string ScopeCode,
    string CreatedBy, DateTimeOffset CreatedAt, IReadOnlyDictionary<string, DateOnly> DueDates, IReadOnlyList<ProvinceDueDate> ProvinceDueDates)
{
    public const string National = "VN";

    public bool IsNational => ScopeCode == National;

    /// <summary>
    /// Hạn nộp in force for a unit of <paramref name="level"/> in <paramref name="provinceCode"/>: the province's own date
    /// for its communes and member organizations when it set one, else the template's; null when none is set.
    /// </summary>
    public DateOnly? DueOnFor(string level, string? provinceCode)
    {
        var own = ProvinceDueDates.FirstOrDefault(d => d.Level == level && d.ProvinceCode == provinceCode);
        return own is not null ? own.DueOn : DueDates.TryGetValue(level, out var due) ? due : null;
    }

    /// <summary>Whether a unit in <paramref name="provinceCode"/> (null: the centre) reports on this template.</summary>
    public bool Applies(string? provinceCode) => IsNational || ScopeCode == provinceCode;
}

/// <summary>A template as an officer asked for it, checked.</summary>
public sealed record TemplateDraft(Guid CampaignId, string Kind, string Title, DateOnly PeriodFrom, DateOnly PeriodTo, IReadOnlyDictionary<string, DateOnly> DueDates);

/// <summary>
/// Quy tắc mẫu báo cáo (template rules). Who defines: a Front officer of the centre defines national templates (due dates
/// for every level); a Front officer of a province defines its province's own templates (due dates for its communes and
/// member organizations only: nobody in the province is above the province), and on a national template sets its
/// communes' and member organizations' due dates for its province, never the provinces' date, which is the centre's.
/// </summary>
public static class ReportTemplateRules
{
    public const int TitleMaxLength = 300;

    public static TemplateDraft Check(Guid campaignId, string? kind, string? title, DateOnly? periodFrom, DateOnly? periodTo,
        IReadOnlyDictionary<string, DateOnly>? dueDates, bool national, FieldErrors errors)
    {
        if (campaignId == Guid.Empty)
        {
            errors.Add("campaignId", "Vui lòng chọn đợt thi đua.");
        }

        if (!ReportTemplateKinds.IsKnown(kind))
        {
            errors.Add("kind", $"Loại báo cáo phải là một trong: {ReportTemplateKinds.Choices}.");
        }

        var name = VietnameseText.TryNormalize(title);
        if (string.IsNullOrEmpty(name) || name.Length > TitleMaxLength)
        {
            errors.Add("title", $"Vui lòng nhập tên báo cáo (tối đa {TitleMaxLength} ký tự, không có ký tự điều khiển).");
        }

        if (periodFrom is not { } from || !InputBounds.IsSaneDate(from))
        {
            errors.Add("periodFrom", $"Vui lòng nhập ngày bắt đầu kỳ báo cáo ({InputBounds.DateRange}).");
        }

        if (periodTo is not { } to || !InputBounds.IsSaneDate(to))
        {
            errors.Add("periodTo", $"Vui lòng nhập ngày kết thúc kỳ báo cáo ({InputBounds.DateRange}).");
        }
        else if (periodFrom is { } start && to < start)
        {
            errors.Add("periodTo", "Ngày kết thúc kỳ báo cáo không được trước ngày bắt đầu.");
        }

        var dates = dueDates ?? new Dictionary<string, DateOnly>();
        foreach (var (level, due) in dates)
        {
            CheckDueDate(level, due, periodFrom, national, errors, $"dueDates.{level}");
        }

        return new TemplateDraft(campaignId, kind ?? string.Empty, name ?? string.Empty, periodFrom ?? default, periodTo ?? default, dates);
    }

    /// <summary>A due date for a level: a level that reports, within the date bounds, not before the period starts.</summary>
    public static void CheckDueDate(string level, DateOnly due, DateOnly? periodFrom, bool national, FieldErrors errors, string field)
    {
        if (!ReportLevels.Reporting.Contains(level))
        {
            errors.Add(field, "Cấp báo cáo phải là commune (cấp xã), province (cấp tỉnh) hoặc member_org (tổ chức thành viên).");
        }
        else if (!national && level == ReportLevels.Province)
        {
            errors.Add(field, "Mẫu báo cáo của tỉnh chỉ đặt hạn nộp cho cấp xã và tổ chức thành viên; hạn nộp của tỉnh do Trung ương đặt.");
        }
        else if (!InputBounds.IsSaneDate(due))
        {
            errors.Add(field, $"Hạn nộp từ {InputBounds.DateRange}.");
        }
        else if (periodFrom is { } from && due < from)
        {
            errors.Add(field, "Hạn nộp không được trước ngày bắt đầu kỳ báo cáo.");
        }
    }
}

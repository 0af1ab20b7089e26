using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Reporting.API.Domain.PeriodicReports;

/// <summary>
/// Vòng đời báo cáo (report lifecycle): draft → submitted → (returned with a reason → submitted again) → accepted. Only a
/// draft or a returned report is edited, compiled or submitted; only a submitted one is returned or accepted; an
/// accepted report is final. Every edit names the version it was made on (optimistic concurrency): an edit made on an
/// older version than the stored one is refused, so two officers never overwrite each other silently.
/// </summary>
public static class ReportLifecycle
{
    public const int ReasonMaxLength = 2000;

    public static readonly Refusal NotEditable = Refusal.Conflict("report_not_editable",
        "Báo cáo đã nộp hoặc đã được tiếp nhận nên không sửa được. Chỉ sửa báo cáo nháp hoặc báo cáo bị trả lại.");

    public static readonly Refusal NotSubmitted = Refusal.Conflict("report_not_submitted",
        "Chỉ trả lại hoặc tiếp nhận được báo cáo đang ở trạng thái đã nộp.");

    public static readonly Refusal Stale = Refusal.Conflict("report_version_stale",
        "Báo cáo vừa được người khác sửa. Vui lòng tải lại báo cáo rồi sửa trên bản mới nhất.");

    public static readonly Refusal NothingAbove = Refusal.Conflict("report_nothing_above",
        "Báo cáo tổng hợp của Trung ương không nộp lên cấp nào.");

    public static Refusal? CanEdit(PeriodicReport report, int? version)
    {
        if (report.Status is not (ReportStatuses.Draft or ReportStatuses.Returned))
        {
            return NotEditable;
        }

        return version is { } v && v != report.Version ? Stale : null;
    }

    public static Refusal? CanSubmit(PeriodicReport report) =>
        report.Level == ReportLevels.Central ? NothingAbove
        : report.Status is ReportStatuses.Draft or ReportStatuses.Returned ? null
        : NotEditable;

    public static Refusal? CanReview(PeriodicReport report) => report.Status == ReportStatuses.Submitted ? null : NotSubmitted;

    /// <summary>Nộp: the first submission's time is kept for timeliness; a late report is accepted and counted late.</summary>
    public static PeriodicReport Submit(PeriodicReport report, DateTimeOffset now) => report with
    {
        Status = ReportStatuses.Submitted,
        FirstSubmittedAt = report.FirstSubmittedAt ?? now,
        SubmittedAt = now,
        ReturnedReason = null,
        Version = report.Version + 1,
        UpdatedAt = now,
    };

    public static PeriodicReport Return(PeriodicReport report, string reason, DateTimeOffset now) => report with
    {
        Status = ReportStatuses.Returned, ReturnedReason = reason, Version = report.Version + 1, UpdatedAt = now,
    };

    public static PeriodicReport Accept(PeriodicReport report, DateTimeOffset now) => report with
    {
        Status = ReportStatuses.Accepted, AcceptedAt = now, Version = report.Version + 1, UpdatedAt = now,
    };

    /// <summary>The reason a report is returned with: required, NFC, at most <see cref="ReasonMaxLength"/> characters.</summary>
    public static string? CheckReason(string? reason, FieldErrors errors)
    {
        var normalized = VietnameseText.TryNormalize(reason, allowNewLines: true);
        if (string.IsNullOrEmpty(normalized) || normalized.Length > ReasonMaxLength)
        {
            errors.Add("reason", string.Create(VietnameseText.Culture, $"Vui lòng nêu lý do trả lại (tối đa {ReasonMaxLength:N0} ký tự)."));
            return null;
        }

        return normalized;
    }
}

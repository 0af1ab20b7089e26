using DoanKetSangTao.Domain;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Reporting.API.Domain.PeriodicReports;
using DoanKetSangTao.Reporting.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Security;

namespace DoanKetSangTao.Reporting.API.Apis;

/// <summary>What the periodic report endpoints need, bundled for <c>[AsParameters]</c>: the caller, the clock, the stores.</summary>
public sealed class PeriodicReportContext(
    ServiceDatabase db,
    ReportTemplateStore templates,
    PeriodicReportStore reports,
    IReportFigureSource figures,
    CurrentUser user,
    TimeProvider clock)
{
    public static readonly Refusal TemplateNotFound = Refusal.NotFound("report_template_not_found",
        "Không tìm thấy mẫu báo cáo. Vui lòng chọn lại mẫu báo cáo của đợt thi đua.");

    public static readonly Refusal ReportNotFound = Refusal.NotFound("report_not_found",
        "Không tìm thấy báo cáo. Vui lòng tải lại danh sách báo cáo.");

    public ServiceDatabase Db { get; } = db;

    public ReportTemplateStore Templates { get; } = templates;

    public PeriodicReportStore Reports { get; } = reports;

    public IReportFigureSource Figures { get; } = figures;

    public CurrentUser User { get; } = user;

    public TimeProvider Clock { get; } = clock;

    /// <summary>Now, to the microsecond PostgreSQL keeps, so an answer shows the times exactly as they are stored.</summary>
    public DateTimeOffset Now()
    {
        var now = Clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % 10));
    }

    public ReportCaller Caller { get; } = new(user.Id, user.IsInRole(PlatformRoles.FrontOfficer), user.IsInRole(PlatformRoles.MemberOrganizationOfficer),
        user.Scope, Guid.TryParse(user.OrganizationId, out var org) ? org : null);

    /// <summary>The template as the caller sees it, with its due dates in force for the caller's province.</summary>
    public async Task<ReportTemplateResponse> ToResponseAsync(ReportTemplate t, CancellationToken ct)
    {
        var province = Caller.Scope?.ProvinceCode;
        var effective = ReportLevels.Reporting.Select(l => (l, due: t.DueOnFor(l, province)))
            .Where(x => x.due is not null).ToDictionary(x => x.l, x => x.due!.Value, StringComparer.Ordinal);
        var visible = t.ProvinceDueDates.Where(d => province is null || d.ProvinceCode == province)
            .Select(d => new ProvinceDueDateResponse(d.ProvinceCode, d.Level, d.DueOn)).ToList();
        return new ReportTemplateResponse(t.Id, t.CampaignId, await Templates.CampaignNameAsync(t.CampaignId, ct), t.Kind,
            ReportTemplateKinds.All.First(k => k.Code == t.Kind).Name, t.Title, t.PeriodFrom, t.PeriodTo, t.ScopeCode, t.DueDates, visible,
            effective, t.CreatedBy, t.CreatedAt);
    }
}

using DoanKetSangTao.Domain;
using DoanKetSangTao.Reporting.API.Domain.PeriodicReports;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Reporting.API.Apis;

/// <summary>
/// Báo cáo định kỳ của đơn vị (a unit's periodic report): opened with its figures pre-filled from the platform, edited as a
/// draft, submitted, returned or accepted by the level above (<see cref="PeriodicReportReviewApi"/>), compiled from the
/// lower levels, exported (<see cref="PeriodicReportExportsApi"/>). Who may do what: <see cref="ReportAccess"/>.
/// </summary>
public static class PeriodicReportsApi
{
    public const int OrganizationNameMaxLength = 300;

    /// <summary>Every periodic report endpoint: templates, reports, their review and exports.</summary>
    public static IEndpointRouteBuilder MapPeriodicReportsApi(this IEndpointRouteBuilder app)
    {
        app.MapReportTemplatesApi();
        var api = app.MapGroup("/api/v1/reports/periodic").WithTags("Báo cáo định kỳ (periodic reports)").RejectUnknownQueryParameters()
            .RequireRoles(PlatformRoles.FrontOfficer, PlatformRoles.MemberOrganizationOfficer);
        api.MapPost("/", OpenReport);
        api.MapGet("/", ListReports);
        api.MapGet("/{id:guid}", GetReport);
        api.MapPut("/{id:guid}", UpdateReport);
        PeriodicReportReviewApi.Map(api);
        PeriodicReportExportsApi.Map(api);
        PeriodicReportAttachmentsApi.Map(api);
        return app;
    }

    /// <summary>
    /// Mở báo cáo: the caller's own unit's report on a template (a commune's, a province's, the centre's, a member
    /// organization's), created as a draft with the platform's figures for the unit's area and the template's period;
    /// asking again returns the one already opened.
    /// </summary>
    public static async Task<Results<Created<PeriodicReportResponse>, Ok<PeriodicReportResponse>, ProblemHttpResult>> OpenReport(
        OpenPeriodicReportRequest request, [AsParameters] PeriodicReportContext context, CancellationToken ct)
    {
        if (ReportAccess.UnitOf(context.Caller) is not { } unit)
        {
            return ReportAccess.NoUnit.ToProblem();
        }

        if (request.TemplateId is not { } templateId)
        {
            return Refusal.Invalid("templateId", "Vui lòng chọn mẫu báo cáo.").ToProblem();
        }

        if (await context.Templates.GetAsync(templateId, ct) is not { } template || !template.Applies(unit.ProvinceCode) || !ReportAccess.CanSee(context.Caller, template))
        {
            return PeriodicReportContext.TemplateNotFound.ToProblem();
        }

        var name = VietnameseText.TryNormalize(request.OrganizationName);
        if (request.OrganizationName is not null && (string.IsNullOrEmpty(name) || name.Length > OrganizationNameMaxLength))
        {
            return Refusal.Invalid("organizationName", $"Tên tổ chức từ 1 đến {OrganizationNameMaxLength} ký tự, không có ký tự điều khiển.").ToProblem();
        }

        if (await context.Reports.FindAsync(templateId, unit, ct) is { } existing)
        {
            return TypedResults.Ok(PeriodicReportResponse.From(existing, template));
        }

        var area = unit.Area;
        var rows = await context.Figures.CountAsync(template.CampaignId, area.Province, area.Commune, area.MemberOrganization, template.PeriodFrom, template.PeriodTo, ct);
        var report = PeriodicReport.Open(Guid.CreateVersion7(), templateId, unit, unit.Level == ReportLevels.MemberOrg ? name : null,
            ReportFigures.FromRows(rows), context.Caller.Id, context.Now());
        bool created;
        await using (var session = await context.Db.BeginAsync(ct))
        {
            created = await context.Reports.InsertAsync(session, report, ct);
            await session.CommitAsync(ct);
        }

        // Opened twice at once: the first one stands.
        return created
            ? TypedResults.Created($"/api/v1/reports/periodic/{report.Id}", PeriodicReportResponse.From(report, template))
            : TypedResults.Ok(PeriodicReportResponse.From((await context.Reports.FindAsync(templateId, unit, ct))!, template));
    }

    /// <summary>Reports the caller may read (their unit's; the units below them), of one template or all.</summary>
    public static async Task<Ok<IReadOnlyList<PeriodicReportSummary>>> ListReports(Guid? templateId, [AsParameters] PeriodicReportContext context, CancellationToken ct)
    {
        var province = context.Caller.Scope?.ProvinceCode;
        var reports = (await context.Reports.ListAsync(null, templateId, province, ct)).Where(r => ReportAccess.CanRead(context.Caller, r)).ToList();
        var templates = new Dictionary<Guid, ReportTemplate?>();
        var list = new List<PeriodicReportSummary>();
        foreach (var r in reports)
        {
            if (!templates.TryGetValue(r.TemplateId, out var t))
            {
                templates[r.TemplateId] = t = await context.Templates.GetAsync(r.TemplateId, ct);
            }

            var due = t?.DueOnFor(r.Level, r.ProvinceCode);
            list.Add(new PeriodicReportSummary(r.Id, r.TemplateId, r.Level, r.UnitCode, r.ProvinceCode, r.OrganizationId, r.OrganizationName, r.Status,
                due, r.FirstSubmittedAt is { } first ? ReportTimeliness.IsOnTime(first, due) : null, r.FirstSubmittedAt, r.AcceptedAt, r.Version));
        }

        return TypedResults.Ok<IReadOnlyList<PeriodicReportSummary>>(list);
    }

    public static async Task<Results<Ok<PeriodicReportResponse>, ProblemHttpResult>> GetReport(Guid id, [AsParameters] PeriodicReportContext context, CancellationToken ct)
    {
        var (report, template, refusal) = await ReadableAsync(id, context, ct);
        return refusal is null ? TypedResults.Ok(PeriodicReportResponse.From(report!, template!)) : refusal.ToProblem();
    }

    /// <summary>
    /// Sửa báo cáo (a draft, or a returned one) on the version it was read at: narrative sections, models built, corrected
    /// figures. An edit on an older version is refused (409): reload and edit the newest.
    /// </summary>
    public static async Task<Results<Ok<PeriodicReportResponse>, ProblemHttpResult>> UpdateReport(
        Guid id, UpdatePeriodicReportRequest request, [AsParameters] PeriodicReportContext context, CancellationToken ct)
    {
        var (current, template, refusal) = await FilableAsync(id, context, ct);
        if (refusal is not null)
        {
            return refusal.ToProblem();
        }

        var errors = new FieldErrors();
        if (request.Version is null)
        {
            errors.Add("version", "Vui lòng gửi kèm phiên bản báo cáo đã đọc (version).");
        }

        if (request.ModelsBuilt is < 0 or > ReportFigures.MaxValue)
        {
            errors.Add("modelsBuilt", string.Create(VietnameseText.Culture, $"Số mô hình từ 0 đến {ReportFigures.MaxValue:N0}."));
        }

        ReportFigures? figures = null;
        if (request.Figures is { } input)
        {
            figures = new ReportFigures(input.Total ?? new Dictionary<string, long>(),
                Groups(input.ByKind),
                Groups(input.ByField));
            ReportFigures.Check(figures, errors);
        }

        var narrative = ReportNarrative.Edit(current!.Narrative, request.Narrative, errors);
        if (errors.ToRefusal() is { } invalid)
        {
            return invalid.ToProblem();
        }

        await using var session = await context.Db.BeginAsync(ct);
        var report = (await context.Reports.GetAsync(session, id, ct))!;
        if (ReportLifecycle.CanEdit(report, request.Version) is { } conflict)
        {
            return conflict.ToProblem();
        }

        // Sections not sent keep their stored text (re-read under the lock), sent ones replace it.
        narrative = ReportNarrative.Edit(report.Narrative, request.Narrative, new FieldErrors());
        var newFigures = figures is null ? report.Figures : ReportFigures.Sum([figures]);
        if (request.ModelsBuilt is { } models)
        {
            newFigures = newFigures.WithTotal(ReportMeasures.ModelsBuilt, models);
        }

        var now = context.Now();
        var updated = report with { Narrative = narrative, Figures = newFigures, Version = report.Version + 1, UpdatedAt = now };
        if (!await context.Reports.UpdateAsync(session, updated, report.Version, ct))
        {
            return ReportLifecycle.Stale.ToProblem();
        }

        await session.CommitAsync(ct);
        return TypedResults.Ok(PeriodicReportResponse.From(updated, template!));
    }

    private static Dictionary<string, IReadOnlyDictionary<string, long>> Groups(Dictionary<string, Dictionary<string, long>>? groups) =>
        (groups ?? new Dictionary<string, Dictionary<string, long>>()).ToDictionary(
            p => p.Key, p => (IReadOnlyDictionary<string, long>)(p.Value ?? new Dictionary<string, long>()), StringComparer.Ordinal);

    /// <summary>The report and its template when the caller may read it; else the refusal (404 unknown, 403 outside their reach).</summary>
    internal static async Task<(PeriodicReport? Report, ReportTemplate? Template, Refusal? Refusal)> ReadableAsync(Guid id, PeriodicReportContext context, CancellationToken ct)
    {
        if (await context.Reports.GetAsync(null, id, ct) is not { } report || await context.Templates.GetAsync(report.TemplateId, ct) is not { } template)
        {
            return (null, null, PeriodicReportContext.ReportNotFound);
        }

        return ReportAccess.CanRead(context.Caller, report) ? (report, template, null) : (null, null, ReportAccess.OutsideScope);
    }

    /// <summary>The report when the caller files it (their own unit's); else the refusal.</summary>
    internal static async Task<(PeriodicReport? Report, ReportTemplate? Template, Refusal? Refusal)> FilableAsync(Guid id, PeriodicReportContext context, CancellationToken ct)
    {
        var (report, template, refusal) = await ReadableAsync(id, context, ct);
        if (refusal is null && !ReportAccess.CanFile(context.Caller, report!))
        {
            return (null, null, ReportAccess.NotYourUnit);
        }

        return (report, template, refusal);
    }
}

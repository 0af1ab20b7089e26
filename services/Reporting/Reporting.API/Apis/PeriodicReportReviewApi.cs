using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Reporting.API.Domain.PeriodicReports;
using DoanKetSangTao.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Reporting.API.Apis;

/// <summary>
/// Nộp, trả lại, tiếp nhận, tổng hợp: the unit submits its report; the level above returns it with a reason or accepts it;
/// a province or the centre compiles the accepted reports below it into its own draft. Each step announces itself
/// (ReportSubmitted, ReportReturned, ReportAccepted) through the outbox, in the step's transaction.
/// </summary>
public static class PeriodicReportReviewApi
{
    internal static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/{id:guid}/submit", SubmitReport);
        api.MapPost("/{id:guid}/return", ReturnReport);
        api.MapPost("/{id:guid}/accept", AcceptReport);
        api.MapPost("/{id:guid}/compile", CompileReport);
    }

    /// <summary>
    /// Nộp báo cáo to the level above. A late report is accepted and counted late (DHIS2's practice), never refused; its
    /// timeliness is judged on the first submission (<see cref="ReportTimeliness"/>).
    /// </summary>
    public static async Task<Results<Ok<PeriodicReportResponse>, ProblemHttpResult>> SubmitReport(Guid id, [AsParameters] PeriodicReportContext context, CancellationToken ct)
    {
        var (_, template, refusal) = await PeriodicReportsApi.FilableAsync(id, context, ct);
        if (refusal is not null)
        {
            return refusal.ToProblem();
        }

        return await ChangeAsync(id, template!, context, ReportLifecycle.CanSubmit, (r, now) => ReportLifecycle.Submit(r, now), (r, now) =>
            new ReportSubmitted(Guid.CreateVersion7(), now, r.Id, r.TemplateId, template!.CampaignId, template.Title, r.Level, r.UnitCode, r.OrganizationId,
                context.Caller.Id, ReportTimeliness.IsOnTime(r.FirstSubmittedAt!.Value, template.DueOnFor(r.Level, r.ProvinceCode)), r.ProvinceCode), ct);
    }

    /// <summary>Trả lại báo cáo for correction, with the reason; the unit edits it and submits again.</summary>
    public static async Task<Results<Ok<PeriodicReportResponse>, ProblemHttpResult>> ReturnReport(
        Guid id, ReturnPeriodicReportRequest request, [AsParameters] PeriodicReportContext context, CancellationToken ct)
    {
        var (_, template, refusal) = await ReviewableAsync(id, context, ct);
        if (refusal is not null)
        {
            return refusal.ToProblem();
        }

        var errors = new FieldErrors();
        var reason = ReportLifecycle.CheckReason(request.Reason, errors);
        if (errors.ToRefusal() is { } invalid)
        {
            return invalid.ToProblem();
        }

        return await ChangeAsync(id, template!, context, ReportLifecycle.CanReview, (r, now) => ReportLifecycle.Return(r, reason!, now), (r, now) =>
            new ReportReturned(Guid.CreateVersion7(), now, r.Id, r.TemplateId, template!.CampaignId, template.Title, r.Level, r.UnitCode, r.OrganizationId,
                reason!, context.Caller.Id, r.ProvinceCode), ct);
    }

    /// <summary>Tiếp nhận báo cáo: final; the report then counts in the level above's compilation.</summary>
    public static async Task<Results<Ok<PeriodicReportResponse>, ProblemHttpResult>> AcceptReport(Guid id, [AsParameters] PeriodicReportContext context, CancellationToken ct)
    {
        var (_, template, refusal) = await ReviewableAsync(id, context, ct);
        if (refusal is not null)
        {
            return refusal.ToProblem();
        }

        return await ChangeAsync(id, template!, context, ReportLifecycle.CanReview, (r, now) => ReportLifecycle.Accept(r, now), (r, now) =>
            new ReportAccepted(Guid.CreateVersion7(), now, r.Id, r.TemplateId, template!.CampaignId, template.Title, r.Level, r.UnitCode, r.OrganizationId,
                context.Caller.Id, r.ProvinceCode), ct);
    }

    /// <summary>
    /// Tổng hợp: the caller's province (or centre) report takes in the reports accepted below it now (<see cref="ReportCompiler"/>:
    /// figures summed over the area reports, narratives gathered with their sources, the units included and those not yet
    /// accepted). Figures edited before are replaced; the officer's own section texts are kept.
    /// </summary>
    public static async Task<Results<Ok<PeriodicReportResponse>, ProblemHttpResult>> CompileReport(Guid id, [AsParameters] PeriodicReportContext context, CancellationToken ct)
    {
        var (found, template, refusal) = await PeriodicReportsApi.FilableAsync(id, context, ct);
        if (refusal is not null)
        {
            return refusal.ToProblem();
        }

        if (!ReportCompiler.Compiles(found!.Level))
        {
            return ReportCompiler.NotACompiler.ToProblem();
        }

        var areaLevel = ReportCompiler.AreaLevelBelow(found.Level);
        var on = template!.DueOnFor(areaLevel, found.ProvinceCode) ?? template.PeriodTo;
        var expected = await context.Reports.ExpectedUnitsAsync(areaLevel, found.ProvinceCode, on, ct);

        await using var session = await context.Db.BeginAsync(ct);
        var report = (await context.Reports.GetAsync(session, id, ct))!;
        if (ReportLifecycle.CanEdit(report, null) is { } conflict)
        {
            return conflict.ToProblem();
        }

        var candidates = await context.Reports.ListAsync(session, report.TemplateId, report.ProvinceCode, ct);
        var compiled = ReportCompiler.Compile(report, candidates, expected, context.Now());
        if (!await context.Reports.UpdateAsync(session, compiled, report.Version, ct))
        {
            return ReportLifecycle.Stale.ToProblem();
        }

        await session.CommitAsync(ct);
        return TypedResults.Ok(PeriodicReportResponse.From(compiled, template));
    }

    /// <summary>The report when the caller is the level above it; else the refusal.</summary>
    private static async Task<(PeriodicReport? Report, ReportTemplate? Template, Refusal? Refusal)> ReviewableAsync(Guid id, PeriodicReportContext context, CancellationToken ct)
    {
        var (report, template, refusal) = await PeriodicReportsApi.ReadableAsync(id, context, ct);
        if (refusal is null && !ReportAccess.CanReview(context.Caller, report!))
        {
            return (null, null, ReportAccess.NotAbove);
        }

        return (report, template, refusal);
    }

    // One step: re-read under lock, check the state, write the new state over the version read, announce it, commit.
    private static async Task<Results<Ok<PeriodicReportResponse>, ProblemHttpResult>> ChangeAsync(
        Guid id, ReportTemplate template, PeriodicReportContext context, Func<PeriodicReport, Refusal?> allowed,
        Func<PeriodicReport, DateTimeOffset, PeriodicReport> change, Func<PeriodicReport, DateTimeOffset, IIntegrationEvent> announce, CancellationToken ct)
    {
        await using var session = await context.Db.BeginAsync(ct);
        var report = (await context.Reports.GetAsync(session, id, ct))!;
        if (allowed(report) is { } conflict)
        {
            return conflict.ToProblem();
        }

        var now = context.Now();
        var changed = change(report, now);
        if (!await context.Reports.UpdateAsync(session, changed, report.Version, ct))
        {
            return ReportLifecycle.Stale.ToProblem();
        }

        await session.PublishAsync(announce(changed, now), ct);
        await session.CommitAsync(ct);
        return TypedResults.Ok(PeriodicReportResponse.From(changed, template));
    }
}

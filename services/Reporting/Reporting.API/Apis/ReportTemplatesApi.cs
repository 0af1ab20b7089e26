using DoanKetSangTao.Domain;
using DoanKetSangTao.Reporting.API.Domain.PeriodicReports;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Reporting.API.Apis;

/// <summary>
/// Mẫu báo cáo định kỳ (report templates) of a campaign, with a due date per level. Who may define them and set due dates:
/// <see cref="ReportTemplateRules"/>.
/// </summary>
public static class ReportTemplatesApi
{
    public static RouteGroupBuilder MapReportTemplatesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/reports/templates").WithTags("Báo cáo định kỳ (periodic reports)").RejectUnknownQueryParameters();
        api.MapPost("/", CreateTemplate).RequireRoles(PlatformRoles.FrontOfficer);
        api.MapGet("/", ListTemplates).RequireRoles(PlatformRoles.FrontOfficer, PlatformRoles.MemberOrganizationOfficer);
        api.MapGet("/{id:guid}", GetTemplate).RequireRoles(PlatformRoles.FrontOfficer, PlatformRoles.MemberOrganizationOfficer);
        api.MapPut("/{id:guid}/due-dates/{level}", SetDueDate).RequireRoles(PlatformRoles.FrontOfficer);
        return api;
    }

    private static readonly Refusal NotADefiner = Refusal.Forbidden("report_template_not_allowed",
        "Chỉ cán bộ Ủy ban MTTQ cấp tỉnh hoặc Trung ương mới được lập mẫu báo cáo và đặt hạn nộp.");

    private static readonly Refusal DueDateNotYours = Refusal.Forbidden("report_due_date_not_yours",
        "Hạn nộp này do cấp đã lập mẫu báo cáo đặt. Tỉnh chỉ đặt hạn nộp cho cấp xã và tổ chức thành viên của tỉnh mình.");

    private static readonly Refusal CampaignUnknown = Refusal.Unprocessable("report_campaign_unknown",
        "Không tìm thấy đợt thi đua. Vui lòng chọn đợt thi đua đã được công bố (đã có thời hạn).");

    /// <summary>
    /// Lập mẫu báo cáo: the centre's Front officer defines a national template (due dates for every level), a province's
    /// Front officer its province's own (due dates for its communes and member organizations).
    /// </summary>
    public static async Task<Results<Created<ReportTemplateResponse>, ProblemHttpResult>> CreateTemplate(
        CreateReportTemplateRequest request, [AsParameters] PeriodicReportContext context, CancellationToken ct)
    {
        if (!ReportAccess.CanDefineTemplates(context.Caller))
        {
            return NotADefiner.ToProblem();
        }

        var scope = context.Caller.Scope!.ProvinceCode ?? ReportTemplate.National;
        var errors = new FieldErrors();
        var draft = ReportTemplateRules.Check(request.CampaignId ?? Guid.Empty, request.Kind, request.Title, request.PeriodFrom, request.PeriodTo,
            request.DueDates, scope == ReportTemplate.National, errors);
        if (errors.ToRefusal() is { } invalid)
        {
            return invalid.ToProblem();
        }

        if (await context.Templates.CampaignNameAsync(draft.CampaignId, ct) is null)
        {
            return CampaignUnknown.ToProblem();
        }

        var template = new ReportTemplate(Guid.CreateVersion7(), draft.CampaignId, draft.Kind, draft.Title, draft.PeriodFrom, draft.PeriodTo, scope,
            context.Caller.Id, context.Now(), draft.DueDates, []);
        await using (var session = await context.Db.BeginAsync(ct))
        {
            await context.Templates.InsertAsync(session, template, ct);
            await session.CommitAsync(ct);
        }

        return TypedResults.Created($"/api/v1/reports/templates/{template.Id}", await context.ToResponseAsync(template, ct));
    }

    /// <summary>Mẫu báo cáo the caller reports on or reads: the centre's, and their province's own.</summary>
    public static async Task<Ok<IReadOnlyList<ReportTemplateResponse>>> ListTemplates(Guid? campaignId, [AsParameters] PeriodicReportContext context, CancellationToken ct)
    {
        var list = new List<ReportTemplateResponse>();
        foreach (var t in (await context.Templates.ListAsync(campaignId, ct)).Where(t => ReportAccess.CanSee(context.Caller, t)))
        {
            list.Add(await context.ToResponseAsync(t, ct));
        }

        return TypedResults.Ok<IReadOnlyList<ReportTemplateResponse>>(list);
    }

    public static async Task<Results<Ok<ReportTemplateResponse>, ProblemHttpResult>> GetTemplate(Guid id, [AsParameters] PeriodicReportContext context, CancellationToken ct) =>
        await context.Templates.GetAsync(id, ct) is { } t && ReportAccess.CanSee(context.Caller, t)
            ? TypedResults.Ok(await context.ToResponseAsync(t, ct))
            : PeriodicReportContext.TemplateNotFound.ToProblem();

    /// <summary>
    /// Đặt hạn nộp of a level. The template's author level sets any of its levels; on a national template, a province's
    /// Front officer sets its own communes' and member organizations' date (for its province only), never the provinces'.
    /// </summary>
    public static async Task<Results<Ok<ReportTemplateResponse>, ProblemHttpResult>> SetDueDate(
        Guid id, string level, SetReportDueDateRequest request, [AsParameters] PeriodicReportContext context, CancellationToken ct)
    {
        if (!ReportAccess.CanDefineTemplates(context.Caller))
        {
            return NotADefiner.ToProblem();
        }

        if (await context.Templates.GetAsync(id, ct) is not { } template || !ReportAccess.CanSee(context.Caller, template))
        {
            return PeriodicReportContext.TemplateNotFound.ToProblem();
        }

        var province = context.Caller.Scope!.ProvinceCode;
        var author = template.ScopeCode == (province ?? ReportTemplate.National);
        if (!author && (province is null || !template.IsNational || level is not (ReportLevels.Commune or ReportLevels.MemberOrg)))
        {
            return DueDateNotYours.ToProblem();
        }

        var errors = new FieldErrors();
        if (request.DueOn is not { } due)
        {
            errors.Add("dueOn", "Vui lòng nhập hạn nộp.");
        }
        else
        {
            ReportTemplateRules.CheckDueDate(level, due, template.PeriodFrom, template.IsNational, errors, "dueOn");
        }

        if (errors.ToRefusal() is { } invalid)
        {
            return invalid.ToProblem();
        }

        await using (var session = await context.Db.BeginAsync(ct))
        {
            if (author)
            {
                await context.Templates.SetDueDateAsync(session, id, level, request.DueOn!.Value, ct);
            }
            else
            {
                await context.Templates.SetProvinceDueDateAsync(session, id, province!, level, request.DueOn!.Value, context.Caller.Id, context.Now(), ct);
            }

            await session.CommitAsync(ct);
        }

        return TypedResults.Ok(await context.ToResponseAsync((await context.Templates.GetAsync(id, ct))!, ct));
    }
}

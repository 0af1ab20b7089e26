using DoanKetSangTao.Domain;
using DoanKetSangTao.Registration.API.Domain;
using DoanKetSangTao.Registration.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Registration.API.Apis;

/// <summary>
/// Danh sách tổng hợp đăng ký (Mẫu 2), <c>/api/v1/confirmation-lists</c>: an organization forwards the registrations it
/// confirmed (<see cref="InitiativeConfirmationsApi"/>) to the level above, each once, and downloads the list as Excel.
/// </summary>
public static class ConfirmationListsApi
{
    public static RouteGroupBuilder MapConfirmationListsApi(this IEndpointRouteBuilder app)
    {
        string[] readers = [.. InitiativeConfirmationsApi.Confirmers, PlatformRoles.Operator];
        var api = app.MapGroup("/api/v1/confirmation-lists").WithTags("Xác nhận đăng ký (Mẫu 2)");
        api.MapPost("/", CreateList).RequireRoles(PlatformRoles.UnitOfficer, PlatformRoles.MemberOrganizationOfficer);
        api.MapGet("/", ListLists).RequireRoles(readers);
        api.MapGet("/{id:guid}", GetList).RequireRoles(readers);
        api.MapGet("/{id:guid}/spreadsheet", DownloadList).RequireRoles(readers);
        return api;
    }

    /// <summary>
    /// Lập và gửi danh sách tổng hợp (Mẫu 2): every confirmed registration of the organization and those under
    /// it that this organization has not forwarded yet, sent to its parent (or to the Front committee when it
    /// has none). Sending twice forwards nothing twice.
    /// </summary>
    public static async Task<Results<Created<ConfirmationListResponse>, ProblemHttpResult>> CreateList(
        CreateConfirmationListRequest request, [AsParameters] RegistrationServices services, CampaignStore campaigns, ConfirmationListStore lists,
        CancellationToken ct)
    {
        await using var transaction = await services.Db.BeginAsync(ct);
        if (await campaigns.FindAsync(request.CampaignId, ct, transaction) is null)
        {
            return RegistrationRefusals.CampaignNotFound.ToProblem();
        }

        if (await lists.OrganizationAsync(transaction, request.OrganizationId, services.User, ct) is not { } organization)
        {
            return RegistrationRefusals.ChosenOrganizationNotFound.ToProblem();
        }

        if (!organization.Allowed)
        {
            return RegistrationRefusals.OrganizationOutsideScope("Bạn chỉ được lập danh sách tổng hợp của đơn vị mình hoặc đơn vị trực thuộc.").ToProblem();
        }

        var note = request.Note is null ? null : VietnameseText.TryNormalize(request.Note, allowNewLines: true);
        if ((request.Note is not null && note is null) || note is { Length: > 2000 })
        {
            return Refusal.Invalid("note", "Ghi chú chứa ký tự không hợp lệ hoặc dài quá 2.000 ký tự.").ToProblem();
        }

        var list = new NewConfirmationList(Guid.CreateVersion7(), request.CampaignId, request.OrganizationId, organization.ParentId, note,
            services.User.Id, services.User.Name, services.Clock.GetUtcNow());
        if (!await lists.ForwardAsync(transaction, list, ct))
        {
            return RegistrationRefusals.NothingToForward.ToProblem();
        }

        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/confirmation-lists/{list.Id}", ConfirmationListResponse.From((await lists.LoadAsync(list.Id, ct, transaction))!));
    }

    /// <summary>The lists of the caller's organizations (theirs and those under them) or, for Front officers, of their area; items via GET /{id}.</summary>
    public static async Task<Ok<List<ConfirmationListSummary>>> ListLists(
        Guid? campaignId, [AsParameters] RegistrationServices services, ConfirmationListStore lists, CancellationToken ct) =>
        TypedResults.Ok((await lists.ListAsync(campaignId, services.User, ct)).Select(ConfirmationListSummary.From).ToList());

    /// <summary>Xem danh sách tổng hợp (Mẫu 2) với các sáng kiến trong danh sách.</summary>
    public static async Task<Results<Ok<ConfirmationListResponse>, ProblemHttpResult>> GetList(
        Guid id, [AsParameters] RegistrationServices services, ConfirmationListStore lists, CancellationToken ct)
    {
        if (await VisibilityRefusalAsync(lists, id, services.User, ct) is { } refusal)
        {
            return refusal.ToProblem();
        }

        return TypedResults.Ok(ConfirmationListResponse.From((await lists.LoadAsync(id, ct))!));
    }

    /// <summary>Tải danh sách Mẫu 2 dạng Excel, with the Vietnamese text as typed.</summary>
    public static async Task<IResult> DownloadList(Guid id, [AsParameters] RegistrationServices services, ConfirmationListStore lists, CancellationToken ct)
    {
        if (await VisibilityRefusalAsync(lists, id, services.User, ct) is { } refusal)
        {
            return refusal.ToProblem();
        }

        var list = ConfirmationListResponse.From((await lists.LoadAsync(id, ct))!);
        return ConfirmationListSheet.Build(list, services.Clock.GetUtcNow());
    }

    private static async Task<Refusal?> VisibilityRefusalAsync(ConfirmationListStore lists, Guid id, CurrentUser user, CancellationToken ct) =>
        RegistrationRefusals.ToRead(await lists.VisibleAsync(id, user, ct),
            RegistrationRefusals.ConfirmationListNotFound, RegistrationRefusals.ConfirmationListOutsideScope);
}

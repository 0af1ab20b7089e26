using DoanKetSangTao.Messaging;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Contracts.Paging;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Registration.API.Domain;
using DoanKetSangTao.Registration.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DoanKetSangTao.Registration.API.Apis;

/// <summary>Phiếu đăng ký sáng kiến (Mẫu 1), <c>/api/v1/initiatives</c>: drafts, submission, editing, withdrawal, reading and finding.</summary>
public static class InitiativesApi
{
    public const int IdempotencyKeyMaxLength = 100;
    public const int MaxPageSize = 100;

    public static RouteGroupBuilder MapInitiativesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/initiatives").WithTags("Sáng kiến (initiatives)");
        api.MapPost("/", RegisterInitiative).RequireRoles(PlatformRoles.Author);
        api.MapGet("/", ListInitiatives);
        api.MapGet("/{id:guid}", GetInitiative);
        api.MapPut("/{id:guid}", UpdateInitiative).RequireRoles(PlatformRoles.Author);
        api.MapPost("/{id:guid}/submit", SubmitInitiative).RequireRoles(PlatformRoles.Author);
        api.MapPost("/{id:guid}/withdraw", WithdrawInitiative).RequireRoles(PlatformRoles.Author);
        api.MapGet("/{id:guid}/history", GetHistory);
        return api;
    }

    /// <summary>
    /// Đăng ký sáng kiến (Mẫu 1): saved as a draft (<c>saveAsDraft</c>) or registered at once, before the
    /// registration deadline. With an <c>Idempotency-Key</c> header, a retried request returns the initiative
    /// the first one created instead of creating a second.
    /// </summary>
    public static async Task<Results<Created<InitiativeResponse>, Ok<InitiativeResponse>, ProblemHttpResult>> RegisterInitiative(
        RegisterInitiativeRequest request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        [AsParameters] RegistrationServices services,
        CampaignStore campaigns,
        FilingStore filing,
        CancellationToken ct)
    {
        if (idempotencyKey is { Length: 0 or > IdempotencyKeyMaxLength })
        {
            return RegistrationRefusals.InvalidIdempotencyKey(IdempotencyKeyMaxLength).ToProblem();
        }

        var (registration, errors) = InitiativeRegistration.Validate(request.ToForm(request.SaveAsDraft));
        if (registration is null)
        {
            return Refusal.Invalid(errors).ToProblem();
        }

        var fingerprint = registration.Fingerprint() + (request.SaveAsDraft ? ":draft" : string.Empty);
        if (idempotencyKey is not null && await ReplayAsync(services, idempotencyKey, fingerprint, ct) is { } replay)
        {
            return replay;
        }

        if (await campaigns.FindAsync(registration.CampaignId, ct) is not { } campaign)
        {
            return RegistrationRefusals.CampaignNotFound.ToProblem();
        }

        var place = FilingRights.Place(await filing.FactsAsync(registration, services.User, ct), campaign, registration);
        if (place.Refusal is { } refused)
        {
            return refused.ToProblem();
        }

        var now = services.Clock.GetUtcNow();
        if (!request.SaveAsDraft
            && (await campaigns.WindowAsync(campaign.Id, DeadlineKind.Registration, registration.OrganizationId, ct)).ClosedFor(campaign, place.ProvinceCode!, now)
                is { } closed)
        {
            return closed.ToProblem();
        }

        var id = Guid.CreateVersion7();
        await using var transaction = await services.Db.BeginAsync(ct);
        var draft = new NewInitiative(id, registration, place.ProvinceCode!, services.User.Id, registration.Lead.Email ?? services.User.Email, idempotencyKey,
            fingerprint, now);
        if (!await services.Initiatives.InsertDraftAsync(transaction, draft, ct))
        {
            // A concurrent retry with the same key won the race; answer with what it created.
            await transaction.RollbackAsync(ct);
            return (await ReplayAsync(services, idempotencyKey!, fingerprint, ct, transaction))!;
        }

        if (!request.SaveAsDraft)
        {
            var row = (await services.Initiatives.LockAsync(transaction, id, ct))!;
            await RegisterAsync(transaction, services, row, now, ct);
        }

        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/initiatives/{id}", await LoadAsync(services, id, ct, transaction));
    }

    /// <summary>Sửa phiếu đăng ký: the author edits a draft, or a registration the upper-level unit returned.</summary>
    public static async Task<Results<Ok<InitiativeResponse>, ProblemHttpResult>> UpdateInitiative(
        Guid id, RegisterInitiativeRequest request, [AsParameters] RegistrationServices services, CampaignStore campaigns, FilingStore filing,
        CancellationToken ct)
    {
        // Whose initiative it is comes before what was sent (403 before 400).
        await using var transaction = await services.Db.BeginAsync(ct);
        var row = await services.Initiatives.LockAsync(transaction, id, ct);
        if (RegistrationRefusals.UnlessAuthor(row?.RegisteredBy, services.User.Id) is { } notYours)
        {
            return notYours.ToProblem();
        }

        if (!InitiativeLifecycle.RegistrationEditable.Contains(row!.Status))
        {
            return RegistrationRefusals.InitiativeNotEditable(row.Status).ToProblem();
        }

        var (registration, errors) = InitiativeRegistration.Validate(request.ToForm(draft: true));
        if (registration is null)
        {
            return Refusal.Invalid(errors).ToProblem();
        }

        if (registration.CampaignId != row.CampaignId)
        {
            return Refusal.Invalid("campaignId", "Không thể chuyển sáng kiến sang đợt thi đua khác; vui lòng rút và đăng ký lại.").ToProblem();
        }

        if (await campaigns.FindAsync(registration.CampaignId, ct, transaction) is not { } campaign)
        {
            return RegistrationRefusals.CampaignNotFound.ToProblem();
        }

        var place = FilingRights.Place(await filing.FactsAsync(registration, services.User, ct, transaction), campaign, registration);
        if (place.Refusal is { } refused)
        {
            return refused.ToProblem();
        }

        await services.Initiatives.UpdateAsync(transaction, id, registration, place.ProvinceCode!, registration.Lead.Email ?? services.User.Email,
            services.Clock.GetUtcNow(), ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(await LoadAsync(services, id, ct, transaction));
    }

    /// <summary>Nộp phiếu đăng ký: a draft (or a returned registration) is registered, before the deadline.</summary>
    public static async Task<Results<Ok<InitiativeResponse>, ProblemHttpResult>> SubmitInitiative(
        Guid id, [AsParameters] RegistrationServices services, CampaignStore campaigns, CancellationToken ct)
    {
        await using var transaction = await services.Db.BeginAsync(ct);
        var row = await services.Initiatives.LockAsync(transaction, id, ct);
        if ((RegistrationRefusals.UnlessAuthor(row?.RegisteredBy, services.User.Id) ?? InitiativeLifecycle.Check(row!.Status, LifecycleStep.Submit))
            is { } refusal)
        {
            return refusal.ToProblem();
        }

        // A draft may have been saved incomplete; a registration may not be.
        var current = (await services.InitiativeQueries.LoadAsync(id, ct, transaction))!;
        var (_, errors) = InitiativeRegistration.Validate(InitiativeResponse.ToForm(current));
        if (errors.Count > 0)
        {
            return RegistrationRefusals.RegistrationIncomplete(errors).ToProblem();
        }

        if (await campaigns.FindAsync(row!.CampaignId, ct, transaction) is not { } campaign)
        {
            return RegistrationRefusals.CampaignNotFound.ToProblem();
        }

        var now = services.Clock.GetUtcNow();
        var window = await campaigns.WindowAsync(campaign.Id, DeadlineKind.Registration, row.OrganizationId, ct, transaction);
        if (window.ClosedFor(campaign, row.ProvinceCode, now) is { } closed)
        {
            return closed.ToProblem();
        }

        await RegisterAsync(transaction, services, row, now, ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(await LoadAsync(services, id, ct, transaction));
    }

    /// <summary>Rút sáng kiến: the author withdraws at any point before the council's decision.</summary>
    public static async Task<Results<Ok<InitiativeResponse>, ProblemHttpResult>> WithdrawInitiative(
        Guid id, ReasonRequest request, [AsParameters] RegistrationServices services, CancellationToken ct)
    {
        await using var transaction = await services.Db.BeginAsync(ct);
        var row = await services.Initiatives.LockAsync(transaction, id, ct);
        if (RegistrationRefusals.UnlessAuthor(row?.RegisteredBy, services.User.Id) is { } notYours)
        {
            return notYours.ToProblem();
        }

        var reason = RegistrationRefusals.RequiredReason(request.Reason, "rút sáng kiến");
        if (InitiativeLifecycle.Check(row!.Status, LifecycleStep.Withdraw) is { } refusal)
        {
            return refusal.ToProblem();
        }

        var now = services.Clock.GetUtcNow();
        await services.Initiatives.TransitionAsync(transaction, row, LifecycleStep.Withdraw, services.User.Id, reason, now, ct);
        // Appraisal closes the initiative's open cases on this (docs/appraisal.md); in the same transaction as the withdrawal.
        await transaction.PublishAsync(new InitiativeWithdrawn(Guid.CreateVersion7(), now, row.Id, row.CampaignId, row.Title, reason, services.User.Id), ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(await LoadAsync(services, id, ct, transaction));
    }

    /// <summary>An initiative, to whoever may read it (see <see cref="InitiativeAccess"/>).</summary>
    public static async Task<Results<Ok<InitiativeResponse>, ProblemHttpResult>> GetInitiative(
        Guid id, [AsParameters] RegistrationServices services, CancellationToken ct)
    {
        if (await ReadRefusalAsync(services, id, ct) is { } refusal)
        {
            return refusal.ToProblem();
        }

        return TypedResults.Ok(await LoadAsync(services, id, ct));
    }

    /// <summary>Lịch sử trạng thái: every transition, with who and when.</summary>
    public static async Task<Results<Ok<List<StatusHistoryEntry>>, ProblemHttpResult>> GetHistory(
        Guid id, [AsParameters] RegistrationServices services, CancellationToken ct)
    {
        if (await ReadRefusalAsync(services, id, ct) is { } refusal)
        {
            return refusal.ToProblem();
        }

        var history = await services.InitiativeQueries.HistoryAsync(id, ct);
        return TypedResults.Ok(history
            .Select(h => new StatusHistoryEntry(h.FromStatus, h.Status, InitiativeStatus.All.NameOf(h.Status), h.ChangedAt, h.ChangedBy, h.Note)).ToList());
    }

    /// <summary>
    /// Tìm kiếm, lọc sáng kiến: by campaign, administrative unit (and every unit below it or merged into it),
    /// organization (and those under it), kind, area, field, status, and words ignoring diacritics; newest first,
    /// paged by cursor so that a page costs the same at a million initiatives as at a hundred.
    /// </summary>
    public static async Task<Results<Ok<Page<InitiativeResponse>>, ProblemHttpResult>> ListInitiatives(
        [AsParameters] InitiativeQuery query, [AsParameters] RegistrationServices services, CancellationToken ct)
    {
        var limit = query.Limit ?? 20;
        if (limit is < 1 or > MaxPageSize)
        {
            return Refusal.Invalid("limit", $"Số dòng mỗi trang từ 1 đến {MaxPageSize}.").ToProblem();
        }

        var unknown = new FieldErrors();
        foreach (var (field, value, catalog) in new[]
                 {
                     ("kind", query.Kind, InitiativeKind.All), ("movementArea", query.MovementArea, MovementArea.All),
                     ("field", query.Field, InitiativeField.All), ("status", query.Status, InitiativeStatus.All),
                 })
        {
            if (value is not null && !catalog.IsKnown(value))
            {
                unknown.Add(field, $"{catalog.VietnameseName} phải là một trong: {catalog.Choices()}.");
            }
        }

        if (unknown.ToRefusal() is { } invalid)
        {
            return invalid.ToProblem();
        }

        if (query.UnitCode is { } unit && (!(unit.Length is 2 or 5) || !unit.All(char.IsAsciiDigit)))
        {
            return Refusal.Invalid("unitCode", "Mã đơn vị hành chính gồm 2 chữ số (tỉnh) hoặc 5 chữ số (xã/phường).").ToProblem();
        }

        if (query.Q is { Length: > InitiativeSearch.QueryMaxLength })
        {
            return Refusal.Invalid("q", $"Từ khóa tìm kiếm dài tối đa {InitiativeSearch.QueryMaxLength} ký tự.").ToProblem();
        }

        Guid? after = null;
        if (query.Cursor is not null)
        {
            if (!Cursor.TryRead(query.Cursor, out var last))
            {
                return Refusal.Invalid("cursor", "Con trỏ trang không hợp lệ; vui lòng tải lại danh sách từ trang đầu.").ToProblem();
            }

            after = last;
        }

        var filter = new InitiativeFilter(query.CampaignId, query.UnitCode, query.OrganizationId, query.Kind, query.MovementArea, query.Field, query.Status,
            query.Q, query.Mine == true);
        var page = await services.InitiativeQueries.PageAsync(filter, services.User, after, limit, ct);
        return TypedResults.Ok(new Page<InitiativeResponse>(page.Items.Select(InitiativeResponse.From).ToList(), page.NextCursor));
    }

    /// <summary>404 when there is no such initiative, 403 when the caller may not read it.</summary>
    private static async Task<Refusal?> ReadRefusalAsync(RegistrationServices services, Guid id, CancellationToken ct) =>
        RegistrationRefusals.ToRead(await services.InitiativeQueries.ReadableAsync(id, services.User, councilByArea: true, ct),
            RegistrationRefusals.InitiativeNotFound, RegistrationRefusals.InitiativeOutsideScope);

    private static Task<InitiativeResponse> LoadAsync(RegistrationServices services, Guid id, CancellationToken ct, DatabaseSession? tx = null) =>
        services.LoadInitiativeAsync(id, ct, tx);

    /// <summary>Registered: the transition, plus the event the thin flow's consumers (notification, reporting) act on.</summary>
    private static async Task RegisterAsync(DatabaseSession tx, RegistrationServices services, InitiativeRow row, DateTimeOffset now, CancellationToken ct)
    {
        await services.Initiatives.TransitionAsync(tx, row, LifecycleStep.Submit, services.User.Id, null, now, ct);
        // Notification tells every author and the officers of the unit that confirms it.
        var (confirming, organizationName) = await services.Initiatives.ConfirmingUnitAsync(tx, row.OrganizationId, ct);
        await tx.PublishAsync(new InitiativeRegistered(
            Guid.CreateVersion7(), now, row.Id, row.CampaignId, row.Title, row.Kind, row.OrganizationId, row.ProvinceCode, row.CommuneCode,
            row.RegisteredBy, row.ContactName, row.ContactEmail, await services.Initiatives.AuthorsAsync(tx, row, ct), confirming, organizationName,
            row.ContentType, row.MovementArea, row.Field, row.MemberOrganizationId), ct);
    }

    /// <summary>The answer to a retry: the initiative the key created, or 422 when the key came with another registration.</summary>
    private static async Task<Results<Created<InitiativeResponse>, Ok<InitiativeResponse>, ProblemHttpResult>?> ReplayAsync(
        RegistrationServices services, string key, string fingerprint, CancellationToken ct, DatabaseSession? tx = null)
    {
        var found = await services.Initiatives.FindByKeyAsync(services.User.Id, key, ct, tx);
        if (found is null)
        {
            return null;
        }

        return found.Fingerprint != fingerprint
            ? RegistrationRefusals.IdempotencyKeyReused.ToProblem()
            : TypedResults.Ok(await LoadAsync(services, found.Id, ct, tx));
    }
}

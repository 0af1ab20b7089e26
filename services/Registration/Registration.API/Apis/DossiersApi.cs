using DoanKetSangTao.Messaging;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Files;
using DoanKetSangTao.Registration.API.Domain;
using DoanKetSangTao.Registration.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace DoanKetSangTao.Registration.API.Apis;

/// <summary>
/// Hồ sơ đề nghị công nhận (Mẫu 3, Mẫu 4), <c>/api/v1/dossiers</c>: the author fills in the application and the
/// description report, attaches the unit's cover letter and evidence (checked by content, size-limited, hashed, stored
/// durably), and submits it once complete and before the dossier deadline; a dossier the council returned is completed
/// and resubmitted. Every submitted version is kept.
/// </summary>
public static class DossiersApi
{
    public static RouteGroupBuilder MapDossiersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/dossiers").WithTags("Hồ sơ đề nghị công nhận (dossiers)");
        api.MapPost("/", CreateDossier).RequireRoles(PlatformRoles.Author);
        api.MapGet("/", FindDossier);
        api.MapGet("/{id:guid}", GetDossier);
        api.MapPut("/{id:guid}", UpdateDossier).RequireRoles(PlatformRoles.Author);
        // Bearer tokens, not cookies, authenticate uploads: there is no ambient credential to forge.
        api.MapPost("/{id:guid}/attachments", UploadAttachment).RequireRoles(PlatformRoles.Author).DisableAntiforgery()
            .Accepts<IFormCollection>("multipart/form-data");
        api.MapDelete("/{id:guid}/attachments/{attachmentId:guid}", RemoveAttachment).RequireRoles(PlatformRoles.Author);
        api.MapGet("/{id:guid}/attachments/{attachmentId:guid}/content", DownloadAttachment);
        api.MapPost("/{id:guid}/submit", SubmitDossier).RequireRoles(PlatformRoles.Author);
        api.MapGet("/{id:guid}/versions/{version:int}", GetVersion);
        return api;
    }

    /// <summary>Lập hồ sơ: one dossier per initiative, once the upper-level unit confirmed the registration; asking again returns it.</summary>
    public static async Task<Results<Created<DossierResponse>, Ok<DossierResponse>, ProblemHttpResult>> CreateDossier(
        CreateDossierRequest request, [AsParameters] RegistrationServices services, DossierStore dossiers, CancellationToken ct)
    {
        await using var transaction = await services.Db.BeginAsync(ct);
        var row = await services.Initiatives.LockAsync(transaction, request.InitiativeId, ct);
        if (RegistrationRefusals.UnlessAuthor(row?.RegisteredBy, services.User.Id) is { } notYours)
        {
            return notYours.ToProblem();
        }

        if (await dossiers.FindByInitiativeAsync(request.InitiativeId, ct, transaction) is { } existing)
        {
            await transaction.CommitAsync(ct);
            return TypedResults.Ok(await LoadAsync(dossiers, existing, ct, transaction));
        }

        if (!InitiativeLifecycle.DossierEditable.Contains(row!.Status))
        {
            return RegistrationRefusals.InitiativeNotConfirmed(row.Status).ToProblem();
        }

        var id = Guid.CreateVersion7();
        await dossiers.CreateAsync(transaction, id, request.InitiativeId, services.User.Id, ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/dossiers/{id}", await LoadAsync(dossiers, id, ct, transaction));
    }

    /// <summary>The dossier of an initiative (<c>?initiativeId=</c>).</summary>
    public static async Task<Results<Ok<DossierResponse>, ProblemHttpResult>> FindDossier(
        Guid initiativeId, [AsParameters] RegistrationServices services, DossierReaders readers, DossierStore dossiers, CancellationToken ct)
    {
        if (await readers.CheckAsync(initiativeId, services.User, ct) is { } refusal)
        {
            return refusal.ToProblem();
        }

        return await dossiers.FindByInitiativeAsync(initiativeId, ct) is { } id
            ? TypedResults.Ok(await LoadAsync(dossiers, id, ct))
            : RegistrationRefusals.InitiativeHasNoDossier.ToProblem();
    }

    /// <summary>Xem hồ sơ: bản đang soạn, những gì còn thiếu và các lần đã nộp, cho người được đọc hồ sơ.</summary>
    public static async Task<Results<Ok<DossierResponse>, ProblemHttpResult>> GetDossier(
        Guid id, [AsParameters] RegistrationServices services, DossierReaders readers, DossierStore dossiers, CancellationToken ct)
    {
        if (await ReadRefusalAsync(dossiers, readers, id, services.User, ct) is { } refusal)
        {
            return refusal.ToProblem();
        }

        return TypedResults.Ok(await LoadAsync(dossiers, id, ct));
    }

    /// <summary>Điền Mẫu 3, Mẫu 4: the whole working copy is replaced; text is kept as NFC.</summary>
    public static async Task<Results<Ok<DossierResponse>, ProblemHttpResult>> UpdateDossier(
        Guid id, DossierContent content, [AsParameters] RegistrationServices services, DossierStore dossiers, CancellationToken ct)
    {
        // Whose dossier it is comes before what was sent (403 before 400).
        await using var transaction = await services.Db.BeginAsync(ct);
        var locked = await LockAsync(transaction, services, dossiers, id, ct);
        if (locked.RefusalFor(services.User) is { } refusal)
        {
            return refusal.ToProblem();
        }

        var today = DateOnly.FromDateTime(VietnamTime.ToLocal(services.Clock.GetUtcNow()).DateTime);
        var (normalized, errors) = DossierRules.Normalize(content, today);
        if (normalized is null)
        {
            return Refusal.Invalid(errors).ToProblem();
        }

        await dossiers.UpdateContentAsync(transaction, id, normalized, ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(await LoadAsync(dossiers, id, ct, transaction));
    }

    /// <summary>
    /// Đính kèm tệp (multipart/form-data: <c>file</c>, <c>kind</c>): checked by its content (PDF, Word, Excel,
    /// PNG/JPEG), limited in size, hashed and stored before it is listed on the dossier.
    /// </summary>
    public static async Task<Results<Created<AttachmentResponse>, ProblemHttpResult>> UploadAttachment(
        Guid id, HttpRequest http, [AsParameters] RegistrationServices services, DossierStore dossiers, IFileStore store,
        IOptions<FileUploadOptions> options, CancellationToken ct)
    {
        // Who may attach comes before what was sent: a stranger's upload is refused (403/404) before it is read.
        await using (var check = await services.Db.BeginAsync(ct))
        {
            if ((await LockAsync(check, services, dossiers, id, ct)).RefusalFor(services.User) is { } refusal)
            {
                return refusal.ToProblem();
            }
        }

        var form = await MultipartForm.ReadAsync(http, ct);
        var kind = form["kind"].ToString();
        if (!AttachmentKind.All.IsKnown(kind))
        {
            return Refusal.Invalid("kind", $"Loại tệp đính kèm phải là một trong: {AttachmentKind.All.Choices()}.").ToProblem();
        }

        if (form.Files.Count != 1 || form.Files[0] is not { } file)
        {
            return Refusal.Invalid("file", "Vui lòng chọn đúng một tệp để đính kèm.").ToProblem();
        }

        await using var received = await FileIntake.ReceiveAsync(file.OpenReadStream(), file.FileName, options.Value.MaxBytes, ct);
        var storageKey = await store.SaveAsync(received, ct);

        await using var transaction = await services.Db.BeginAsync(ct);
        if ((await LockAsync(transaction, services, dossiers, id, ct)).RefusalFor(services.User) is { } changed)
        {
            return changed.ToProblem();
        }

        if ((await dossiers.CurrentAttachmentsAsync(transaction, id, ct)).Count >= AttachmentKind.MaxPerDossier)
        {
            return RegistrationRefusals.TooManyAttachments.ToProblem();
        }

        var attachment = new StoredAttachment(Guid.CreateVersion7(), kind, received.FileName, received.MediaType, received.Size, received.Sha256,
            services.Clock.GetUtcNow(), storageKey);
        await dossiers.AttachAsync(transaction, id, attachment, services.User.Id, ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/dossiers/{id}/attachments/{attachment.Id}/content", AttachmentResponse.From(attachment));
    }

    /// <summary>Gỡ tệp khỏi bản đang soạn; the submitted versions that include it keep it.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveAttachment(
        Guid id, Guid attachmentId, [AsParameters] RegistrationServices services, DossierStore dossiers, CancellationToken ct)
    {
        await using var transaction = await services.Db.BeginAsync(ct);
        if ((await LockAsync(transaction, services, dossiers, id, ct)).RefusalFor(services.User) is { } refusal)
        {
            return refusal.ToProblem();
        }

        if (!await dossiers.DetachAsync(transaction, id, attachmentId, ct))
        {
            return RegistrationRefusals.DraftAttachmentNotFound.ToProblem();
        }

        await transaction.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>Tải tệp đính kèm: only to those who may read the initiative, as a download that is never rendered inline.</summary>
    public static async Task<IResult> DownloadAttachment(
        Guid id, Guid attachmentId, [AsParameters] RegistrationServices services, DossierReaders readers, DossierStore dossiers, IFileStore store,
        CancellationToken ct)
    {
        if (await ReadRefusalAsync(dossiers, readers, id, services.User, ct) is { } refusal)
        {
            return refusal.ToProblem();
        }

        var attachment = await dossiers.FindAttachmentAsync(id, attachmentId, ct);
        if (attachment is null || await store.OpenReadAsync(attachment.StorageKey, ct) is not { } content)
        {
            return RegistrationRefusals.AttachmentNotFound.ToProblem();
        }

        return FileDownload.Result(content, attachment.MediaType, attachment.FileName);
    }

    /// <summary>
    /// Nộp hồ sơ: refused while anything is missing, and (for a first submission) after the dossier deadline unless
    /// the window was reopened for the unit; a dossier the council returned may be resubmitted. The submitted
    /// content and attachments are frozen as a new version, and appraisal is told.
    /// </summary>
    public static async Task<Results<Ok<DossierResponse>, ProblemHttpResult>> SubmitDossier(
        Guid id, [AsParameters] RegistrationServices services, DossierStore dossiers, CampaignStore campaigns, CancellationToken ct)
    {
        await using var transaction = await services.Db.BeginAsync(ct);
        var locked = await LockAsync(transaction, services, dossiers, id, ct);
        if (locked.RefusalFor(services.User) is { } refusal)
        {
            return refusal.ToProblem();
        }

        var (dossier, row) = (locked.Dossier!, locked.Initiative!);
        var attachments = await dossiers.CurrentAttachmentsAsync(transaction, id, ct);
        var missing = DossierRules.Missing(dossier.Content, attachments.Select(a => a.Kind));
        if (missing.Count > 0)
        {
            return RegistrationRefusals.DossierIncomplete(missing).ToProblem();
        }

        var now = services.Clock.GetUtcNow();
        if (dossier.IsDraft)
        {
            if (await campaigns.FindAsync(row.CampaignId, ct, transaction) is not { } campaign)
            {
                return RegistrationRefusals.CampaignNotFound.ToProblem();
            }

            var window = await campaigns.WindowAsync(campaign.Id, DeadlineKind.Dossier, row.OrganizationId, ct, transaction);
            if (window.ClosedFor(campaign, row.ProvinceCode, now) is { } closed)
            {
                return closed.ToProblem();
            }
        }

        if (InitiativeLifecycle.Check(row.Status, LifecycleStep.SubmitDossier) is { } notNow)
        {
            return notNow.ToProblem();
        }

        var version = await dossiers.SubmitAsync(transaction, dossier, attachments.Select(a => a.Id), services.User.Id, now, ct);
        await services.Initiatives.TransitionAsync(transaction, row, LifecycleStep.SubmitDossier, services.User.Id,
            version > 1 ? $"Nộp lại hồ sơ (lần {version})" : null, now, ct);
        await transaction.PublishAsync(new DossierSubmitted(
            Guid.CreateVersion7(), now, id, version, row.Id, row.CampaignId, row.Title, row.Kind, row.Field, row.OrganizationId, row.ProvinceCode,
            row.CommuneCode, await services.Initiatives.AuthorOrganizationsAsync(transaction, row.Id, ct), services.User.Id,
            await services.Initiatives.AuthorsAsync(transaction, row, ct)), ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(await LoadAsync(dossiers, id, ct, transaction));
    }

    /// <summary>A submitted version exactly as it was sent, with the attachments it included.</summary>
    public static async Task<Results<Ok<DossierVersionResponse>, ProblemHttpResult>> GetVersion(
        Guid id, int version, [AsParameters] RegistrationServices services, DossierReaders readers, DossierStore dossiers, CancellationToken ct)
    {
        if (await ReadRefusalAsync(dossiers, readers, id, services.User, ct) is { } refusal)
        {
            return refusal.ToProblem();
        }

        return await dossiers.LoadVersionAsync(id, version, ct) is { } found
            ? TypedResults.Ok(DossierVersionResponse.From(found))
            : RegistrationRefusals.DossierVersionNotFound(version).ToProblem();
    }

    /// <summary>The dossier as its readers see it, after the change committed (on the handler's session when it holds one).</summary>
    private static async Task<DossierResponse> LoadAsync(DossierStore dossiers, Guid id, CancellationToken ct, DatabaseSession? tx = null) =>
        DossierResponse.From((await dossiers.LoadAsync(id, ct, tx))!);

    /// <summary>404 when there is no such dossier; otherwise who reads the initiative's dossier (<see cref="DossierReaders"/>).</summary>
    private static async Task<Refusal?> ReadRefusalAsync(DossierStore dossiers, DossierReaders readers, Guid id, CurrentUser user, CancellationToken ct) =>
        await dossiers.InitiativeOfAsync(id, ct) is { } initiativeId
            ? await readers.CheckAsync(initiativeId, user, ct)
            : RegistrationRefusals.DossierNotFound;

    /// <summary>The dossier, then its initiative, locked for the rest of the transaction.</summary>
    private static async Task<LockedDossier> LockAsync(DatabaseSession tx, RegistrationServices services, DossierStore dossiers, Guid id, CancellationToken ct)
    {
        var dossier = await dossiers.LockAsync(tx, id, ct);
        return new LockedDossier(dossier, dossier is null ? null : await services.Initiatives.LockAsync(tx, dossier.InitiativeId, ct));
    }

    private sealed record LockedDossier(DossierRecord? Dossier, InitiativeRow? Initiative)
    {
        /// <summary>Null when the author may still change the dossier: 404 without one, 403 for anyone but the author, 409 once submitted.</summary>
        public Refusal? RefusalFor(CurrentUser user) => Dossier is null
            ? RegistrationRefusals.DossierNotFound
            : RegistrationRefusals.UnlessAuthor(Initiative?.RegisteredBy, user.Id)
              ?? (Dossier.IsSubmitted || !InitiativeLifecycle.DossierEditable.Contains(Initiative!.Status) ? RegistrationRefusals.DossierNotEditable : null);
    }
}

using System.Text.Json;
using Dapper;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Registration.API.Domain;
using DoanKetSangTao.Registration.API.Infrastructure;
using DoanKetSangTao.Files;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.Domain;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DoanKetSangTao.Registration.API.Apis;

public sealed record CreateDossierRequest(Guid InitiativeId);

public sealed record AttachmentResponse(Guid Id, string Kind, string KindName, string FileName, string MediaType, long SizeBytes, string Sha256, DateTimeOffset UploadedAt);

public sealed record DossierVersionSummary(int Version, DateTimeOffset SubmittedAt, string SubmittedBy, DateTimeOffset? ReturnedAt, string? ReturnReason);

/// <summary>Hồ sơ đề nghị công nhận: the working copy, what is still missing, and the versions submitted so far.</summary>
public sealed record DossierResponse(
    Guid Id,
    Guid InitiativeId,
    string State,
    int CurrentVersion,
    DossierContent Content,
    IReadOnlyList<AttachmentResponse> Attachments,
    IReadOnlyDictionary<string, string[]> Missing,
    string? ReturnReason,
    DateTimeOffset? ReturnedAt,
    IReadOnlyList<DossierVersionSummary> Versions);

public sealed record DossierVersionResponse(int Version, DossierContent Content, IReadOnlyList<AttachmentResponse> Attachments, DossierVersionSummary Summary);

/// <summary>
/// Hồ sơ đề nghị công nhận (Mẫu 3, Mẫu 4): the author fills in the application and the description report,
/// attaches the unit's cover letter and evidence (checked by content, size-limited, hashed, stored durably),
/// and submits it once complete and before the dossier deadline; a dossier the council returned is completed
/// and resubmitted. Every submitted version is kept.
/// </summary>
public static class DossiersApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

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
        CreateDossierRequest request, [AsParameters] RegistrationServices services, CancellationToken ct)
    {
        await using var connection = await services.Db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var row = await InitiativesApi.OwnAsync(transaction, request.InitiativeId, services.User, ct);
        var existing = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            "SELECT id FROM dossiers WHERE initiative_id = @InitiativeId", new { request.InitiativeId }, transaction, cancellationToken: ct));
        if (existing is { } found)
        {
            await transaction.CommitAsync(ct);
            return TypedResults.Ok((await LoadAsync(connection, found))!);
        }

        if (!InitiativeLifecycle.DossierEditable.Contains(row.Status))
        {
            return Problems.Conflict("initiative_not_confirmed",
                $"Chỉ lập được hồ sơ cho sáng kiến đã được đơn vị cấp trên xác nhận; sáng kiến hiện ở trạng thái \"{InitiativeStatus.All.NameOf(row.Status)}\".");
        }

        var id = Guid.CreateVersion7();
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO dossiers (id, initiative_id, state, created_by) VALUES (@id, @InitiativeId, 'draft', @by)",
            new { id, request.InitiativeId, by = services.User.Id }, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/dossiers/{id}", (await LoadAsync(connection, id))!);
    }

    /// <summary>The dossier of an initiative (<c>?initiativeId=</c>).</summary>
    public static async Task<Results<Ok<DossierResponse>, ProblemHttpResult>> FindDossier(
        Guid initiativeId, [AsParameters] RegistrationServices services, DossierReaders readers, CancellationToken ct)
    {
        await using var connection = await services.Db.OpenConnectionAsync(ct);
        await readers.EnsureReadableAsync(connection, initiativeId, services.User, ct);
        var id = await connection.QuerySingleOrDefaultAsync<Guid?>("SELECT id FROM dossiers WHERE initiative_id = @initiativeId", new { initiativeId });
        return id is null
            ? Problems.NotFound("dossier_not_found", "Sáng kiến này chưa có hồ sơ đề nghị công nhận.")
            : TypedResults.Ok((await LoadAsync(connection, id.Value))!);
    }

    public static async Task<Results<Ok<DossierResponse>, ProblemHttpResult>> GetDossier(
        Guid id, [AsParameters] RegistrationServices services, DossierReaders readers, CancellationToken ct)
    {
        await using var connection = await services.Db.OpenConnectionAsync(ct);
        await ReadableAsync(connection, id, services.User, readers, ct);
        return TypedResults.Ok((await LoadAsync(connection, id))!);
    }

    /// <summary>Điền Mẫu 3, Mẫu 4: the whole working copy is replaced; text is kept as NFC.</summary>
    public static async Task<Results<Ok<DossierResponse>, ProblemHttpResult>> UpdateDossier(
        Guid id, DossierContent content, [AsParameters] RegistrationServices services, CancellationToken ct)
    {
        // Whose dossier it is comes before what was sent (403 before 400).
        await using var connection = await services.Db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await EditableAsync(transaction, id, services.User, ct);
        var today = DateOnly.FromDateTime(VietnamTime.ToLocal(services.Clock.GetUtcNow()).DateTime);
        var (normalized, errors) = DossierRules.Normalize(content, today);
        if (normalized is null)
        {
            return Problems.Validation(errors);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE dossiers SET content = @content::jsonb, updated_at = now(), row_version = row_version + 1 WHERE id = @id",
            new { id, content = JsonSerializer.Serialize(normalized, Json) }, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return TypedResults.Ok((await LoadAsync(connection, id))!);
    }

    /// <summary>
    /// Đính kèm tệp (multipart/form-data: <c>file</c>, <c>kind</c>): checked by its content (PDF, Word, Excel,
    /// PNG/JPEG), limited in size, hashed and stored before it is listed on the dossier.
    /// </summary>
    public static async Task<Results<Created<AttachmentResponse>, ProblemHttpResult>> UploadAttachment(
        Guid id, HttpRequest http, [AsParameters] RegistrationServices services, IFileStore store, IOptions<FileUploadOptions> options, CancellationToken ct)
    {
        // Who may attach comes before what was sent: a stranger's upload is refused (403/404) before it is read.
        await using (var check = await services.Db.OpenConnectionAsync(ct))
        await using (var tx = await check.BeginTransactionAsync(ct))
        {
            await EditableAsync(tx, id, services.User, ct);
        }

        var form = await MultipartForm.ReadAsync(http, ct);
        var kind = form["kind"].ToString();
        if (!AttachmentKind.All.IsKnown(kind))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["kind"] = [$"Loại tệp đính kèm phải là một trong: {AttachmentKind.All.Choices()}."] });
        }

        if (form.Files.Count != 1 || form.Files[0] is not { } file)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["file"] = ["Vui lòng chọn đúng một tệp để đính kèm."] });
        }

        await using var received = await FileIntake.ReceiveAsync(file.OpenReadStream(), file.FileName, options.Value.MaxBytes, ct);
        var storageKey = await store.SaveAsync(received, ct);

        await using var connection = await services.Db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await EditableAsync(transaction, id, services.User, ct);
        var count = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*) FROM dossier_attachments WHERE dossier_id = @id AND removed_at IS NULL", new { id }, transaction, cancellationToken: ct));
        if (count >= AttachmentKind.MaxPerDossier)
        {
            return Problems.Conflict("too_many_attachments", $"Mỗi hồ sơ có tối đa {AttachmentKind.MaxPerDossier} tệp đính kèm. Vui lòng gộp hoặc gỡ bớt tệp.");
        }

        var attachment = new AttachmentResponse(Guid.CreateVersion7(), kind, AttachmentKind.All.NameOf(kind), received.FileName, received.MediaType,
            received.Size, received.Sha256, services.Clock.GetUtcNow());
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO dossier_attachments (id, dossier_id, kind, file_name, media_type, size_bytes, sha256, storage_key, uploaded_by, uploaded_at)
            VALUES (@Id, @dossierId, @Kind, @FileName, @MediaType, @SizeBytes, @Sha256, @storageKey, @by, @at);
            UPDATE dossiers SET updated_at = now(), row_version = row_version + 1 WHERE id = @dossierId;
            """,
            new
            {
                attachment.Id, dossierId = id, attachment.Kind, attachment.FileName, attachment.MediaType, attachment.SizeBytes, attachment.Sha256,
                storageKey, by = services.User.Id, at = attachment.UploadedAt.UtcDateTime,
            }, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/dossiers/{id}/attachments/{attachment.Id}/content", attachment);
    }

    /// <summary>Gỡ tệp khỏi bản đang soạn; the submitted versions that include it keep it.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveAttachment(
        Guid id, Guid attachmentId, [AsParameters] RegistrationServices services, CancellationToken ct)
    {
        await using var connection = await services.Db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await EditableAsync(transaction, id, services.User, ct);
        var removed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE dossier_attachments SET removed_at = now() WHERE id = @attachmentId AND dossier_id = @id AND removed_at IS NULL",
            new { id, attachmentId }, transaction, cancellationToken: ct));
        if (removed == 0)
        {
            return Problems.NotFound("attachment_not_found", "Không tìm thấy tệp đính kèm trong hồ sơ đang soạn.");
        }

        await transaction.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>Tải tệp đính kèm: only to those who may read the initiative, as a download that is never rendered inline.</summary>
    public static async Task<IResult> DownloadAttachment(
        Guid id, Guid attachmentId, [AsParameters] RegistrationServices services, DossierReaders readers, IFileStore store, CancellationToken ct)
    {
        await using var connection = await services.Db.OpenConnectionAsync(ct);
        await ReadableAsync(connection, id, services.User, readers, ct);
        var attachment = await connection.QuerySingleOrDefaultAsync<AttachmentRow>(
            """
            SELECT id AS Id, kind AS Kind, file_name AS FileName, media_type AS MediaType, size_bytes AS SizeBytes, sha256 AS Sha256,
                   storage_key AS StorageKey, uploaded_at AS UploadedAt
            FROM dossier_attachments WHERE id = @attachmentId AND dossier_id = @id
            """, new { id, attachmentId });
        if (attachment is null || await store.OpenReadAsync(attachment.StorageKey, ct) is not { } content)
        {
            return Problems.NotFound("attachment_not_found", "Không tìm thấy tệp đính kèm.");
        }

        return FileDownload.Result(content, attachment.MediaType, attachment.FileName);
    }

    /// <summary>
    /// Nộp hồ sơ: refused while anything is missing, and (for a first submission) after the dossier deadline unless
    /// the window was reopened for the unit; a dossier the council returned may be resubmitted. The submitted
    /// content and attachments are frozen as a new version, and appraisal is told.
    /// </summary>
    public static async Task<Results<Ok<DossierResponse>, ProblemHttpResult>> SubmitDossier(Guid id, [AsParameters] RegistrationServices services, CancellationToken ct)
    {
        await using var connection = await services.Db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var (dossier, row) = await EditableAsync(transaction, id, services.User, ct);
        var content = JsonSerializer.Deserialize<DossierContent>(dossier.Content, Json)!;
        var attachments = (await connection.QueryAsync<(Guid Id, string Kind)>(new CommandDefinition(
            "SELECT id, kind FROM dossier_attachments WHERE dossier_id = @id AND removed_at IS NULL ORDER BY uploaded_at", new { id }, transaction,
            cancellationToken: ct))).ToList();
        var missing = DossierRules.Missing(content, attachments.Select(a => a.Kind));
        if (missing.Count > 0)
        {
            return Problems.Create(422, "dossier_incomplete", "Hồ sơ chưa đủ thành phần để nộp. Vui lòng bổ sung các mục được nêu trong 'errors'.", missing);
        }

        var now = services.Clock.GetUtcNow();
        if (dossier.State == "draft")
        {
            var campaign = await RegistrationRules.CampaignAsync(connection, row.CampaignId, transaction);
            await RegistrationRules.EnsureWindowOpenAsync(connection, campaign, DeadlineKind.Dossier, row.ProvinceCode, row.OrganizationId, now, transaction);
        }

        var version = dossier.CurrentVersion + 1;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO dossier_versions (dossier_id, version, content, attachment_ids, submitted_by, submitted_at)
            VALUES (@id, @version, @content::jsonb, @attachmentIds, @by, @now);
            UPDATE dossiers SET state = 'submitted', current_version = @version, updated_at = @now, row_version = row_version + 1 WHERE id = @id;
            """,
            new { id, version, content = dossier.Content, attachmentIds = attachments.Select(a => a.Id).ToArray(), by = services.User.Id, now = now.UtcDateTime },
            transaction, cancellationToken: ct));
        await InitiativeStore.TransitionAsync(transaction, services.Outbox, row, LifecycleStep.SubmitDossier, services.User.Id,
            version > 1 ? $"Nộp lại hồ sơ (lần {version})" : null, now, ct);
        var authorOrganizations = (await connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT DISTINCT organization_id FROM initiative_authors WHERE initiative_id = @Id AND organization_id IS NOT NULL", new { row.Id }, transaction,
            cancellationToken: ct))).ToList();
        await services.Outbox.EnqueueAsync(new DossierSubmitted(
            Guid.CreateVersion7(), now, id, version, row.Id, row.CampaignId, row.Title, row.Kind, row.Field, row.OrganizationId, row.ProvinceCode,
            row.CommuneCode, authorOrganizations, services.User.Id), transaction, ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok((await LoadAsync(connection, id))!);
    }

    /// <summary>A submitted version exactly as it was sent, with the attachments it included.</summary>
    public static async Task<Results<Ok<DossierVersionResponse>, ProblemHttpResult>> GetVersion(
        Guid id, int version, [AsParameters] RegistrationServices services, DossierReaders readers, CancellationToken ct)
    {
        await using var connection = await services.Db.OpenConnectionAsync(ct);
        await ReadableAsync(connection, id, services.User, readers, ct);
        return await LoadVersionAsync(connection, id, version) is { } found
            ? TypedResults.Ok(found)
            : Problems.NotFound("dossier_version_not_found", $"Hồ sơ không có lần nộp thứ {version}.");
    }

    internal static async Task<DossierVersionResponse?> LoadVersionAsync(NpgsqlConnection connection, Guid id, int version)
    {
        var row = await connection.QuerySingleOrDefaultAsync<VersionRow>(
            """
            SELECT version AS Version, content::text AS Content, attachment_ids AS AttachmentIds, submitted_by AS SubmittedBy,
                   submitted_at AS SubmittedAt, returned_at AS ReturnedAt, return_reason AS ReturnReason
            FROM dossier_versions WHERE dossier_id = @id AND version = @version
            """, new { id, version });
        if (row is null)
        {
            return null;
        }

        var attachments = await AttachmentsAsync(connection, "id = ANY(@ids)", new { ids = row.AttachmentIds });
        return new DossierVersionResponse(row.Version, JsonSerializer.Deserialize<DossierContent>(row.Content, Json)!, attachments, row.Summary());
    }

    internal static async Task<DossierResponse?> LoadAsync(NpgsqlConnection connection, Guid id)
    {
        var dossier = await connection.QuerySingleOrDefaultAsync<DossierRow>(
            """
            SELECT id AS Id, initiative_id AS InitiativeId, state AS State, current_version AS CurrentVersion, content::text AS Content,
                   return_reason AS ReturnReason, returned_at AS ReturnedAt
            FROM dossiers WHERE id = @id
            """, new { id });
        if (dossier is null)
        {
            return null;
        }

        var content = JsonSerializer.Deserialize<DossierContent>(dossier.Content, Json)!;
        var attachments = await AttachmentsAsync(connection, "dossier_id = @id AND removed_at IS NULL", new { id });
        var versions = (await connection.QueryAsync<VersionRow>(
            """
            SELECT version AS Version, submitted_by AS SubmittedBy, submitted_at AS SubmittedAt, returned_at AS ReturnedAt, return_reason AS ReturnReason
            FROM dossier_versions WHERE dossier_id = @id ORDER BY version
            """, new { id })).Select(v => v.Summary()).ToList();
        return new DossierResponse(dossier.Id, dossier.InitiativeId, dossier.State, dossier.CurrentVersion, content, attachments,
            DossierRules.Missing(content, attachments.Select(a => a.Kind)), dossier.ReturnReason, Utc(dossier.ReturnedAt), versions);
    }

    private static async Task<List<AttachmentResponse>> AttachmentsAsync(NpgsqlConnection connection, string where, object parameters) =>
        (await connection.QueryAsync<AttachmentRow>(
            $"""
            SELECT id AS Id, kind AS Kind, file_name AS FileName, media_type AS MediaType, size_bytes AS SizeBytes, sha256 AS Sha256,
                   storage_key AS StorageKey, uploaded_at AS UploadedAt
            FROM dossier_attachments WHERE {where} ORDER BY uploaded_at
            """, parameters))
        .Select(a => new AttachmentResponse(a.Id, a.Kind, AttachmentKind.All.NameOf(a.Kind), a.FileName, a.MediaType, a.SizeBytes, a.Sha256, Utc(a.UploadedAt)!.Value))
        .ToList();

    /// <summary>404 when there is no such dossier; otherwise who reads the initiative's dossier (<see cref="DossierReaders"/>).</summary>
    private static async Task ReadableAsync(NpgsqlConnection connection, Guid id, CurrentUser user, DossierReaders readers, CancellationToken ct)
    {
        var initiativeId = await connection.QuerySingleOrDefaultAsync<Guid?>("SELECT initiative_id FROM dossiers WHERE id = @id", new { id })
            ?? throw new ProblemException(404, "dossier_not_found", "Không tìm thấy hồ sơ.");
        await readers.EnsureReadableAsync(connection, initiativeId, user, ct);
    }

    /// <summary>The author's own dossier, locked, in a state the author may still change.</summary>
    private static async Task<(DossierRow Dossier, InitiativeRow Initiative)> EditableAsync(NpgsqlTransaction tx, Guid id, CurrentUser user, CancellationToken ct)
    {
        var dossier = await tx.Connection!.QuerySingleOrDefaultAsync<DossierRow>(new CommandDefinition(
            """
            SELECT id AS Id, initiative_id AS InitiativeId, state AS State, current_version AS CurrentVersion, content::text AS Content,
                   return_reason AS ReturnReason, returned_at AS ReturnedAt
            FROM dossiers WHERE id = @id FOR UPDATE
            """, new { id }, tx, cancellationToken: ct))
            ?? throw new ProblemException(404, "dossier_not_found", "Không tìm thấy hồ sơ.");
        var row = await InitiativesApi.OwnAsync(tx, dossier.InitiativeId, user, ct);
        if (dossier.State == "submitted" || !InitiativeLifecycle.DossierEditable.Contains(row.Status))
        {
            throw new ProblemException(409, "dossier_not_editable",
                "Hồ sơ đã nộp và đang chờ hội đồng xem xét; chỉ bổ sung được khi hội đồng trả lại hồ sơ.");
        }

        return (dossier, row);
    }

    private static DateTimeOffset? Utc(DateTime? value) => value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;

    private sealed class DossierRow
    {
        public Guid Id { get; init; }

        public Guid InitiativeId { get; init; }

        public string State { get; init; } = string.Empty;

        public int CurrentVersion { get; init; }

        public string Content { get; init; } = "{}";

        public string? ReturnReason { get; init; }

        public DateTime? ReturnedAt { get; init; }
    }

    private sealed class AttachmentRow
    {
        public Guid Id { get; init; }

        public string Kind { get; init; } = string.Empty;

        public string FileName { get; init; } = string.Empty;

        public string MediaType { get; init; } = string.Empty;

        public long SizeBytes { get; init; }

        public string Sha256 { get; init; } = string.Empty;

        public string StorageKey { get; init; } = string.Empty;

        public DateTime UploadedAt { get; init; }
    }

    private sealed class VersionRow
    {
        public int Version { get; init; }

        public string Content { get; init; } = "{}";

        public Guid[] AttachmentIds { get; set; } = [];

        public string SubmittedBy { get; init; } = string.Empty;

        public DateTime SubmittedAt { get; init; }

        public DateTime? ReturnedAt { get; init; }

        public string? ReturnReason { get; init; }

        public DossierVersionSummary Summary() => new(Version, Utc(SubmittedAt)!.Value, SubmittedBy, Utc(ReturnedAt), ReturnReason);
    }
}

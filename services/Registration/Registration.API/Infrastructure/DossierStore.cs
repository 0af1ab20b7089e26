using DoanKetSangTao.Messaging;
using System.Text.Json;
using Dapper;
using DoanKetSangTao.Registration.API.Domain;

namespace DoanKetSangTao.Registration.API.Infrastructure;

/// <summary>A dossier's working copy and state: draft, submitted, or returned by the council.</summary>
public sealed class DossierRecord
{
    public Guid Id { get; init; }

    public Guid InitiativeId { get; init; }

    public string State { get; init; } = string.Empty;

    public int CurrentVersion { get; init; }

    /// <summary>The working copy as stored (jsonb text); a submission freezes exactly this.</summary>
    public string ContentJson { get; init; } = "{}";

    public DossierContent Content => JsonSerializer.Deserialize<DossierContent>(ContentJson, DossierStore.Json)!;

    public string? ReturnReason { get; init; }

    public DateTime? ReturnedAt { get; init; }

    public bool IsDraft => State == "draft";

    public bool IsSubmitted => State == "submitted";
}

/// <summary>A file attached to a dossier, checked and stored; <c>StorageKey</c> finds its bytes in the file store.</summary>
public sealed record StoredAttachment(
    Guid Id, string Kind, string FileName, string MediaType, long SizeBytes, string Sha256, DateTimeOffset UploadedAt, string StorageKey = "");

/// <summary>One submission of a dossier: when, by whom, and whether the council returned it.</summary>
public sealed record SubmissionSummary(int Version, DateTimeOffset SubmittedAt, string SubmittedBy, DateTimeOffset? ReturnedAt, string? ReturnReason);

/// <summary>A dossier's initiative and its latest version number (0 before the first submission).</summary>
public sealed record DossierHead(Guid InitiativeId, int CurrentVersion);

/// <summary>A dossier as it is read: the working copy, its current attachments and every submission so far.</summary>
public sealed record DossierDetails(DossierRecord Dossier, IReadOnlyList<StoredAttachment> Attachments, IReadOnlyList<SubmissionSummary> Versions);

/// <summary>A submitted version exactly as it was sent, with the attachments it included.</summary>
public sealed record SubmittedDossier(int Version, DossierContent Content, IReadOnlyList<StoredAttachment> Attachments, SubmissionSummary Summary);

/// <summary>Hồ sơ đề nghị công nhận: the working copy, its attachments and its frozen versions.</summary>
public sealed class DossierStore(ServiceDatabase db)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string DossierColumns = """
        id AS Id, initiative_id AS InitiativeId, state AS State, current_version AS CurrentVersion, content::text AS ContentJson,
        return_reason AS ReturnReason, returned_at AS ReturnedAt
        """;

    private const string AttachmentColumns = """
        id AS Id, kind AS Kind, file_name AS FileName, media_type AS MediaType, size_bytes AS SizeBytes, sha256 AS Sha256,
        uploaded_at AS UploadedAt, storage_key AS StorageKey
        """;

    public Task<Guid?> FindByInitiativeAsync(Guid initiativeId, CancellationToken ct, DatabaseSession? tx = null) =>
        db.ReadAsync(tx, (connection, transaction) => connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            "SELECT id FROM dossiers WHERE initiative_id = @initiativeId", new { initiativeId }, transaction, cancellationToken: ct)), ct);

    public Task<Guid?> InitiativeOfAsync(Guid id, CancellationToken ct) =>
        db.ReadAsync(null, (connection, _) => connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            "SELECT initiative_id FROM dossiers WHERE id = @id", new { id }, cancellationToken: ct)), ct);

    public Task CreateAsync(DatabaseSession tx, Guid id, Guid initiativeId, string createdBy, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO dossiers (id, initiative_id, state, created_by) VALUES (@id, @initiativeId, 'draft', @createdBy)",
            new { id, initiativeId, createdBy }, tx.Transaction, cancellationToken: ct));

    /// <summary>The dossier, locked until the transaction ends.</summary>
    public Task<DossierRecord?> LockAsync(DatabaseSession tx, Guid id, CancellationToken ct) =>
        tx.Connection.QuerySingleOrDefaultAsync<DossierRecord>(new CommandDefinition(
            $"SELECT {DossierColumns} FROM dossiers WHERE id = @id FOR UPDATE", new { id }, tx.Transaction, cancellationToken: ct));

    public Task UpdateContentAsync(DatabaseSession tx, Guid id, DossierContent content, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE dossiers SET content = @content::jsonb, updated_at = now(), row_version = row_version + 1 WHERE id = @id",
            new { id, content = JsonSerializer.Serialize(content, Json) }, tx.Transaction, cancellationToken: ct));

    /// <summary>The attachments of the working copy, oldest first.</summary>
    public async Task<List<StoredAttachment>> CurrentAttachmentsAsync(DatabaseSession tx, Guid id, CancellationToken ct) =>
        (await tx.Connection.QueryAsync<AttachmentRow>(new CommandDefinition(
            $"SELECT {AttachmentColumns} FROM dossier_attachments WHERE dossier_id = @id AND removed_at IS NULL ORDER BY uploaded_at", new { id },
            tx.Transaction, cancellationToken: ct))).Select(a => a.ToStored()).ToList();

    public Task AttachAsync(DatabaseSession tx, Guid dossierId, StoredAttachment attachment, string uploadedBy, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO dossier_attachments (id, dossier_id, kind, file_name, media_type, size_bytes, sha256, storage_key, uploaded_by, uploaded_at)
            VALUES (@Id, @dossierId, @Kind, @FileName, @MediaType, @SizeBytes, @Sha256, @StorageKey, @uploadedBy, @at);
            UPDATE dossiers SET updated_at = now(), row_version = row_version + 1 WHERE id = @dossierId;
            """,
            new
            {
                attachment.Id, dossierId, attachment.Kind, attachment.FileName, attachment.MediaType, attachment.SizeBytes, attachment.Sha256,
                attachment.StorageKey, uploadedBy, at = attachment.UploadedAt.UtcDateTime,
            }, tx.Transaction, cancellationToken: ct));

    /// <summary>Takes the file off the working copy (submitted versions keep it); false when it is not on it.</summary>
    public async Task<bool> DetachAsync(DatabaseSession tx, Guid id, Guid attachmentId, CancellationToken ct) =>
        await tx.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE dossier_attachments SET removed_at = now() WHERE id = @attachmentId AND dossier_id = @id AND removed_at IS NULL",
            new { id, attachmentId }, tx.Transaction, cancellationToken: ct)) > 0;

    /// <summary>Any attachment the dossier ever had (a submitted version may include one since removed).</summary>
    public Task<StoredAttachment?> FindAttachmentAsync(Guid id, Guid attachmentId, CancellationToken ct) =>
        db.ReadAsync(null, async (connection, _) => (await connection.QuerySingleOrDefaultAsync<AttachmentRow>(new CommandDefinition(
            $"SELECT {AttachmentColumns} FROM dossier_attachments WHERE id = @attachmentId AND dossier_id = @id", new { id, attachmentId },
            cancellationToken: ct)))?.ToStored(), ct);

    /// <summary>Freezes the working copy and these attachments as the next version; the version's number.</summary>
    public async Task<int> SubmitAsync(
        DatabaseSession tx, DossierRecord dossier, IEnumerable<Guid> attachmentIds, string submittedBy, DateTimeOffset now, CancellationToken ct)
    {
        var version = dossier.CurrentVersion + 1;
        await tx.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO dossier_versions (dossier_id, version, content, attachment_ids, submitted_by, submitted_at)
            VALUES (@id, @version, @content::jsonb, @attachmentIds, @by, @now);
            UPDATE dossiers SET state = 'submitted', current_version = @version, updated_at = @now, row_version = row_version + 1 WHERE id = @id;
            """,
            new { id = dossier.Id, version, content = dossier.ContentJson, attachmentIds = attachmentIds.ToArray(), by = submittedBy, now = now.UtcDateTime },
            tx.Transaction, cancellationToken: ct));
        return version;
    }

    /// <summary>
    /// Hội đồng trả hồ sơ: marks the submission returned with the council's reason, when it is still the current one;
    /// false for the return of a version since superseded.
    /// </summary>
    public async Task<bool> MarkReturnedAsync(DatabaseSession tx, Guid initiativeId, int version, string? reason, DateTimeOffset at, CancellationToken ct) =>
        await tx.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE dossiers SET state = 'returned', return_reason = @reason, returned_at = @at, row_version = row_version + 1
            WHERE initiative_id = @initiativeId AND state = 'submitted' AND current_version = @version;
            UPDATE dossier_versions v SET returned_at = @at, return_reason = @reason
            FROM dossiers d WHERE d.initiative_id = @initiativeId AND v.dossier_id = d.id AND v.version = @version;
            """,
            new { reason, at = at.UtcDateTime, initiativeId, version }, tx.Transaction, cancellationToken: ct)) > 0;

    public Task<DossierDetails?> LoadAsync(Guid id, CancellationToken ct, DatabaseSession? tx = null) =>
        db.ReadAsync(tx, async (connection, transaction) =>
        {
            var dossier = await connection.QuerySingleOrDefaultAsync<DossierRecord>(new CommandDefinition(
                $"SELECT {DossierColumns} FROM dossiers WHERE id = @id", new { id }, transaction, cancellationToken: ct));
            if (dossier is null)
            {
                return null;
            }

            var attachments = await connection.QueryAsync<AttachmentRow>(new CommandDefinition(
                $"SELECT {AttachmentColumns} FROM dossier_attachments WHERE dossier_id = @id AND removed_at IS NULL ORDER BY uploaded_at", new { id },
                transaction, cancellationToken: ct));
            var versions = await connection.QueryAsync<VersionRow>(new CommandDefinition(
                """
                SELECT version AS Version, submitted_by AS SubmittedBy, submitted_at AS SubmittedAt, returned_at AS ReturnedAt, return_reason AS ReturnReason
                FROM dossier_versions WHERE dossier_id = @id ORDER BY version
                """, new { id }, transaction, cancellationToken: ct));
            return new DossierDetails(dossier, attachments.Select(a => a.ToStored()).ToList(), versions.Select(v => v.Summary()).ToList());
        }, ct);

    /// <summary>The dossier's initiative and its latest version number (0 before the first submission); null when there is no such dossier.</summary>
    public Task<DossierHead?> HeadAsync(Guid id, CancellationToken ct) =>
        db.ReadAsync(null, (connection, _) => connection.QuerySingleOrDefaultAsync<DossierHead>(new CommandDefinition(
            "SELECT initiative_id AS InitiativeId, current_version AS CurrentVersion FROM dossiers WHERE id = @id", new { id }, cancellationToken: ct)), ct);

    public Task<SubmittedDossier?> LoadVersionAsync(Guid id, int version, CancellationToken ct) =>
        db.ReadAsync(null, async (connection, _) =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<VersionRow>(new CommandDefinition(
                """
                SELECT version AS Version, content::text AS Content, attachment_ids AS AttachmentIds, submitted_by AS SubmittedBy,
                       submitted_at AS SubmittedAt, returned_at AS ReturnedAt, return_reason AS ReturnReason
                FROM dossier_versions WHERE dossier_id = @id AND version = @version
                """, new { id, version }, cancellationToken: ct));
            if (row is null)
            {
                return null;
            }

            var attachments = await connection.QueryAsync<AttachmentRow>(new CommandDefinition(
                $"SELECT {AttachmentColumns} FROM dossier_attachments WHERE id = ANY(@ids) ORDER BY uploaded_at", new { ids = row.AttachmentIds },
                cancellationToken: ct));
            return new SubmittedDossier(row.Version, JsonSerializer.Deserialize<DossierContent>(row.Content, Json)!,
                attachments.Select(a => a.ToStored()).ToList(), row.Summary());
        }, ct);

    private static DateTimeOffset? Utc(DateTime? value) => value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;

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

        public StoredAttachment ToStored() => new(Id, Kind, FileName, MediaType, SizeBytes, Sha256, Utc(UploadedAt)!.Value, StorageKey);
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

        public SubmissionSummary Summary() => new(Version, Utc(SubmittedAt)!.Value, SubmittedBy, Utc(ReturnedAt), ReturnReason);
    }
}

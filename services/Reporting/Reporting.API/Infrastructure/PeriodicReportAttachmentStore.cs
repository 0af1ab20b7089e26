using Dapper;
using DoanKetSangTao.Messaging;

namespace DoanKetSangTao.Reporting.API.Infrastructure;

/// <summary>A file attached to a report: its metadata; the content lives in the file store under <see cref="StorageKey"/>.</summary>
public sealed record ReportAttachment(Guid Id, Guid ReportId, string FileName, string MediaType, long Size, string Sha256, string StorageKey, string UploadedBy, DateTimeOffset UploadedAt);

/// <summary>Tệp đính kèm báo cáo định kỳ: metadata rows, written in the change's transaction after the content is saved.</summary>
public sealed class PeriodicReportAttachmentStore(ServiceDatabase db)
{
    /// <summary>How many files one report may carry.</summary>
    public const int MaxPerReport = 10;

    public Task AddAsync(DatabaseSession session, ReportAttachment a, CancellationToken ct) =>
        session.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO periodic_report_attachments (id, report_id, file_name, media_type, size, sha256, storage_key, uploaded_by, uploaded_at)
            VALUES (@Id, @ReportId, @FileName, @MediaType, @Size, @Sha256, @StorageKey, @UploadedBy, @At)
            """, new { a.Id, a.ReportId, a.FileName, a.MediaType, a.Size, a.Sha256, a.StorageKey, a.UploadedBy, At = a.UploadedAt.UtcDateTime },
            session.Tx, cancellationToken: ct));

    public async Task<bool> RemoveAsync(DatabaseSession session, Guid reportId, Guid id, CancellationToken ct) =>
        await session.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM periodic_report_attachments WHERE report_id = @reportId AND id = @id", new { reportId, id }, session.Tx, cancellationToken: ct)) == 1;

    public Task<IReadOnlyList<ReportAttachment>> ListAsync(DatabaseSession? session, Guid reportId, CancellationToken ct) =>
        db.ReadAsync<IReadOnlyList<ReportAttachment>>(session, async (connection, tx) => (await connection.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT id AS Id, report_id AS ReportId, file_name AS FileName, media_type AS MediaType, size AS Size, sha256 AS Sha256,
                   storage_key AS StorageKey, uploaded_by AS UploadedBy, uploaded_at AS UploadedAt
            FROM periodic_report_attachments WHERE report_id = @reportId ORDER BY uploaded_at, id
            """, new { reportId }, tx, cancellationToken: ct)))
            .Select(r => new ReportAttachment(r.Id, r.ReportId, r.FileName, r.MediaType, r.Size, r.Sha256, r.StorageKey, r.UploadedBy,
                new DateTimeOffset(DateTime.SpecifyKind(r.UploadedAt, DateTimeKind.Utc)))).ToList(), ct);

    private sealed class Row
    {
        public Guid Id { get; init; }
        public Guid ReportId { get; init; }
        public string FileName { get; init; } = "";
        public string MediaType { get; init; } = "";
        public long Size { get; init; }
        public string Sha256 { get; init; } = "";
        public string StorageKey { get; init; } = "";
        public string UploadedBy { get; init; } = "";
        public DateTime UploadedAt { get; init; }
    }
}

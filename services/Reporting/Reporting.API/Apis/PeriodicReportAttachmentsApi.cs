using DoanKetSangTao.Domain;
using DoanKetSangTao.Files;
using DoanKetSangTao.Reporting.API.Domain.PeriodicReports;
using DoanKetSangTao.Reporting.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace DoanKetSangTao.Reporting.API.Apis;

/// <summary>A file attached to a report, as its readers see it.</summary>
public sealed record ReportAttachmentResponse(Guid Id, string FileName, string MediaType, long Size, string Sha256, string UploadedBy, DateTimeOffset UploadedAt)
{
    internal static ReportAttachmentResponse From(ReportAttachment a) => new(a.Id, a.FileName, a.MediaType, a.Size, a.Sha256, a.UploadedBy, a.UploadedAt);
}

/// <summary>
/// Tệp đính kèm báo cáo (attachments), as registration's dossier attachments: checked by content (PDF, Word, Excel,
/// PNG/JPEG), size-limited, hashed, stored before listed. Attached and removed by the unit's officer while the report
/// is a draft or returned; downloaded by whoever may read the report.
/// </summary>
public static class PeriodicReportAttachmentsApi
{
    private static readonly Refusal TooMany = Refusal.Conflict("report_too_many_attachments",
        $"Mỗi báo cáo đính kèm tối đa {PeriodicReportAttachmentStore.MaxPerReport} tệp. Vui lòng gỡ bớt tệp trước khi đính kèm thêm.");

    private static readonly Refusal AttachmentNotFound = Refusal.NotFound("report_attachment_not_found",
        "Không tìm thấy tệp đính kèm của báo cáo. Vui lòng tải lại báo cáo.");

    internal static void Map(RouteGroupBuilder api)
    {
        // Bearer tokens, not cookies, authenticate uploads: there is no ambient credential to forge.
        api.MapPost("/{id:guid}/attachments", Upload).DisableAntiforgery().Accepts<IFormCollection>("multipart/form-data");
        api.MapGet("/{id:guid}/attachments", List);
        api.MapDelete("/{id:guid}/attachments/{attachmentId:guid}", Remove);
        api.MapGet("/{id:guid}/attachments/{attachmentId:guid}/content", Download);
    }

    /// <summary>Đính kèm tệp (multipart/form-data: <c>file</c>) to the caller's own unit's draft or returned report.</summary>
    public static async Task<Results<Created<ReportAttachmentResponse>, ProblemHttpResult>> Upload(
        Guid id, HttpRequest http, [AsParameters] PeriodicReportContext context, PeriodicReportAttachmentStore attachments, IFileStore files,
        IOptions<FileUploadOptions> options, CancellationToken ct)
    {
        // Who may attach comes before what was sent: a stranger's upload is refused before it is read.
        var (report, _, refusal) = await PeriodicReportsApi.FilableAsync(id, context, ct);
        if ((refusal ?? ReportLifecycle.CanEdit(report!, null)) is { } refused)
        {
            return refused.ToProblem();
        }

        var form = await MultipartForm.ReadAsync(http, ct);
        if (form.Files.Count != 1 || form.Files[0] is not { } file)
        {
            return Refusal.Invalid("file", "Vui lòng chọn đúng một tệp để đính kèm.").ToProblem();
        }

        await using var received = await FileIntake.ReceiveAsync(file.OpenReadStream(), file.FileName, options.Value.MaxBytes, ct);
        var storageKey = await files.SaveAsync(received, ct);

        await using var session = await context.Db.BeginAsync(ct);
        var locked = (await context.Reports.GetAsync(session, id, ct))!;
        if (ReportLifecycle.CanEdit(locked, null) is { } changed)
        {
            return changed.ToProblem();
        }

        if ((await attachments.ListAsync(session, id, ct)).Count >= PeriodicReportAttachmentStore.MaxPerReport)
        {
            return TooMany.ToProblem();
        }

        var attachment = new ReportAttachment(Guid.CreateVersion7(), id, received.FileName, received.MediaType, received.Size, received.Sha256, storageKey,
            context.Caller.Id, context.Now());
        await attachments.AddAsync(session, attachment, ct);
        await session.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/reports/periodic/{id}/attachments/{attachment.Id}/content", ReportAttachmentResponse.From(attachment));
    }

    public static async Task<Results<Ok<IReadOnlyList<ReportAttachmentResponse>>, ProblemHttpResult>> List(
        Guid id, [AsParameters] PeriodicReportContext context, PeriodicReportAttachmentStore attachments, CancellationToken ct)
    {
        var (_, _, refusal) = await PeriodicReportsApi.ReadableAsync(id, context, ct);
        return refusal is not null
            ? refusal.ToProblem()
            : TypedResults.Ok<IReadOnlyList<ReportAttachmentResponse>>((await attachments.ListAsync(null, id, ct)).Select(ReportAttachmentResponse.From).ToList());
    }

    /// <summary>Gỡ tệp from the caller's own draft or returned report.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Remove(
        Guid id, Guid attachmentId, [AsParameters] PeriodicReportContext context, PeriodicReportAttachmentStore attachments, CancellationToken ct)
    {
        var (_, _, refusal) = await PeriodicReportsApi.FilableAsync(id, context, ct);
        if (refusal is not null)
        {
            return refusal.ToProblem();
        }

        await using var session = await context.Db.BeginAsync(ct);
        if (ReportLifecycle.CanEdit((await context.Reports.GetAsync(session, id, ct))!, null) is { } conflict)
        {
            return conflict.ToProblem();
        }

        if (!await attachments.RemoveAsync(session, id, attachmentId, ct))
        {
            return AttachmentNotFound.ToProblem();
        }

        await session.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>Tải tệp: to whoever may read the report, as a download never rendered inline.</summary>
    public static async Task<IResult> Download(
        Guid id, Guid attachmentId, [AsParameters] PeriodicReportContext context, PeriodicReportAttachmentStore attachments, IFileStore files, CancellationToken ct)
    {
        var (_, _, refusal) = await PeriodicReportsApi.ReadableAsync(id, context, ct);
        if (refusal is not null)
        {
            return refusal.ToProblem();
        }

        var attachment = (await attachments.ListAsync(null, id, ct)).FirstOrDefault(a => a.Id == attachmentId);
        if (attachment is null || await files.OpenReadAsync(attachment.StorageKey, ct) is not { } content)
        {
            return AttachmentNotFound.ToProblem();
        }

        return FileDownload.Result(content, attachment.MediaType, attachment.FileName);
    }
}

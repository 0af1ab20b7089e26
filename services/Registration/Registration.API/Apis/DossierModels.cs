using DoanKetSangTao.Registration.API.Domain;
using DoanKetSangTao.Registration.API.Infrastructure;

namespace DoanKetSangTao.Registration.API.Apis;

/// <summary>Lập hồ sơ cho một sáng kiến đã được xác nhận.</summary>
public sealed record CreateDossierRequest(Guid InitiativeId);

/// <summary>Một tệp đính kèm của hồ sơ: loại, tên, định dạng, dung lượng và mã băm SHA-256.</summary>
public sealed record AttachmentResponse(Guid Id, string Kind, string KindName, string FileName, string MediaType, long SizeBytes, string Sha256, DateTimeOffset UploadedAt)
{
    internal static AttachmentResponse From(StoredAttachment a) =>
        new(a.Id, a.Kind, AttachmentKind.All.NameOf(a.Kind), a.FileName, a.MediaType, a.SizeBytes, a.Sha256, a.UploadedAt);
}

/// <summary>Một lần nộp hồ sơ: khi nào, ai nộp, và hội đồng có trả lại không.</summary>
public sealed record DossierVersionSummary(int Version, DateTimeOffset SubmittedAt, string SubmittedBy, DateTimeOffset? ReturnedAt, string? ReturnReason)
{
    internal static DossierVersionSummary From(SubmissionSummary s) => new(s.Version, s.SubmittedAt, s.SubmittedBy, s.ReturnedAt, s.ReturnReason);
}

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
    IReadOnlyList<DossierVersionSummary> Versions)
{
    internal static DossierResponse From(DossierDetails details)
    {
        var d = details.Dossier;
        var content = d.Content;
        return new DossierResponse(d.Id, d.InitiativeId, d.State, d.CurrentVersion, content, details.Attachments.Select(AttachmentResponse.From).ToList(),
            DossierRules.Missing(content, details.Attachments.Select(a => a.Kind)), d.ReturnReason,
            d.ReturnedAt is { } r ? new DateTimeOffset(DateTime.SpecifyKind(r, DateTimeKind.Utc)) : null,
            details.Versions.Select(DossierVersionSummary.From).ToList());
    }
}

/// <summary>Một lần nộp hồ sơ, đúng như đã gửi, kèm các tệp đính kèm của lần đó.</summary>
public sealed record DossierVersionResponse(int Version, DossierContent Content, IReadOnlyList<AttachmentResponse> Attachments, DossierVersionSummary Summary)
{
    internal static DossierVersionResponse From(SubmittedDossier v) =>
        new(v.Version, v.Content, v.Attachments.Select(AttachmentResponse.From).ToList(), DossierVersionSummary.From(v.Summary));
}

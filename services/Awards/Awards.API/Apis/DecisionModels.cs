using DoanKetSangTao.Awards.API.Domain;
using DoanKetSangTao.Awards.API.Infrastructure;

namespace DoanKetSangTao.Awards.API.Apis;

/// <summary>Người/tập thể được khen thưởng, named directly.</summary>
public sealed record RecipientRequest(
    string? Kind, string? FullName, string? OrganizationName, string? ProvinceCode, string? CommuneCode, string? AccountId, string? Email,
    Guid? InitiativeId, string? InitiativeTitle, decimal? Amount)
{
    public RecipientInput ToInput() => new(Kind, FullName, OrganizationName, ProvinceCode, CommuneCode, AccountId, Email, InitiativeId, InitiativeTitle, Amount);
}

/// <summary>
/// A recognized initiative to commend: its authors (<c>as: "authors"</c>, each a person) or the unit it was filed under
/// (<c>as: "unit"</c>, a collective). It must be on the body's candidates list (recognized by a council in its area).
/// </summary>
public sealed record InitiativeRecipientsRequest(Guid? InitiativeId, string? As);

/// <summary>
/// Dự thảo quyết định khen thưởng. Recipients come from three places, in this order: accepted proposals of the body's
/// calls, recognized initiatives, and people or collectives named directly.
/// </summary>
public sealed record DecisionRequest(
    string? AwardTypeCode,
    string? IssuingBodyName,
    string? Reason,
    string? SignerName,
    string? SignerPosition,
    Guid? SupersedesDecisionId,
    IReadOnlyList<Guid>? FromProposals,
    IReadOnlyList<InitiativeRecipientsRequest>? FromInitiatives,
    IReadOnlyList<RecipientRequest>? Recipients);

public sealed record IssueRequest(DateOnly? DecisionDate);

public sealed record RevokeRequest(string? Reason, string? RevokingDecisionNumber);

public sealed record RecipientResponse(
    Guid Id, int Ordinal, string Kind, string FullName, string? OrganizationName, string ProvinceCode, string? CommuneCode, string? AccountId,
    string? Email, Guid? InitiativeId, string? InitiativeTitle, Guid? ProposalId, decimal? Amount, string? CertificateCode, string? CertificateStatus);

/// <summary>Tiến độ làm giấy chứng nhận: how many of the decision's certificates are ready, of how many.</summary>
public sealed record CertificateProgressResponse(int Total, int Ready, int Failed);

/// <summary>Một quyết định khen thưởng; ngày ở dạng ISO (yyyy-mm-dd) và dd/mm/yyyy cho người đọc.</summary>
public sealed record DecisionResponse(
    Guid Id, string Status, string IssuingBodyKey, string IssuingBodyName, string Level, string? ProvinceCode, string? CommuneCode,
    string AwardTypeCode, string AwardTypeName, string Reason, string SignerName, string SignerPosition, Guid? SupersedesDecisionId,
    string? Number, DateOnly? DecisionDate, string? DecisionDateText, string? RevokedReason, string? RevokingDecisionNumber, DateOnly? RevokedOn,
    Guid? SupersededByDecisionId, IReadOnlyList<RecipientResponse> Recipients, CertificateProgressResponse Certificates)
{
    public static DecisionResponse From(DecisionRow d, IReadOnlyList<RecipientRow> recipients, CertificateProgress progress) => new(
        d.Id, d.Status, d.BodyKey, d.BodyName, d.BodyLevel, d.BodyProvince, d.BodyCommune, d.AwardTypeCode, d.AwardTypeName, d.Reason,
        d.SignerName, d.SignerPosition, d.SupersedesId, d.NumberText, d.DecisionDate, d.DecisionDate?.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture),
        d.RevokedReason, d.RevokingNumber, d.RevokedOn, d.SupersededById,
        recipients.Select(r => new RecipientResponse(r.Id, r.Ordinal, r.Kind, r.FullName, r.OrganizationName, r.ProvinceCode, r.CommuneCode,
            r.AccountId, r.Email, r.InitiativeId, r.InitiativeTitle, r.ProposalId, r.Amount, r.CertificateCode, r.CertificateStatus)).ToList(),
        new CertificateProgressResponse(progress.Total, progress.Ready, progress.Failed));
}

/// <summary>A decision in a list (without its recipients).</summary>
public sealed record DecisionSummary(
    Guid Id, string Status, string IssuingBodyName, string Level, string AwardTypeName, string? Number, DateOnly? DecisionDate, DateTime CreatedAt);

public sealed record DecisionsPage(IReadOnlyList<DecisionSummary> Items, string? NextCursor);

/// <summary>Một giấy chứng nhận của người đang đăng nhập; <c>VerificationAddress</c> is what its QR code holds (the sealed address).</summary>
public sealed record MyCertificateResponse(
    string Code, string Status, string AwardName, string IssuingBodyName, string? DecisionNumber, DateOnly? DecisionDate, string FullName,
    string? InitiativeTitle, bool Ready, string DownloadPath, string VerificationAddress);

public sealed record AuditEntryResponse(long Seq, DateTime OccurredAt, string Actor, string Action, string Detail);

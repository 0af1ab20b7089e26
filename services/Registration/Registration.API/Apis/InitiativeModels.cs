using DoanKetSangTao.Registration.API.Domain;
using DoanKetSangTao.Registration.API.Infrastructure;

namespace DoanKetSangTao.Registration.API.Apis;

/// <summary>One author as entered on the form; <c>OrganizationId</c> defaults to the initiative's unit.</summary>
public sealed record AuthorInput(string? FullName, string? Email, bool IsLead, int ContributionPercent, Guid? OrganizationId = null, string? Position = null);

/// <summary>
/// Phiếu đăng ký sáng kiến (Mẫu 1) as entered: saved as a draft, or submitted at once. <c>PublicationConsent</c> (đồng ý
/// công bố): the authors agree that, if recognized, the title, summary, authors' names, unit, level, year and field are
/// published in the public gallery; false when a registration leaves it out, unchanged when an edit leaves it out.
/// </summary>
public sealed record RegisterInitiativeRequest(
    Guid CampaignId,
    string? Title,
    string? Kind,
    Guid OrganizationId,
    string? CommuneCode,
    string? Summary,
    IReadOnlyList<AuthorInput?>? Authors,
    string? ContentType = null,
    string? MovementArea = null,
    string? Field = null,
    string? ExpectedScope = null,
    bool SaveAsDraft = false,
    bool? PublicationConsent = null)
{
    /// <summary>What the rules check (<see cref="InitiativeRegistration.Validate"/>).</summary>
    public InitiativeForm ToForm(bool draft) => new(
        CampaignId, Title, Kind, OrganizationId, CommuneCode, Summary,
        Authors?.Select(a => a is null ? null : new AuthorForm(a.FullName, a.Email, a.IsLead, a.ContributionPercent, a.OrganizationId, a.Position)).ToList(),
        ContentType, MovementArea, Field, ExpectedScope, draft, PublicationConsent);
}

/// <summary>Filters of the initiative list; every one optional, all combined.</summary>
public sealed record InitiativeQuery(
    Guid? CampaignId,
    string? UnitCode,
    Guid? OrganizationId,
    string? Kind,
    string? MovementArea,
    string? Field,
    string? Status,
    string? Q,
    bool? Mine,
    string? Cursor,
    int? Limit);

/// <summary>Một tác giả của sáng kiến, với tên cơ quan, đơn vị công tác.</summary>
public sealed record AuthorResponse(
    string FullName, string? Email, bool IsLead, int ContributionPercent, Guid? OrganizationId, string? OrganizationName, string? Position);

/// <summary>
/// An initiative as its readers see it: Mẫu 1, where it was filed, and where it is in the lifecycle. <c>Status</c> is
/// registration's lifecycle status (unchanged in meaning: <c>nominated</c> lasts until the council above opens its case,
/// then <c>under_appraisal</c> again); where it stands in appraisal is in <c>AppraisalLevel</c> (commune, province,
/// central: the highest council that has it), <c>AppraisalStage</c> (nominated, under_appraisal, returned, recognized,
/// not_recognized) and <c>AppraisalLabel</c>, e.g. "Được đề cử lên Hội đồng Trung ương, đang thẩm định tại đó"; all three
/// null before any council has it.
/// </summary>
public sealed record InitiativeResponse(
    Guid Id,
    Guid CampaignId,
    string Title,
    string Kind,
    string? ContentType,
    string? MovementArea,
    string? Field,
    string? Summary,
    string? ExpectedScope,
    Guid OrganizationId,
    string OrganizationName,
    string ProvinceCode,
    string CommuneCode,
    string CommuneName,
    string Status,
    string StatusName,
    string? RecognizedLevel,
    string RegisteredBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RegisteredAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<AuthorResponse> Authors,
    string? AppraisalLevel = null,
    string? AppraisalStage = null,
    string? AppraisalLabel = null)
{
    internal static InitiativeResponse From(InitiativeDetails i) => new(
        i.Id, i.CampaignId, i.Title, i.Kind, i.ContentType, i.MovementArea, i.Field, i.Summary, i.ExpectedScope, i.OrganizationId, i.OrganizationName,
        i.ProvinceCode, i.CommuneCode, i.CommuneName, i.Status, InitiativeStatus.All.NameOf(i.Status), i.RecognizedLevel, i.RegisteredBy, i.CreatedAt,
        i.RegisteredAt, i.UpdatedAt,
        i.Authors.Select(a => new AuthorResponse(a.FullName, a.Email, a.IsLead, a.ContributionPercent, a.OrganizationId, a.OrganizationName, a.Position)).ToList(),
        i.Standing?.Level, i.Standing?.Stage, i.Standing?.Label);

    /// <summary>Mẫu 1 as it stands, for the rules to check again before it is submitted.</summary>
    internal static InitiativeForm ToForm(InitiativeDetails i) => new(
        i.CampaignId, i.Title, i.Kind, i.OrganizationId, i.CommuneCode, i.Summary,
        i.Authors.Select(a => (AuthorForm?)new AuthorForm(a.FullName, a.Email, a.IsLead, a.ContributionPercent, a.OrganizationId, a.Position)).ToList(),
        i.ContentType, i.MovementArea, i.Field, i.ExpectedScope);
}

/// <summary>A reason given with a return or a withdrawal.</summary>
public sealed record ReasonRequest(string? Reason);

/// <summary>Một dòng lịch sử trạng thái: từ đâu, sang đâu, ai, khi nào, ghi chú.</summary>
public sealed record StatusHistoryEntry(string? FromStatus, string Status, string StatusName, DateTimeOffset ChangedAt, string ChangedBy, string? Note);

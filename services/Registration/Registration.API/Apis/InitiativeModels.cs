namespace DoanKetSangTao.Registration.API.Apis;

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
    string? AppraisalLabel = null);

/// <summary>A reason given with a return or a withdrawal.</summary>
public sealed record ReasonRequest(string? Reason);

public sealed record StatusHistoryEntry(string? FromStatus, string Status, string StatusName, DateTimeOffset ChangedAt, string ChangedBy, string? Note);

/// <summary>One page of a list; <c>NextCursor</c> is passed back as <c>cursor</c> for the next page, null on the last.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

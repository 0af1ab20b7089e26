using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Reporting.API.Domain.ReviewConferences;
using DoanKetSangTao.Reporting.API.Infrastructure;

namespace DoanKetSangTao.Reporting.API.Apis;

public sealed record ParticipantRequest(string? Name, string? Role, string? Email);

public sealed record InviteeRequest(Guid? OrganizationId, string? Name, int? Quota);

public sealed record ConferenceRequest(
    Guid? CampaignId, string? Kind, string? Title, DateTimeOffset? StartsAt, string? Place, string? HostName,
    IReadOnlyList<ParticipantRequest?>? Participants, IReadOnlyList<InviteeRequest?>? Organizations);

public sealed record ScheduleRequest(DateTimeOffset? StartsAt, string? Place);

public sealed record CancelRequest(string? Reason);

public sealed record InviteRequest(IReadOnlyList<InviteeRequest?>? Organizations);

public sealed record QuotaChangeRequest(int? Quota);

public sealed record ContributionRequest(Guid? OrganizationId, string? Topic, int? PageLimit, DateOnly? DueOn);

public sealed record ExhibitRequest(string? Name, string? Description, int? Quantity);

public sealed record NomineeRequest(string? Kind, string? FullName, string? Position, string? UnitName, string? Achievement, string? ProvinceCode, string? CommuneCode);

/// <summary>A conference in a list; <c>standing</c> says whether the caller hosts it or is invited.</summary>
public sealed record ConferenceSummary(
    Guid Id, Guid CampaignId, string Kind, string KindName, string Title, DateTimeOffset StartsAt, string StartsAtText, string Place, string HostName,
    string Status, string Standing)
{
    public static ConferenceSummary From(ConferenceRow r, string standing) => new(r.Id, r.CampaignId, r.Kind, ConferenceKinds.NameOf(r.Kind), r.Title,
        r.StartsAtUtc, VietnamTime.FormatDateTime(r.StartsAtUtc), r.Place, r.HostName, r.Status, standing);
}

public sealed record InviteeResponse(Guid OrganizationId, string Name, int Quota, int Proposed);

public sealed record FileResponse(Guid Id, string FileName, string MediaType, long Size, DateTimeOffset UploadedAt);

public sealed record ContributionResponse(
    Guid Id, Guid OrganizationId, string OrganizationName, string Topic, int PageLimit, DateOnly DueOn, string DueOnText, string Status,
    DateTimeOffset? SubmittedAt, IReadOnlyList<FileResponse> Files);

public sealed record ExhibitResponse(Guid Id, Guid OrganizationId, string OrganizationName, string Name, string? Description, int Quantity);

public sealed record NomineeResponse(
    Guid Id, Guid OrganizationId, string OrganizationName, string Kind, string FullName, string? Position, string? UnitName, string Achievement,
    string ProvinceCode, string? CommuneCode);

/// <summary>
/// The conference as the caller may see it: the host everything; an invited organization's officer the plan, their own
/// organization among the invitees, and their own contributions, exhibits and nominees.
/// </summary>
public sealed record ConferenceResponse(
    ConferenceSummary Conference, string? CancelReason, DateTimeOffset? ForwardedAt, IReadOnlyList<ConferenceParticipant> Participants,
    IReadOnlyList<InviteeResponse> Organizations, IReadOnlyList<ContributionResponse> Contributions, IReadOnlyList<ExhibitResponse> Exhibits,
    IReadOnlyList<NomineeResponse> Nominees);

internal static class ConferenceResponses
{
    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    public static ContributionResponse Contribution(ContributionRow c, IEnumerable<ContributionFileRow> files, DateTimeOffset now) =>
        new(c.Id, c.OrganizationId, c.OrganizationName, c.Topic, c.PageLimit, c.DueOn,
            c.DueOn.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture),
            ConferenceRules.StatusOf(c.DueOn, c.SubmittedAt is { } s ? Utc(s) : null, now), c.SubmittedAt is { } at ? Utc(at) : null,
            files.Where(f => f.ContributionId == c.Id).Select(File).ToList());

    public static FileResponse File(ContributionFileRow f) => new(f.Id, f.FileName, f.MediaType, f.Size, Utc(f.UploadedAt));

    public static ExhibitResponse Exhibit(ExhibitRow e) => new(e.Id, e.OrganizationId, e.OrganizationName, e.Name, e.Description, e.Quantity);

    public static NomineeResponse Nominee(NomineeRow n) =>
        new(n.Id, n.OrganizationId, n.OrganizationName, n.Kind, n.FullName, n.Position, n.UnitName, n.Achievement, n.ProvinceCode, n.CommuneCode);
}

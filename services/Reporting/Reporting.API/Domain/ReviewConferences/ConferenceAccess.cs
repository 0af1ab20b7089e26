using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Reporting.API.Domain.ReviewConferences;

/// <summary>Who a caller is to a conference: its host (manages it), an invited organization's officer (acts on their own parts), or nobody.</summary>
public enum ConferenceStanding
{
    None,
    Host,
    Invitee,
}

/// <summary>
/// Quyền với hội nghị (access to a review conference): the host level manages it — Front officers of exactly the host
/// committee's area (a province's officers do not manage their communes' conferences, nor the reverse); an invited
/// organization's officers see the invitation and act on their own organization's parts only; nobody else sees it.
/// </summary>
public static class ConferenceAccess
{
    /// <summary>Roles an invited organization's officer may hold (a commune's Front committee can be invited as an organization).</summary>
    public static readonly string[] InviteeRoles = [PlatformRoles.UnitOfficer, PlatformRoles.MemberOrganizationOfficer, PlatformRoles.FrontOfficer];

    public static readonly string[] AllRoles = InviteeRoles;

    /// <summary>Whether a Front officer of <paramref name="scope"/> hosts a conference of this area.</summary>
    public static bool IsHost(bool frontOfficer, AdministrativeScope? scope, string? hostProvince, string? hostCommune) =>
        frontOfficer && scope is not null && scope.ProvinceCode == hostProvince && scope.CommuneCode == hostCommune;

    public static ConferenceStanding StandingOf(
        bool frontOfficer, bool inviteeRole, AdministrativeScope? scope, Guid? organizationId,
        string? hostProvince, string? hostCommune, IReadOnlyCollection<Guid> invitees)
    {
        if (IsHost(frontOfficer, scope, hostProvince, hostCommune))
        {
            return ConferenceStanding.Host;
        }

        return inviteeRole && organizationId is { } org && invitees.Contains(org) ? ConferenceStanding.Invitee : ConferenceStanding.None;
    }
}

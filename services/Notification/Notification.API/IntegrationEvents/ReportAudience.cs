using DoanKetSangTao.Contracts.Identity.V1;
using DoanKetSangTao.Contracts.Registration.V1;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Notification.API.Domain;

namespace DoanKetSangTao.Notification.API.IntegrationEvents;

/// <summary>A unit of a report reminder with its officers (and, for an organization, its inbox) and the area that supervises it.</summary>
public sealed record ReportUnitAudience(ReportUnit Unit, IReadOnlyList<Officer> Officers, string? SupervisorArea);

/// <summary>
/// Người nhận nhắc hạn báo cáo (who a report reminder reaches), asked at consume time: identity lists the officers holding,
/// today, a role at each unit (a commune's or province's Front officers at its area <c>VN/{province}[/{commune}]</c>; a member
/// organization's officers, plus its inbox), and registration names the organizations and their area. The supervising
/// area is one level up: a commune's province, a province's centre, a member organization's own Front committee.
/// </summary>
public sealed class ReportAudience(AccountDirectory.AccountDirectoryClient directory, OrganizationLookup.OrganizationLookupClient organizations)
{
    private static readonly string[] OrganizationOfficerRoles = [PlatformRoles.UnitOfficer, PlatformRoles.MemberOrganizationOfficer];
    private const int UnitsPerCall = 100;
    private const int OrganizationsPerCall = 500;

    /// <summary>Units named by their area paths (VN/01, VN/01/00004) or organization ids, each with its officers.</summary>
    public async Task<IReadOnlyList<ReportUnitAudience>> ResolveAsync(string level, IReadOnlyList<string> areaPaths, IReadOnlyList<Guid> organizationIds, CancellationToken ct)
    {
        var result = new List<ReportUnitAudience>();
        var areas = areaPaths.Select(p => AdministrativeScope.TryParse(p)).OfType<AdministrativeScope>().DistinctBy(a => a.Path).ToList();
        var atArea = (await FrontOfficersAsync(areas.Select(a => a.Path), ct)).ToLookup(o => o.AdminUnit);
        foreach (var area in areas)
        {
            var code = area.CommuneCode ?? area.ProvinceCode!;
            result.Add(new ReportUnitAudience(new ReportUnit(code, null, ReportNotices.AreaUnitName(level, code)),
                [.. atArea[area.Path].DistinctBy(o => o.AccountId).Select(ToOfficer)],
                area.CommuneCode is null ? "VN" : $"VN/{area.ProvinceCode}"));
        }

        if (organizationIds.Count == 0)
        {
            return result;
        }

        var known = new Dictionary<Guid, OrganizationReply>();
        var officers = new List<OfficerReply>();
        foreach (var chunk in organizationIds.Distinct().Chunk(OrganizationsPerCall))
        {
            var lookup = new GetOrganizationsRequest();
            lookup.OrganizationIds.AddRange(chunk.Select(id => id.ToString()));
            foreach (var o in (await organizations.GetOrganizationsAsync(lookup, cancellationToken: ct)).Organizations)
            {
                known[Guid.Parse(o.OrganizationId)] = o;
            }

            var request = new ListOfficersRequest { Roles = { OrganizationOfficerRoles } };
            request.OrganizationIds.AddRange(chunk.Select(id => id.ToString()));
            officers.AddRange((await directory.ListOfficersAsync(request, cancellationToken: ct)).Officers);
        }

        var byOrganization = officers.ToLookup(o => o.OrganizationId);
        foreach (var id in organizationIds.Distinct())
        {
            var organization = known.GetValueOrDefault(id);
            var inbox = new Officer(Inbox.OfUnit(id), "Quý đơn vị", null, null);
            result.Add(new ReportUnitAudience(new ReportUnit(id.ToString(), id, organization?.Name ?? "Tổ chức thành viên"),
                [inbox, .. byOrganization[id.ToString()].DistinctBy(o => o.AccountId).Select(ToOfficer)],
                organization is null ? null
                    : string.IsNullOrEmpty(organization.CommuneCode) ? $"VN/{organization.ProvinceCode}" : $"VN/{organization.ProvinceCode}/{organization.CommuneCode}"));
        }

        return result;
    }

    /// <summary>The Front officers at exactly each of the areas (VN, VN/{province}, VN/{province}/{commune}).</summary>
    public async Task<IReadOnlyList<OfficerReply>> FrontOfficersAsync(IEnumerable<string> areaPaths, CancellationToken ct)
    {
        var officers = new List<OfficerReply>();
        foreach (var chunk in areaPaths.Distinct().Chunk(UnitsPerCall))
        {
            var request = new ListOfficersRequest { Roles = { PlatformRoles.FrontOfficer } };
            request.AdminUnits.AddRange(chunk);
            officers.AddRange((await directory.ListOfficersAsync(request, cancellationToken: ct)).Officers);
        }

        return officers;
    }

    public static Officer ToOfficer(OfficerReply o) =>
        new(o.AccountId, o.FullName, string.IsNullOrWhiteSpace(o.Email) ? null : o.Email, string.IsNullOrWhiteSpace(o.Phone) ? null : o.Phone);
}

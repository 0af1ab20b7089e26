using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Identity.API.Domain;

/// <summary>What a person's token says: roles, the unit and organization they act for, and the hierarchy version.</summary>
public sealed record TokenClaims(IReadOnlyList<string> Roles, string AdminUnit, Guid? OrganizationId, string HierarchyVersion)
{
    /// <summary>
    /// The administrative hierarchy the units in tokens are written against: the 2025 reorganization (two levels,
    /// provinces and communes, in force from 01/07/2025). A token of an older version names units that may no longer exist.
    /// </summary>
    public const string CurrentHierarchyVersion = "2025-07-01";

    /// <summary>
    /// Quy tắc phân công chính (primary assignment rule): the services read one unit and one organization per token, so the
    /// token is computed from the highest-ranked assignment in force today, with every other role in force for that same
    /// unit and organization. Roles held elsewhere are not carried, so that no role is ever exercised in a unit it was not
    /// granted for. Null when nothing is in force: such a person signs in but may do nothing.
    /// </summary>
    public static TokenClaims? For(IEnumerable<RoleAssignment> assignments, DateOnly today)
    {
        var active = assignments.Where(a => a.IsActiveOn(today) && RoleRanks.IsKnown(a.Role)).ToList();
        if (active.Count == 0)
        {
            return null;
        }

        var primary = active.OrderByDescending(a => RoleRanks.Of(a.Role)).ThenBy(a => a.StartsOn).ThenBy(a => a.Id).First();
        var roles = active.Where(a => a.AdminUnit == primary.AdminUnit && a.OrganizationId == primary.OrganizationId)
            .Select(a => a.Role).Distinct(StringComparer.Ordinal).OrderByDescending(RoleRanks.Of).ToList();
        return new TokenClaims(roles, primary.AdminUnit, primary.OrganizationId, CurrentHierarchyVersion);
    }
}

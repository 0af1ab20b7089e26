using DoanKetSangTao.Domain;
using DoanKetSangTao.Identity.API.Domain;
using Microsoft.EntityFrameworkCore;

namespace DoanKetSangTao.Identity.API.Infrastructure;

/// <summary>An account found by name, with its assignments in force today.</summary>
public sealed record FoundAccount(Guid Id, string FullName, string? Email, IReadOnlyList<RoleAssignment> Assignments);

/// <summary>
/// Accounts whose folded name (<see cref="Account.SearchKey"/>) contains a folded query and who hold, today, an assignment
/// at the unit or below it (VN/01 covers VN/01/00004), nearest names first.
/// </summary>
public sealed class AccountSearch(IdentityDb db, PersonPrincipals principals)
{
    public async Task<IReadOnlyList<FoundAccount>> InAreaAsync(AdministrativeScope unit, string foldedQuery, int limit, CancellationToken ct)
    {
        var today = principals.Today;
        var path = unit.Path;
        var below = path + "/";
        var active = db.RoleAssignments.AsNoTracking().Where(a => a.StartsOn <= today && (a.EndsOn == null || a.EndsOn >= today));
        var inUnit = unit.Level == AdministrativeLevel.Central ? active : active.Where(a => a.AdminUnit == path || a.AdminUnit.StartsWith(below));
        var accounts = await db.Users.AsNoTracking()
            .Where(a => a.SearchKey.Contains(foldedQuery) && inUnit.Any(r => r.AccountId == a.Id))
            .OrderBy(a => a.SearchKey).ThenBy(a => a.Id).Take(limit)
            .Select(a => new { a.Id, a.FullName, a.Email })
            .ToListAsync(ct);
        var ids = accounts.Select(a => a.Id).ToList();
        var assignments = (await active.Where(r => ids.Contains(r.AccountId)).ToListAsync(ct)).ToLookup(r => r.AccountId);
        return [.. accounts.Select(a => new FoundAccount(a.Id, a.FullName, a.Email, [.. assignments[a.Id].OrderBy(r => r.AdminUnit)]))];
    }
}

/// <summary>An officer holding, today, a role at an organization or a unit, and how to reach them.</summary>
public sealed record FoundOfficer(Guid Id, string FullName, string? Email, string? Phone, string Role, string AdminUnit, Guid? OrganizationId);

/// <summary>Cán bộ phụ trách: the accounts holding, today, one of some roles at some organizations or at exactly some units.</summary>
public sealed class OfficerDirectory(IdentityDb db, PersonPrincipals principals)
{
    public async Task<IReadOnlyList<FoundOfficer>> ListAsync(IReadOnlyCollection<Guid> organizations, IReadOnlyCollection<string> units,
        IReadOnlyCollection<string> roles, CancellationToken ct)
    {
        var today = principals.Today;
        var found = await (
            from r in db.RoleAssignments.AsNoTracking()
            join a in db.Users.AsNoTracking() on r.AccountId equals a.Id
            where r.StartsOn <= today && (r.EndsOn == null || r.EndsOn >= today) && roles.Contains(r.Role)
                  && ((r.OrganizationId != null && organizations.Contains(r.OrganizationId.Value)) || units.Contains(r.AdminUnit))
            orderby a.FullName, a.Id
            select new FoundOfficer(a.Id, a.FullName, a.Email, a.PhoneNumber, r.Role, r.AdminUnit, r.OrganizationId))
            .ToListAsync(ct);
        return found;
    }
}

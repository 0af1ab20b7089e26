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

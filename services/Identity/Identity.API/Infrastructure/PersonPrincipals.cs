using System.Security.Claims;
using System.Text.Json;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Identity.API.Domain;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace DoanKetSangTao.Identity.API.Infrastructure;

/// <summary>
/// The principals OpenIddict turns into tokens: a person's (claims from their assignments in force today, computed
/// afresh at every sign-in and refresh, so an ended assignment stops at the next refresh) and a client's own
/// (client credentials: an integration or a platform service).
/// </summary>
public sealed class PersonPrincipals(IdentityDb db, TimeProvider clock)
{
    /// <summary>Client properties: the unit and organization an integration acts for, and when its secret expires.</summary>
    public const string AdminUnitProperty = "admin_unit";
    public const string OrganizationProperty = "org";
    public const string SecretExpiresAtProperty = "secret_expires_at";

    public async Task<IReadOnlyList<RoleAssignment>> AssignmentsAsync(Guid accountId, CancellationToken ct) =>
        await db.RoleAssignments.AsNoTracking().Where(a => a.AccountId == accountId).ToListAsync(ct);

    public DateOnly Today => DateOnly.FromDateTime(VietnamTime.ToLocal(clock.GetUtcNow()).DateTime);

    /// <summary>True when the person holds, today, a role that must sign in with a second factor.</summary>
    public async Task<bool> NeedsSecondFactorAsync(Account account, CancellationToken ct) =>
        (await AssignmentsAsync(account.Id, ct)).Any(a => a.IsActiveOn(Today) && RoleRanks.NeedsSecondFactor(a.Role));

    public async Task<ClaimsPrincipal> ForPersonAsync(Account account, IEnumerable<string> scopes, CancellationToken ct)
    {
        var identity = new ClaimsIdentity(Microsoft.IdentityModel.Tokens.TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, account.Id.ToString())
            .SetClaim(Claims.Name, account.FullName)
            .SetClaim(Claims.Email, account.Email)
            .SetClaim(Claims.EmailVerified, account.EmailConfirmed);
        var claims = TokenClaims.For(await AssignmentsAsync(account.Id, ct), Today);
        if (claims is not null)
        {
            identity.SetClaims(Claims.Role, [.. claims.Roles])
                .SetClaim(PlatformClaims.AdministrativeUnit, claims.AdminUnit)
                .SetClaim(PlatformClaims.HierarchyVersion, claims.HierarchyVersion);
            if (claims.OrganizationId is { } org)
            {
                identity.SetClaim(PlatformClaims.Organization, org.ToString());
            }
        }

        return Principal(identity, scopes);
    }

    /// <summary>
    /// A client's own principal: <c>sub</c> is the client id; an integration also carries the <c>integration</c> role and the
    /// unit and organization its registration names, so the services apply the same area rules as to a person.
    /// </summary>
    public static ClaimsPrincipal ForClient(string clientId, string displayName, IReadOnlyDictionary<string, JsonElement> properties, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(Microsoft.IdentityModel.Tokens.TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, clientId).SetClaim(Claims.Name, displayName);
        if (properties.TryGetValue(AdminUnitProperty, out var unit) && unit.ValueKind == JsonValueKind.String)
        {
            identity.SetClaim(Claims.Role, PlatformRoles.Integration).SetClaim(PlatformClaims.AdministrativeUnit, unit.GetString());
        }

        if (properties.TryGetValue(OrganizationProperty, out var org) && org.ValueKind == JsonValueKind.String)
        {
            identity.SetClaim(PlatformClaims.Organization, org.GetString());
        }

        return Principal(identity, scopes);
    }

    /// <summary>The granted scopes, the audiences they open (PlatformScopes.Audiences), and where each claim goes.</summary>
    private static ClaimsPrincipal Principal(ClaimsIdentity identity, IEnumerable<string> scopes)
    {
        var principal = new ClaimsPrincipal(identity);
        var granted = scopes.ToList();
        principal.SetScopes(granted);
        principal.SetResources(granted.Select(s => PlatformScopes.Audiences.GetValueOrDefault(s)).OfType<string>().Distinct());
        identity.SetDestinations(Destinations);
        return principal;
    }

    /// <summary>Everything the services read goes into the access token; the id token says who signed in.</summary>
    private static IEnumerable<string> Destinations(Claim claim) => claim.Type switch
    {
        Claims.Name or Claims.Email or Claims.EmailVerified or Claims.Role => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        "AspNet.Identity.SecurityStamp" => [],
        _ => [OpenIddictConstants.Destinations.AccessToken],
    };
}

/// <summary>Refuses the passwords <see cref="PasswordRule"/> refuses, with its Vietnamese message.</summary>
public sealed class CommonPasswordValidator : IPasswordValidator<Account>
{
    public Task<IdentityResult> ValidateAsync(UserManager<Account> manager, Account user, string? password)
    {
        var refusal = PasswordRule.Check(password ?? string.Empty, user.UserName, user.Email, user.FullName);
        return Task.FromResult(refusal is null
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = "weak_password", Description = refusal.Errors?.Values.SelectMany(v => v).FirstOrDefault() ?? refusal.Message }));
    }
}

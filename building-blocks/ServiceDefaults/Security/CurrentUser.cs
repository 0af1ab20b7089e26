using DoanKetSangTao.Domain;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace DoanKetSangTao.ServiceDefaults.Security;

/// <summary>Who is calling, what roles they hold and which part of the country and which organization they act for.</summary>
public sealed class CurrentUser
{
    private readonly ClaimsPrincipal principal;

    public CurrentUser(ClaimsPrincipal principal)
    {
        this.principal = principal;
        Scope = AdministrativeScope.TryParse(principal.FindFirstValue(PlatformClaims.AdministrativeUnit));
    }

    public string Id => principal.FindFirstValue(PlatformClaims.Subject)
        ?? throw new InvalidOperationException("An authenticated principal always carries 'sub'.");

    public string? Name => principal.FindFirstValue(PlatformClaims.Name);

    public string? Email => principal.FindFirstValue(PlatformClaims.Email);

    public string? OrganizationId => principal.FindFirstValue(PlatformClaims.Organization);

    /// <summary>Null when the token names no (or a malformed) administrative unit: such a person has no territorial reach.</summary>
    public AdministrativeScope? Scope { get; }

    public bool IsInRole(string role) => principal.IsInRole(role);

    /// <summary>True when the caller's scope covers a record filed under this province/commune.</summary>
    public bool CanAccess(string provinceCode, string? communeCode = null) => Scope?.Covers(provinceCode, communeCode) ?? false;

    /// <summary>
    /// For a list filtered to one province: whether the caller may see it at all, and the commune a commune
    /// officer is confined to (null for province and central officers, who see every commune).
    /// </summary>
    public bool TryGetAreaFilter(string provinceCode, out string? communeFilter)
    {
        communeFilter = Scope?.CommuneCode;
        return Scope is not null && Scope.Covers(provinceCode, Scope.CommuneCode);
    }

    public static CurrentUser From(HttpContext context) => new(context.User);
}

using DoanKetSangTao.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;

namespace DoanKetSangTao.ServiceDefaults.Security;

public static class AuthorizationExtensions
{
    /// <summary>The endpoint needs an authenticated caller holding at least one of <paramref name="roles"/>; scope is checked in the handler.</summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, params string[] roles)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(roles).Build());

    /// <summary>
    /// As <see cref="RequireRoles{TBuilder}"/>, or an integration client (role <c>integration</c>) whose token was granted
    /// <paramref name="clientScope"/> (e.g. <c>statistics.read</c>): the unit it acts for is checked in the handler as a person's.
    /// </summary>
    public static TBuilder RequireRolesOrClientScope<TBuilder>(this TBuilder builder, string clientScope, params string[] roles)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireAssertion(ctx =>
            roles.Any(ctx.User.IsInRole)
            || (ctx.User.IsInRole(PlatformRoles.Integration) && HasScope(ctx.User, clientScope))).Build());

    /// <summary>True when the token's <c>scope</c> claim (space-separated, or one claim per scope) names <paramref name="scope"/>.</summary>
    public static bool HasScope(System.Security.Claims.ClaimsPrincipal user, string scope) =>
        user.FindAll(PlatformClaims.Scope).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Contains(scope, StringComparer.Ordinal);
}

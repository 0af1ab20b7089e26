using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;

namespace DoanKetSangTao.ServiceDefaults.Security;

public static class AuthorizationExtensions
{
    /// <summary>The endpoint needs an authenticated caller holding at least one of <paramref name="roles"/>; scope is checked in the handler.</summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, params string[] roles)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(roles).Build());
}

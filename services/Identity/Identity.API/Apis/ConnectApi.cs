using System.Security.Claims;
using System.Text.Json;
using DoanKetSangTao.Identity.API.Infrastructure;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace DoanKetSangTao.Identity.API.Apis;

/// <summary>
/// The OpenID Connect endpoints whose decision is ours (OpenIddict validates the protocol before they run): who signs in
/// at the authorization endpoint, what a token says at the token endpoint, sign-out and userinfo. Discovery, JWKS,
/// revocation and introspection are OpenIddict's own.
/// </summary>
public static class ConnectApi
{
    public static IEndpointRouteBuilder MapConnectApi(this IEndpointRouteBuilder app)
    {
        // Anonymous at the framework level: OpenIddict has validated the request, and each handler decides who is signed in.
        app.MapMethods("/connect/authorize", ["GET", "POST"], AuthorizeAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/connect/token", TokenAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapMethods("/connect/logout", ["GET", "POST"], LogoutAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapMethods("/connect/userinfo", ["GET", "POST"], (Delegate)UserInfoAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>The consent page's answer when the person refuses: the client is told access_denied.</summary>
    public const string ConsentDeniedParameter = "dkst_consent";

    private static async Task<IResult> AuthorizeAsync(HttpContext http, UserManager<Account> users, PersonPrincipals principals,
        IOpenIddictApplicationManager applications, IOpenIddictAuthorizationManager authorizations, CancellationToken ct)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
        var cookie = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var returnUrl = http.Request.PathBase + http.Request.Path + QueryString.Create(
            http.Request.HasFormContentType ? http.Request.Form.ToList() : http.Request.Query.ToList());
        if (!cookie.Succeeded || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Forbid(Errors.LoginRequired, "Người dùng chưa đăng nhập.");
            }

            return Results.Redirect($"/account/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");
        }

        var account = await users.GetUserAsync(cookie.Principal!);
        if (account is null || await users.IsLockedOutAsync(account))
        {
            await http.SignOutAsync(IdentityConstants.ApplicationScheme);
            return Results.Redirect($"/account/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");
        }

        // Officers, council secretaries and operators get no token until they have a second factor.
        if (!account.TwoFactorEnabled && await principals.NeedsSecondFactorAsync(account, ct))
        {
            return Results.Redirect($"/account/two-factor/setup?returnUrl={Uri.EscapeDataString(returnUrl)}");
        }

        // A first-party client (the portal) is trusted; any other asks the person once (ConsentType "explicit").
        var application = await applications.FindByClientIdAsync(request.ClientId!, ct) ?? throw new InvalidOperationException("The client vanished after validation.");
        var applicationId = await applications.GetIdAsync(application, ct);
        object? consent = null;
        if (await applications.GetConsentTypeAsync(application, ct) == ConsentTypes.Explicit)
        {
            if (http.Request.Query[ConsentDeniedParameter] == "denied")
            {
                return Forbid(Errors.AccessDenied, "Người dùng không đồng ý cho ứng dụng truy cập.");
            }

            await foreach (var found in authorizations.FindAsync(account.Id.ToString(), applicationId, Statuses.Valid, AuthorizationTypes.Permanent, request.GetScopes(), ct))
            {
                consent = found;
                break;
            }

            if (consent is null)
            {
                return request.HasPromptValue(PromptValues.None)
                    ? Forbid(Errors.ConsentRequired, "Người dùng chưa đồng ý cho ứng dụng này.")
                    : Results.Redirect($"/account/consent?returnUrl={Uri.EscapeDataString(returnUrl)}");
            }
        }

        var principal = await principals.ForPersonAsync(account, request.GetScopes(), ct);
        if (consent is not null)
        {
            principal.SetAuthorizationId(await authorizations.GetIdAsync(consent, ct));
        }

        return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> TokenAsync(HttpContext http, UserManager<Account> users, PersonPrincipals principals,
        IOpenIddictApplicationManager applications, TimeProvider clock, CancellationToken ct)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
        if (request.IsClientCredentialsGrantType())
        {
            // OpenIddict has checked the secret and that the scopes are the client's own.
            var application = await applications.FindByClientIdAsync(request.ClientId!, ct)
                ?? throw new InvalidOperationException("The client vanished after validation.");
            var properties = await applications.GetPropertiesAsync(application, ct);
            if (properties.TryGetValue(PersonPrincipals.SecretExpiresAtProperty, out var expires) && expires.GetDateTimeOffset() <= clock.GetUtcNow())
            {
                return Forbid(Errors.InvalidClient, "Khóa bí mật của ứng dụng đã hết hạn; người vận hành cần cấp khóa mới.");
            }

            return Results.SignIn(PersonPrincipals.ForClient(request.ClientId!, await applications.GetDisplayNameAsync(application, ct) ?? request.ClientId!,
                properties, request.GetScopes()), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var stored = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var account = stored.Principal?.GetClaim(Claims.Subject) is { } id ? await users.FindByIdAsync(id) : null;
            if (account is null || await users.IsLockedOutAsync(account))
            {
                return Forbid(Errors.InvalidGrant, "Tài khoản không còn hiệu lực hoặc đang bị khóa.");
            }

            // Claims are computed again from today's assignments: an ended assignment stops at the next refresh.
            return Results.SignIn(await principals.ForPersonAsync(account, stored.Principal!.GetScopes(), ct),
                authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return Forbid(Errors.UnsupportedGrantType, "Kiểu cấp quyền này không được hỗ trợ.");
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, SignInManager<Account> signIn)
    {
        await signIn.SignOutAsync();
        // OpenIddict sends the browser back to the client's registered post-logout address (or to its own page).
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/account/signed-out" },
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static async Task<IResult> UserInfoAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (result.Principal is not { } principal)
        {
            return Results.Challenge(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { [Claims.Subject] = principal.GetClaim(Claims.Subject)! };
        foreach (var type in new[] { Claims.Name, Claims.Email, DoanKetSangTao.Domain.PlatformClaims.AdministrativeUnit, DoanKetSangTao.Domain.PlatformClaims.Organization })
        {
            if (principal.GetClaim(type) is { } value)
            {
                claims[type] = value;
            }
        }

        claims[Claims.Role] = principal.GetClaims(Claims.Role);
        return Results.Json(claims);
    }

    private static IResult Forbid(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}

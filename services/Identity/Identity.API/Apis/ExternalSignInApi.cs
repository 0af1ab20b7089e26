using DoanKetSangTao.Identity.API.Extensions;
using DoanKetSangTao.Identity.API.Infrastructure;
using DoanKetSangTao.Identity.API.Pages.Account;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Client.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace DoanKetSangTao.Identity.API.Apis;

/// <summary>
/// The callback of a sign-in through an external provider: OpenIddict's client has checked the state, exchanged the code
/// and validated the identity token before this runs; here the person becomes one of our accounts and gets our cookie.
/// </summary>
public static class ExternalSignInApi
{
    public static IEndpointRouteBuilder MapExternalSignInApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods(ExternalSignIn.CallbackPath("{provider}"), ["GET", "POST"], CallbackAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> CallbackAsync(string provider, HttpContext http, IdentityServerOptions options, ExternalSignIn external,
        SignInManager<Account> signIn, UserManager<Account> users, PersonPrincipals principals, ILoggerFactory loggers, CancellationToken ct)
    {
        var configured = options.ExternalProviders.FirstOrDefault(p => p.Name == provider);
        if (configured is null)
        {
            return Refuse("external_failed", SignInModel.SafeReturnUrl(null));
        }

        var result = await http.AuthenticateAsync(OpenIddictClientAspNetCoreDefaults.AuthenticationScheme);
        var returnUrl = SignInModel.SafeReturnUrl(result.Properties?.RedirectUri);
        if (!result.Succeeded || result.Principal is not { } principal
            || principal.GetClaim(Claims.Private.ProviderName) != configured.Name)
        {
            loggers.CreateLogger(typeof(ExternalSignInApi)).LogWarning(result.Failure, "External sign-in through {Provider} failed: {Error} {Description}", provider,
                result.Properties?.GetString(OpenIddictClientAspNetCoreConstants.Properties.Error), result.Properties?.GetString(OpenIddictClientAspNetCoreConstants.Properties.ErrorDescription));
            return Refuse("external_failed", returnUrl);
        }

        var outcome = await external.ResolveAsync(configured, principal, ct);
        if (outcome.Account is not { } account)
        {
            return Refuse(outcome.Refusal!, returnUrl);
        }

        if (await users.IsLockedOutAsync(account))
        {
            return Refuse("external_locked", returnUrl);
        }

        // The provider vouches for who the person is, not for our second factor: staff who have one still give it.
        if (account.TwoFactorEnabled)
        {
            var twoFactor = await signIn.ExternalLoginSignInAsync(configured.Name, principal.GetClaim(Claims.Subject)!, isPersistent: false, bypassTwoFactor: false);
            return twoFactor.RequiresTwoFactor
                ? Results.Redirect($"/account/signin/two-factor?returnUrl={Uri.EscapeDataString(returnUrl)}")
                : twoFactor.Succeeded ? Results.LocalRedirect(returnUrl) : Refuse("external_failed", returnUrl);
        }

        await signIn.SignInAsync(account, isPersistent: false, authenticationMethod: configured.Name);
        return await external.NeedsCommuneAsync(account, principals.Today, ct)
            ? Results.Redirect($"/account/external/commune?returnUrl={Uri.EscapeDataString(returnUrl)}")
            : Results.LocalRedirect(returnUrl);
    }

    private static IResult Refuse(string notice, string returnUrl) =>
        Results.Redirect($"/account/signin?notice={notice}&returnUrl={Uri.EscapeDataString(returnUrl)}");
}

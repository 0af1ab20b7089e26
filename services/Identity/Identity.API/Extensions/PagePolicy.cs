namespace DoanKetSangTao.Identity.API.Extensions;

/// <summary>
/// The Content-Security-Policy of the account pages. The platform's default (an API's: <c>default-src 'none'; form-action
/// 'none'</c>) let a browser neither load the pages' stylesheet nor submit their forms, so no one could sign in with a real
/// browser. Pages may load their own stylesheet and submit forms; form-action is left open because a sign-in's redirects
/// end at the client's redirect address (OpenIddict accepts only registered ones), which a browser checks against it.
/// </summary>
public static class PagePolicy
{
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>Set before the response starts; the platform's security headers keep a policy already set.</summary>
    public static IApplicationBuilder UseAccountPagePolicy(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Request.Path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        }

        return next(context);
    });
}

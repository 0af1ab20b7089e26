namespace DoanKetSangTao.Identity.API.Extensions;

/// <summary>
/// The provider's pages are the platform's only HTML: their own stylesheet may load, and forms may post. The platform's
/// default policy (ServiceDefaults' SecurityHeaders, "default-src 'none'; form-action 'none'") would block both; it stays
/// for every other answer. No form-action directive: browsers apply it to the redirects after a form post, and signing in
/// ends in a redirect to the client application's own address.
/// </summary>
public static class PageSecurityHeaders
{
    public const string ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    public static IApplicationBuilder UsePageSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Request.Path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase)
            || context.Request.Path.StartsWithSegments("/connect", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.OnStarting(static state =>
            {
                ((HttpContext)state).Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                return Task.CompletedTask;
            }, context);
        }

        return next(context);
    });
}

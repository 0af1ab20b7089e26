namespace DoanKetSangTao.Identity.API.Extensions;

/// <summary>
/// The provider answers as its public address (the issuer, the gateway's), not as the address a request reached it at.
/// OpenIddict writes its discovery document's endpoints (authorization, token, JWKS, …) from the request's scheme and host;
/// behind the gateway those are the identity service's own internal address, which browsers and integrations cannot reach.
/// Taking them from the configured issuer also keeps a forged Host header out of the document.
/// </summary>
public static class PublicAddress
{
    public static IApplicationBuilder UseIssuerAddress(this WebApplication app)
    {
        var issuer = new Uri(app.Services.GetRequiredService<IdentityServerOptions>().Issuer);
        var host = new HostString(issuer.Authority);
        return app.Use((context, next) =>
        {
            context.Request.Scheme = issuer.Scheme;
            context.Request.Host = host;

            return next(context);
        });
    }
}

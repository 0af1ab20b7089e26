using DoanKetSangTao.Domain;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using DoanKetSangTao.ServiceDefaults.Http;

namespace DoanKetSangTao.ServiceDefaults.Security;

public static class AuthenticationExtensions
{
    public const string DefaultAudience = "doanketsangtao-api";

    /// <summary>
    /// JWT bearer validation against the identity provider named by <c>Identity:Authority</c>
    /// (OIDC discovery gives issuer and signing keys), or an issuer and public key from configuration
    /// (<c>Identity:Issuer</c>, <c>Identity:SigningKeyPem</c>). Every endpoint needs an authenticated caller
    /// unless it opts out explicitly; roles and scope are checked per endpoint.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformAuthentication(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Identity");
        // The identity service validates the tokens it issues against its own key ring (it supplies issuer and keys to
        // this scheme itself), not over HTTP: the same validation and the same refusals as every other service.
        if (!IssuedHere(section) && !IssuerConfigured(section))
        {
            throw new InvalidOperationException(
                "Identity is not configured: set Identity:Authority (OIDC discovery) or Identity:Issuer with Identity:SigningKeyPem (the issuer's public key).");
        }

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            TrustIssuer(o, section);
            o.Audience = section["Audience"] ?? DefaultAudience;
            o.TokenValidationParameters.NameClaimType = PlatformClaims.Name;
            o.TokenValidationParameters.RoleClaimType = PlatformClaims.Role;
            o.Events = new JwtBearerEvents
            {
                OnChallenge = async ctx =>
                {
                    ctx.HandleResponse();
                    var (code, detail) = ctx.AuthenticateFailure is null
                        ? ("unauthenticated", Problems.DefaultFor(401).Detail)
                        : ("invalid_token", "Mã truy cập không hợp lệ hoặc đã hết hạn. Vui lòng đăng nhập lại.");
                    ctx.Response.Headers.WWWAuthenticate = "Bearer";
                    await Problems.WriteAsync(ctx.HttpContext, 401, code, detail);
                },
                OnForbidden = ctx => Problems.WriteAsync(ctx.HttpContext, 403, "forbidden", Problems.DefaultFor(403).Detail),
            };
        });

        return builder.AddPlatformAuthorization();
    }

    /// <summary>True in the identity service itself, which issues the tokens it validates.</summary>
    internal static bool IssuedHere(IConfigurationSection section) => section.GetValue("IssuedHere", false);

    /// <summary>Whether <c>Identity</c> names an issuer to trust: an authority, or an issuer with its public key.</summary>
    internal static bool IssuerConfigured(IConfigurationSection section) =>
        !string.IsNullOrWhiteSpace(section["Authority"])
        || (!string.IsNullOrWhiteSpace(section["Issuer"]) && !string.IsNullOrWhiteSpace(section["SigningKeyPem"]));

    /// <summary>
    /// Trusts the identity provider <c>Identity</c> names, for people's tokens on the HTTP APIs and for services' tokens on
    /// the gRPC methods alike (<see cref="ServiceIdentity"/>): one issuer, one set of keys.
    /// </summary>
    internal static void TrustIssuer(JwtBearerOptions o, IConfigurationSection section)
    {
        if (IssuedHere(section))
        {
            // Issuer and keys come from the identity service's own key ring (it post-configures them).
        }
        else if (section["Authority"] is { } authority && !string.IsNullOrWhiteSpace(authority))
        {
            o.Authority = authority;
        }
        else
        {
            // Where discovery is not reachable: the issuer and its public key come from configuration.
            var rsa = System.Security.Cryptography.RSA.Create();
            rsa.ImportFromPem(section["SigningKeyPem"]);
            o.TokenValidationParameters.ValidIssuer = section["Issuer"];
            o.TokenValidationParameters.IssuerSigningKey = new Microsoft.IdentityModel.Tokens.RsaSecurityKey(rsa);
        }

        // Plain HTTP metadata is accepted only where configuration says so (the local launcher on loopback).
        o.RequireHttpsMetadata = section.GetValue("RequireHttpsMetadata", true);
        o.MapInboundClaims = false;
        o.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(30);
    }

    /// <summary>Every endpoint needs an authenticated caller unless it opts out; <see cref="CurrentUser"/> per request.</summary>
    private static IHostApplicationBuilder AddPlatformAuthorization(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped(sp => CurrentUser.From(sp.GetRequiredService<IHttpContextAccessor>().HttpContext
            ?? throw new InvalidOperationException("CurrentUser is only available inside a request.")));
        return builder;
    }
}

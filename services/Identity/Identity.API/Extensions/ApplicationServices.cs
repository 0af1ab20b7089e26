using DoanKetSangTao.Identity.API.IntegrationEvents;
using DoanKetSangTao.Contracts;
using DoanKetSangTao.Data;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Identity.API.Infrastructure;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace DoanKetSangTao.Identity.API.Extensions;

public static class ApplicationServices
{
    public const string ServiceName = "identity";

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(IdentityServerOptions.Section).Get<IdentityServerOptions>() ?? new IdentityServerOptions();
        if (!Uri.TryCreate(options.Issuer, UriKind.Absolute, out var issuer))
        {
            throw new InvalidOperationException("IdentityServer:Issuer is not set: the public address of the provider (the gateway's), e.g. https://dkst.mattran.org.vn/.");
        }

        builder.Services.AddSingleton(options);
        builder.AddPlatformDatabase(typeof(ApplicationServices).Assembly, ServiceName);
        builder.AddPlatformMessaging(ServiceName, ContractsAssembly.Value);
        // EF Core over the platform's one data source for this database (docs/decisions/0010-identity.md).
        builder.Services.AddDbContext<IdentityDb>((sp, o) => o.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>()).UseSnakeCaseNamingConvention().UseOpenIddict<Guid>());
        builder.Services.AddDataProtection().SetApplicationName("doanketsangtao-identity").PersistKeysToDbContext<IdentityDb>();

        // Identity's core, sign-in manager and cookies, without its roles: a person's roles are assignments bound to a unit.
        builder.Services.AddAuthentication().AddIdentityCookies();
        builder.Services.AddIdentityCore<Account>(o =>
            {
                // NIST SP 800-63B: length and a list of common passwords (PasswordRule), no composition rules.
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Password.RequiredLength = Domain.PasswordRule.MinimumLength;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = options.MaxFailedAccessAttempts;
                o.Lockout.DefaultLockoutTimeSpan = options.LockoutDuration;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedEmail = options.RequireConfirmedEmail;
                o.ClaimsIdentity.UserIdClaimType = Claims.Subject;
                o.ClaimsIdentity.UserNameClaimType = Claims.Name;
            })
            .AddSignInManager()
            .AddEntityFrameworkStores<IdentityDb>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<VietnameseIdentityErrors>()
            .AddPasswordValidator<CommonPasswordValidator>();
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/signin";
            o.LogoutPath = "/account/signout";
            o.AccessDeniedPath = "/account/signin";
            o.Cookie.Name = "dkst.identity";
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = options.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
        });
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(5));

        builder.Services.AddSingleton<KeyRing>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<KeyRing>());
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<OpenIddict.Server.OpenIddictServerOptions>>(sp => sp.GetRequiredService<KeyRing>());
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IOptionsChangeTokenSource<OpenIddict.Server.OpenIddictServerOptions>>(sp => sp.GetRequiredService<KeyRing>());
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<OpenIddict.Client.OpenIddictClientOptions>>(sp => sp.GetRequiredService<KeyRing>());
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IOptionsChangeTokenSource<OpenIddict.Client.OpenIddictClientOptions>>(sp => sp.GetRequiredService<KeyRing>());
        builder.Services.AddHealthChecks().AddCheck<KeyRing>("provider-keys", tags: [DoanKetSangTao.ServiceDefaults.Health.HealthExtensions.ReadyTag]);

        var openIddict = builder.Services.AddOpenIddict();
        openIddict
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<IdentityDb>().ReplaceDefaultEntities<Guid>())
            .AddServer(o =>
            {
                o.SetIssuer(issuer);
                o.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/logout")
                    .SetUserInfoEndpointUris("connect/userinfo")
                    .SetRevocationEndpointUris("connect/revoke")
                    .SetIntrospectionEndpointUris("connect/introspect");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowClientCredentialsFlow()
                    .AllowRefreshTokenFlow();
                // Only S256: "plain" PKCE protects nothing against an intercepted request.
                o.Configure(s => { s.CodeChallengeMethods.Clear(); s.CodeChallengeMethods.Add(CodeChallengeMethods.Sha256); });
                o.RegisterScopes([Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Roles, Scopes.OfflineAccess, .. PlatformScopes.Audiences.Keys]);
                o.RegisterClaims([Claims.Subject, Claims.Name, Claims.Email, Claims.Role, PlatformClaims.AdministrativeUnit, PlatformClaims.Organization, PlatformClaims.HierarchyVersion]);
                o.SetAccessTokenLifetime(options.AccessTokenLifetime)
                    .SetRefreshTokenLifetime(options.RefreshTokenLifetime)
                    .SetAuthorizationCodeLifetime(TimeSpan.FromMinutes(5))
                    // Rotation with reuse detection: a refresh token works once; presenting it again revokes the whole chain.
                    .SetRefreshTokenReuseLeeway(TimeSpan.Zero);
                // The services validate plain signed JWTs against the JWKS, as they did with the development issuer.
                o.DisableAccessTokenEncryption();
                var aspnet = o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableStatusCodePagesIntegration();
                if (!options.RequireHttps)
                {
                    aspnet.DisableTransportSecurityRequirement();
                }
            });
        if (options.ExternalProviders.Count > 0)
        {
            // OpenIddict's client refuses to start without a redirection endpoint, so it exists only with providers to call.
            openIddict.AddClient(o => ConfigureExternalProviders(o, options, issuer));
        }

        // The provider's own APIs (accounts, integration clients) take the tokens it issues: the platform's JWT bearer
        // scheme, given the issuer and the key ring's published keys in-process (always the current ones, no HTTP).
        // The same for the gRPC methods' scheme (other services' client tokens).
        foreach (var scheme in new[] { JwtBearerDefaults.AuthenticationScheme, ServiceIdentity.Scheme })
        {
            builder.Services.AddOptions<JwtBearerOptions>(scheme).PostConfigure<KeyRing>((o, keys) =>
            {
                o.TokenValidationParameters.ValidIssuer = issuer.AbsoluteUri;
                o.TokenValidationParameters.IssuerSigningKeyResolver = (_, _, _, _) => keys.ValidationKeys;
            });
        }
        builder.Services.AddAuthentication(o =>
        {
            o.DefaultScheme = JwtBearerDefaults.AuthenticationScheme;
            o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
        });
        // Vietnamese written as itself in the pages, not as character references (Razor's encoder allows only Basic Latin by default).
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddRazorPages(o =>
        {
            o.Conventions.AllowAnonymousToFolder("/Account");
        });
        builder.Services.AddScoped<PersonPrincipals>();
        builder.Services.AddSingleton<AdministrativeUnits>();
        builder.Services.AddScoped<AccountAudit>();
        builder.Services.AddScoped<AccountMessages>();
        builder.Services.AddSingleton<IDatabaseSeeder, ConfiguredSeed>();
        builder.Services.AddScoped<ExternalSignIn>();
        builder.Services.AddScoped<AccountSearch>();
        builder.Services.AddScoped<OfficerDirectory>();
        return builder;
    }

    /// <summary>
    /// Identity as a client of the external providers (IdentityServer:ExternalProviders): code flow with PKCE, the callback
    /// at /account/external/callback/{name} on the public address. Only who the person is comes from there; roles never do.
    /// </summary>
    private static void ConfigureExternalProviders(OpenIddictClientBuilder client, IdentityServerOptions options, Uri issuer)
    {
        client.AllowAuthorizationCodeFlow();
        // The issuer of its state tokens: the public address, the same whichever host the gateway's request names.
        client.SetClientUri(issuer);
        // The callbacks are matched by path: behind the gateway the request's host is not the public one.
        client.SetRedirectionEndpointUris([.. options.ExternalProviders.Select(p => ExternalSignIn.CallbackPath(p.Name).TrimStart('/'))]);
        var aspnet = client.UseAspNetCore()
            .EnableRedirectionEndpointPassthrough()
            // Failures reach our callback too, which tells the person in Vietnamese instead of OpenIddict's page.
            .EnableErrorPassthrough()
            .DisableAutomaticAuthenticationSchemeForwarding();
        if (!options.RequireHttps)
        {
            aspnet.DisableTransportSecurityRequirement();
        }

        client.UseSystemNetHttp();
        foreach (var provider in options.ExternalProviders)
        {
            if (!Uri.TryCreate(provider.Authority, UriKind.Absolute, out var authority) || provider.Name is not { Length: > 0 } || provider.ClientId is not { Length: > 0 })
            {
                throw new InvalidOperationException($"IdentityServer:ExternalProviders: '{provider.Name}' needs a Name, an absolute Authority and a ClientId.");
            }

            var registration = new OpenIddict.Client.OpenIddictClientRegistration
            {
                Issuer = authority,
                ProviderName = provider.Name,
                ProviderDisplayName = provider.DisplayName,
                ClientId = provider.ClientId,
                ClientSecret = provider.ClientSecret,
                RedirectUri = new Uri(issuer, ExternalSignIn.CallbackPath(provider.Name).TrimStart('/')),
            };
            registration.Scopes.UnionWith([Scopes.OpenId, Scopes.Profile, Scopes.Email]);
            client.AddRegistration(registration);
        }
    }
}

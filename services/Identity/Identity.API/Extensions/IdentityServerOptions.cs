namespace DoanKetSangTao.Identity.API.Extensions;

/// <summary>The provider's settings (section <c>IdentityServer</c>).</summary>
public sealed class IdentityServerOptions
{
    public const string Section = "IdentityServer";

    /// <summary>The public address people and services reach the provider at (the gateway's), e.g. https://dkst.mattran.org.vn.</summary>
    public string Issuer { get; set; } = string.Empty;

    /// <summary>Refuses plain HTTP; off only on loopback (the launcher, the tests).</summary>
    public bool RequireHttps { get; set; } = true;

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How long a secret given to an integration client is valid before it must be rotated.</summary>
    public TimeSpan ClientSecretLifetime { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Failed sign-ins before an account is locked, and for how long.</summary>
    public int MaxFailedAccessAttempts { get; set; } = 5;

    /// <summary>
    /// A password sign-in needs a confirmed e-mail. Off only where that is not this service's check to make: a test instance
    /// standing for an external provider whose people have addresses it never verified.
    /// </summary>
    public bool RequireConfirmedEmail { get; set; } = true;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// A JSON file of clients and people to create when missing (the launcher's demo people, the services' clients);
    /// the chart mounts the services' clients from a Secret.
    /// </summary>
    public string? SeedFile { get; set; }

    /// <summary>External OpenID Connect providers offered on the sign-in page (the Front's SSO, VNeID through the national SSO).</summary>
    public List<ExternalProviderOptions> ExternalProviders { get; set; } = [];
}

public sealed class ExternalProviderOptions
{
    /// <summary>A short name used in the callback address, e.g. <c>sso-mattran</c>.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>What the sign-in page's button says, e.g. "Đăng nhập bằng VNeID".</summary>
    public string DisplayName { get; set; } = string.Empty;

    public string Authority { get; set; } = string.Empty;

    public string ClientId { get; set; } = string.Empty;

    public string? ClientSecret { get; set; }

    /// <summary>The claim that carries the national id number, when the provider sends one.</summary>
    public string? NationalIdClaim { get; set; }
}

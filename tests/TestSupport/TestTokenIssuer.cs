using DoanKetSangTao.Domain;
using System.Security.Claims;
using System.Security.Cryptography;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DoanKetSangTao.Tests.Support;

/// <summary>
/// A token issuer of the tests' own (an RSA key and an issuer name), so that any person (an officer of an
/// organization made in the test, say) can be signed in. A service trusts it through <see cref="Settings"/>
/// (<c>Identity:Issuer</c> and <c>Identity:SigningKeyPem</c>), as it would trust the platform's SSO.
/// </summary>
public sealed class TestTokenIssuer : IDisposable
{
    public const string Issuer = "https://sso.test.mattran.example.vn";

    private readonly RSA key = RSA.Create(2048);

    public string PublicKeyPem => key.ExportSubjectPublicKeyInfoPem();

    /// <summary>The configuration keys that make a service trust this issuer.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Identity:Issuer"] = Issuer,
        ["Identity:SigningKeyPem"] = PublicKeyPem,
        ["Identity:RequireHttpsMetadata"] = "false",
    };

    /// <summary>A signed access token for a person: id, name, role, administrative scope (VN, VN/01, VN/01/00004) and organization.</summary>
    public string Token(string id, string name, string role, string scope, Guid? organization = null)
    {
        var claims = new List<Claim>
        {
            new(PlatformClaims.Subject, id), new(PlatformClaims.Name, name), new(PlatformClaims.Role, role),
            new(PlatformClaims.AdministrativeUnit, scope), new(PlatformClaims.Email, $"{id}@example.vn"),
        };
        if (organization is { } org)
        {
            claims.Add(new Claim(PlatformClaims.Organization, org.ToString()));
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = AuthenticationExtensions.DefaultAudience,
            Subject = new ClaimsIdentity(claims),
            Expires = DateTime.UtcNow.AddHours(2),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key), SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>
    /// A platform service's client-credentials token as the identity service shapes it (<c>sub</c> = its client, the scopes,
    /// the audience they open), for tests of how a gRPC method answers it; tests of the tokens themselves ask the identity service.
    /// </summary>
    public string ServiceToken(string service, string audience, params string[] scopes) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim(PlatformClaims.Subject, PlatformScopes.ServiceClientId(service)), new Claim(PlatformClaims.Scope, string.Join(' ', scopes))]),
            Expires = DateTime.UtcNow.AddMinutes(30),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key), SecurityAlgorithms.RsaSha256),
        });

    public void Dispose() => key.Dispose();
}

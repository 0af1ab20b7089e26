using DoanKetSangTao.Domain;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using DoanKetSangTao.ServiceDefaults;
using DoanKetSangTao.ServiceDefaults.Grpc;
using DoanKetSangTao.ServiceDefaults.Security;
using DoanKetSangTao.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DoanKetSangTao.Tests.ServiceDefaultsIntegrationTests;

/// <summary>A service's token checks, on a real Kestrel host configured with an issuer and its public key.</summary>
public sealed class JwtValidationTests : IAsyncLifetime
{
    private const string Issuer = "https://sso.mattran.example.vn/realms/dkst";
    private readonly RSA issuerKey = RSA.Create(2048);
    private WebApplication app = null!;
    private string baseUrl = string.Empty;

    public async Task InitializeAsync()
    {
        var port = TestInfrastructure.FreeTcpPort();
        baseUrl = $"http://127.0.0.1:{port}";
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Identity:Issuer"] = Issuer,
            ["Identity:SigningKeyPem"] = issuerKey.ExportSubjectPublicKeyInfoPem(),
        });
        builder.AddServiceDefaults("jwt-test");
        app = builder.Build();
        app.UseServiceDefaults();
        app.MapGet("/whoami", (CurrentUser user) => user.Name);
        app.MapGet("/officers-only", () => "ok").RequireRoles(PlatformRoles.FrontOfficer);
        app.MapDefaultEndpoints();
        await app.StartAsync();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private string Token(RSA key, string audience = AuthenticationExtensions.DefaultAudience, TimeSpan? lifetime = null, string role = PlatformRoles.Author)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", "tacgia.an"), new Claim("name", "Nguyễn Văn An"), new Claim("role", role), new Claim("admin_unit", "VN/01")]),
            IssuedAt = now.AddHours(-2),
            NotBefore = now.AddHours(-2),
            Expires = now + (lifetime ?? TimeSpan.FromHours(1)),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key), SecurityAlgorithms.RsaSha256),
        });
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string? token)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await http.GetAsync(path);
    }

    [Fact]
    public async Task A_token_signed_by_the_configured_issuer_is_accepted_and_its_claims_reach_the_handler()
    {
        using var response = await GetAsync("/whoami", Token(issuerKey));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Nguyễn Văn An", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Forged_expired_or_misaddressed_tokens_are_refused_with_401()
    {
        using var otherKey = RSA.Create(2048);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/whoami", Token(otherKey))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/whoami", Token(issuerKey, audience: "another-api"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/whoami", Token(issuerKey, lifetime: TimeSpan.FromMinutes(-5)))).StatusCode);

        using var response = await GetAsync("/whoami", Token(otherKey));
        Assert.Contains("invalid_token", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_valid_token_without_the_role_is_refused_with_403()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync("/officers-only", Token(issuerKey))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/officers-only", Token(issuerKey, role: PlatformRoles.FrontOfficer))).StatusCode);
    }

    [Fact]
    public async Task A_service_token_is_not_a_persons_token_on_the_HTTP_API()
    {
        // The same issuer and key, but addressed to a service's gRPC methods (audience "registration").
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/whoami", Token(issuerKey, audience: "registration"))).StatusCode);
    }

    [Fact]
    public void Without_a_client_secret_a_host_serves_grpc_methods_and_its_http_api_but_cannot_call_grpc_methods()
    {
        var app = Host(new Dictionary<string, string?> { ["Identity:Issuer"] = Issuer, ["Identity:SigningKeyPem"] = issuerKey.ExportSubjectPublicKeyInfoPem() }).Build();

        app.MapPlatformGrpcService<NoMethods>(PlatformScopes.RegistrationLookups);
        app.MapPlatformGrpcHealth();
        var call = Assert.Throws<InvalidOperationException>(() => app.Services.GetRequiredService<ServiceTokens>());

        Assert.Contains("ServiceAuth:ClientSecret", call.Message, StringComparison.Ordinal);
        Assert.Contains("svc-jwt-test", call.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_that_names_no_identity_service_does_not_start()
    {
        // Neither people's tokens nor other services' could be checked: the host says what to set instead of starting open.
        var start = Assert.Throws<InvalidOperationException>(() => Host([]));

        Assert.Contains("Identity:Authority", start.Message, StringComparison.Ordinal);
    }

    private static WebApplicationBuilder Host(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults("jwt-test");
        return builder;
    }

    /// <summary>A look-up service whose methods are never called here: enough to map.</summary>
    public sealed class NoMethods : DoanKetSangTao.Contracts.Registration.V1.CampaignLookup.CampaignLookupBase;

    [Fact]
    public async Task Health_probes_answer_without_a_token_and_everything_else_needs_one()
    {
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/health/live", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/whoami", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/openapi/v1.json", null)).StatusCode);
    }
}

using DoanKetSangTao.Contracts.Registration.V1;
using DoanKetSangTao.ServiceDefaults.Grpc;
using DoanKetSangTao.ServiceDefaults.Grpc.Health.V1;
using DoanKetSangTao.ServiceDefaults.Security;
using DoanKetSangTao.Tests.GrpcInteropTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DoanKetSangTao.Tests.GrpcInteropTests;

/// <summary>gRPC methods as the services map them: only a platform service's token gets an answer.</summary>
public sealed class ServiceCallerTests : IAsyncLifetime
{
    private const string Key = "khoa-dich-vu-cua-nen-tang-dung-cho-kiem-thu-0001";
    private GrpcTestHost _host = null!;

    public async Task InitializeAsync() => _host = await GrpcTestHost.StartAsync(serviceKey: Key);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_service_with_the_platform_key_is_answered()
    {
        var tokens = new ServiceTokens("appraisal", ServiceIdentity.SigningKey(Key), TimeProvider.System);
        await using var services = Services(tokens);
        var client = services.GetRequiredService<InitiativeLookup.InitiativeLookupClient>();

        var reply = await client.GetInitiativeAsync(new GetInitiativeRequest { InitiativeId = "SK-001" });
        await client.GetInitiativeAsync(new GetInitiativeRequest { InitiativeId = "SK-002" });

        Assert.Equal("SK-001", reply.InitiativeId);
        Assert.Equal(2, _host.Probe.ServiceInstances.Count);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("other-key")]
    [InlineData("expired")]
    [InlineData("person")]
    [InlineData("svc-not-issuer")]
    public async Task Any_other_caller_is_refused_and_the_method_never_runs(string caller)
    {
        var now = DateTimeOffset.UtcNow;
        var token = caller switch
        {
            "none" => null,
            "other-key" => ServiceTokens.Issue("appraisal", ServiceIdentity.SigningKey("mot-khoa-khac-khong-phai-cua-nen-tang-0002"), now, TimeSpan.FromMinutes(5)),
            "expired" => ServiceTokens.Issue("appraisal", ServiceIdentity.SigningKey(Key), now.AddHours(-1), TimeSpan.FromMinutes(10)),
            // Signed with the key, but the service it names is not its issuer.
            "svc-not-issuer" => new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
            {
                Issuer = "appraisal", Audience = ServiceIdentity.Audience, Expires = now.AddMinutes(5).UtcDateTime,
                Claims = new Dictionary<string, object> { [ServiceIdentity.ServiceClaim] = "registration" },
                SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(ServiceIdentity.SigningKey(Key),
                    Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256),
            }),
            // A person's token is signed by the identity provider, never with the service key.
            _ => new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
            {
                Issuer = "https://sso.mattran.example.vn", Audience = AuthenticationExtensions.DefaultAudience, Expires = now.AddMinutes(5).UtcDateTime,
                SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(
                    new Microsoft.IdentityModel.Tokens.RsaSecurityKey(System.Security.Cryptography.RSA.Create(2048)),
                    Microsoft.IdentityModel.Tokens.SecurityAlgorithms.RsaSha256),
            }),
        };
        await using var services = Services(null);
        var client = services.GetRequiredService<InitiativeLookup.InitiativeLookupClient>();
        var headers = token is null ? null : new Metadata { { "authorization", $"Bearer {token}" } };

        var ex = await Assert.ThrowsAsync<RpcException>(() => client.GetInitiativeAsync(new GetInitiativeRequest { InitiativeId = "SK-001" }, headers));

        // A valid signature naming another service than its issuer authenticates but is not authorized.
        Assert.Equal(caller == "svc-not-issuer" ? StatusCode.PermissionDenied : StatusCode.Unauthenticated, ex.StatusCode);
        Assert.Empty(_host.Probe.ServiceInstances);
    }

    [Fact]
    public async Task Health_stays_open_to_probes()
    {
        using var channel = GrpcChannel.ForAddress(_host.GrpcAddress);
        var reply = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    private ServiceProvider Services(ServiceTokens? tokens)
    {
        var services = new ServiceCollection();
        if (tokens is not null)
        {
            services.AddSingleton(tokens);
        }

        services.AddGrpcClient<InitiativeLookup.InitiativeLookupClient>(o => o.Address = _host.GrpcAddress);
        return services.BuildServiceProvider();
    }
}

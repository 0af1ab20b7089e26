using DoanKetSangTao.Contracts.Registration.V1;
using DoanKetSangTao.ServiceDefaults.Grpc;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Health.V1;
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

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await client.GetInitiativeAsync(new GetInitiativeRequest { InitiativeId = "SK-001" }, headers));

        // A valid signature naming another service than its issuer authenticates but is not authorized.
        Assert.Equal(caller == "svc-not-issuer" ? StatusCode.PermissionDenied : StatusCode.Unauthenticated, ex.StatusCode);
        Assert.Empty(_host.Probe.ServiceInstances);
    }

    [Fact]
    public async Task A_refused_call_is_a_grpc_status_in_an_http_200_not_a_problem_details_401()
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        using var content = new ByteArrayContent([0, 0, 0, 0, 0]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_host.GrpcAddress, $"/{TestMethods.Service}/GetInitiative"))
        {
            Version = System.Net.HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        using var response = await http.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/grpc", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(((int)StatusCode.Unauthenticated).ToString(System.Globalization.CultureInfo.InvariantCulture),
            response.Headers.GetValues("grpc-status").Single());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Empty(_host.Probe.ServiceInstances);
    }

    [Fact]
    public async Task A_method_that_names_its_callers_refuses_another_platform_service_with_permission_denied()
    {
        await using var host = await GrpcTestHost.StartAsync(serviceKey: Key, callers: ["registration"]);
        var services = new ServiceCollection();
        services.AddSingleton(new ServiceTokens("appraisal", ServiceIdentity.SigningKey(Key), TimeProvider.System));
        services.AddPlatformGrpcClient<InitiativeLookup.InitiativeLookupClient>(host.GrpcAddress);
        await using (var provider = services.BuildServiceProvider())
        {
            var ex = await Assert.ThrowsAsync<RpcException>(async () => await provider.GetRequiredService<InitiativeLookup.InitiativeLookupClient>()
                .GetInitiativeAsync(new GetInitiativeRequest { InitiativeId = "SK-001" }));
            Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        }

        var registration = new ServiceCollection();
        registration.AddSingleton(new ServiceTokens("registration", ServiceIdentity.SigningKey(Key), TimeProvider.System));
        registration.AddPlatformGrpcClient<InitiativeLookup.InitiativeLookupClient>(host.GrpcAddress);
        await using var allowed = registration.BuildServiceProvider();
        var reply = await allowed.GetRequiredService<InitiativeLookup.InitiativeLookupClient>()
            .GetInitiativeAsync(new GetInitiativeRequest { InitiativeId = "SK-001" });
        Assert.Equal("SK-001", reply.InitiativeId);
        Assert.Single(host.Probe.ServiceInstances);
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

        services.AddPlatformGrpcClient<InitiativeLookup.InitiativeLookupClient>(_host.GrpcAddress);
        return services.BuildServiceProvider();
    }
}

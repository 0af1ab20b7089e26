using DoanKetSangTao.Contracts.Registration.V1;
using DoanKetSangTao.ServiceDefaults.Grpc;
using DoanKetSangTao.ServiceDefaults.Security;
using DoanKetSangTao.Tests.GrpcInteropTests.Infrastructure;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DoanKetSangTao.Tests.GrpcInteropTests;

/// <summary>
/// gRPC methods as registration maps its look-ups, against the real identity service: a call is answered only with a token
/// identity issued to a service's own client, addressed to registration and granted <c>registration.lookups</c>.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class ServiceCallerTests(IdentityService identity) : IAsyncLifetime
{
    private GrpcTestHost _host = null!;

    public async Task InitializeAsync() => _host = await GrpcTestHost.StartAsync(identity: identity.Settings);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Appraisal_calls_registrations_look_ups_with_its_own_client_token()
    {
        var services = identity.CallingAs("appraisal");
        services.AddPlatformGrpcClient<InitiativeLookup.InitiativeLookupClient>(_host.GrpcAddress, PlatformScopes.RegistrationLookups);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<InitiativeLookup.InitiativeLookupClient>();

        var reply = await client.GetInitiativeAsync(new GetInitiativeRequest { InitiativeId = "SK-001" });
        await client.GetInitiativeAsync(new GetInitiativeRequest { InitiativeId = "SK-002" });

        Assert.Equal("SK-001", reply.InitiativeId);
        Assert.Equal(2, _host.Probe.ServiceInstances.Count);
    }

    [Theory]
    [InlineData("registration", PlatformScopes.AppraisalCaseAccess)] // granted a scope, but appraisal's, not this one
    [InlineData("awards", null)]                                     // granted none
    public async Task A_service_whose_token_lacks_the_scope_is_permission_denied_and_the_method_never_runs(string service, string? scope)
    {
        await using var provider = identity.CallingAs(service).BuildServiceProvider();
        var token = await provider.GetRequiredService<ServiceTokens>().GetAsync(scope is null ? [] : [scope]);

        var ex = await CallAsync(token);

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.Equal("Dịch vụ gọi đến không được phép dùng phương thức này.", ex.Status.Detail);
        Assert.Empty(_host.Probe.ServiceInstances);
    }

    [Fact]
    public async Task A_service_not_granted_the_scope_cannot_even_get_a_token_for_it()
    {
        await using var provider = identity.CallingAs("reporting").BuildServiceProvider();

        var refused = await Assert.ThrowsAsync<HttpRequestException>(async () =>
            await provider.GetRequiredService<ServiceTokens>().GetAsync([PlatformScopes.RegistrationLookups]));

        // OpenIddict answers invalid_request ("not allowed to use the specified scope"): the client's permissions lack it.
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("svc-reporting no token for 'registration.lookups'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("scope", refused.Message[refused.Message.IndexOf("400", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_persons_token_from_the_same_issuer_is_permission_denied()
    {
        var token = await identity.System.IssueTokenAsync("tacgia.an");

        var ex = await CallAsync(token);

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.Empty(_host.Probe.ServiceInstances);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("other-issuer")]
    [InlineData("tampered")]
    public async Task No_or_an_invalid_token_is_unauthenticated_and_the_method_never_runs(string kind)
    {
        string? token = null;
        if (kind != "none")
        {
            await using var provider = identity.CallingAs("appraisal").BuildServiceProvider();
            var genuine = await provider.GetRequiredService<ServiceTokens>().GetAsync([PlatformScopes.RegistrationLookups]);
            using var otherIssuer = new Support.TestTokenIssuer();
            token = kind == "tampered"
                ? genuine[..^4] + (genuine.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA")
                : otherIssuer.ServiceToken("appraisal", GrpcTestHost.ServiceName, PlatformScopes.RegistrationLookups);
        }

        var ex = await CallAsync(token);

        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
        Assert.Equal("Cần mã thông báo hợp lệ của một dịch vụ trong nền tảng.", ex.Status.Detail);
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
    public async Task Health_stays_open_to_probes()
    {
        using var channel = GrpcChannel.ForAddress(_host.GrpcAddress);
        var reply = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    /// <summary>A call with <paramref name="token"/> (or none) as its own authorization entry, which the platform client keeps.</summary>
    private async Task<RpcException> CallAsync(string? token)
    {
        var services = new ServiceCollection();
        services.AddPlatformGrpcClient<InitiativeLookup.InitiativeLookupClient>(_host.GrpcAddress, PlatformScopes.RegistrationLookups);
        await using var provider = services.BuildServiceProvider();
        var headers = token is null ? null : new Metadata { { "authorization", $"Bearer {token}" } };
        return await Assert.ThrowsAsync<RpcException>(async () => await provider.GetRequiredService<InitiativeLookup.InitiativeLookupClient>()
            .GetInitiativeAsync(new GetInitiativeRequest { InitiativeId = "SK-001" }, headers));
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DoanKetSangTao.Contracts.Registration.V1;
using DoanKetSangTao.ServiceDefaults.Grpc;
using Grpc.Core;
using Grpc.Net.Client;
using DoanKetSangTao.ServiceDefaults.Security;
using DoanKetSangTao.Tests.GrpcInteropTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DoanKetSangTao.Tests.GrpcInteropTests;

/// <summary>Starts the python server script once for the class and stops it afterwards.</summary>
public sealed class PythonServerProcess : PythonGrpcFixture
{
    private ExternalProcess? _process;

    public int Port { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _process = ExternalProcess.Start(Python, [ScriptPath("server_interop.py"), "--gen", GeneratedDirectory]);
        var line = await _process.ReadLineAsync(TimeSpan.FromSeconds(30));
        Port = JsonDocument.Parse(line).RootElement.GetProperty("port").GetInt32();
        if (Port <= 0)
        {
            throw new InvalidOperationException($"server_interop.py did not bind a port: {line}\n{_process.Stderr}");
        }
    }

    public override async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}

/// <summary>Our client (registered with AddGrpcClient) calling Debian's grpcio (C-core) server.</summary>
public sealed class PythonServerTests(PythonServerProcess server) : IClassFixture<PythonServerProcess>, IDisposable
{
    private readonly ServiceProvider _services = CreateServices(server.Port);

    private Uri Address => new($"http://127.0.0.1:{server.Port}");

    private InitiativeLookup.InitiativeLookupClient Client => _services.GetRequiredService<InitiativeLookup.InitiativeLookupClient>();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task Unary_call_returns_the_reply_with_vietnamese_text_intact()
    {
        var reply = await Client.GetInitiativeAsync(new GetInitiativeRequest { InitiativeId = "SK-001" }, deadline: DateTime.UtcNow.AddSeconds(10));

        Assert.Equal("SK-001", reply.InitiativeId);
        Assert.Equal("Sáng kiến cải tiến quy trình tiếp nhận hồ sơ", reply.Title);
        Assert.Equal(["Nguyễn Thị Hồng Nhung", "Trần Văn Đức"], reply.Authors.Select(a => a.FullName));
        Assert.Equal(60, reply.Authors[0].ContributionPercent);
        Assert.Equal(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), reply.RegisteredAt.ToDateTime());
    }

    [Fact]
    public async Task Batch_call_returns_the_known_initiatives_only()
    {
        var reply = await Client.GetInitiativesAsync(new GetInitiativesRequest { InitiativeIds = { "SK-001", "nope", "SK-002" } });

        Assert.Equal(["SK-001", "SK-002"], reply.Initiatives.Select(i => i.InitiativeId));
    }

    [Fact]
    public async Task Not_found_has_the_exact_vietnamese_detail()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await
            Client.GetInitiativeAsync(new GetInitiativeRequest { InitiativeId = "SK-404" }));

        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
        Assert.Equal("Không tìm thấy sáng kiến SK-404", ex.Status.Detail);
    }

    [Fact]
    public async Task Client_deadline_ends_a_slow_call_with_deadline_exceeded()
    {
        var stopwatch = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await
            Client.GetInitiativeAsync(new GetInitiativeRequest { InitiativeId = "slow" }, deadline: DateTime.UtcNow.AddMilliseconds(400)));

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Deadline_is_sent_as_grpc_timeout_the_server_understands()
    {
        var reply = await Client.GetInitiativeAsync(new GetInitiativeRequest { InitiativeId = "time-remaining" }, deadline: DateTime.UtcNow.AddSeconds(30));

        // grpcio reports the time left from the grpc-timeout it parsed.
        var remaining = double.Parse(reply.Summary, CultureInfo.InvariantCulture);
        Assert.InRange(remaining, 20, 30);
    }

    [Fact]
    public async Task Cancelling_the_token_ends_the_call_with_cancelled()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await
            Client.GetInitiativeAsync(new GetInitiativeRequest { InitiativeId = "slow" }, cancellationToken: cts.Token));

        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
    }

    [Fact]
    public async Task Unavailable_has_its_code_and_detail()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await
            Client.GetInitiativeAsync(new GetInitiativeRequest { InitiativeId = "unavailable" }));

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Equal("Dịch vụ tạm thời không khả dụng", ex.Status.Detail);
    }

    [Fact]
    public async Task Permission_denied_carries_the_trailers_the_server_set()
    {
        var headers = new Metadata { { "x-request-id", "req-7" } };
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await
            Client.GetInitiativeAsync(new GetInitiativeRequest { InitiativeId = "denied" }, headers));

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.Equal("Không có quyền xem sáng kiến này", ex.Status.Detail);
        Assert.Equal("req-7", ex.Trailers.GetValue("echo-x-request-id"));
    }

    [Fact]
    public async Task Metadata_reaches_the_server_and_its_trailers_reach_the_caller()
    {
        using var channel = GrpcChannel.ForAddress(Address);
        var headers = new Metadata
        {
            { "x-request-id", "req-42" },
            { "x-blob-bin", new byte[] { 0, 1, 0xFE, 0xFF } },
        };

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(
            TestMethods.GetInitiative, null, new CallOptions(headers), new GetInitiativeRequest { InitiativeId = "echo" });
        var reply = await call;

        Assert.Equal("echo", reply.InitiativeId);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        var trailers = call.GetTrailers();
        Assert.Equal("req-42", trailers.GetValue("echo-x-request-id"));
        Assert.Equal([0, 1, 0xFE, 0xFF], trailers.GetValueBytes("echo-x-blob-bin"));
    }

    [Fact]
    public async Task Unknown_method_is_unimplemented()
    {
        using var channel = GrpcChannel.ForAddress(Address);
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await channel.CreateCallInvoker().AsyncUnaryCall(
            TestMethods.NoSuchMethod, null, default, new GetInitiativeRequest { InitiativeId = "SK-001" }));

        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
    }

    private static ServiceProvider CreateServices(int port)
    {
        var services = new ServiceCollection();
        services.AddGrpcClient<InitiativeLookup.InitiativeLookupClient>(o => o.Address = new Uri($"http://127.0.0.1:{port}"));
        return services.BuildServiceProvider();
    }
}

/// <summary>A platform client's token, got from the real identity service, as a grpcio server receives it.</summary>
[Collection(IdentityCollection.Name)]
public sealed class PythonServerTokenTests(PythonServerProcess server, IdentityService identity) : IClassFixture<PythonServerProcess>
{
    [Fact]
    public async Task A_platform_client_presents_its_client_credentials_token_to_a_grpcio_server()
    {
        var services = identity.CallingAs("appraisal");
        services.AddPlatformGrpcClient<InitiativeLookup.InitiativeLookupClient>(new Uri($"http://127.0.0.1:{server.Port}"), PlatformScopes.RegistrationLookups);
        await using var provider = services.BuildServiceProvider();

        var reply = await provider.GetRequiredService<InitiativeLookup.InitiativeLookupClient>()
            .GetInitiativeAsync(new GetInitiativeRequest { InitiativeId = "authorization" }, deadline: DateTime.UtcNow.AddSeconds(30));

        // What grpcio received is appraisal's token from identity: its client, the look-ups' scope, registration's audience.
        Assert.StartsWith("Bearer ", reply.Summary, StringComparison.Ordinal);
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(reply.Summary["Bearer ".Length..]);
        Assert.Equal(identity.System.Issuer, token.Issuer);
        Assert.Equal("svc-appraisal", token.Subject);
        Assert.Equal(["registration"], token.Audiences);
        Assert.Equal(PlatformScopes.RegistrationLookups, token.GetClaim("scope").Value);
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using DoanKetSangTao.Contracts.Registration.V1;
using DoanKetSangTao.ServiceDefaults.Grpc;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Health.V1;
using DoanKetSangTao.Tests.GrpcInteropTests.Infrastructure;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;

namespace DoanKetSangTao.Tests.GrpcInteropTests;

/// <summary>Our client against our server over real sockets, plus raw HTTP where the wire matters.</summary>
public sealed class LoopbackTests : IAsyncLifetime
{
    private GrpcTestHost _host = null!;
    private ServiceProvider _services = null!;

    private InitiativeLookup.InitiativeLookupClient Client => _services.GetRequiredService<InitiativeLookup.InitiativeLookupClient>();

    public async Task InitializeAsync()
    {
        _host = await GrpcTestHost.StartAsync(o => o.MaxReceiveMessageSize = 1024);
        var services = new ServiceCollection();
        services.AddGrpcClient<InitiativeLookup.InitiativeLookupClient>(o => o.Address = _host.GrpcAddress);
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Each_call_gets_its_own_service_instance_from_the_request_scope()
    {
        await Client.GetInitiativeAsync(new GetInitiativeRequest { InitiativeId = "SK-001" });
        await Client.GetInitiativeAsync(new GetInitiativeRequest { InitiativeId = "SK-002" });

        Assert.Equal(2, _host.Probe.ServiceInstances.Distinct().Count());
    }

    [Fact]
    public async Task Rest_port_does_not_expose_grpc()
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        using var request = RawGrpcRequest(_host.RestAddress, HttpVersion.Version11, GrpcFrame(new GetInitiativeRequest { InitiativeId = "SK-001" }));
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        // The REST port itself works: the 404 is the port rule, not a dead endpoint.
        Assert.Equal("pong", await http.GetStringAsync(new Uri(_host.RestAddress, "/rest/ping")));
    }

    [Fact]
    public async Task Grpc_port_does_not_serve_the_rest_api()
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        using var onGrpcPort = new HttpRequestMessage(HttpMethod.Get, new Uri(_host.GrpcAddress, "/rest/ping"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var response = await http.SendAsync(onGrpcPort);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual("pong", await response.Content.ReadAsStringAsync());

        // The same path answers on the REST port, and gRPC on the gRPC port.
        Assert.Equal("pong", await http.GetStringAsync(new Uri(_host.RestAddress, "/rest/ping")));
        Assert.Equal("SK-001", (await Client.GetInitiativeAsync(new GetInitiativeRequest { InitiativeId = "SK-001" })).InitiativeId);
    }

    [Fact]
    public async Task Wrong_content_type_is_415()
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        using var request = RawGrpcRequest(_host.GrpcAddress, HttpVersion.Version20, GrpcFrame(new GetInitiativeRequest { InitiativeId = "SK-001" }));
        request.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Http11_is_426_on_an_endpoint_that_allows_it()
    {
        await using var host = await GrpcTestHost.StartAsync(grpcEndpointName: "Internal", grpcProtocols: "Http1AndHttp2");
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        using var request = RawGrpcRequest(host.GrpcAddress, HttpVersion.Version11, GrpcFrame(new GetInitiativeRequest { InitiativeId = "SK-001" }));
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UpgradeRequired, response.StatusCode);
        Assert.Equal("13", response.Headers.GetValues("grpc-status").Single());
    }

    [Fact]
    public async Task Errors_before_a_message_are_trailers_only()
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        using var request = RawGrpcRequest(_host.GrpcAddress, HttpVersion.Version20, GrpcFrame(new GetInitiativeRequest { InitiativeId = "SK-404" }));
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/grpc", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("5", response.Headers.GetValues("grpc-status").Single());
        Assert.Equal("Kh%C3%B4ng t%C3%ACm th%E1%BA%A5y s%C3%A1ng ki%E1%BA%BFn SK-404", response.Headers.GetValues("grpc-message").Single());
        Assert.Empty(body);
        Assert.Empty(response.TrailingHeaders);
    }

    [Fact]
    public async Task Success_sends_the_message_then_status_trailers()
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        using var request = RawGrpcRequest(_host.GrpcAddress, HttpVersion.Version20, GrpcFrame(new GetInitiativeRequest { InitiativeId = "SK-001" }));
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.False(response.Headers.Contains("grpc-status"));
        Assert.Equal(0, body[0]);
        Assert.Equal(body.Length - 5, (body[1] << 24) | (body[2] << 16) | (body[3] << 8) | body[4]);
        Assert.Equal("SK-001", InitiativeReply.Parser.ParseFrom(body.AsSpan(5)).InitiativeId);
        Assert.Equal("0", response.TrailingHeaders.GetValues("grpc-status").Single());
    }

    [Fact]
    public async Task Server_answers_deadline_exceeded_at_the_deadline_even_if_the_method_ignores_it()
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        using var request = RawGrpcRequest(_host.GrpcAddress, HttpVersion.Version20, GrpcFrame(new GetInitiativeRequest { InitiativeId = "ignores-deadline" }));
        request.Headers.TryAddWithoutValidation("grpc-timeout", "300m");
        var stopwatch = Stopwatch.StartNew();
        using var response = await http.SendAsync(request);

        Assert.Equal("4", response.Headers.GetValues("grpc-status").Single());
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2.5), $"Answered after {stopwatch.Elapsed}, not at the 300 ms deadline.");
    }

    [Fact]
    public async Task Client_deadline_is_deadline_exceeded_and_cancels_the_server_method()
    {
        // Long enough for the server method to have started even on a loaded machine (six builds at once here); it waits 30 s.
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await Client.GetInitiativeAsync(
            new GetInitiativeRequest { InitiativeId = "slow" }, deadline: DateTime.UtcNow.AddMilliseconds(3000)));

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        await _host.Probe.SlowCallCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Compressed_message_without_its_encoding_is_refused()
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        var frame = GrpcFrame(new GetInitiativeRequest { InitiativeId = "SK-001" });
        frame[0] = 1;
        using var request = RawGrpcRequest(_host.GrpcAddress, HttpVersion.Version20, frame);
        using var response = await http.SendAsync(request);

        // The compressed flag without a grpc-encoding header breaks the protocol (grpc/grpc PROTOCOL-HTTP2.md).
        Assert.Equal(((int)StatusCode.Internal).ToString(System.Globalization.CultureInfo.InvariantCulture),
            response.Headers.GetValues("grpc-status").Single());
    }

    [Fact]
    public async Task Oversized_request_is_resource_exhausted()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await Client.GetInitiativeAsync(
            new GetInitiativeRequest { InitiativeId = new string('x', 2000) }));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task Oversized_response_is_resource_exhausted_on_the_client()
    {
        using var channel = GrpcChannel.ForAddress(_host.GrpcAddress, new GrpcChannelOptions { MaxReceiveMessageSize = 1000 });
        var client = new InitiativeLookup.InitiativeLookupClient(channel);
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await client.GetInitiativeAsync(new GetInitiativeRequest { InitiativeId = "big" }));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task Unknown_service_is_unimplemented()
    {
        using var channel = GrpcChannel.ForAddress(_host.GrpcAddress);
        var method = new Method<GetInitiativeRequest, InitiativeReply>(MethodType.Unary, "no.such.Service", "Get",
            TestMethods.GetInitiative.RequestMarshaller, TestMethods.GetInitiative.ResponseMarshaller);
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await channel.CreateCallInvoker().AsyncUnaryCall(method, null, default, new GetInitiativeRequest()));

        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
        Assert.Equal("Service is unimplemented.", ex.Status.Detail);
    }

    [Fact]
    public async Task Http_errors_without_grpc_status_are_mapped()
    {
        // An HTTP/2 REST port answers 404 to gRPC paths; the client turns that into UNIMPLEMENTED.
        await using var host = await GrpcTestHost.StartAsync(restProtocols: "Http2");
        using var channel = GrpcChannel.ForAddress(host.RestAddress);
        var client = new InitiativeLookup.InitiativeLookupClient(channel);
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await client.GetInitiativeAsync(new GetInitiativeRequest { InitiativeId = "SK-001" }));

        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
        Assert.Equal("Bad gRPC response. HTTP status code: 404", ex.Status.Detail);
    }

    [Fact]
    public async Task A_port_without_h2c_is_an_error_not_a_silent_http11_fallback()
    {
        // Http1AndHttp2 without TLS cannot do h2c: Kestrel sends GOAWAY HTTP_1_1_REQUIRED.
        using var channel = GrpcChannel.ForAddress(_host.RestAddress);
        var client = new InitiativeLookup.InitiativeLookupClient(channel);
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await client.GetInitiativeAsync(new GetInitiativeRequest { InitiativeId = "SK-001" }));

        Assert.Equal(StatusCode.Internal, ex.StatusCode);
        Assert.Contains("HTTP_1_1_REQUIRED", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_listening_is_unavailable()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var client = new InitiativeLookup.InitiativeLookupClient(channel);
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await client.GetInitiativeAsync(new GetInitiativeRequest { InitiativeId = "SK-001" }));

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
    }

    [Fact]
    public async Task Health_follows_the_ready_checks()
    {
        using var channel = GrpcChannel.ForAddress(_host.GrpcAddress);
        var health = new Health.HealthClient(channel);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);
        _host.Probe.Ready = false;
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, (await health.CheckAsync(new HealthCheckRequest())).Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing,
            (await health.CheckAsync(new HealthCheckRequest { Service = TestMethods.Service })).Status);
    }

    [Fact]
    public async Task Client_and_server_activities_share_one_trace()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is GrpcClientSource or "Microsoft.AspNetCore" or TestSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var testSource = new ActivitySource(TestSourceName);

        ActivityTraceId traceId;
        using (var root = testSource.StartActivity("test-root"))
        {
            Assert.NotNull(root);
            traceId = root.TraceId;
            await Client.GetInitiativeAsync(new GetInitiativeRequest { InitiativeId = "SK-001" });
        }

        var client = Assert.Single(stopped, a => a.TraceId == traceId && a.Source.Name == GrpcClientSource);
        Assert.Equal(ActivityKind.Client, client.Kind);
        Assert.Equal($"/{TestMethods.Service}/GetInitiative", client.GetTagItem("grpc.method"));
        Assert.Equal("0", client.GetTagItem("grpc.status_code"));

        // The server side continues the same trace (traceparent sent by HttpClient) and carries the rpc tags.
        Activity? server = null;
        for (var i = 0; i < 50 && server is null; i++)
        {
            server = stopped.FirstOrDefault(a => a.TraceId == traceId && a.Kind == ActivityKind.Server);
            if (server is null)
            {
                await Task.Delay(100);
            }
        }

        Assert.NotNull(server);
        Assert.Equal($"/{TestMethods.Service}/GetInitiative", server.GetTagItem("grpc.method"));
        Assert.Equal("0", server.GetTagItem("grpc.status_code"));
    }

    private const string TestSourceName = "DoanKetSangTao.Tests.Grpc";

    private const string GrpcClientSource = "Grpc.Net.Client";

    private static byte[] GrpcFrame(IMessage message)
    {
        var payload = message.ToByteArray();
        var frame = new byte[5 + payload.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    private static HttpRequestMessage RawGrpcRequest(Uri address, Version version, byte[] frame)
    {
        var content = new ByteArrayContent(frame);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, $"/{TestMethods.Service}/GetInitiative"))
        {
            Version = version,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        return request;
    }
}

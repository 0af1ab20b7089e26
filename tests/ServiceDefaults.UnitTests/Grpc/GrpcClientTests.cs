using System.Net;
using System.Net.Http.Headers;
using DoanKetSangTao.Contracts.Registration.V1;
using DoanKetSangTao.ServiceDefaults.Grpc;
using DoanKetSangTao.ServiceDefaults.Grpc.Internal;

namespace DoanKetSangTao.Tests.ServiceDefaultsUnitTests.Grpc;

/// <summary>The client against canned HTTP responses: what it sends and how it reads each kind of answer.</summary>
public sealed class GrpcClientTests
{
    private static readonly Method<GetInitiativeRequest, InitiativeReply> GetInitiative = new(
        MethodType.Unary, "doanketsangtao.registration.v1.InitiativeLookup", "GetInitiative",
        GetInitiativeRequest.Parser, InitiativeReply.Parser);

    [Fact]
    public async Task Request_is_an_exact_http2_post_with_grpc_headers_and_one_frame()
    {
        HttpRequestMessage? sent = null;
        byte[]? body = null;
        var handler = new StubHandler(async request =>
        {
            sent = request;
            body = await request.Content!.ReadAsByteArrayAsync();
            return Reply(new InitiativeReply { InitiativeId = "SK-001" });
        });
        var headers = new Metadata { { "x-request-id", "abc" }, { "x-blob-bin", new byte[] { 0xFF, 0 } } };

        var reply = await Call(handler, new GetInitiativeRequest { InitiativeId = "SK-001" }, new CallOptions(headers, DateTime.UtcNow.AddSeconds(5)));

        Assert.Equal("SK-001", reply.InitiativeId);
        Assert.NotNull(sent);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal(HttpVersion.Version20, sent.Version);
        Assert.Equal(HttpVersionPolicy.RequestVersionExact, sent.VersionPolicy);
        Assert.Equal("http://registration:5001/doanketsangtao.registration.v1.InitiativeLookup/GetInitiative", sent.RequestUri!.ToString());
        Assert.Equal("trailers", Assert.Single(sent.Headers.TE).Value);
        Assert.Equal("application/grpc", sent.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("abc", Assert.Single(sent.Headers.GetValues("x-request-id")));
        Assert.Equal("/wA", Assert.Single(sent.Headers.GetValues("x-blob-bin")));
        Assert.True(GrpcTimeout.TryParse(Assert.Single(sent.Headers.GetValues("grpc-timeout")), out var timeout));
        Assert.InRange(timeout, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5));
        Assert.Equal(GrpcFraming.EncodeMessage(new GetInitiativeRequest { InitiativeId = "SK-001" }, null), body);
    }

    [Fact]
    public async Task No_deadline_sends_no_grpc_timeout()
    {
        HttpRequestMessage? sent = null;
        await Call(new StubHandler(request =>
        {
            sent = request;
            return Task.FromResult(Reply(new InitiativeReply()));
        }), new GetInitiativeRequest(), default);

        Assert.False(sent!.Headers.Contains("grpc-timeout"));
    }

    [Fact]
    public async Task Trailers_only_status_is_read_from_the_headers()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Call(new StubHandler(_ =>
        {
            var response = GrpcResponse(HttpStatusCode.OK, []);
            response.Headers.Add("grpc-status", "5");
            response.Headers.Add("grpc-message", "Kh%C3%B4ng t%C3%ACm th%E1%BA%A5y s%C3%A1ng ki%E1%BA%BFn");
            response.Headers.Add("x-hint", "try-later");
            return Task.FromResult(response);
        }), new GetInitiativeRequest(), default));

        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
        Assert.Equal("Không tìm thấy sáng kiến", ex.Status.Detail);
        Assert.Equal("try-later", ex.Trailers.GetValue("x-hint"));
    }

    [Fact]
    public async Task Status_in_trailers_after_the_message_wins()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Call(new StubHandler(_ =>
        {
            var response = Reply(new InitiativeReply { InitiativeId = "SK-001" }, status: "7");
            response.TrailingHeaders.Add("grpc-message", "Kh%C3%B4ng c%C3%B3 quy%E1%BB%81n");
            return Task.FromResult(response);
        }), new GetInitiativeRequest(), default));

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.Equal("Không có quyền", ex.Status.Detail);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, StatusCode.Unavailable)]
    [InlineData(HttpStatusCode.Unauthorized, StatusCode.Unauthenticated)]
    [InlineData(HttpStatusCode.NotFound, StatusCode.Unimplemented)]
    [InlineData(HttpStatusCode.InternalServerError, StatusCode.Unknown)]
    public async Task Http_error_without_grpc_status_is_mapped(HttpStatusCode httpStatus, StatusCode expected)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Call(new StubHandler(_ =>
            Task.FromResult(new HttpResponseMessage(httpStatus) { Content = new StringContent("<html>proxy error</html>") })),
            new GetInitiativeRequest(), default));

        Assert.Equal(expected, ex.StatusCode);
        Assert.Equal($"Bad gRPC response. HTTP status code: {(int)httpStatus}", ex.Status.Detail);
    }

    [Fact]
    public async Task Grpc_status_is_used_even_on_an_http_error()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Call(new StubHandler(_ =>
        {
            var response = GrpcResponse(HttpStatusCode.UpgradeRequired, []);
            response.Headers.Add("grpc-status", "13");
            return Task.FromResult(response);
        }), new GetInitiativeRequest(), default));

        Assert.Equal(StatusCode.Internal, ex.StatusCode);
    }

    [Fact]
    public async Task Non_grpc_content_type_is_internal()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Call(new StubHandler(_ =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}", null, "application/json") })),
            new GetInitiativeRequest(), default));

        Assert.Equal(StatusCode.Internal, ex.StatusCode);
    }

    [Fact]
    public async Task Missing_grpc_status_is_internal()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Call(new StubHandler(_ =>
            Task.FromResult(GrpcResponse(HttpStatusCode.OK, GrpcFraming.EncodeMessage(new InitiativeReply(), null)))),
            new GetInitiativeRequest(), default));

        Assert.Equal(StatusCode.Internal, ex.StatusCode);
    }

    [Fact]
    public async Task Ok_without_a_message_is_internal()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Call(new StubHandler(_ =>
        {
            var response = GrpcResponse(HttpStatusCode.OK, []);
            response.TrailingHeaders.Add("grpc-status", "0");
            return Task.FromResult(response);
        }), new GetInitiativeRequest(), default));

        Assert.Equal(StatusCode.Internal, ex.StatusCode);
    }

    [Fact]
    public async Task Deadline_already_past_fails_without_sending()
    {
        var sent = false;
        var ex = await Assert.ThrowsAsync<RpcException>(() => Call(new StubHandler(_ =>
        {
            sent = true;
            return Task.FromResult(Reply(new InitiativeReply()));
        }), new GetInitiativeRequest(), new CallOptions(deadline: DateTime.UtcNow.AddSeconds(-1))));

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.False(sent);
    }

    [Fact]
    public async Task Deadline_while_waiting_is_deadline_exceeded()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Call(
            new StubHandler(_ => Task.FromResult(Reply(new InitiativeReply())), honourCancellation: true),
            new GetInitiativeRequest(), new CallOptions(deadline: DateTime.UtcNow.AddMilliseconds(100))));

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
    }

    [Fact]
    public async Task Cancelled_token_is_cancelled()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var ex = await Assert.ThrowsAsync<RpcException>(() => Call(
            new StubHandler(_ => Task.FromResult(Reply(new InitiativeReply())), honourCancellation: true),
            new GetInitiativeRequest(), new CallOptions(cancellationToken: cts.Token)));

        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
    }

    [Fact]
    public async Task Disposing_a_running_call_cancels_it()
    {
        using var channel = GrpcChannel.ForAddress("http://registration:5001", new GrpcChannelOptions
        {
            HttpHandler = new StubHandler(_ => Task.FromResult(Reply(new InitiativeReply())), honourCancellation: true),
        });
        var call = channel.CreateCallInvoker().AsyncUnaryCall(GetInitiative, null, default, new GetInitiativeRequest());
        call.Dispose();

        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        Assert.Equal(StatusCode.Cancelled, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Status_and_trailers_are_available_after_success()
    {
        using var channel = GrpcChannel.ForAddress("http://registration:5001", new GrpcChannelOptions
        {
            HttpHandler = new StubHandler(_ =>
            {
                var response = Reply(new InitiativeReply { InitiativeId = "SK-9" });
                response.TrailingHeaders.Add("x-served-by", "pod-1");
                response.TrailingHeaders.Add("x-cost-bin", "AQI");
                return Task.FromResult(response);
            }),
        });
        using var call = channel.CreateCallInvoker().AsyncUnaryCall(GetInitiative, null, default, new GetInitiativeRequest());

        Assert.Equal("SK-9", (await call).InitiativeId);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        Assert.Equal("pod-1", call.GetTrailers().GetValue("x-served-by"));
        Assert.Equal([1, 2], call.GetTrailers().GetValueBytes("x-cost-bin"));
        Assert.Null(call.GetTrailers().Get("grpc-status"));
    }

    private static async Task<InitiativeReply> Call(StubHandler handler, GetInitiativeRequest request, CallOptions options)
    {
        using var channel = GrpcChannel.ForAddress("http://registration:5001", new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
        return await channel.CreateCallInvoker().AsyncUnaryCall(GetInitiative, null, options, request);
    }

    private static HttpResponseMessage Reply(InitiativeReply reply, string status = "0")
    {
        var response = GrpcResponse(HttpStatusCode.OK, GrpcFraming.EncodeMessage(reply, null));
        response.TrailingHeaders.Add("grpc-status", status);
        return response;
    }

    private static HttpResponseMessage GrpcResponse(HttpStatusCode status, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        return new HttpResponseMessage(status) { Content = content, Version = HttpVersion.Version20 };
    }

    /// <summary>Answers with a canned response; with <c>honourCancellation</c> it first waits for the call's token.</summary>
    private sealed class StubHandler(Func<HttpRequestMessage, Task<HttpResponseMessage>> respond, bool honourCancellation = false) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (honourCancellation)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return await respond(request);
        }
    }
}

using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using DoanKetSangTao.ServiceDefaults.Grpc.Internal;
using Google.Protobuf;

namespace DoanKetSangTao.ServiceDefaults.Grpc.Client;

/// <summary>Makes unary gRPC calls over an <see cref="HttpClient"/> speaking HTTP/2 (h2c on http://).</summary>
internal sealed class HttpClientCallInvoker(HttpClient httpClient, Uri address, int maxReceiveMessageSize, int? maxSendMessageSize)
    : CallInvoker
{
    public HttpClient HttpClient { get; } = httpClient;

    public Uri Address { get; } = address;

    public int MaxReceiveMessageSize { get; } = maxReceiveMessageSize;

    public int? MaxSendMessageSize { get; } = maxSendMessageSize;

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(request);
        var call = new HttpUnaryCall<TRequest, TResponse>(this, method, host, options);
        return call.Start(request);
    }
}

/// <summary>One unary call: request, response message, status from trailers or Trailers-Only headers.</summary>
internal sealed class HttpUnaryCall<TRequest, TResponse>(
    HttpClientCallInvoker invoker, Method<TRequest, TResponse> method, string? host, CallOptions options)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private const string UserAgent = "grpc-dotnet-doanketsangtao/1.0";

    // CancellationTokenSource timers cannot be longer; a longer deadline never fires in practice.
    private static readonly TimeSpan MaxTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1);
    private static readonly Status DeadlineExceeded = new(StatusCode.DeadlineExceeded, "Deadline Exceeded");

    // Headers HTTP adds to every response; they are not the server's metadata.
    private static readonly HashSet<string> HttpResponseHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "date", "server", "content-length", "content-encoding", "vary", "via", "alt-svc", "trailer",
    };

    private readonly TaskCompletionSource<Metadata> _responseHeaders = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _disposeCts = new();
    private Status? _status;
    private Metadata? _trailers;

    public AsyncUnaryCall<TResponse> Start(TRequest request) =>
        new(RunAsync(request), _responseHeaders.Task, GetStatus, GetTrailers, Dispose);

    private Status GetStatus() =>
        _status ?? throw new InvalidOperationException("Unable to get the status because the call is not complete.");

    private Metadata GetTrailers() =>
        _trailers ?? throw new InvalidOperationException("Unable to get the trailers because the call is not complete.");

    // _disposeCts is never disposed: it has no timer, and the call's linked source unregisters from it.
    private void Dispose()
    {
        if (_status is null)
        {
            _disposeCts.Cancel();
        }
    }

    private async Task<TResponse> RunAsync(TRequest request)
    {
        using var activity = GrpcTelemetry.Source.StartActivity($"{method.ServiceName}/{method.Name}", ActivityKind.Client);
        if (activity is not null)
        {
            GrpcTelemetry.TagCall(activity, method);
        }

        var deadline = options.Deadline is { } d ? (d.Kind == DateTimeKind.Local ? d.ToUniversalTime() : d) : DateTime.MaxValue;
        using var deadlineCts = new CancellationTokenSource();
        using var callCts = CancellationTokenSource.CreateLinkedTokenSource(
            options.CancellationToken, deadlineCts.Token, _disposeCts.Token);
        try
        {
            TimeSpan? timeout = null;
            if (deadline != DateTime.MaxValue)
            {
                var remaining = deadline - DateTime.UtcNow;
                if (remaining <= TimeSpan.Zero)
                {
                    throw new RpcException(DeadlineExceeded);
                }

                timeout = remaining;
                if (remaining <= MaxTimer)
                {
                    deadlineCts.CancelAfter(remaining);
                }
            }

            callCts.Token.ThrowIfCancellationRequested();
            using var httpRequest = CreateRequest(request, timeout);
            using var httpResponse = await invoker.HttpClient
                .SendAsync(httpRequest, HttpCompletionOption.ResponseHeadersRead, callCts.Token)
                .ConfigureAwait(false);
            var reply = await ReadResponseAsync(httpResponse, callCts.Token).ConfigureAwait(false);
            _status = Status.DefaultSuccess;
            GrpcTelemetry.TagStatus(activity, StatusCode.OK, isServer: false);
            return reply;
        }
        catch (Exception ex)
        {
            var rpc = ToRpcException(ex, deadlineCts.IsCancellationRequested);
            _trailers ??= rpc.Trailers;
            _status = rpc.Status;
            if (_responseHeaders.TrySetException(rpc))
            {
                // Callers rarely await the headers of a failed call; do not report that as unobserved.
                _ = _responseHeaders.Task.Exception;
            }

            GrpcTelemetry.TagStatus(activity, rpc.StatusCode, isServer: false);
            throw rpc;
        }
    }

    private HttpRequestMessage CreateRequest(TRequest request, TimeSpan? timeout)
    {
        var frame = GrpcFraming.EncodeMessage(request, invoker.MaxSendMessageSize);
        var content = new ByteArrayContent(frame);
        content.Headers.ContentType = new MediaTypeHeaderValue(GrpcProtocol.ContentType);

        // Exact HTTP/2: on http:// this is h2c with prior knowledge, never a fallback to HTTP/1.1.
        var httpRequest = new HttpRequestMessage(HttpMethod.Post, new Uri(invoker.Address.AbsoluteUri.TrimEnd('/') + method.FullName))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        httpRequest.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        httpRequest.Headers.TryAddWithoutValidation("user-agent", UserAgent);
        if (host is not null)
        {
            httpRequest.Headers.Host = host;
        }

        if (timeout is { } t)
        {
            httpRequest.Headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(t));
        }

        if (options.Headers is { } metadata)
        {
            foreach (var entry in metadata)
            {
                if (!httpRequest.Headers.TryAddWithoutValidation(entry.Key, entry.WireValue))
                {
                    // A few names (content-language, ...) only fit on the content's headers.
                    content.Headers.TryAddWithoutValidation(entry.Key, entry.WireValue);
                }
            }
        }

        return httpRequest;
    }

    private async Task<TResponse> ReadResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var headers = ReadMetadata(response.Headers);
        var trailersOnlyStatus = ReadStatus(response.Headers);

        // The HTTP status is only mapped when there is no grpc-status (doc/http-grpc-status-mapping.md).
        if (response.StatusCode != HttpStatusCode.OK && trailersOnlyStatus is null)
        {
            throw new RpcException(new Status(GrpcProtocol.FromHttpStatus(response.StatusCode),
                $"Bad gRPC response. HTTP status code: {(int)response.StatusCode}"));
        }

        if (trailersOnlyStatus is { } headerStatus)
        {
            // Trailers-Only: the status and trailers came in the headers; there is no message.
            _responseHeaders.TrySetResult(headers);
            _trailers = headers;
            throw headerStatus.StatusCode == StatusCode.OK
                ? new RpcException(new Status(StatusCode.Internal, "Bad gRPC response: OK status without a response message."), headers)
                : new RpcException(headerStatus, headers);
        }

        var contentType = response.Content.Headers.ContentType?.MediaType;
        if (!GrpcProtocol.IsGrpcContentType(contentType))
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Bad gRPC response. Invalid content-type value: {contentType}"));
        }

        _responseHeaders.TrySetResult(headers);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var reader = PipeReader.Create(stream);
        TResponse? reply;
        try
        {
            reply = await GrpcFraming.ReadSingleMessageAsync(reader, method.ResponseParser, invoker.MaxReceiveMessageSize, cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }

        // The body has been read to its end, so HttpClient has the trailers.
        _trailers = ReadMetadata(response.TrailingHeaders);
        var status = ReadStatus(response.TrailingHeaders)
            ?? new Status(StatusCode.Internal, "Bad gRPC response: no grpc-status in the trailers.");
        if (status.StatusCode != StatusCode.OK)
        {
            throw new RpcException(status, _trailers);
        }

        return reply ?? throw new RpcException(
            new Status(StatusCode.Internal, "Bad gRPC response: OK status without a response message."), _trailers);
    }

    private static Status? ReadStatus(HttpHeaders headers)
    {
        var code = GrpcProtocol.ParseStatus(GetHeader(headers, GrpcProtocol.StatusHeader));
        if (code is null)
        {
            return null;
        }

        var message = GetHeader(headers, GrpcProtocol.MessageHeader);
        return new Status(code.Value, message is null ? "" : GrpcPercentEncoding.Decode(message));
    }

    private static string? GetHeader(HttpHeaders headers, string name) =>
        headers.NonValidated.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static Metadata ReadMetadata(HttpHeaders headers)
    {
        var metadata = new Metadata();
        foreach (var (key, values) in headers.NonValidated)
        {
            if (HttpResponseHeaders.Contains(key))
            {
                continue;
            }

            foreach (var value in values)
            {
                metadata.TryAddFromWire(key, value);
            }
        }

        return metadata;
    }

    private RpcException ToRpcException(Exception ex, bool deadlineReached)
    {
        if (ex is RpcException rpc)
        {
            return rpc;
        }

        // Checked first: when the deadline cancels the call, the read fails with whatever exception.
        if (deadlineReached)
        {
            return new RpcException(new Status(DeadlineExceeded.StatusCode, DeadlineExceeded.Detail, ex));
        }

        if (options.CancellationToken.IsCancellationRequested || _disposeCts.IsCancellationRequested)
        {
            return new RpcException(new Status(StatusCode.Cancelled, "Call canceled by the client.", ex));
        }

        if (ex is OperationCanceledException)
        {
            // HttpClient.Timeout elapsed (TimeoutException inside), or the call was disposed.
            return ex.InnerException is TimeoutException
                ? new RpcException(new Status(StatusCode.DeadlineExceeded, "HttpClient timeout elapsed.", ex))
                : new RpcException(new Status(StatusCode.Cancelled, "Call canceled by the client.", ex));
        }

        for (var inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is HttpProtocolException protocol)
            {
                return new RpcException(new Status(GrpcProtocol.FromHttp2ErrorCode(protocol.ErrorCode),
                    $"The server ended the HTTP/2 stream or connection with error code 0x{protocol.ErrorCode:X}.", ex));
            }
        }

        return ex switch
        {
            HttpRequestException => new RpcException(new Status(StatusCode.Unavailable, $"Error starting gRPC call. {ex.Message}", ex)),
            IOException => new RpcException(new Status(StatusCode.Unavailable, $"Error reading the gRPC response. {ex.Message}", ex)),
            _ => new RpcException(new Status(StatusCode.Internal, $"Error in gRPC call. {ex.GetType().Name}: {ex.Message}", ex)),
        };
    }
}

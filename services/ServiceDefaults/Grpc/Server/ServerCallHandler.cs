using System.Diagnostics;
using System.Globalization;
using DoanKetSangTao.ServiceDefaults.Grpc.Internal;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DoanKetSangTao.ServiceDefaults.Grpc.Server;

/// <summary>
/// Serves one unary method: checks the request is gRPC, runs the method under the caller's
/// deadline, and writes either the message and trailers or a Trailers-Only error.
/// </summary>
internal abstract partial class ServerCallHandler(IMethod method, GrpcServerSettings settings, ILogger logger)
{
    public IMethod Method { get; } = method;

    protected GrpcServerSettings Settings { get; } = settings;

    public async Task HandleCallAsync(HttpContext httpContext)
    {
        if (!GrpcServerProtocol.TryAcceptCall(httpContext, Settings))
        {
            return;
        }

        var activity = StartServerActivity(httpContext, out var ownedActivity);
        try
        {
            using var context = new HttpServerCallContext(httpContext, Method.FullName);
            var status = await RunAsync(context).ConfigureAwait(false);
            GrpcTelemetry.TagStatus(activity, status.StatusCode, isServer: true);
        }
        finally
        {
            ownedActivity?.Dispose();
        }
    }

    /// <summary>Reads the request, resolves the service and calls the method.</summary>
    protected abstract Task<IMessage> InvokeAsync(HttpServerCallContext context);

    private async Task<Status> RunAsync(HttpServerCallContext context)
    {
        var httpContext = context.HttpContext;
        try
        {
            if (context.DeadlineExpired)
            {
                throw new RpcException(DeadlineExceeded);
            }

            var handlerTask = InvokeAsync(context);
            if (context.HasDeadlineTimer
                && await Task.WhenAny(handlerTask, context.DeadlineReached).ConfigureAwait(false) != handlerTask)
            {
                // Answer at the deadline even if the method ignores its token. The method may be
                // writing ResponseTrailers right now, so none are sent. A caller that already
                // reset the stream needs no answer.
                if (!httpContext.RequestAborted.IsCancellationRequested)
                {
                    GrpcServerProtocol.WriteStatus(httpContext.Response, DeadlineExceeded, Metadata.Empty);
                    await httpContext.Response.CompleteAsync().ConfigureAwait(false);
                }

                // HttpContext must outlive the method, which may still be using it.
                await ObserveAsync(handlerTask).ConfigureAwait(false);
                return DeadlineExceeded;
            }

            var reply = await handlerTask.ConfigureAwait(false);
            if (context.Status.StatusCode != StatusCode.OK)
            {
                GrpcServerProtocol.WriteStatus(httpContext.Response, context.Status, context.ResponseTrailers);
                return context.Status;
            }

            var frame = GrpcFraming.EncodeMessage(reply, Settings.MaxSendMessageSize);
            var response = httpContext.Response;
            if (!response.HasStarted)
            {
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = GrpcProtocol.ContentType;
            }

            await response.BodyWriter.WriteAsync(frame, httpContext.RequestAborted).ConfigureAwait(false);
            GrpcServerProtocol.WriteStatus(response, Status.DefaultSuccess, context.ResponseTrailers);
            return Status.DefaultSuccess;
        }
        catch (Exception ex)
        {
            var status = ToStatus(ex, context);
            if (ex is RpcException rpc)
            {
                foreach (var entry in rpc.Trailers)
                {
                    context.ResponseTrailers.Add(entry);
                }
            }

            // A call the client reset has no one left to answer.
            if (!httpContext.RequestAborted.IsCancellationRequested)
            {
                GrpcServerProtocol.WriteStatus(httpContext.Response, status, context.ResponseTrailers);
            }

            return status;
        }
    }

    private static readonly Status DeadlineExceeded = new(StatusCode.DeadlineExceeded, "Deadline Exceeded");

    private Status ToStatus(Exception ex, HttpServerCallContext context)
    {
        if (ex is RpcException rpc)
        {
            return rpc.Status;
        }

        if (context.DeadlineExpired)
        {
            return DeadlineExceeded;
        }

        if (context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            return new Status(StatusCode.Cancelled, "Call canceled by the client.", ex);
        }

        LogHandlerError(logger, ex, Method.FullName);

        // Exception text can hold internals (SQL, paths); it goes to the log, not the caller.
        var detail = Settings.EnableDetailedErrors
            ? $"Exception was thrown by handler. {ex.GetType().Name}: {ex.Message}"
            : "Exception was thrown by handler.";
        return new Status(StatusCode.Unknown, detail, ex);
    }

    private static async Task ObserveAsync(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The call already ended with DEADLINE_EXCEEDED; whatever the method did next is moot.
        }
    }

    private Activity? StartServerActivity(HttpContext httpContext, out Activity? ownedActivity)
    {
        ownedActivity = null;
        var activity = Activity.Current;
        if (activity is null)
        {
            // No ASP.NET Core request activity: start a Server one continuing the caller's trace.
            var headers = httpContext.Request.Headers;
            ActivityContext.TryParse(headers["traceparent"], headers["tracestate"], isRemote: true, out var parent);
            ownedActivity = GrpcTelemetry.Source.StartActivity(
                $"{Method.ServiceName}/{Method.Name}", ActivityKind.Server, parent);
            activity = ownedActivity;
        }

        if (activity is not null)
        {
            // OpenTelemetry's RPC conventions name a server span "service/method", whoever started it.
            activity.DisplayName = $"{Method.ServiceName}/{Method.Name}";
            GrpcTelemetry.TagCall(activity, Method);
        }

        return activity;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "gRPC method {Method} threw an unhandled exception.")]
    private static partial void LogHandlerError(ILogger logger, Exception exception, string method);
}

/// <summary>Request checks and status writing shared by method handlers and the unimplemented fallback.</summary>
internal static class GrpcServerProtocol
{
    /// <summary>Answers (and returns false) a request that is not a gRPC call this server takes.</summary>
    public static bool TryAcceptCall(HttpContext httpContext, GrpcServerSettings settings)
    {
        var request = httpContext.Request;
        var response = httpContext.Response;

        // gRPC lives on its own port; on any other (the public REST port) it does not exist.
        if (settings.GrpcPort is { } grpcPort && httpContext.Connection.LocalPort != grpcPort)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return false;
        }

        if (!HttpProtocol.IsHttp2(request.Protocol))
        {
            response.StatusCode = StatusCodes.Status426UpgradeRequired;
            response.Headers.Upgrade = "h2c";
            response.ContentType = GrpcProtocol.ContentType;
            response.Headers[GrpcProtocol.StatusHeader] = ((int)StatusCode.Internal).ToString(CultureInfo.InvariantCulture);
            response.Headers[GrpcProtocol.MessageHeader] = GrpcPercentEncoding.Encode(
                $"Request protocol '{request.Protocol}' is not supported; gRPC needs HTTP/2.");
            return false;
        }

        if (!GrpcProtocol.IsSupportedContentType(request.ContentType))
        {
            // 415, not a gRPC status: other HTTP/2 clients must not read an error as success.
            response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return false;
        }

        return true;
    }

    /// <summary>
    /// Sends the status: as trailers after a message, or Trailers-Only (status in the one
    /// HEADERS frame, which Kestrel ends the stream with when no body is written).
    /// </summary>
    public static void WriteStatus(HttpResponse response, Status status, Metadata trailers)
    {
        var code = ((int)status.StatusCode).ToString(CultureInfo.InvariantCulture);
        var message = string.IsNullOrEmpty(status.Detail) ? null : GrpcPercentEncoding.Encode(status.Detail);
        if (!response.HasStarted)
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = GrpcProtocol.ContentType;
            response.Headers[GrpcProtocol.StatusHeader] = code;
            if (message is not null)
            {
                response.Headers[GrpcProtocol.MessageHeader] = message;
            }

            foreach (var entry in trailers)
            {
                response.Headers.Append(entry.Key, entry.WireValue);
            }

            return;
        }

        response.AppendTrailer(GrpcProtocol.StatusHeader, code);
        if (message is not null)
        {
            response.AppendTrailer(GrpcProtocol.MessageHeader, message);
        }

        foreach (var entry in trailers)
        {
            response.AppendTrailer(entry.Key, entry.WireValue);
        }
    }
}

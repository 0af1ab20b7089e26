using DoanKetSangTao.ServiceDefaults.Grpc.Internal;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DoanKetSangTao.ServiceDefaults.Grpc.Server;

/// <summary>
/// A unary method of <typeparamref name="TService"/>. The service comes from the request's DI
/// scope on every call (so it may depend on scoped services), or is created and disposed per
/// call when it is not registered, as grpc-dotnet does.
/// </summary>
internal sealed class UnaryServerCallHandler<TService, TRequest, TResponse>(
    Method<TRequest, TResponse> method,
    Func<TService, TRequest, ServerCallContext, Task<TResponse>> invoker,
    GrpcServerSettings settings,
    ILogger logger)
    : ServerCallHandler(method, settings, logger)
    where TService : class
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private static readonly ObjectFactory<TService> Factory = ActivatorUtilities.CreateFactory<TService>([]);

    protected override async Task<IMessage> InvokeAsync(HttpServerCallContext context)
    {
        var request = await GrpcFraming.ReadSingleMessageAsync(
                context.HttpContext.Request.BodyReader, method.RequestParser, Settings.MaxReceiveMessageSize, context.CancellationToken)
            .ConfigureAwait(false)
            ?? throw new RpcException(new Status(StatusCode.Internal, "The request did not contain a message."));

        var services = context.HttpContext.RequestServices;
        var service = services.GetService<TService>();
        var created = service is null;
        service ??= Factory(services, null);
        try
        {
            return await invoker(service, request, context).ConfigureAwait(false);
        }
        finally
        {
            if (created)
            {
                switch (service)
                {
                    case IAsyncDisposable asyncDisposable:
                        await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                        break;
                    case IDisposable disposable:
                        disposable.Dispose();
                        break;
                }
            }
        }
    }
}

/// <summary>Answers UNIMPLEMENTED for gRPC calls to a method or service this server does not have.</summary>
internal sealed class UnimplementedCallHandler(GrpcServerSettings settings, string detail)
{
    public Task HandleCallAsync(Microsoft.AspNetCore.Http.HttpContext httpContext)
    {
        if (GrpcServerProtocol.TryAcceptCall(httpContext, settings))
        {
            GrpcServerProtocol.WriteStatus(httpContext.Response, new Status(StatusCode.Unimplemented, detail), Metadata.Empty);
        }

        return Task.CompletedTask;
    }
}

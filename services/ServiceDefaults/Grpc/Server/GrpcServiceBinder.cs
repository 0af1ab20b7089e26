using System.Reflection;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace DoanKetSangTao.ServiceDefaults.Grpc.Server;

/// <summary>
/// Collects the methods a generated <c>BindService</c> reports and pairs each with the
/// matching method of <typeparamref name="TService"/>, called on a per-call instance.
/// </summary>
internal sealed class GrpcServiceBinder<TService>(GrpcServerSettings settings, ILogger logger) : ServiceBinderBase
    where TService : class
{
    public List<ServerCallHandler> Handlers { get; } = [];

    public static GrpcServiceBinder<TService> Bind(GrpcServerSettings settings, ILogger logger)
    {
        var serviceType = typeof(TService);
        var attribute = serviceType.GetCustomAttribute<BindServiceMethodAttribute>(inherit: true)
            ?? throw new InvalidOperationException(
                $"{serviceType} has no [BindServiceMethod]: derive it from a generated service base class.");

        var bindMethod = attribute.BindType
            .GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .SingleOrDefault(m => m.Name == attribute.BindMethodName
                && m.GetParameters() is [var binder, var impl]
                && binder.ParameterType == typeof(ServiceBinderBase)
                && impl.ParameterType.IsAssignableFrom(serviceType))
            ?? throw new InvalidOperationException(
                $"{attribute.BindType}.{attribute.BindMethodName}(ServiceBinderBase, ...) was not found for {serviceType}.");

        var serviceBinder = new GrpcServiceBinder<TService>(settings, logger);

        // No instance: each call resolves its own, so handlers are looked up on the type.
        bindMethod.Invoke(null, [serviceBinder, null]);
        return serviceBinder;
    }

    public override void AddMethod<TRequest, TResponse>(
        Method<TRequest, TResponse> method,
        UnaryServerMethod<TRequest, TResponse>? handler)
    {
        if (method.Type != MethodType.Unary)
        {
            throw new NotSupportedException($"{method.FullName} is {method.Type}; only unary methods are supported.");
        }

        var methodInfo = typeof(TService).GetMethod(
                method.Name, BindingFlags.Public | BindingFlags.Instance, [typeof(TRequest), typeof(ServerCallContext)])
            ?? throw new InvalidOperationException($"{typeof(TService)} has no method {method.Name}.");
        if (methodInfo.ReturnType != typeof(Task<TResponse>))
        {
            throw new InvalidOperationException($"{typeof(TService)}.{method.Name} must return Task<{typeof(TResponse).Name}>.");
        }

        // An open-instance delegate keeps virtual dispatch and avoids reflection per call.
        var invoker = methodInfo.CreateDelegate<Func<TService, TRequest, ServerCallContext, Task<TResponse>>>();
        Handlers.Add(new UnaryServerCallHandler<TService, TRequest, TResponse>(method, invoker, settings, logger));
    }
}

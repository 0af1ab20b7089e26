using Google.Protobuf;

namespace DoanKetSangTao.ServiceDefaults.Grpc;

/// <summary>A server-side unary handler, as generated services expose it.</summary>
public delegate Task<TResponse> UnaryServerMethod<TRequest, TResponse>(TRequest request, ServerCallContext context)
    where TRequest : class
    where TResponse : class;

/// <summary>Receives the methods of a service from its generated <c>BindService</c> method.</summary>
public abstract class ServiceBinderBase
{
    /// <param name="handler">The handler on a given instance, or null when binding by type (per-call instances).</param>
    public abstract void AddMethod<TRequest, TResponse>(
        Method<TRequest, TResponse> method,
        UnaryServerMethod<TRequest, TResponse>? handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>;
}

/// <summary>
/// Put on a generated service base class: names the static method that binds the service's
/// methods to a <see cref="ServiceBinderBase"/>, so the server can discover them.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
public sealed class BindServiceMethodAttribute(Type bindType, string bindMethodName) : Attribute
{
    public Type BindType { get; } = bindType;

    public string BindMethodName { get; } = bindMethodName;
}

namespace DoanKetSangTao.ServiceDefaults.Grpc;

/// <summary>A source of call invokers for one server address.</summary>
public abstract class ChannelBase(string target)
{
    public string Target { get; } = target;

    public abstract CallInvoker CreateCallInvoker();
}

/// <summary>Base of generated clients.</summary>
public abstract class ClientBase
{
    /// <summary>For mocking frameworks: every call fails.</summary>
    protected ClientBase() : this(new UnavailableCallInvoker())
    {
    }

    protected ClientBase(ChannelBase channel) : this(ArgumentNullThrow(channel).CreateCallInvoker())
    {
    }

    protected ClientBase(CallInvoker callInvoker)
    {
        ArgumentNullException.ThrowIfNull(callInvoker);
        CallInvoker = callInvoker;
    }

    protected CallInvoker CallInvoker { get; }

    private static ChannelBase ArgumentNullThrow(ChannelBase channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return channel;
    }

    private sealed class UnavailableCallInvoker : CallInvoker
    {
        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
            Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
            throw new NotSupportedException("This client was created without a channel or call invoker.");
    }
}

/// <summary>Base of generated clients, typed by the client for fluent members.</summary>
public abstract class ClientBase<T> : ClientBase
    where T : ClientBase<T>
{
    protected ClientBase()
    {
    }

    protected ClientBase(ChannelBase channel) : base(channel)
    {
    }

    protected ClientBase(CallInvoker callInvoker) : base(callInvoker)
    {
    }
}

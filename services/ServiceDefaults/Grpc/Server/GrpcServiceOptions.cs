namespace DoanKetSangTao.ServiceDefaults.Grpc;

/// <summary>Server options, set through <c>services.AddGrpc(o => ...)</c>.</summary>
public sealed class GrpcServiceOptions
{
    /// <summary>Largest request message accepted; larger ones end with RESOURCE_EXHAUSTED. Null: no limit.</summary>
    public int? MaxReceiveMessageSize { get; set; } = Internal.GrpcProtocol.DefaultMaxReceiveMessageSize;

    /// <summary>Largest response message sent; larger ones end with RESOURCE_EXHAUSTED. Null: no limit.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>
    /// Put the exception type and message of unexpected handler errors in grpc-message.
    /// Off by default: exception text must not leak to callers.
    /// </summary>
    public bool EnableDetailedErrors { get; set; }

    /// <summary>
    /// The authorization policy every mapped method requires: by default a platform service's token
    /// (<see cref="Security.ServiceIdentity"/>). Null leaves the methods anonymous, which only the gRPC transport
    /// tests do, on loopback.
    /// </summary>
    public string? CallerPolicy { get; set; } = Security.ServiceIdentity.Policy;
}

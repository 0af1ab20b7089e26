namespace DoanKetSangTao.ServiceDefaults.Grpc;

/// <summary>Per-call options of a client call.</summary>
public readonly struct CallOptions
{
    public CallOptions(Metadata? headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default)
    {
        Headers = headers;
        Deadline = deadline;
        CancellationToken = cancellationToken;
    }

    /// <summary>Metadata sent as request headers.</summary>
    public Metadata? Headers { get; }

    /// <summary>When the call must be over (UTC; local times are converted). Null: no deadline.</summary>
    public DateTime? Deadline { get; }

    public CancellationToken CancellationToken { get; }

    public CallOptions WithHeaders(Metadata? headers) => new(headers, Deadline, CancellationToken);

    public CallOptions WithDeadline(DateTime? deadline) => new(Headers, deadline, CancellationToken);

    public CallOptions WithCancellationToken(CancellationToken cancellationToken) => new(Headers, Deadline, cancellationToken);
}

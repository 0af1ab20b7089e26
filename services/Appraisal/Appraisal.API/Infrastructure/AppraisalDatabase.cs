using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using Npgsql;

namespace DoanKetSangTao.Appraisal.API.Infrastructure;

/// <summary>
/// Opens the sessions the endpoints work in: a read (one connection) or a change (one connection and one transaction,
/// in which the stores write, the audit trail records and the outbox announces). Endpoints hold a session, never a
/// connection: every statement stays in the stores.
/// </summary>
public sealed class AppraisalDatabase(NpgsqlDataSource dataSource, Outbox outbox)
{
    /// <summary>A session for reads.</summary>
    public async Task<AppraisalSession> OpenAsync(CancellationToken ct) =>
        new(await dataSource.OpenConnectionAsync(ct), null, outbox, owned: true);

    /// <summary>A session for a change: everything done in it commits or rolls back together.</summary>
    public async Task<AppraisalSession> BeginAsync(CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            return new(connection, await connection.BeginTransactionAsync(ct), outbox, owned: true);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}

/// <summary>One connection (and, for a change, its transaction) that the stores read and write through.</summary>
public sealed class AppraisalSession : IAsyncDisposable
{
    private readonly Outbox outbox;
    private readonly bool owned;
    private readonly NpgsqlTransaction? transaction;
    private bool completed;

    internal AppraisalSession(NpgsqlConnection connection, NpgsqlTransaction? transaction, Outbox outbox, bool owned)
    {
        Connection = connection;
        this.transaction = transaction;
        this.outbox = outbox;
        this.owned = owned;
    }

    internal NpgsqlConnection Connection { get; }

    /// <summary>Null for a read session, and once the change is committed or rolled back (reads go on on the connection).</summary>
    internal NpgsqlTransaction? Transaction => completed ? null : transaction;

    /// <summary>The transaction a write needs.</summary>
    internal NpgsqlTransaction Tx => Transaction ?? throw new InvalidOperationException("This write needs a session opened with BeginAsync.");

    /// <summary>The session of a consumer's inbox transaction (the consumer's base class commits it).</summary>
    public static AppraisalSession Within(NpgsqlTransaction transaction, Outbox outbox) =>
        new(transaction.Connection ?? throw new InvalidOperationException("The transaction has no open connection."), transaction, outbox, owned: false);

    /// <summary>Announces an event through the outbox, in this session's transaction.</summary>
    public Task PublishAsync(IIntegrationEvent @event, CancellationToken ct) => outbox.EnqueueAsync(@event, Tx, ct);

    public async Task CommitAsync(CancellationToken ct)
    {
        await Tx.CommitAsync(ct);
        completed = true;
    }

    public async Task RollbackAsync(CancellationToken ct)
    {
        await Tx.RollbackAsync(ct);
        completed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (!owned)
        {
            return;
        }

        if (transaction is not null)
        {
            await transaction.DisposeAsync();
        }

        await Connection.DisposeAsync();
    }
}

using Dapper;
using DoanKetSangTao.Contracts.IntegrationEvents;
using Npgsql;

namespace DoanKetSangTao.Messaging;

/// <summary>
/// A service's database as its stores use it: a read opens a session of one connection; a change opens a session of
/// one connection and one transaction, in which the stores write and the outbox announces, so that rows and the
/// events that tell of them commit or roll back together. Handlers and consumers hold a session, never a connection:
/// every statement stays in <c>Infrastructure/</c>.
/// </summary>
public sealed class ServiceDatabase(NpgsqlDataSource dataSource, Outbox outbox)
{
    /// <summary>A session for reads.</summary>
    public async Task<DatabaseSession> OpenAsync(CancellationToken ct) =>
        new(await dataSource.OpenConnectionAsync(ct), null, outbox, owned: true);

    /// <summary>A session for a change: everything done in it commits or rolls back together.</summary>
    public async Task<DatabaseSession> BeginAsync(CancellationToken ct)
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

    /// <summary>A session over a transaction opened elsewhere (its owner commits it); consumers get theirs from <see cref="IdempotentConsumer{TEvent}"/>.</summary>
    public DatabaseSession Join(NpgsqlTransaction transaction) =>
        new(transaction.Connection ?? throw new InvalidOperationException("The transaction has no open connection."), transaction, outbox, owned: false);

    /// <summary>A write of one statement that is a change of its own: runs it in a session of its own, commits, and answers the rows it touched.</summary>
    public async Task<int> ExecuteAsync(string sql, object? parameters, CancellationToken ct)
    {
        await using var session = await BeginAsync(ct);
        var rows = await session.Connection.ExecuteAsync(new CommandDefinition(sql, parameters, session.Tx, cancellationToken: ct));
        await session.CommitAsync(ct);
        return rows;
    }

    /// <summary>Runs a read in <paramref name="session"/> when there is one (it sees the session's writes and locks), else on a connection of its own.</summary>
    public async Task<T> ReadAsync<T>(DatabaseSession? session, Func<NpgsqlConnection, NpgsqlTransaction?, Task<T>> read, CancellationToken ct)
    {
        if (session is not null)
        {
            return await read(session.Connection, session.Transaction);
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await read(connection, null);
    }
}

/// <summary>One connection (and, for a change, its transaction) that the stores read and write through.</summary>
public sealed class DatabaseSession : IAsyncDisposable
{
    private readonly Outbox outbox;
    private readonly bool owned;
    private readonly NpgsqlTransaction? transaction;
    private bool completed;

    internal DatabaseSession(NpgsqlConnection connection, NpgsqlTransaction? transaction, Outbox outbox, bool owned)
    {
        Connection = connection;
        this.transaction = transaction;
        this.outbox = outbox;
        this.owned = owned;
    }

    /// <summary>For the stores only (an architecture test keeps Npgsql out of <c>Apis/</c> and <c>Domain/</c>).</summary>
    public NpgsqlConnection Connection { get; }

    /// <summary>Null for a read session, and once the change is committed or rolled back (reads go on on the connection).</summary>
    public NpgsqlTransaction? Transaction => completed ? null : transaction;

    /// <summary>The transaction a write needs.</summary>
    public NpgsqlTransaction Tx => Transaction ?? throw new InvalidOperationException("This write needs a session opened with BeginAsync.");

    /// <summary>Announces an event through the outbox, in this session's transaction: it leaves only if the change commits.</summary>
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

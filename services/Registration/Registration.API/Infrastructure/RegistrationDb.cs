using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using Npgsql;

namespace DoanKetSangTao.Registration.API.Infrastructure;

/// <summary>
/// Registration's database as the stores use it. A read opens and closes its own connection; changes that must land
/// together (rows, their history, the events that announce them) share one <see cref="RegistrationTransaction"/>,
/// which a handler begins and commits. Handlers never hold a connection, so no SQL reaches <c>Apis/</c>.
/// </summary>
public sealed class RegistrationDb(NpgsqlDataSource dataSource, Outbox outbox)
{
    public async Task<RegistrationTransaction> BeginAsync(CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            return new RegistrationTransaction(connection, await connection.BeginTransactionAsync(ct), outbox, ownsConnection: true);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The transaction a consumer's inbox opened, so that the event's effect commits with its inbox row.</summary>
    public RegistrationTransaction Join(NpgsqlTransaction transaction) =>
        new(transaction.Connection!, transaction, outbox, ownsConnection: false);

    /// <summary>Runs a read inside <paramref name="tx"/> when there is one (it sees the transaction's writes and locks), else on its own connection.</summary>
    internal async Task<T> ReadAsync<T>(RegistrationTransaction? tx, Func<NpgsqlConnection, NpgsqlTransaction?, Task<T>> read, CancellationToken ct)
    {
        if (tx is not null)
        {
            return await read(tx.Connection, tx.Transaction);
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await read(connection, null);
    }
}

/// <summary>One unit of work: what the stores write through it, and the events published through it, commit or roll back together.</summary>
public sealed class RegistrationTransaction : IAsyncDisposable
{
    private readonly Outbox outbox;
    private readonly bool ownsConnection;

    internal RegistrationTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction, Outbox outbox, bool ownsConnection)
    {
        Connection = connection;
        Transaction = transaction;
        this.outbox = outbox;
        this.ownsConnection = ownsConnection;
    }

    internal NpgsqlConnection Connection { get; }

    internal NpgsqlTransaction Transaction { get; }

    /// <summary>Publishes through the outbox, in this transaction: the event leaves only if the change is committed.</summary>
    public Task PublishAsync(IIntegrationEvent @event, CancellationToken ct) => outbox.EnqueueAsync(@event, Transaction, ct);

    public Task CommitAsync(CancellationToken ct) => Transaction.CommitAsync(ct);

    public Task RollbackAsync(CancellationToken ct) => Transaction.RollbackAsync(ct);

    public async ValueTask DisposeAsync()
    {
        if (ownsConnection)
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }
}

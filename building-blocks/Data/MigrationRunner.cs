using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DoanKetSangTao.Data;

/// <summary>
/// Applies migrations in order, each in its own transaction, under a Postgres advisory lock so that
/// many replicas starting together apply each script once. Applied scripts are recorded with a
/// checksum; a script edited after it ran stops the service instead of drifting silently.
/// </summary>
public sealed class MigrationRunner(NpgsqlDataSource dataSource, ILogger<MigrationRunner> logger)
{
    // Arbitrary constant shared by every service: each service has its own database, so no clash.
    private const long LockKey = 0x444B_5354_4D49_4752; // "DKSTMIGR"

    public async Task<int> ApplyAsync(IEnumerable<IReadOnlyList<MigrationScript>> modules, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@LockKey)", new { LockKey }, cancellationToken: cancellationToken));
        try
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    module     text        NOT NULL,
                    version    integer     NOT NULL,
                    name       text        NOT NULL,
                    checksum   text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (module, version))
                """, cancellationToken: cancellationToken));

            var applied = (await connection.QueryAsync<(string Module, int Version, string Checksum)>(
                    new CommandDefinition("SELECT module, version, checksum FROM schema_migrations", cancellationToken: cancellationToken)))
                .ToDictionary(r => (r.Module, r.Version), r => r.Checksum);

            var count = 0;
            foreach (var script in modules.SelectMany(m => m))
            {
                if (applied.TryGetValue((script.Module, script.Version), out var checksum))
                {
                    if (!string.Equals(checksum, script.Checksum, StringComparison.Ordinal))
                    {
                        throw new InvalidOperationException(
                            $"Migration {script.Module} {script.Version:D4}_{script.Name} was changed after it was applied. Add a new migration instead.");
                    }

                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await connection.ExecuteAsync(new CommandDefinition(script.Sql, transaction: transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO schema_migrations (module, version, name, checksum) VALUES (@Module, @Version, @Name, @Checksum)",
                    new { script.Module, script.Version, script.Name, script.Checksum }, transaction, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Applied migration {Module} {Version:D4}_{Name}", script.Module, script.Version, script.Name);
                count++;
            }

            return count;
        }
        finally
        {
            try
            {
                await connection.ExecuteAsync("SELECT pg_advisory_unlock(@LockKey)", new { LockKey });
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                // A broken connection releases the lock anyway; keep the original error visible.
                logger.LogWarning(ex, "Could not release the migration lock explicitly");
            }
        }
    }
}

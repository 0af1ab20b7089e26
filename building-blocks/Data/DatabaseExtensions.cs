using System.Reflection;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using DoanKetSangTao.ServiceDefaults.Health;

namespace DoanKetSangTao.Data;

/// <summary>Idempotent reference data a service loads after its migrations (e.g. administrative units).</summary>
public interface IDatabaseSeeder
{
    Task SeedAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken);
}

/// <summary>The schema modules a service applies: the building blocks' own (outbox, inbox) first, then the service's.</summary>
public sealed class DatabaseSchema(IReadOnlyList<IReadOnlyList<MigrationScript>> modules)
{
    public IReadOnlyList<IReadOnlyList<MigrationScript>> Modules { get; } = modules;

    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set once migrations and seeders have run; readiness and background workers wait for it.</summary>
    public bool IsReady
    {
        get => ready.Task.IsCompleted;
        internal set
        {
            if (value)
            {
                ready.TrySetResult();
            }
        }
    }

    /// <summary>Completes once the schema is ready (at once if it already is).</summary>
    public Task WhenReadyAsync(CancellationToken cancellationToken) => ready.Task.WaitAsync(cancellationToken);
}

public static class DatabaseExtensions
{
    public const string ConnectionName = "Database";

    /// <summary>
    /// One <see cref="NpgsqlDataSource"/> for the service's own database (Npgsql.DependencyInjection is
    /// not restorable here), the platform's and the service's migrations, and a readiness check.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformDatabase(this IHostApplicationBuilder builder, Assembly migrationsAssembly, string serviceName)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionName} is not configured.");

        DefaultTypeMap.MatchNamesWithUnderscores = true;
        builder.Services.AddSingleton(sp =>
        {
            var dsb = new NpgsqlDataSourceBuilder(connectionString);
            dsb.ConnectionStringBuilder.ApplicationName ??= serviceName;
            dsb.UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>());
            return dsb.Build();
        });

        builder.Services.AddSingleton(new DatabaseSchema(
        [
            MigrationCatalog.Load(typeof(DatabaseExtensions).Assembly, "platform"),
            MigrationCatalog.Load(migrationsAssembly, serviceName),
        ]));
        builder.Services.AddSingleton<MigrationRunner>();
        if (builder.Configuration.GetValue("Database:MigrateOnStartup", true))
        {
            builder.Services.AddHostedService<MigrationHostedService>();
        }
        else
        {
            builder.Services.AddSingleton<IHostedService>(sp =>
            {
                sp.GetRequiredService<DatabaseSchema>().IsReady = true;
                return new NoopHostedService();
            });
        }

        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [HealthExtensions.ReadyTag]);
        return builder;
    }

    /// <summary>Applies migrations and seeders now (the <c>migrate</c> operator command and start-up share this).</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var schema = services.GetRequiredService<DatabaseSchema>();
        await services.GetRequiredService<MigrationRunner>().ApplyAsync(schema.Modules, cancellationToken);
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        foreach (var seeder in services.GetServices<IDatabaseSeeder>())
        {
            await seeder.SeedAsync(dataSource, cancellationToken);
        }

        schema.IsReady = true;
    }

    private sealed class MigrationHostedService(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => MigrateAsync(services, cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class NoopHostedService : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource, DatabaseSchema schema) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (!schema.IsReady)
            {
                return HealthCheckResult.Unhealthy("migrations have not finished");
            }

            try
            {
                await using var command = dataSource.CreateCommand("SELECT 1");
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("database unreachable", ex);
            }
        }
    }
}

using Dapper;
using DoanKetSangTao.Data;
using DoanKetSangTao.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace DoanKetSangTao.Tests.ServiceDefaultsIntegrationTests;

public sealed class MigrationRunnerTests : IAsyncLifetime
{
    private PostgresDatabase database = null!;

    public async Task InitializeAsync() => database = await PostgresDatabase.CreateAsync("migrate");

    public Task DisposeAsync() => database.DisposeAsync().AsTask();

    private static IReadOnlyList<MigrationScript>[] Modules(string extra = "") =>
    [
        MigrationCatalog.Order(
        [
            new MigrationScript("svc", 1, "create", "CREATE TABLE things (id int PRIMARY KEY, name text NOT NULL);"),
            new MigrationScript("svc", 2, "seed", $"INSERT INTO things VALUES (1, 'Sáng kiến'){extra};"),
        ]),
    ];

    [Fact]
    public async Task Replicas_starting_together_apply_each_script_exactly_once()
    {
        await using var db = database.CreateDataSource();
        var runners = Enumerable.Range(0, 4).Select(_ => new MigrationRunner(db, NullLogger<MigrationRunner>.Instance).ApplyAsync(Modules(), CancellationToken.None));
        var applied = await Task.WhenAll(runners);

        Assert.Equal(2, applied.Sum());
        await using var c = await db.OpenConnectionAsync();
        Assert.Equal(1, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM things"));
        Assert.Equal(new[] { 1, 2 }, (await c.QueryAsync<int>("SELECT version FROM schema_migrations WHERE module = 'svc' ORDER BY version")).ToArray());
    }

    [Fact]
    public async Task A_script_edited_after_it_ran_stops_the_service()
    {
        await using var db = database.CreateDataSource();
        var runner = new MigrationRunner(db, NullLogger<MigrationRunner>.Instance);
        await runner.ApplyAsync(Modules(), CancellationToken.None);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.ApplyAsync(Modules(", (2, 'Ý tưởng')"), CancellationToken.None));
        Assert.Contains("changed after it was applied", ex.Message);
    }

    [Fact]
    public async Task A_failing_script_leaves_no_half_applied_change()
    {
        await using var db = database.CreateDataSource();
        var broken = new[]
        {
            MigrationCatalog.Order([
                new MigrationScript("svc", 1, "create", "CREATE TABLE things (id int PRIMARY KEY);"),
                new MigrationScript("svc", 2, "broken", "CREATE TABLE more (id int); SELECT no_such_function();"),
            ]),
        };
        await Assert.ThrowsAnyAsync<Npgsql.PostgresException>(() => new MigrationRunner(db, NullLogger<MigrationRunner>.Instance).ApplyAsync(broken, CancellationToken.None));

        await using var c = await db.OpenConnectionAsync();
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM pg_tables WHERE tablename = 'more'"));
        Assert.Equal(1, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM schema_migrations WHERE module = 'svc'"));
    }
}

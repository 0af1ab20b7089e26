using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using DoanKetSangTao.Tests.Support;
using Npgsql;

namespace DoanKetSangTao.Tests.Functional;

/// <summary>
/// What every service owes on its own, checked for each: it is ready once its migrations ran, it serves the OpenAPI
/// document integrators were given, and it refuses an anonymous caller with Problem Details.
/// </summary>
public abstract class ServiceTests<TProgram>(ServiceHost<TProgram> host) : IClassFixture<ServiceHost<TProgram>>
    where TProgram : class
{
    /// <summary>Set to 1 to rewrite the committed snapshots from the running services (after an intended API change).</summary>
    public const string UpdateSnapshots = "DKST_UPDATE_OPENAPI_SNAPSHOTS";

    protected ServiceHost<TProgram> Host => host;

    /// <summary>The service's name: its snapshot file and its migrations' module.</summary>
    protected abstract string Name { get; }

    /// <summary>A route that needs a signed-in caller.</summary>
    protected abstract string ProtectedPath { get; }

    /// <summary>A client signed in with a token the service trusts (the tests' issuer's, unless the service issues its own).</summary>
    protected virtual Task<HttpClient> SignedInClientAsync() => Task.FromResult(host.Client(People.HanoiOfficer));

    [Fact]
    public async Task Is_ready_once_every_migration_of_the_service_is_applied()
    {
        using var http = host.Client();
        using var response = await http.GetAsync("/health/ready");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", body["status"]!.GetValue<string>());
        Assert.Equal("Healthy", body["checks"]!["database"]!.GetValue<string>());
        var scripts = typeof(TProgram).Assembly.GetManifestResourceNames().Count(n => n.EndsWith(".sql", StringComparison.Ordinal));
        await using var connection = new NpgsqlConnection(host.Database.ConnectionString);
        await connection.OpenAsync();
        await using var applied = new NpgsqlCommand("SELECT count(*) FROM schema_migrations WHERE module = @module", connection);
        applied.Parameters.AddWithValue("module", Name);
        Assert.True(scripts > 0, $"{Name} embeds no migration scripts.");
        Assert.Equal(scripts, (long)(await applied.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Serves_the_committed_openapi_document()
    {
        // Integrators read the documents signed in; the platform asks for a token on every route but health.
        using var http = await SignedInClientAsync();
        var document = JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!.AsObject();
        // The server's address is the test host's, not part of the contract.
        document.Remove("servers");
        var served = document.ToJsonString(SnapshotJson) + "\n";
        var path = Path.Combine(TestInfrastructure.RepositoryRoot(AppContext.BaseDirectory), "tests", "Functional.Tests", "OpenApi", Name + ".json");

        if (Environment.GetEnvironmentVariable(UpdateSnapshots) == "1")
        {
            // A rewritten snapshot proves nothing about this run: review its diff, then run again without the variable.
            await File.WriteAllTextAsync(path, served);
            Assert.Fail($"Rewrote {path}; review the change and run again without {UpdateSnapshots}.");
        }

        Assert.True(File.Exists(path), $"No snapshot {path}; run once with {UpdateSnapshots}=1 to write it.");
        var committed = await File.ReadAllTextAsync(path);
        Assert.True(committed == served,
            $"{Name}'s OpenAPI document differs from {path}. If the change is intended, rerun with {UpdateSnapshots}=1 and review the diff. " +
            $"First difference at character {FirstDifference(committed, served)}.");
    }

    [Fact]
    public async Task An_anonymous_caller_gets_a_401_problem()
    {
        using var http = host.Client();
        using var response = await http.GetAsync(ProtectedPath);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, problem["status"]!.GetValue<int>());
        Assert.Equal("unauthenticated", problem["code"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()));
    }

    private static readonly JsonSerializerOptions SnapshotJson = new()
    {
        WriteIndented = true,
        // Vietnamese summaries stay readable in the snapshot's diff.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static int FirstDifference(string a, string b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        return i;
    }
}

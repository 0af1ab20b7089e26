using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using DoanKetSangTao.Launcher;
using DoanKetSangTao.Tests.Support;
using MassTransit;
using Npgsql;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace DoanKetSangTao.Tests.PlatformApiTests;

/// <summary>A person a test signs in: a user name of the test's, a name, one role at one unit (<c>VN</c>, <c>VN/01</c>, <c>VN/01/00004</c>) and an organization.</summary>
public sealed record Person(string Id, string Name, string Role, string Scope, Guid? Organization = null);

/// <summary>
/// The whole platform as real processes on the real PostgreSQL and RabbitMQ servers. Any person a test needs (an officer
/// of an organization created in the test, say) gets an account at the identity service as an operator would make it, and
/// signs in through the code flow: every token is the identity service's. Requests go through the gateway, as users' do.
/// </summary>
public sealed class ApiPlatform : IAsyncLifetime
{
    private RabbitVirtualHost? vhost;
    private PlatformAccounts? accounts;
    private string prefix = string.Empty;
    private IBusControl? bus;

    public LocalSystem System { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        vhost = await RabbitVirtualHost.CreateAsync("reg");
        prefix = TestInfrastructure.UniqueName("reg")[..20];
        System = await LocalSystem.StartAsync(TestPlatform.Options(prefix, vhost.Uri));
        accounts = new PlatformAccounts(System);
        bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(new Uri(vhost.Uri)));
        await bus.StartAsync();
    }

    /// <summary>Publishes an event on the platform's broker as the appraisal service would.</summary>
    public Task PublishAsync<T>(T message)
        where T : class => bus!.Publish(message);

    public string Token(Person person) => accounts!.SignedIn(Spec(person)).Tokens.AccessToken;

    /// <summary>The person's account id at the identity service: the <c>sub</c> of their tokens, what councils list members by.</summary>
    public string AccountId(Person person) => accounts!.SignedIn(Spec(person)).AccountId.ToString();

    private static AccountSpec Spec(Person person) => new(person.Id, person.Name, person.Role, person.Scope, person.Organization);

    public HttpClient Client(Person? person)
    {
        var http = new HttpClient { BaseAddress = new Uri(System.GatewayUrl), Timeout = TimeSpan.FromSeconds(30) };
        if (person is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(person));
        }

        return http;
    }

    public string RegistrationGrpc => $"http://127.0.0.1:{System.GrpcPort(LocalSystem.Services[0])}";

    /// <summary>A value straight from a service's own database, for assertions on what was (not) stored.</summary>
    public async Task<T> ScalarAsync<T>(string service, string sql, object? parameters = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(TestInfrastructure.PostgresConnection) { Database = $"{prefix}_{service}" };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        return await Dapper.SqlMapper.ExecuteScalarAsync<T>(connection, sql, parameters) ?? throw new InvalidOperationException($"No value for: {sql}");
    }

    /// <summary>The latest event of a type a service wrote to its outbox about an initiative, as it was published.</summary>
    public async Task<T> LastEventAsync<T>(string service, Guid initiativeId)
    {
        var payload = await ScalarAsync<string>(service,
            "SELECT payload::text FROM outbox_messages WHERE message_type LIKE '%' || @type AND payload->>'initiativeId' = @id ORDER BY sequence DESC LIMIT 1",
            new { type = typeof(T).Name, id = initiativeId.ToString() });
        return JsonSerializer.Deserialize<T>(payload, Http.Options)!;
    }

    public async Task DisposeAsync()
    {
        if (bus is not null)
        {
            await bus.StopAsync();
        }

        if (System is not null)
        {
            await System.DisposeAsync();
        }

        if (vhost is not null)
        {
            await vhost.DisposeAsync();
        }

        await TestPlatform.DropDatabasesAsync(prefix);
    }

}

/// <summary>JSON helpers for the tests' requests and answers.</summary>
public static class Http
{
    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response, System.Net.HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text.Length == 0 ? "{}" : text)!;
    }

    public static async Task<JsonNode> PostJsonAsync(this HttpClient http, string path, object body, System.Net.HttpStatusCode expected)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        return await response.JsonAsync(expected);
    }

    public static async Task<JsonNode> PutJsonAsync(this HttpClient http, string path, object body, System.Net.HttpStatusCode expected)
    {
        using var response = await http.PutAsJsonAsync(path, body);
        return await response.JsonAsync(expected);
    }

    public static async Task<JsonNode> GetJsonAsync(this HttpClient http, string path, System.Net.HttpStatusCode expected)
    {
        using var response = await http.GetAsync(path);
        return await response.JsonAsync(expected);
    }

    public static string Str(this JsonNode node, string property) => node[property]!.GetValue<string>();

    public static Guid Id(this JsonNode node) => Guid.Parse(node.Str("id"));

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}

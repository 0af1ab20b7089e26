using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DoanKetSangTao.Launcher;
using DoanKetSangTao.Tests.Support;
using Npgsql;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace DoanKetSangTao.Tests.IdentityTests;

/// <summary>
/// The whole platform as real processes (identity among them, its issuer the gateway's address) on the real PostgreSQL,
/// RabbitMQ and SMTP servers, once per test class. Everything a test does goes through the gateway, as a browser's or an
/// integration's requests would; only the audit trail's protection is checked in the identity database itself.
/// </summary>
public sealed class IdentityPlatform : IAsyncLifetime
{
    private RabbitVirtualHost? vhost;
    private string prefix = string.Empty;

    public LocalSystem System { get; private set; } = null!;

    public PlatformAccounts Accounts { get; private set; } = null!;

    public IdentityFlow Flow => System.Flow;

    public string Prefix => prefix;

    /// <summary>
    /// A user name (or mailbox name) of this platform's own: the SMTP server's mail folder outlives a run, and a letter of an
    /// earlier run to the same address would be taken for this run's.
    /// </summary>
    public string Unique(string name) => $"{name}.{prefix[^8..]}";

    public string RabbitUri => vhost!.Uri;

    public async Task InitializeAsync()
    {
        vhost = await RabbitVirtualHost.CreateAsync("idt");
        prefix = TestInfrastructure.UniqueName("idt")[..20];
        System = await LocalSystem.StartAsync(TestPlatform.Options(prefix, vhost.Uri) with
        {
            ReadyTimeout = TimeSpan.FromSeconds(300),
            // These tests sign in, fail and refresh far more often from one address than a person would: the per-address
            // limit of the credential endpoints (tested in Platform.ApiTests' edge tests) would otherwise answer 429.
            GatewaySettings = new Dictionary<string, string>
            {
                ["Gateway:TokenEndpoint:BurstLimit"] = "1000",
                ["Gateway:TokenEndpoint:Tokens"] = "1000",
                ["Gateway:TokenEndpoint:PeriodSeconds"] = "1",
            },
        });
        Accounts = new PlatformAccounts(System);
    }

    public HttpClient Client(string? accessToken = null)
    {
        var http = new HttpClient { BaseAddress = new Uri(System.GatewayUrl), Timeout = TimeSpan.FromSeconds(30) };
        if (accessToken is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return http;
    }

    private Task<Guid>? campaign;

    /// <summary>Hà Nội's campaign of next year, created once by the demo province officer (as the launcher does).</summary>
    public Task<Guid> CampaignAsync() => campaign ??= CreateCampaignAsync();

    private async Task<Guid> CreateCampaignAsync()
    {
        using var http = Client((await DemoSignInAsync("canbo.tinh.hanoi")).AccessToken);
        var year = DateTime.UtcNow.Year + 1;
        return (await http.PostJsonAsync("/api/v1/campaigns",
            new { year, name = $"Phong trào Đoàn kết sáng tạo Hà Nội năm {year}", provinceCode = "01", registrationDueBefore = $"{year}-01-15" },
            HttpStatusCode.Created)).Id();
    }

    /// <summary>Exchanges an authorization code at the token endpoint, as the portal would.</summary>
    public Task<(HttpStatusCode Status, JsonNode Body)> RedeemAsync(string code, string verifier) => PostFormAsync("connect/token", new Dictionary<string, string>
    {
        ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = IdentityFlow.PortalRedirectUri,
        ["client_id"] = IdentityFlow.PortalClientId, ["code_verifier"] = verifier,
    });

    /// <summary>A demo person's token, signed in through the pages (password, TOTP for staff).</summary>
    public async Task<TokenSet> DemoSignInAsync(string userName)
    {
        var person = DemoPeople.Named(userName);
        return await Flow.SignInAsync(person.UserName, DemoPeople.Password, person.HasSecondFactor ? DemoPeople.AuthenticatorKey : null);
    }

    /// <summary>A raw request to the token (or revocation, introspection) endpoint: the status and the JSON answered.</summary>
    public async Task<(HttpStatusCode Status, JsonNode Body)> PostFormAsync(string path, IDictionary<string, string> form, (string Id, string Secret)? basic = null)
    {
        using var http = Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        if (basic is { } b)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(b.Id)}:{Uri.EscapeDataString(b.Secret)}")));
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!);
    }

    /// <summary>A value straight from the identity database (<c>{prefix}_identity</c>).</summary>
    public NpgsqlConnection IdentityDatabase()
    {
        var builder = new NpgsqlConnectionStringBuilder(TestInfrastructure.PostgresConnection) { Database = System.DatabaseName(LocalSystem.Identity) };
        return new NpgsqlConnection(builder.ConnectionString);
    }

    /// <summary>The identity process's own settings, for an operator command run beside it against its database.</summary>
    public Dictionary<string, string> IdentityEnvironment() => System.ServiceEnvironment(LocalSystem.Identity);

    public async Task DisposeAsync()
    {
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

/// <summary>What a token says, read as a service reads it (the JWT's payload).</summary>
public static class Jwt
{
    public static JsonObject Payload(string token) => Part(token, 1);

    /// <summary>The JWT's header: which key (<c>kid</c>) signed it.</summary>
    public static JsonObject Header(string token) => Part(token, 0);

    private static JsonObject Part(string token, int index)
    {
        var part = token.Split('.')[index].Replace('-', '+').Replace('_', '/');
        part = part.PadRight(part.Length + ((4 - (part.Length % 4)) % 4), '=');
        return JsonNode.Parse(Convert.FromBase64String(part))!.AsObject();
    }

    /// <summary>A claim's values, whether the token carries one (a string) or several (an array).</summary>
    public static IReadOnlyList<string> Values(JsonObject payload, string claim) => payload[claim] switch
    {
        null => [],
        JsonArray many => many.Select(v => v!.GetValue<string>()).ToList(),
        var one => [one.GetValue<string>()],
    };
}

/// <summary>JSON helpers for the tests' requests and answers.</summary>
public static class Http
{
    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text.Length == 0 ? "{}" : text)!;
    }

    public static async Task<JsonNode> PostJsonAsync(this HttpClient http, string path, object? body, HttpStatusCode expected)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        return await response.JsonAsync(expected);
    }

    public static async Task<JsonNode> GetJsonAsync(this HttpClient http, string path, HttpStatusCode expected)
    {
        using var response = await http.GetAsync(path);
        return await response.JsonAsync(expected);
    }

    public static string Str(this JsonNode node, string property) => node[property]!.GetValue<string>();

    public static Guid Id(this JsonNode node) => Guid.Parse(node.Str("id"));

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}

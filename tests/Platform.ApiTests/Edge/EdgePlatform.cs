using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using DoanKetSangTao.Launcher;
using DoanKetSangTao.Tests.Support;
using Npgsql;

namespace DoanKetSangTao.Tests.PlatformApiTests.Edge;

/// <summary>
/// The whole platform with the development token issuer on, the gateway's limits lowered so that a test
/// can exceed them quickly, and PostgreSQL reached through a proxy that a test can switch off. Every
/// client of these tests connects from its own loopback address (127.0.0.x), so each is a partition of
/// its own in the gateway's per-address limiter.
/// </summary>
public sealed class EdgePlatform : IAsyncLifetime
{
    /// <summary>Requests one address may make at once; the bucket then refills by one a second.</summary>
    public const int PerAddressBurst = 30;
    public const int TokenBurst = 3;

    private RabbitVirtualHost? vhost;
    private string prefix = string.Empty;
    private static int nextAddress = 10;

    public LocalSystem System { get; private set; } = null!;

    /// <summary>Between every service and PostgreSQL: <see cref="TcpProxy.Stop"/> is the database going away.</summary>
    public TcpProxy Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var postgres = new NpgsqlConnectionStringBuilder(TestInfrastructure.PostgresConnection);
        Database = new TcpProxy(postgres.Port);
        Database.Start();
        postgres.Port = Database.Port;
        // Pooled connections cut by the proxy are found broken at their next use, not reused forever.
        postgres.Pooling = true;

        vhost = await RabbitVirtualHost.CreateAsync("edge");
        prefix = TestInfrastructure.UniqueName("edge")[..20];
        System = await LocalSystem.StartAsync(TestPlatform.Options(prefix, vhost.Uri, postgres.ConnectionString) with
        {
            // Six processes starting at once on a shared two-core machine can take minutes.
            ReadyTimeout = TimeSpan.FromSeconds(300),
            GatewaySettings = new Dictionary<string, string>
            {
                ["Gateway:PerAddress:BurstLimit"] = PerAddressBurst.ToString(CultureInfo.InvariantCulture),
                ["Gateway:PerAddress:Tokens"] = "1",
                ["Gateway:PerAddress:PeriodSeconds"] = "1",
                ["Gateway:TokenEndpoint:BurstLimit"] = TokenBurst.ToString(CultureInfo.InvariantCulture),
                ["Gateway:TokenEndpoint:Tokens"] = "1",
                ["Gateway:TokenEndpoint:PeriodSeconds"] = "600",
            },
        });
    }

    /// <summary>A loopback address no other client of this run has used: a partition of its own.</summary>
    public static IPAddress NewAddress() => IPAddress.Parse($"127.0.0.{Interlocked.Increment(ref nextAddress)}");

    /// <summary>A client of the gateway that connects from <paramref name="from"/>.</summary>
    public HttpClient Client(IPAddress from, string? token = null)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var http = new HttpClient(handler) { BaseAddress = new Uri(System.GatewayUrl), Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    /// <summary>
    /// A token of the demo integration (client credentials at identity's token endpoint, through the gateway), asked for from
    /// <paramref name="from"/>: the token endpoint is limited per address.
    /// </summary>
    public async Task<string> TokenAsync(IPAddress from)
    {
        using var http = Client(from);
        using var response = await RequestTokenAsync(http);
        var body = await response.JsonAsync(HttpStatusCode.OK);
        return body.Str("access_token");
    }

    /// <summary>One request at the token endpoint, answered as it comes (a token, or a refusal).</summary>
    public static Task<HttpResponseMessage> RequestTokenAsync(HttpClient http) =>
        http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = DemoPeople.IntegrationClientId,
            ["client_secret"] = DemoPeople.IntegrationClientSecret, ["scope"] = "statistics.read",
        }));

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

        if (Database is not null)
        {
            await Database.DisposeAsync();
        }

        await TestPlatform.DropDatabasesAsync(prefix);
    }
}

/// <summary>What every Problem Details answer of the edge must look like.</summary>
public static class ProblemAssert
{
    public static async Task<JsonNode> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(text)!;
        Assert.Equal(code, body.Str("code"));
        Assert.Equal((int)status, body["status"]!.GetValue<int>());
        var detail = body.Str("detail");
        // A Vietnamese sentence a person can act on, not an English framework message.
        Assert.Matches("[ạảãàáâầấậẩẫăằắặẳẵđệếềểễịọỏòóôồốộổỗơờớợởỡụủũùúưừứựửữỳýỵỷỹ]", detail);
        Assert.True(detail.IsNormalized(global::System.Text.NormalizationForm.FormC));
        return body;
    }
}

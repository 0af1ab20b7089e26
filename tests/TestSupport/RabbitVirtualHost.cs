using System.Net.Http.Headers;
using System.Text;

namespace DoanKetSangTao.Tests.Support;

/// <summary>A RabbitMQ virtual host of its own for one test class, so queues and messages never cross tests.</summary>
public sealed class RabbitVirtualHost : IAsyncDisposable
{
    private readonly HttpClient management;

    private RabbitVirtualHost(string name, HttpClient management)
    {
        Name = name;
        this.management = management;
    }

    public string Name { get; }

    /// <summary>amqp URI of this virtual host on the real broker.</summary>
    public string Uri => UriFor(TestInfrastructure.RabbitPort);

    /// <summary>The same virtual host reached through another port (a proxy in front of the broker).</summary>
    public string UriFor(int port) =>
        $"amqp://{System.Uri.EscapeDataString(TestInfrastructure.RabbitUser)}:{System.Uri.EscapeDataString(TestInfrastructure.RabbitPassword)}@127.0.0.1:{port}/{Name}";

    public static async Task<RabbitVirtualHost> CreateAsync(string prefix)
    {
        var name = TestInfrastructure.UniqueName(prefix);
        var http = new HttpClient { BaseAddress = new Uri(TestInfrastructure.RabbitManagementUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TestInfrastructure.RabbitUser}:{TestInfrastructure.RabbitPassword}")));
        (await http.PutAsync($"api/vhosts/{name}", new StringContent("{}", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        (await http.PutAsync($"api/permissions/{name}/{System.Uri.EscapeDataString(TestInfrastructure.RabbitUser)}",
            new StringContent("""{"configure":".*","write":".*","read":".*"}""", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        return new RabbitVirtualHost(name, http);
    }

    /// <summary>Messages ready in a queue of this virtual host, as the broker reports them.</summary>
    public async Task<long> QueueDepthAsync(string queue)
    {
        using var response = await management.GetAsync($"api/queues/{Name}/{queue}");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return 0;
        }

        response.EnsureSuccessStatusCode();
        using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.TryGetProperty("messages", out var m) && m.ValueKind == System.Text.Json.JsonValueKind.Number ? m.GetInt64() : 0;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await management.DeleteAsync($"api/vhosts/{Name}");
        }
        finally
        {
            management.Dispose();
        }
    }
}

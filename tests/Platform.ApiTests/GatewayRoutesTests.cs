using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using DoanKetSangTao.Launcher;

namespace DoanKetSangTao.Tests.PlatformApiTests;

/// <summary>
/// Every route a service documents is reachable through the gateway: a new route without its entry in the
/// gateway's <c>appsettings.json</c> fails here, not in an integrator's hands.
/// </summary>
public sealed class GatewayRoutesTests(ApiPlatform platform) : IClassFixture<ApiPlatform>
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    /// <summary>The code of the gateway's own 404 for a path no route matches.</summary>
    private const string GatewayNotFound = "not_found";

    /// <summary>
    /// Each operation of each service's OpenAPI document is sent twice with the same token, dummy path parameters
    /// and an empty body: once to the service, once through the gateway. Forwarded, both answer alike (status and
    /// Problem Details <c>code</c>); unrouted, the gateway answers its own 404, which carries no service code.
    /// </summary>
    [Fact]
    public async Task Every_documented_route_of_every_service_answers_the_same_through_the_gateway()
    {
        var person = World.CentralOfficer;
        using var gateway = platform.Client(person);
        var unreachable = new List<string>();
        foreach (var service in LocalSystem.Services)
        {
            using var direct = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{platform.System.HttpPort(service)}"), Timeout = TimeSpan.FromSeconds(30) };
            direct.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", platform.Token(person));
            var paths = JsonNode.Parse(await direct.GetStringAsync("/openapi/v1.json"))!["paths"]!.AsObject();
            var operations = 0;
            foreach (var (template, item) in paths)
            {
                foreach (var (method, operation) in item!.AsObject().Where(o => Methods.Contains(o.Key)))
                {
                    operations++;
                    var path = Concrete(template, operation!, item);
                    var straight = await SendAsync(direct, method, path);
                    var forwarded = await SendAsync(gateway, method, path);
                    if (straight != forwarded)
                    {
                        unreachable.Add($"{service.Name}: {method.ToUpperInvariant()} {template} answers {straight} directly but {forwarded} through the gateway");
                    }
                    else if (straight.Status == 404 && straight.Code is null or GatewayNotFound)
                    {
                        // The same answer as the gateway's own for an unrouted path proves nothing either way.
                        unreachable.Add($"{service.Name}: {method.ToUpperInvariant()} {template} answers {straight}, which cannot be told from the gateway's own 404: give the refusal a code of its own");
                    }
                }
            }

            Assert.True(operations > 0, $"{service.Name}'s OpenAPI document lists no operation.");
        }

        Assert.True(unreachable.Count == 0,
            $"Routes the gateway does not forward (add them to gateway/Gateway/appsettings.json):\n{string.Join('\n', unreachable)}");
    }

    /// <summary>The route with its path parameters filled: a number for an integer, a random GUID otherwise (nothing exists under it).</summary>
    private static string Concrete(string template, JsonNode operation, JsonNode item)
    {
        var parameters = (operation["parameters"]?.AsArray() ?? []).Concat(item["parameters"]?.AsArray() ?? [])
            .Where(p => p!["in"]?.GetValue<string>() == "path")
            .ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!["schema"]);
        var path = new StringBuilder(template);
        foreach (var (name, schema) in parameters)
        {
            var type = schema?["type"] is JsonArray types ? string.Join(",", types.Select(t => t!.GetValue<string>())) : schema?["type"]?.GetValue<string>();
            path.Replace("{" + name + "}", type?.Contains("integer", StringComparison.Ordinal) == true ? "1" : Guid.NewGuid().ToString());
        }

        return path.ToString();
    }

    private static async Task<Answer> SendAsync(HttpClient http, string method, string path)
    {
        // The gateway's limiter, not the route, may answer 429: wait as it asks, then ask again.
        using var response = await PoliteClient.SendAsync(http, () =>
        {
            var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), path);
            if (method is "post" or "put" or "patch")
            {
                request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            }

            return request;
        }, retries: 5);
        var body = await response.Content.ReadAsStringAsync();
        string? code = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            code = JsonNode.Parse(body)?["code"]?.GetValue<string>();
        }

        return new Answer((int)response.StatusCode, code);
    }

    private sealed record Answer(int Status, string? Code)
    {
        public override string ToString() => Code is null ? $"{Status} (no code)" : $"{Status} {Code}";
    }
}

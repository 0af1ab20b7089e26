extern alias identity;

using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace DoanKetSangTao.Tests.Functional;

/// <summary>
/// Identity alone: ready once its schema (EF Core's model as SQL) is applied and its keys are loaded, its accounts API
/// documented and closed to anonymous callers. The protocol and the pages are proved end to end in tests/Identity.Tests.
/// </summary>
public sealed class IdentityTests(ServiceHost<identity::Program> host) : ServiceTests<identity::Program>(host)
{
    protected override string Name => "identity";

    protected override string ProtectedPath => "/api/v1/accounts";

    /// <summary>Identity trusts only the tokens it issues: the tests' client asks it for one (client credentials).</summary>
    protected override async Task<HttpClient> SignedInClientAsync()
    {
        var http = Host.Client();
        using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = ServiceHost<identity::Program>.ClientId,
            ["client_secret"] = Host.ClientSecret, ["scope"] = "api",
        }));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body["access_token"]!.GetValue<string>());
        return http;
    }
}

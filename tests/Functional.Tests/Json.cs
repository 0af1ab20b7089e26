using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace DoanKetSangTao.Tests.Functional;

/// <summary>Requests and answers as JSON, with the status each test expects stated at the call.</summary>
public static class Json
{
    public static async Task<JsonNode> ReadAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text.Length == 0 ? "{}" : text)!;
    }

    public static async Task<JsonNode> GetJsonAsync(this HttpClient http, string path, HttpStatusCode expected)
    {
        using var response = await http.GetAsync(path);
        return await response.ReadAsync(expected);
    }

    public static async Task<JsonNode> PostJsonAsync(this HttpClient http, string path, object body, HttpStatusCode expected)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        return await response.ReadAsync(expected);
    }

    public static async Task<JsonNode> PutJsonAsync(this HttpClient http, string path, object body, HttpStatusCode expected)
    {
        using var response = await http.PutAsJsonAsync(path, body);
        return await response.ReadAsync(expected);
    }

    public static string Str(this JsonNode node, string property) => node[property]!.GetValue<string>();
}

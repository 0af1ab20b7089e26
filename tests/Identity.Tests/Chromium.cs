using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DoanKetSangTao.Tests.Support;

namespace DoanKetSangTao.Tests.IdentityTests;

/// <summary>
/// A real Chromium (Debian's) driven through chromedriver's W3C WebDriver protocol, plain JSON over HTTP: what a person sees
/// and does on the provider's pages (typing, clicking, where the browser ends up), headless and with a profile of its own.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    public const string Binary = "/usr/bin/chromium";
    public const string Driver = "/usr/bin/chromedriver";

    private const string ElementKey = "element-6066-11e4-a52e-4f735466cecf";

    private readonly Process driver;
    private readonly HttpClient http;
    private readonly string profile;
    private string? session;

    private Chromium(Process driver, HttpClient http, string profile)
    {
        this.driver = driver;
        this.http = http;
        this.profile = profile;
    }

    public static async Task<Chromium> StartAsync()
    {
        foreach (var file in new[] { Binary, Driver })
        {
            Assert.True(File.Exists(file), $"{file} is missing: install Debian's chromium and chromium-driver (tests/run.sh does).");
        }

        var port = TestInfrastructure.FreeTcpPort();
        var start = new ProcessStartInfo(Driver) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add($"--port={port}");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var profile = Directory.CreateTempSubdirectory("dkst-chromium-").FullName;
        var browser = new Chromium(process, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) }, profile);
        try
        {
            await TestInfrastructure.EventuallyAsync(async () =>
            {
                var status = await browser.http.GetFromJsonAsync<JsonNode>("status");
                return status?["value"]?["ready"]?.GetValue<bool>() == true ? status : null;
            }, TimeSpan.FromSeconds(30), "chromedriver to be ready");
            var created = await browser.SendAsync(HttpMethod.Post, "session", new
            {
                capabilities = new
                {
                    alwaysMatch = new Dictionary<string, object>
                    {
                        ["browserName"] = "chrome",
                        ["goog:chromeOptions"] = new
                        {
                            binary = Binary,
                            args = new[]
                            {
                                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                                "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", "--lang=vi",
                            },
                        },
                    },
                },
            });
            browser.session = created["sessionId"]!.GetValue<string>();
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens an address; a page that cannot load (the portal's callback here) is not an error for the test.</summary>
    public async Task GoAsync(string url) => await SendAsync(HttpMethod.Post, $"session/{session}/url", new { url }, tolerateNavigationError: true);

    public async Task<string> UrlAsync() => (await SendAsync(HttpMethod.Get, $"session/{session}/url")).GetValue<string>();

    public async Task<string> SourceAsync() => (await SendAsync(HttpMethod.Get, $"session/{session}/source")).GetValue<string>();

    /// <summary>Empties a field and types into it, as a person correcting what they typed.</summary>
    public async Task TypeAsync(string cssSelector, string text)
    {
        var element = await FindAsync(cssSelector);
        await SendAsync(HttpMethod.Post, $"session/{session}/element/{element}/clear", new { });
        await SendAsync(HttpMethod.Post, $"session/{session}/element/{element}/value", new { text });
    }

    public async Task ClickAsync(string cssSelector) =>
        await SendAsync(HttpMethod.Post, $"session/{session}/element/{await FindAsync(cssSelector)}/click", new { }, tolerateNavigationError: true);

    /// <summary>Runs a script in the page and answers what it returned.</summary>
    public async Task<JsonNode?> ScriptAsync(string script) =>
        await SendAsync(HttpMethod.Post, $"session/{session}/execute/sync", new { script, args = Array.Empty<object>() }, nullable: true);

    private async Task<string> FindAsync(string cssSelector)
    {
        var found = await SendAsync(HttpMethod.Post, $"session/{session}/element", new { @using = "css selector", value = cssSelector });
        return found[ElementKey]?.GetValue<string>() ?? throw new InvalidOperationException($"No element {cssSelector}: {found.ToJsonString()}");
    }

    private async Task<JsonNode> SendAsync(HttpMethod method, string path, object? body = null, bool tolerateNavigationError = false, bool nullable = false)
    {
        // With a length: chromedriver drops requests whose body comes chunked (as JsonContent streams it).
        using var request = new HttpRequestMessage(method, path)
        {
            Content = body is null ? null : new StringContent(System.Text.Json.JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json"),
        };
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var value = JsonNode.Parse(text)?["value"];
        if (!response.IsSuccessStatusCode)
        {
            // The portal's callback address has no server behind it here: the browser shows its error page, which is expected.
            if (tolerateNavigationError && text.Contains("net::ERR_", StringComparison.Ordinal))
            {
                return new JsonObject();
            }

            throw new InvalidOperationException($"WebDriver {method} {path} answered {(int)response.StatusCode}: {text}");
        }

        return value ?? (nullable ? null! : new JsonObject());
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (session is not null)
            {
                using var _ = await http.DeleteAsync($"session/{session}");
            }
        }
        catch (Exception)
        {
            // The driver is killed below anyway.
        }

        if (!driver.HasExited)
        {
            driver.Kill(entireProcessTree: true);
            await driver.WaitForExitAsync();
        }

        driver.Dispose();
        http.Dispose();
        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be writing its profile as it exits; the temporary folder is the system's to clean.
        }
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DoanKetSangTao.Launcher;

/// <summary>
/// The local SMS (eSMS.vn) and Zalo ZNS servers (tests/ProviderSimulators) started beside the platform on a free port, so
/// that the notification service's SMS and Zalo channels are switched on and what they send can be read at
/// <see cref="MessagesUrl"/>. Credentials are this run's own: the simulators accept only them.
/// </summary>
public sealed class ProviderServers : IAsyncDisposable
{
    public const string Directory = "tests/ProviderSimulators";
    public const string Assembly = "ProviderSimulators.dll";

    private readonly Process process;

    private ProviderServers(Process process, string baseUrl, string secretKey, string accessToken)
    {
        this.process = process;
        BaseUrl = baseUrl;
        SecretKey = secretKey;
        AccessToken = accessToken;
    }

    public const string ApiKey = "khoa-api-esms-cuc-bo";

    public string BaseUrl { get; }

    public string SecretKey { get; }

    public string AccessToken { get; }

    /// <summary>Everything the simulators received (add <c>?provider=esms|zalo&amp;phone=…</c> to narrow it).</summary>
    public string MessagesUrl => BaseUrl + "_sim/messages";

    /// <summary>The notification service's settings that point its SMS and Zalo channels here.</summary>
    public IEnumerable<KeyValuePair<string, string>> NotificationSettings() => new Dictionary<string, string>
    {
        ["Sms__BaseUrl"] = BaseUrl, ["Sms__ApiKey"] = ApiKey, ["Sms__SecretKey"] = SecretKey, ["Sms__Brandname"] = "MTTQ_VN",
        ["Zalo__BaseUrl"] = BaseUrl, ["Zalo__AccessToken"] = AccessToken,
    };

    public static async Task<ProviderServers> StartAsync(string repositoryRoot, string configuration, string logDirectory, CancellationToken ct)
    {
        var directory = Path.Combine(repositoryRoot, Directory, "bin", configuration, "net10.0");
        var assembly = Path.Combine(directory, Assembly);
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"{assembly} does not exist: build the solution in {configuration} first.");
        }

        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(assembly);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        var secretKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var accessToken = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        // This run's credentials, the only ones the simulators accept; any ZNS template id goes (the demo's ids are
        // operators' to register at Zalo).
        foreach (var setting in new[] { $"--Esms:ApiKey={ApiKey}", $"--Esms:SecretKey={secretKey}", $"--Zalo:AccessToken={accessToken}", "--Zalo:AcceptAnyTemplate=true" })
        {
            start.ArgumentList.Add(setting);
        }

        var servers = new ProviderServers(Process.Start(start) ?? throw new InvalidOperationException("Could not start the provider simulators."),
            $"http://127.0.0.1:{port}/", secretKey, accessToken);
        var log = new StreamWriter(Path.Combine(logDirectory, "provider-simulators.log"), append: false) { AutoFlush = true };
        servers.process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        servers.process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        servers.process.BeginOutputReadLine();
        servers.process.BeginErrorReadLine();
        try
        {
            await servers.WaitReadyAsync(ct);
            return servers;
        }
        catch
        {
            await servers.DisposeAsync();
            throw;
        }
    }

    private async Task WaitReadyAsync(CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The provider simulators exited with code {process.ExitCode}.");
            }

            try
            {
                using var response = await http.GetAsync("_sim/messages", ct);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            await Task.Delay(200, ct);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}

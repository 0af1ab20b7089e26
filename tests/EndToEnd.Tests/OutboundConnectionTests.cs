using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Launcher;
using DoanKetSangTao.ServiceDefaults.Messaging;
using DoanKetSangTao.Tests.Support;
using MassTransit;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DoanKetSangTao.Tests.EndToEnd;

/// <summary>
/// A government system makes no outbound call its operators did not configure. A real service process runs under
/// <c>strace</c>, which records every address the process and all its threads and children connect or send to, for its
/// whole lifetime: start-up, requests, a consumed event, an e-mail, the graceful stop. Every address must be loopback on
/// a port the service was configured with (or a local socket). The MassTransit usage report, which calls its vendor
/// five minutes after the bus starts unless turned off, is one such call: the observation lasts past that moment.
/// </summary>
public sealed partial class OutboundConnectionTests : IAsyncLifetime
{
    private const string Issuer = "https://sso.mattran.example.vn/realms/dkst";

    /// <summary>MassTransit reports usage 5 minutes after its bus starts (its default delay): watch a little longer.</summary>
    private static readonly TimeSpan Observation = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("DKST_OUTBOUND_OBSERVE_SECONDS"), out var s) ? s : 330);

    private readonly RSA issuerKey = RSA.Create(2048);
    private PostgresDatabase database = null!;
    private RabbitVirtualHost vhost = null!;

    public async Task InitializeAsync()
    {
        database = await PostgresDatabase.CreateAsync("outbound");
        vhost = await RabbitVirtualHost.CreateAsync("outbound");
    }

    public async Task DisposeAsync()
    {
        await vhost.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Notification_connects_only_to_its_configured_database_broker_and_mail_server_for_its_whole_lifetime()
    {
        Assert.True(File.Exists("/usr/bin/strace"), "strace is missing: launcher/infra.sh install adds Debian's strace package.");
        var service = LocalSystem.Services.Single(s => s.Name == "notification");
        var repository = TestInfrastructure.RepositoryRoot(AppContext.BaseDirectory);
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var directory = Path.Combine(repository, service.ProjectDirectory, "bin", configuration, "net10.0");
        var httpPort = TestInfrastructure.FreeTcpPort();
        var grpcPort = TestInfrastructure.FreeTcpPort();
        var broker = RabbitMqAddress.Parse(vhost.Uri);
        var allowed = new HashSet<int> { ServerPort(TestInfrastructure.PostgresConnection), broker.Port, TestInfrastructure.SmtpPort, httpPort, grpcPort };
        var trace = Path.Combine(Path.GetTempPath(), $"dkst-outbound-{Guid.NewGuid():N}.strace");

        var start = new ProcessStartInfo("/usr/bin/strace")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Every thread and child (-f); every call that names a peer address; no signal noise.
        foreach (var arg in new[] { "-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-e", "signal=none", "-o", trace, "dotnet", Path.Combine(directory, service.Assembly) })
        {
            start.ArgumentList.Add(arg);
        }

        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_NOLOGO"] = "1",
            ["ConnectionStrings__Database"] = database.ConnectionString,
            ["ConnectionStrings__RabbitMq"] = vhost.Uri,
            ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{httpPort}",
            ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{grpcPort}",
            ["Identity__Issuer"] = Issuer,
            ["Identity__SigningKeyPem"] = issuerKey.ExportSubjectPublicKeyInfoPem(),
            ["ServiceAuth__Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Smtp__Host"] = TestInfrastructure.SmtpHost,
            ["Smtp__Port"] = TestInfrastructure.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp__PollInterval"] = "00:00:01",
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        // Whatever the machine has set for the service must not decide the outcome (an OTLP endpoint is a configured target).
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("OTEL_", StringComparison.Ordinal) || k.StartsWith("MASSTRANSIT_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        using var strace = Process.Start(start) ?? throw new InvalidOperationException("strace did not start.");
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        strace.OutputDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        strace.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        strace.BeginOutputReadLine();
        strace.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(10) };
            await TestInfrastructure.EventuallyAsync(async () =>
            {
                Assert.False(strace.HasExited, "notification exited: " + string.Join('\n', output.TakeLast(30)));
                using var ready = await http.GetAsync("/health/ready");
                return ready.IsSuccessStatusCode ? (bool?)true : null;
            }, TimeSpan.FromSeconds(120), "notification to be ready");

            // A request with a token: validated with the configured key, no discovery call.
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/notifications");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token());
            using var listed = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, listed.StatusCode);

            // An event through the broker, consumed, and its e-mail through the SMTP server.
            var mailbox = $"ngoaivi.{Guid.NewGuid():N}@tacgia.example.vn";
            await PublishRegisteredAsync(broker, mailbox);
            await TestInfrastructure.EventuallyAsync(() => Task.FromResult(
                Directory.EnumerateFiles(TestInfrastructure.MailDirectory, "*.eml").Any(f => File.ReadAllText(f).Contains(mailbox, StringComparison.Ordinal)) ? (bool?)true : null),
                TimeSpan.FromSeconds(60), "the e-mail of the consumed event");

            // Idle, as a service mostly is, past the moment MassTransit would report usage.
            await Task.Delay(Observation);
            Assert.False(strace.HasExited, "notification stopped on its own: " + string.Join('\n', output.TakeLast(30)));
        }
        finally
        {
            // A graceful stop (SIGTERM to the service, not to strace), so the shutdown path is observed too.
            if (!strace.HasExited && TracedChild(strace.Id) is { } child)
            {
                _ = SysKill(child, 15);
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await strace.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                strace.Kill(entireProcessTree: true);
            }
        }

        // strace exits when the last traced process has: the whole lifetime is in the file.
        var peers = File.ReadLines(trace).Select(Peer).OfType<(string Family, string Address, int Port, string Line)>().ToList();
        File.Delete(trace);
        Assert.Contains(peers, p => p.Port == TestInfrastructure.SmtpPort); // the observation saw the service's real connections
        var unexpected = peers.Where(p => p.Family switch
        {
            "AF_UNIX" or "AF_UNSPEC" or "AF_NETLINK" => false,
            "AF_INET" or "AF_INET6" => !(IPAddress.TryParse(p.Address, out var ip) && IPAddress.IsLoopback(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip) && allowed.Contains(p.Port)),
            _ => true,
        }).Select(p => p.Line).Distinct().ToList();
        Assert.True(unexpected.Count == 0,
            $"notification reached {unexpected.Count} address(es) it was not configured for (allowed: loopback ports {string.Join(", ", allowed)}):\n{string.Join('\n', unexpected.Take(20))}");
    }

    private string Token()
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = DoanKetSangTao.ServiceDefaults.Security.AuthenticationExtensions.DefaultAudience,
            Subject = new ClaimsIdentity([new Claim("sub", "tacgia.an"), new Claim("name", "Nguyễn Văn An"), new Claim("role", "author"), new Claim("admin_unit", "VN/01")]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(30),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(issuerKey), SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>Publishes as registration's outbox does (mandatory), until the service's queue is bound and takes it.</summary>
    private static async Task PublishRegisteredAsync(RabbitMqAddress broker, string mailbox)
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(broker.Host, broker.Port, broker.VirtualHost, h =>
        {
            h.Username(broker.UserName);
            h.Password(broker.Password);
            h.PublisherConfirmation = true;
        }));
        await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        try
        {
            var evt = new InitiativeRegistered(Guid.CreateVersion7(), DateTimeOffset.UtcNow, Guid.CreateVersion7(), Guid.CreateVersion7(),
                "Sổ tay điện tử cho tổ hòa giải", "sang_kien", Guid.CreateVersion7(), "01", "00004", "tacgia.an", "Nguyễn Văn An", mailbox);
            await TestInfrastructure.EventuallyAsync(async () =>
            {
                await bus.Publish(evt, ctx => ctx.Mandatory = true);
                return (bool?)true;
            }, TimeSpan.FromSeconds(60), "notification's queue to take the event");
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    /// <summary>The peer address of one strace line, when the call named one.</summary>
    private static (string Family, string Address, int Port, string Line)? Peer(string line)
    {
        var family = Family().Match(line);
        if (!family.Success)
        {
            return null;
        }

        var port = PortPattern().Match(line);
        var address = AddressPattern().Match(line);
        return (family.Groups[1].Value, address.Success ? address.Groups[1].Value : string.Empty,
            port.Success ? int.Parse(port.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1, line);
    }

    private static int ServerPort(string connectionString) => new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Port;

    /// <summary>The process strace started (its only direct child).</summary>
    private static int? TracedChild(int stracePid)
    {
        var path = $"/proc/{stracePid}/task/{stracePid}/children";
        return File.Exists(path) && File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var first, ..]
            ? int.Parse(first, System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);

    [GeneratedRegex(@"sa_family=(AF_[A-Z0-9]+)")]
    private static partial Regex Family();

    [GeneratedRegex(@"sin6?_port=htons\((\d+)\)")]
    private static partial Regex PortPattern();

    [GeneratedRegex(@"(?:inet_addr\(""|inet_pton\(AF_INET6?, "")([^""]+)""")]
    private static partial Regex AddressPattern();
}

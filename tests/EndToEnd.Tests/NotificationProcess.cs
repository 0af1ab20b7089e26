using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Claims;
using System.Security.Cryptography;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Launcher;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Tests.Support;
using MassTransit;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace DoanKetSangTao.Tests.EndToEnd;

/// <summary>One row of notification's e-mail queue.</summary>
public sealed record EmailDelivery(string Status, int Attempts, string? LastError, Guid Id);

/// <summary>
/// The notification service alone, as a real process of its build output, on a database and a virtual host of its
/// own, the real SMTP sink, and an issuer key of the test (no discovery call). Optionally run under a wrapper
/// (strace). Disposing stops it gracefully and waits for the process to exit.
/// </summary>
public sealed class NotificationProcess : IAsyncDisposable
{
    public const string Issuer = "https://sso.mattran.example.vn/realms/dkst";

    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly RSA issuerKey;
    private readonly bool wrapped;
    private bool ownsStorage = true;

    private NotificationProcess(Process process, RSA issuerKey, bool wrapped, int httpPort, int grpcPort, PostgresDatabase database, RabbitVirtualHost vhost)
    {
        this.process = process;
        this.issuerKey = issuerKey;
        this.wrapped = wrapped;
        HttpPort = httpPort;
        GrpcPort = grpcPort;
        Database = database;
        VirtualHost = vhost;
    }

    public int HttpPort { get; }

    public int GrpcPort { get; }

    public PostgresDatabase Database { get; }

    public RabbitVirtualHost VirtualHost { get; }

    public bool HasExited => process.HasExited;

    public string RecentOutput => string.Join('\n', output.TakeLast(40));

    /// <param name="settings">Configuration for the service on top of what it needs to run (Smtp__Security…).</param>
    /// <param name="wrapper">A program and its arguments to run the service under (the service's command line is appended).</param>
    public static async Task<NotificationProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null, IReadOnlyList<string>? wrapper = null) =>
        await StartOnAsync(await PostgresDatabase.CreateAsync("notif"), await RabbitVirtualHost.CreateAsync("notif"), settings, wrapper);

    /// <summary>
    /// A new process of the service on this one's database and virtual host, once this one has exited (stopped or
    /// killed): what a restart after a crash finds. The new process owns them from then on.
    /// </summary>
    public async Task<NotificationProcess> RestartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        if (!process.HasExited)
        {
            throw new InvalidOperationException("Stop or kill the service before starting it again.");
        }

        ownsStorage = false;
        return await StartOnAsync(Database, VirtualHost, settings, null);
    }

    /// <summary>SIGKILL: the service dies at once, mid-send or mid-transaction, as in a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    private static async Task<NotificationProcess> StartOnAsync(PostgresDatabase database, RabbitVirtualHost vhost,
        IReadOnlyDictionary<string, string>? settings, IReadOnlyList<string>? wrapper)
    {
        var service = LocalSystem.Services.Single(s => s.Name == "notification");
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var directory = Path.Combine(TestInfrastructure.RepositoryRoot(AppContext.BaseDirectory), service.ProjectDirectory, "bin", configuration, "net10.0");
        var httpPort = TestInfrastructure.FreeTcpPort();
        var grpcPort = TestInfrastructure.FreeTcpPort();
        var issuerKey = RSA.Create(2048);

        var command = (wrapper ?? []).Concat(["dotnet", Path.Combine(directory, service.Assembly)]).ToList();
        var start = new ProcessStartInfo(command[0])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in command.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        // What the machine running the tests has set must not reach the service (an OTLP endpoint is a configured target).
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("OTEL_", StringComparison.Ordinal) || k.StartsWith("MASSTRANSIT_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
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
            ["Smtp__Host"] = TestInfrastructure.SmtpHost,
            ["Smtp__Port"] = TestInfrastructure.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Deliveries__PollInterval"] = "00:00:01",
            // The peers reminders ask over gRPC, on ports nothing listens on: no step is due in these tests, so no call
            // is made (the outbound-connection test holds the service to that).
            ["Services__Registration__Grpc"] = $"http://127.0.0.1:{TestInfrastructure.FreeTcpPort()}",
            ["Services__Appraisal__Grpc"] = $"http://127.0.0.1:{TestInfrastructure.FreeTcpPort()}",
            ["Services__Identity__Grpc"] = $"http://127.0.0.1:{TestInfrastructure.FreeTcpPort()}",
            ["ServiceAuth__ClientSecret"] = "bi-mat-cua-dich-vu-khi-kiem-thu-dau-cuoi",
            ["ServiceAuth__TokenEndpoint"] = $"http://127.0.0.1:{TestInfrastructure.FreeTcpPort()}/connect/token",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var started = Process.Start(start) ?? throw new InvalidOperationException($"{command[0]} did not start.");
        var self = new NotificationProcess(started, issuerKey, wrapper is { Count: > 0 }, httpPort, grpcPort, database, vhost);
        started.OutputDataReceived += (_, e) => { if (e.Data is not null) { self.output.Enqueue(e.Data); } };
        started.ErrorDataReceived += (_, e) => { if (e.Data is not null) { self.output.Enqueue(e.Data); } };
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            await TestInfrastructure.EventuallyAsync(async () =>
            {
                if (started.HasExited)
                {
                    throw new InvalidOperationException("notification exited:\n" + self.RecentOutput);
                }

                using var ready = await http.GetAsync($"http://127.0.0.1:{httpPort}/health/ready");
                return ready.IsSuccessStatusCode ? (bool?)true : null;
            }, TimeSpan.FromSeconds(120), "notification to be ready");
            return self;
        }
        catch
        {
            await self.DisposeAsync();
            throw;
        }
    }

    public HttpClient Client() => new() { BaseAddress = new Uri($"http://127.0.0.1:{HttpPort}"), Timeout = TimeSpan.FromSeconds(10) };

    public string Token(string userName = "tacgia.an", string role = "author")
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = DoanKetSangTao.ServiceDefaults.Security.AuthenticationExtensions.DefaultAudience,
            Subject = new ClaimsIdentity([new Claim("sub", userName), new Claim("name", "Nguyễn Văn An"), new Claim("role", role), new Claim("admin_unit", "VN/01")]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(30),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(issuerKey), SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>Publishes a registration as registration's outbox does (mandatory), until the service's queue takes it.</summary>
    public async Task<InitiativeRegistered> PublishRegisteredAsync(string mailbox, string title)
    {
        var broker = RabbitMqAddress.Parse(VirtualHost.Uri);
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(broker.Host, broker.Port, broker.VirtualHost, h =>
        {
            h.Username(broker.UserName);
            h.Password(broker.Password);
            h.PublisherConfirmation = true;
        }));
        using var starting = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await bus.StartAsync(starting.Token);
        try
        {
            var evt = new InitiativeRegistered(Guid.CreateVersion7(), DateTimeOffset.UtcNow, Guid.CreateVersion7(), Guid.CreateVersion7(),
                title, "sang_kien", Guid.CreateVersion7(), "01", "00004", "tacgia.an", "Nguyễn Văn An", mailbox);
            await TestInfrastructure.EventuallyAsync(async () =>
            {
                await bus.Publish(evt, ctx => ctx.Mandatory = true);
                return (bool?)true;
            }, TimeSpan.FromSeconds(60), "notification's queue to take the event");
            return evt;
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    /// <summary>Every delivery row for a mailbox (more than one would mean a message queued twice).</summary>
    public async Task<List<EmailDelivery>> DeliveriesAsync(string mailbox)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT status, attempts, last_error, id FROM deliveries WHERE address = @mailbox", connection);
        command.Parameters.AddWithValue("mailbox", mailbox);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<EmailDelivery>();
        while (await reader.ReadAsync())
        {
            rows.Add(new EmailDelivery(reader.GetString(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetGuid(3)));
        }

        return rows;
    }

    /// <summary>The e-mail delivery row the service queued for a mailbox, once there is one.</summary>
    public async Task<EmailDelivery?> DeliveryAsync(string mailbox)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT status, attempts, last_error, id FROM deliveries WHERE address = @mailbox", connection);
        command.Parameters.AddWithValue("mailbox", mailbox);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? new EmailDelivery(reader.GetString(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetGuid(3))
            : null;
    }

    /// <summary>The .eml files the SMTP sink stored for a mailbox.</summary>
    public static List<string> MailsTo(string mailbox) =>
        Directory.EnumerateFiles(TestInfrastructure.MailDirectory, "*.eml").Select(File.ReadAllText).Where(t => t.Contains(mailbox, StringComparison.Ordinal)).ToList();

    /// <summary>SIGTERM to the service itself (not to a wrapper, which would detach), then waits for the process to exit.</summary>
    public async Task StopAsync()
    {
        if (!process.HasExited)
        {
            var pid = wrapped ? FirstChild(process.Id) : process.Id;
            if (pid is { } target)
            {
                _ = SysKill(target, 15);
            }
        }

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("notification did not stop within 60 s of SIGTERM:\n" + RecentOutput);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                await StopAsync();
            }
        }
        finally
        {
            process.Dispose();
            issuerKey.Dispose();
            if (ownsStorage)
            {
                await VirtualHost.DisposeAsync();
                await Database.DisposeAsync();
            }
        }
    }

    private static int? FirstChild(int pid)
    {
        var path = $"/proc/{pid}/task/{pid}/children";
        return File.Exists(path) && File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var first, ..]
            ? int.Parse(first, System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);
}

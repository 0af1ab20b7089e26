using System.Diagnostics;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text.Json;
using Npgsql;

namespace DoanKetSangTao.Launcher;

/// <summary>One deployable: where its build output is and the ports it listens on locally.</summary>
public sealed record ServiceDefinition(string Name, string ProjectDirectory, string Assembly, bool HasGrpc);

public sealed record LocalSystemOptions
{
    public required string RepositoryRoot { get; init; }

    /// <summary>Build configuration whose output is started (the solution is built beforehand).</summary>
    public string Configuration { get; init; } = "Release";

    /// <summary>Superuser connection to the local PostgreSQL server (databases are created on it).</summary>
    public required string PostgresConnection { get; init; }

    /// <summary>amqp URI, including the virtual host, that every service uses.</summary>
    public required string RabbitUri { get; init; }

    public required string SmtpHost { get; init; }

    public required int SmtpPort { get; init; }

    /// <summary>Each service's database is named {prefix}_{service}.</summary>
    public string DatabasePrefix { get; init; } = "dkst";

    public int GatewayPort { get; init; } = 8080;

    /// <summary>Service i listens on BasePort + 10·i (HTTP) and + 1 (gRPC).</summary>
    public int ServiceBasePort { get; init; } = 8100;

    public required string StateDirectory { get; init; }

    public string? OtlpEndpoint { get; init; }

    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Extra settings for the gateway, as configuration keys (e.g. <c>Gateway:PerAddress:BurstLimit</c>): tests
    /// that need more throughput from one address raise its limits, tests of the limits lower them.
    /// </summary>
    public IReadOnlyDictionary<string, string> GatewaySettings { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The services to start, by name (the gateway always starts); all of them when null. A test that needs only the
    /// identity service (its clients, its tokens) starts just that.
    /// </summary>
    public IReadOnlySet<string>? OnlyServices { get; init; }
    /// <summary>Extra settings for the identity service, as configuration keys (e.g. <c>IdentityServer:ExternalProviders:0:Name</c>).</summary>
    public IReadOnlyDictionary<string, string> IdentitySettings { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Extra settings for one service, by its name, as configuration keys (e.g. notification's <c>Sms:BaseUrl</c> pointing at
    /// the local provider servers a benchmark started).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ServiceSettings { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>Starts the local eSMS and Zalo ZNS servers and switches the notification service's SMS and Zalo channels on to them.</summary>
    public bool ProviderSimulators { get; init; } = true;
}

/// <summary>
/// The whole platform on one machine: a database per service, the six services (identity among them, seeded with the
/// demo people and every client) and the gateway as separate processes. Stopping it stops every process.
/// </summary>
public sealed class LocalSystem : IAsyncDisposable
{
    public static readonly IReadOnlyList<ServiceDefinition> Services =
    [
        new("registration", "services/Registration/Registration.API", "DoanKetSangTao.Registration.API.dll", true),
        new("appraisal", "services/Appraisal/Appraisal.API", "DoanKetSangTao.Appraisal.API.dll", true),
        new("awards", "services/Awards/Awards.API", "DoanKetSangTao.Awards.API.dll", true),
        new("reporting", "services/Reporting/Reporting.API", "DoanKetSangTao.Reporting.API.dll", true),
        new("notification", "services/Notification/Notification.API", "DoanKetSangTao.Notification.API.dll", true),
        new("identity", "services/Identity/Identity.API", "DoanKetSangTao.Identity.API.dll", true),
    ];

    public static ServiceDefinition Identity => Services[^1];

    public static readonly ServiceDefinition Gateway = new("gateway", "gateway/Gateway", "DoanKetSangTao.Gateway.dll", false);

    private readonly LocalSystemOptions options;
    private readonly List<(ServiceDefinition Service, Process Process, string Log)> processes = [];

    private LocalSystem(LocalSystemOptions options) => this.options = options;

    public string GatewayUrl => $"http://127.0.0.1:{options.GatewayPort}";

    /// <summary>The identity service's public address (the gateway's): the issuer of every token, the services' authority.</summary>
    public string Issuer => GatewayUrl + "/";

    /// <summary>Signs people in as a browser would (code flow with PKCE through the provider's pages).</summary>
    public IdentityFlow Flow => new(new Uri(Issuer));

    /// <summary>Each platform service's client secret for this run (its client credentials at the identity service).</summary>
    public IReadOnlyDictionary<string, string> ServiceSecrets { get; } = Services.ToDictionary(s => s.Name,
        _ => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task<TokenSet>> signedIn = new(StringComparer.Ordinal);
    private string? identitySeed;

    /// <summary>The local SMS and Zalo provider servers, when <see cref="LocalSystemOptions.ProviderSimulators"/> started them.</summary>
    public ProviderServers? Providers { get; private set; }

    /// <summary>Where the services ask identity for their tokens: its own port, not the gateway, whose per-address limits are for the public.</summary>
    public Uri TokenEndpoint => new($"http://127.0.0.1:{HttpPort(Identity)}/connect/token");

    /// <summary>A platform service's client at identity for this run, to call gRPC methods as that service does.</summary>
    public DoanKetSangTao.ServiceDefaults.Security.ServiceClientCredentials ServiceClient(string service) =>
        new(DoanKetSangTao.ServiceDefaults.Security.PlatformScopes.ServiceClientId(service), ServiceSecrets[service], TokenEndpoint);

    /// <summary>The services this run starts (<see cref="LocalSystemOptions.OnlyServices"/>).</summary>
    private IEnumerable<ServiceDefinition> Started => Services.Where(s => options.OnlyServices?.Contains(s.Name) != false);

    public int HttpPort(ServiceDefinition service) => options.ServiceBasePort + (10 * (IndexOf(service) + 1));

    public int GrpcPort(ServiceDefinition service) => HttpPort(service) + 1;

    public string DatabaseName(ServiceDefinition service) => $"{options.DatabasePrefix}_{service.Name}";

    public static async Task<LocalSystem> StartAsync(LocalSystemOptions options, CancellationToken cancellationToken = default)
    {
        var system = new LocalSystem(options);
        try
        {
            Directory.CreateDirectory(Path.Combine(options.StateDirectory, "logs"));
            await system.CreateDatabasesAsync(cancellationToken);
            if (options.ProviderSimulators)
            {
                system.Providers = await ProviderServers.StartAsync(options.RepositoryRoot, options.Configuration, Path.Combine(options.StateDirectory, "logs"), cancellationToken);
            }

            foreach (var service in system.Started)
            {
                system.Launch(service, system.ServiceEnvironment(service));
            }

            system.Launch(Gateway, system.GatewayEnvironment());
            await Task.WhenAll(system.processes.Select(p => system.WaitReadyAsync(p.Service, p.Process, p.Log, cancellationToken)));
            if (system.Started.Contains(Services[0]))
            {
                await system.SeedDemoOrganizationsAsync(cancellationToken);
            }

            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A demo person's access token, got through the real sign-in (password, then the TOTP code for staff). One sign-in per
    /// person per run: the token is reused while it is valid, as a browser session would.
    /// </summary>
    public async Task<string> IssueTokenAsync(string userName, CancellationToken cancellationToken = default)
    {
        var person = DemoPeople.Named(userName);
        var tokens = await signedIn.GetOrAdd(userName, _ => Flow.SignInAsync(person.UserName, DemoPeople.Password,
            person.HasSecondFactor ? DemoPeople.AuthenticatorKey : null, CancellationToken.None)).WaitAsync(cancellationToken);
        return tokens.AccessToken;
    }

    /// <summary>
    /// The organization a demo person files initiatives under (registration's rule): the one their account belongs to, else the
    /// Front committee of the ward they live in.
    /// </summary>
    public static string FilingOrganization(string userName)
    {
        var person = DemoPeople.Named(userName);
        if (person.Organization is { } own)
        {
            return own;
        }

        var commune = person.AdminUnit.Split('/') is [_, _, var c] ? c : null;
        return DemoPeople.Organizations.FirstOrDefault(o => o.Kind == "front_committee" && o.CommuneCode == commune)?.Id
            ?? throw new InvalidOperationException($"Demo person {userName} has no organization and no ward with a Front committee to file through.");
    }

    /// <summary>
    /// The organizations the demo people work in, with the ids their tokens carry, written straight into
    /// registration's database (there is no API to choose an organization's id, rightly).
    /// </summary>
    private async Task SeedDemoOrganizationsAsync(CancellationToken ct)
    {
        var db = new NpgsqlConnectionStringBuilder(options.PostgresConnection) { Database = DatabaseName(Services[0]) };
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync(ct);
        foreach (var o in DemoPeople.Organizations)
        {
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO organizations (id, name, kind, province_code, commune_code, parent_id, created_by)
                VALUES (@id, @name, @kind, @province, @commune, @parent, 'launcher') ON CONFLICT (id) DO NOTHING
                """, connection);
            insert.Parameters.AddWithValue("id", Guid.Parse(o.Id));
            insert.Parameters.AddWithValue("name", o.Name);
            insert.Parameters.AddWithValue("kind", o.Kind);
            insert.Parameters.AddWithValue("province", o.ProvinceCode);
            insert.Parameters.AddWithValue("commune", (object?)o.CommuneCode ?? DBNull.Value);
            insert.Parameters.AddWithValue("parent", o.ParentId is null ? DBNull.Value : Guid.Parse(o.ParentId));
            await insert.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// What identity creates at its first start: the portal's client, the demo integration, each service's own client (with
    /// this run's secret and the scopes PlatformScopes.GrantedToService gives it) and the demo people.
    /// </summary>
    private string WriteIdentitySeed()
    {
        var clients = new List<object>
        {
            new { clientId = IdentityFlow.PortalClientId, displayName = "Cổng thông tin Đoàn kết sáng tạo",
                scopes = new[] { "openid", "profile", "email", "roles", "offline_access", "api" },
                redirectUris = new[] { IdentityFlow.PortalRedirectUri }, postLogoutRedirectUris = new[] { IdentityFlow.PortalRedirectUri } },
            // Another body's web application (a province's own portal, say): people are asked to agree once.
            new { clientId = IdentityFlow.ConsentClientId, displayName = "Ứng dụng thử nghiệm của tỉnh", scopes = new[] { "openid", "profile", "api" },
                redirectUris = new[] { IdentityFlow.ConsentRedirectUri }, consent = "explicit" },
            new { clientId = DemoPeople.IntegrationClientId, clientSecret = DemoPeople.IntegrationClientSecret,
                displayName = "Bảng thống kê phong trào Hà Nội (thử nghiệm)", scopes = new[] { "statistics.read" }, adminUnit = "VN/01" },
        };
        foreach (var (service, scopes) in DoanKetSangTao.ServiceDefaults.Security.PlatformScopes.GrantedToService)
        {
            clients.Add(new { clientId = DoanKetSangTao.ServiceDefaults.Security.PlatformScopes.ServiceClientId(service), clientSecret = ServiceSecrets[service], displayName = $"Dịch vụ {service}", scopes });
        }

        var people = DemoPeople.All.Select(p => new
        {
            id = p.Id, userName = p.UserName, fullName = p.Name, email = p.Email, password = DemoPeople.Password,
            assignments = new[] { new { role = p.Role, adminUnit = p.AdminUnit, organization = p.Organization is null ? (Guid?)null : Guid.Parse(p.Organization) } },
            authenticatorKey = p.HasSecondFactor ? DemoPeople.AuthenticatorKey : null,
        });
        var path = Path.Combine(options.StateDirectory, "identity-seed.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new { clients, people }));
        return path;
    }

    private async Task CreateDatabasesAsync(CancellationToken ct)
    {
        await using var admin = new NpgsqlConnection(options.PostgresConnection);
        await admin.OpenAsync(ct);
        foreach (var service in Started)
        {
            await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", admin);
            exists.Parameters.AddWithValue("name", DatabaseName(service));
            if ((long)(await exists.ExecuteScalarAsync(ct))! == 0)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{DatabaseName(service)}\" ENCODING 'UTF8' TEMPLATE template0", admin);
                await create.ExecuteNonQueryAsync(ct);
            }
        }
    }

    private Dictionary<string, string> CommonEnvironment(ServiceDefinition service)
    {
        var env = new Dictionary<string, string>
        {
            // Everything behaves as in production, but for plain HTTP on loopback.
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_NOLOGO"] = "1",
            // The identity service serves its metadata over plain HTTP on loopback only.
            ["Identity__RequireHttpsMetadata"] = "false",
            ["OTEL_SERVICE_NAME"] = service.Name,
        };
        env["Identity__Authority"] = Issuer;
        // The address the certificates' QR codes lead to: the gateway, which serves the verification page.
        env["Certificates__PublicBaseUrl"] = GatewayUrl;
        // The gallery's open-data catalogue links to the files at the same public address.
        env["Gallery__PublicBaseUrl"] = GatewayUrl;

        if (options.OtlpEndpoint is not null)
        {
            env["OTEL_EXPORTER_OTLP_ENDPOINT"] = options.OtlpEndpoint;
            env["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
            env["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        }

        return env;
    }

    /// <summary>A service's settings as this platform starts it (an operator command run beside it uses the same).</summary>
    public Dictionary<string, string> ServiceEnvironment(ServiceDefinition service)
    {
        var db = new NpgsqlConnectionStringBuilder(options.PostgresConnection) { Database = DatabaseName(service), MaxPoolSize = 30 };
        var env = CommonEnvironment(service);
        env["ConnectionStrings__Database"] = db.ConnectionString;
        env["ConnectionStrings__RabbitMq"] = options.RabbitUri;
        env["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{HttpPort(service)}";
        env["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{GrpcPort(service)}";
        env["Services__Registration__Grpc"] = $"http://127.0.0.1:{GrpcPort(Services[0])}";
        env["Services__Appraisal__Grpc"] = $"http://127.0.0.1:{GrpcPort(Services[1])}";
        // The service's own client for its gRPC calls.
        env["ServiceAuth__ClientSecret"] = ServiceSecrets[service.Name];
        env["ServiceAuth__TokenEndpoint"] = TokenEndpoint.ToString();
        env["Services__Identity__Grpc"] = $"http://127.0.0.1:{GrpcPort(Identity)}";
        env["Smtp__Host"] = options.SmtpHost;
        env["Smtp__Port"] = options.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (service.Name == "notification" && Providers is not null)
        {
            foreach (var (key, value) in Providers.NotificationSettings())
            {
                env[key] = value;
            }
        }

        if (service == Identity)
        {
            env["IdentityServer__Issuer"] = Issuer;
            env["IdentityServer__RequireHttps"] = "false";
            env["IdentityServer__SeedFile"] = identitySeed ??= WriteIdentitySeed();
            foreach (var (key, value) in options.IdentitySettings)
            {
                env[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }
        }

        if (options.ServiceSettings.TryGetValue(service.Name, out var settings))
        {
            foreach (var (key, value) in settings)
            {
                env[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }
        }

        return env;
    }

    private Dictionary<string, string> GatewayEnvironment()
    {
        var env = CommonEnvironment(Gateway);
        env["Kestrel__Endpoints__Http__Url"] = GatewayUrl;
        foreach (var service in Services)
        {
            env[$"ReverseProxy__Clusters__{service.Name}__Destinations__primary__Address"] = $"http://127.0.0.1:{HttpPort(service)}";
        }

        foreach (var (key, value) in options.GatewaySettings)
        {
            env[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return env;
    }

    /// <summary>The process id of a running service or of the gateway.</summary>
    public int ProcessId(ServiceDefinition service) => processes.Single(p => p.Service == service).Process.Id;

    /// <summary>Kills a service at once (SIGKILL, no draining), as a crash or an evicted pod would end it.</summary>
    public async Task KillAsync(ServiceDefinition service)
    {
        var process = processes.Single(p => p.Service == service).Process;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>Starts a service again after <see cref="KillAsync"/> and waits until it is ready.</summary>
    public async Task RestartAsync(ServiceDefinition service, CancellationToken cancellationToken = default)
    {
        var index = processes.FindIndex(p => p.Service == service);
        var old = processes[index];
        if (!old.Process.HasExited)
        {
            throw new InvalidOperationException($"{service.Name} still runs; kill it first.");
        }

        processes.RemoveAt(index);
        old.Process.Dispose();
        Launch(service, service == Gateway ? GatewayEnvironment() : ServiceEnvironment(service));
        var started = processes[^1];
        await WaitReadyAsync(started.Service, started.Process, started.Log, cancellationToken);
    }

    private void Launch(ServiceDefinition service, Dictionary<string, string> environment)
    {
        var directory = Path.Combine(options.RepositoryRoot, service.ProjectDirectory, "bin", options.Configuration, "net10.0");
        var assembly = Path.Combine(directory, service.Assembly);
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"{assembly} does not exist: build the solution in {options.Configuration} first.");
        }

        var log = Path.Combine(options.StateDirectory, "logs", service.Name + ".log");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {service.Name}.");
        var writer = new StreamWriter(log, append: false) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (writer) { writer.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (writer) { writer.WriteLine(e.Data); } } };
        process.Exited += (_, _) => { lock (writer) { writer.Flush(); } };
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        processes.Add((service, process, log));
    }

    private async Task WaitReadyAsync(ServiceDefinition service, Process process, string log, CancellationToken ct)
    {
        var url = service == Gateway ? $"{GatewayUrl}/health/ready" : $"http://127.0.0.1:{HttpPort(service)}/health/ready";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + options.ReadyTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{service.Name} exited with code {process.ExitCode}. Last lines of {log}:\n{Tail(log)}");
            }

            try
            {
                using var response = await http.GetAsync(url, ct);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }

            await Task.Delay(250, ct);
        }

        throw new TimeoutException($"{service.Name} was not ready at {url} within {options.ReadyTimeout.TotalSeconds:0} s. Last lines of {log}:\n{Tail(log)}");
    }

    private static string Tail(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return string.Join('\n', reader.ReadToEnd().Split('\n').TakeLast(30));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    private static int IndexOf(ServiceDefinition service)
    {
        for (var i = 0; i < Services.Count; i++)
        {
            if (Services[i] == service)
            {
                return i;
            }
        }

        throw new ArgumentException($"{service.Name} is not a service of the platform.", nameof(service));
    }

    /// <summary>Stops the gateway first, then the services, each with SIGTERM so it drains and flushes telemetry.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var (_, process, _) in Enumerable.Reverse(processes))
        {
            if (!process.HasExited)
            {
                _ = SysKill(process.Id, 15);
            }
        }

        foreach (var (_, process, _) in processes)
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
        }

        processes.Clear();
        if (Providers is not null)
        {
            await Providers.DisposeAsync();
            Providers = null;
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);
}

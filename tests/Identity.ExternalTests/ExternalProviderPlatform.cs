using System.Diagnostics;
using System.Text.Json;
using DoanKetSangTao.Launcher;
using DoanKetSangTao.Tests.Support;
using Npgsql;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace DoanKetSangTao.Tests.IdentityExternal;

/// <summary>A person of the external provider: their account there, and whether the provider verified their e-mail.</summary>
public sealed record ExternalPerson(Guid Id, string UserName, string FullName, string Email, bool EmailVerified);

/// <summary>
/// The platform as the launcher starts it, whose identity service offers one external provider: a second identity process
/// (same build, its own database, virtual host and seed) standing for the Front's SSO. It listens on 127.0.0.2 so that a
/// browser keeps its cookies apart from the platform's (cookies ignore ports), as two sites' would be.
/// </summary>
public sealed class ExternalProviderPlatform : IAsyncLifetime
{
    public const string ProviderName = "sso-thu";
    public const string ProviderDisplayName = "Đăng nhập bằng SSO thử nghiệm";
    private const string ClientId = "dkst-thu";

    /// <summary>At the provider: the same verified address as the demo council chair, and a role there that is not ours.</summary>
    public static readonly ExternalPerson Chair = new(Guid.Parse("0196a000-0000-7000-8000-000000000001"), "vinh.sso",
        "Lê Quang Vinh", DemoPeople.Named("chutich.hoidong.hanoi").Email, EmailVerified: true);

    /// <summary>At the provider: someone the platform does not know.</summary>
    public static readonly ExternalPerson Newcomer = new(Guid.Parse("0196a000-0000-7000-8000-000000000002"), "moi.sso",
        "Lý Thị Mới", "ly.thi.moi@sso-thu.example.vn", EmailVerified: true);

    /// <summary>At the provider: a demo council member's address, never verified there.</summary>
    public static readonly ExternalPerson Unverified = new(Guid.Parse("0196a000-0000-7000-8000-000000000003"), "tuan.sso",
        "Phan Minh Tuấn", DemoPeople.Named("uyvien.hoidong.hanoi").Email, EmailVerified: false);

    private readonly string clientSecret = Convert.ToBase64String(global::System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private RabbitVirtualHost? vhost;
    private RabbitVirtualHost? providerVhost;
    private PostgresDatabase? providerDatabase;
    private Process? provider;
    private string prefix = string.Empty;

    public LocalSystem System { get; private set; } = null!;

    /// <summary>The external provider's issuer (its own address, not behind the platform's gateway).</summary>
    public Uri ProviderIssuer { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        vhost = await RabbitVirtualHost.CreateAsync("ext");
        providerVhost = await RabbitVirtualHost.CreateAsync("extidp");
        providerDatabase = await PostgresDatabase.CreateAsync("extidp");
        prefix = TestInfrastructure.UniqueName("ext")[..20];
        var options = TestPlatform.Options(prefix, vhost.Uri);
        ProviderIssuer = new Uri($"http://127.0.0.2:{TestInfrastructure.FreeTcpPort()}/");
        var callback = $"http://127.0.0.1:{options.GatewayPort}/account/external/callback/{ProviderName}";
        provider = await StartProviderAsync(options, callback);
        System = await LocalSystem.StartAsync(options with
        {
            IdentitySettings = new Dictionary<string, string>
            {
                ["IdentityServer:ExternalProviders:0:Name"] = ProviderName,
                ["IdentityServer:ExternalProviders:0:DisplayName"] = ProviderDisplayName,
                ["IdentityServer:ExternalProviders:0:Authority"] = ProviderIssuer.ToString(),
                ["IdentityServer:ExternalProviders:0:ClientId"] = ClientId,
                ["IdentityServer:ExternalProviders:0:ClientSecret"] = clientSecret,
            },
        });
    }

    /// <summary>A value from the platform identity service's own database.</summary>
    public async Task<long> CountAsync(string sql, object parameters)
    {
        var builder = new NpgsqlConnectionStringBuilder(TestInfrastructure.PostgresConnection) { Database = $"{prefix}_identity" };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, sql, parameters);
    }

    private async Task<Process> StartProviderAsync(LocalSystemOptions options, string callback)
    {
        // Its people hold a role at the provider that differs from anything the platform gives them: a token that carried it
        // would show that roles leaked from the provider.
        var seed = new
        {
            clients = new[]
            {
                new { clientId = ClientId, clientSecret, displayName = "Đoàn kết sáng tạo", scopes = new[] { "openid", "profile", "email" }, redirectUris = new[] { callback } },
            },
            people = new[] { Chair, Newcomer, Unverified }.Select(p => new
            {
                id = p.Id, userName = p.UserName, fullName = p.FullName, email = p.Email, password = DemoPeople.Password, emailConfirmed = p.EmailVerified,
                assignments = new[] { new { role = "author", adminUnit = "VN/79" } },
            }),
        };
        Directory.CreateDirectory(options.StateDirectory);
        var seedFile = Path.Combine(options.StateDirectory, "external-provider-seed.json");
        await File.WriteAllTextAsync(seedFile, JsonSerializer.Serialize(seed));

        var directory = Path.Combine(options.RepositoryRoot, LocalSystem.Identity.ProjectDirectory, "bin", options.Configuration, "net10.0");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(directory, LocalSystem.Identity.Assembly));
        var issuer = ProviderIssuer.ToString();
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_NOLOGO"] = "1",
            ["ConnectionStrings__Database"] = providerDatabase!.ConnectionString,
            ["ConnectionStrings__RabbitMq"] = providerVhost!.Uri,
            ["Kestrel__Endpoints__Http__Url"] = issuer.TrimEnd('/'),
            ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.2:{TestInfrastructure.FreeTcpPort()}",
            ["Smtp__Host"] = options.SmtpHost,
            ["Smtp__Port"] = options.SmtpPort.ToString(global::System.Globalization.CultureInfo.InvariantCulture),
            ["Identity__Authority"] = issuer,
            ["Identity__RequireHttpsMetadata"] = "false",
            ["ServiceAuth__Key"] = Convert.ToBase64String(global::System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["IdentityServer__Issuer"] = issuer,
            ["IdentityServer__RequireHttps"] = "false",
            // Its people sign in with addresses it never verified: what the last test needs a provider to say.
            ["IdentityServer__RequireConfirmedEmail"] = "false",
            ["IdentityServer__SeedFile"] = seedFile,
        })
        {
            start.Environment[key] = value;
        }

        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the external provider.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { log.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { log.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            await TestInfrastructure.EventuallyAsync<string>(async () =>
            {
                if (process.HasExited)
                {
                    return "exited";
                }

                try
            {
                using var ready = await http.GetAsync(new Uri(ProviderIssuer, "health/ready"));
                return ready.IsSuccessStatusCode ? "ready" : null;
            }
            catch (HttpRequestException)
            {
                return null;
            }
            catch (TaskCanceledException)
            {
                return null;
            }
            }, TimeSpan.FromSeconds(120), "the external provider to be ready");
        }
        catch (TimeoutException e)
        {
            throw new InvalidOperationException($"{e.Message} Its last lines:\n{string.Join('\n', log.TakeLast(40))}", e);
        }

        if (process.HasExited)
        {
            throw new InvalidOperationException($"The external provider exited ({process.ExitCode}):\n{string.Join('\n', log.TakeLast(40))}");
        }

        return process;
    }


    public async Task DisposeAsync()
    {
        if (System is not null)
        {
            await System.DisposeAsync();
        }

        if (provider is not null)
        {
            provider.Kill(entireProcessTree: true);
            await provider.WaitForExitAsync();
            provider.Dispose();
        }

        await TestPlatform.DropDatabasesAsync(prefix);
        foreach (var resource in new IAsyncDisposable?[] { providerDatabase, providerVhost, vhost })
        {
            if (resource is not null)
            {
                await resource.DisposeAsync();
            }
        }
    }
}

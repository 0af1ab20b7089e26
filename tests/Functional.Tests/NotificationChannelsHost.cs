extern alias notification;

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.ProviderSimulators;
using DoanKetSangTao.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using NDomain = notification::DoanKetSangTao.Notification.API.Domain;
using NInfrastructure = notification::DoanKetSangTao.Notification.API.Infrastructure;

namespace DoanKetSangTao.Tests.Functional;

/// <summary>
/// The notification service alone with the local eSMS and Zalo ZNS servers (tests/ProviderSimulators) beside it, on a
/// database and virtual host of its own, configured as ServiceHost configures it plus the <c>Sms</c>/<c>Zalo</c> settings
/// each subclass gives (none: the providers stay off). No quiet hours and a one-second poll, so that retries are seen soon
/// whatever the hour in Vietnam.
/// </summary>
public abstract class NotificationChannelsHost : IAsyncLifetime
{
    public const string ApiKey = "khoa-api-thu-nghiem";
    public const string SecretKey = "khoa-bi-mat-thu-nghiem";
    public const string Brandname = "MTTQ_VN";
    public const string AccessToken = "ma-truy-cap-oa-thu-nghiem";

    private PostgresDatabase? database;
    private RabbitVirtualHost? vhost;
    private RunningSimulators? simulators;
    private WebApplicationFactory<notification::Program>? factory;
    private readonly List<WebApplicationFactory<notification::Program>> replicas = [];

    private readonly TestTokenIssuer tokens = new();

    public IServiceProvider Services => factory!.Services;

    public Uri SimulatorAddress => simulators!.BaseAddress;

    /// <summary>How many replicas of the service share the database, the broker and the simulators (the first is <see cref="Services"/>).</summary>
    protected virtual int Replicas => 1;

    /// <summary>The simulators' own settings beyond the credentials (Zalo's OAuth side: <c>Zalo:AppId</c>, …).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> SimulatorSettings => [];

    /// <summary>The service's settings for its providers, given where the simulators listen.</summary>
    protected abstract IEnumerable<KeyValuePair<string, string?>> ProviderSettings(Uri simulators);

    public async Task InitializeAsync()
    {
        database = await PostgresDatabase.CreateAsync("fnch");
        vhost = await RabbitVirtualHost.CreateAsync("fnch");
        // The simulators take only the credentials the service is given: a wrong key would be refused as eSMS and Zalo refuse it.
        simulators = await ProviderSimulator.StartAsync(0, new Dictionary<string, string?>
        {
            ["Esms:ApiKey"] = ApiKey, ["Esms:SecretKey"] = SecretKey, ["Zalo:AccessToken"] = AccessToken,
        }.Concat(SimulatorSettings).ToDictionary());
        var settings = new Dictionary<string, string?>(tokens.Settings)
        {
            ["ConnectionStrings:Database"] = database.ConnectionString,
            ["ConnectionStrings:RabbitMq"] = vhost.Uri,
            ["ServiceAuth:ClientSecret"] = "bi-mat-cua-dich-vu-khi-kiem-thu-kenh-gui",
            ["ServiceAuth:TokenEndpoint"] = $"http://127.0.0.1:{TestInfrastructure.FreeTcpPort()}/connect/token",
            ["Services:Registration:Grpc"] = $"http://127.0.0.1:{TestInfrastructure.FreeTcpPort()}",
            ["Services:Appraisal:Grpc"] = $"http://127.0.0.1:{TestInfrastructure.FreeTcpPort()}",
            ["Services:Identity:Grpc"] = $"http://127.0.0.1:{TestInfrastructure.FreeTcpPort()}",
            ["Smtp:Host"] = TestInfrastructure.SmtpHost,
            ["Smtp:Port"] = TestInfrastructure.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Deliveries:PollInterval"] = "00:00:01",
            ["Deliveries:QuietFrom"] = "00:00",
            ["Deliveries:QuietUntil"] = "00:00",
        };
        foreach (var (key, value) in ProviderSettings(simulators.BaseAddress))
        {
            settings[key] = value;
        }

        factory = new Factory(settings);
        await ReadyAsync(factory);
        for (var i = 1; i < Replicas; i++)
        {
            var replica = new Factory(settings);
            replicas.Add(replica);
            await ReadyAsync(replica);
        }
    }

    private static Task ReadyAsync(WebApplicationFactory<notification::Program> service) => TestInfrastructure.EventuallyAsync(async () =>
    {
        using var client = service.CreateClient();
        using var response = await client.GetAsync("/health/ready");
        return response.StatusCode == HttpStatusCode.OK ? "ready" : null;
    }, TimeSpan.FromSeconds(60), "the notification service to be ready");

    /// <summary>A client of the service, signed in as the person when one is given.</summary>
    public HttpClient Client(Person? person = null)
    {
        var http = factory!.CreateClient();
        if (person is not null)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
                tokens.Token(person.Id, person.Name, person.Role, person.Scope, person.Organization));
        }

        return http;
    }

    /// <summary>Tells the person of a notice as a consumer does: the dispatcher plans it by their preferences and queues it.</summary>
    public async Task DispatchAsync(NDomain.Notice notice)
    {
        var database = Services.GetRequiredService<ServiceDatabase>();
        var dispatcher = Services.GetRequiredService<NInfrastructure.NotificationDispatcher>();
        await using var session = await database.BeginAsync(CancellationToken.None);
        await dispatcher.SendAsync(session, notice, Guid.CreateVersion7(), CancellationToken.None);
        await session.CommitAsync(CancellationToken.None);
    }

    /// <summary>A client of the simulators' own API (<c>/_sim/…</c>), as the tests and the demo drive them.</summary>
    public HttpClient Simulators() => new() { BaseAddress = simulators!.BaseAddress };

    /// <summary>What a simulator received for a phone number, in the provider's own form (0… for eSMS, 84… for Zalo).</summary>
    public async Task<JsonArray> ReceivedAsync(string provider, string phone)
    {
        using var http = Simulators();
        return (await http.GetFromJsonAsync<JsonArray>($"_sim/messages?provider={provider}&phone={phone}"))!;
    }

    public async Task TellToFailAsync(Fault fault)
    {
        using var http = Simulators();
        using var response = await http.PostAsJsonAsync("_sim/faults", fault);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Queues a notice as the dispatcher does, for the given channels in fallback order, and answers nothing: find it by address.</summary>
    public async Task EnqueueAsync(NDomain.Notice notice, params (string Channel, string Address)[] steps)
    {
        var database = Services.GetRequiredService<ServiceDatabase>();
        await using var session = await database.BeginAsync(CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        await NInfrastructure.DeliveryStore.EnqueueAsync(session, null, notice, steps.Select(s => new NDomain.ChannelStep(s.Channel, s.Address, now)).ToList(),
            CancellationToken.None);
        await session.CommitAsync(CancellationToken.None);
    }

    /// <summary>Several notices queued in one transaction: due together, seen by the same claim.</summary>
    public async Task EnqueueAllAsync(IEnumerable<(NDomain.Notice Notice, string Channel, string Address)> deliveries)
    {
        var database = Services.GetRequiredService<ServiceDatabase>();
        await using var session = await database.BeginAsync(CancellationToken.None);
        foreach (var (notice, channel, address) in deliveries)
        {
            await NInfrastructure.DeliveryStore.EnqueueAsync(session, null, notice, [new NDomain.ChannelStep(channel, address, DateTimeOffset.UtcNow)], CancellationToken.None);
        }

        await session.CommitAsync(CancellationToken.None);
    }

    public sealed record DeliveryRecord(Guid Id, string Channel, string Address, string Status, int Attempts, string? ProviderMessageId, Guid? FallbackOf, DateTime? LeaseUntil);

    public sealed record AttemptRecord(Guid DeliveryId, int Attempt, string Channel, string Outcome, string? ProviderMessageId, string? Error);

    public async Task<IReadOnlyList<DeliveryRecord>> DeliveriesToAsync(params string[] addresses)
    {
        await using var connection = new NpgsqlConnection(database!.ConnectionString);
        return (await connection.QueryAsync<DeliveryRecord>(
            """
            SELECT id AS Id, channel AS Channel, address AS Address, status AS Status, attempts AS Attempts,
                   provider_message_id AS ProviderMessageId, fallback_of AS FallbackOf, lease_until AS LeaseUntil
            FROM deliveries WHERE address = ANY(@addresses) ORDER BY created_at, id
            """, new { addresses })).ToList();
    }

    /// <summary>Runs SQL on the service's database, as an operator or the clock would (making a digest due).</summary>
    public async Task ExecuteAsync(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(database!.ConnectionString);
        await connection.ExecuteAsync(sql, parameters);
    }

    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(database!.ConnectionString);
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    public async Task<IReadOnlyList<AttemptRecord>> AttemptsAsync(Guid deliveryId)
    {
        await using var connection = new NpgsqlConnection(database!.ConnectionString);
        return (await connection.QueryAsync<AttemptRecord>(
            """
            SELECT delivery_id AS DeliveryId, attempt AS Attempt, channel AS Channel, outcome AS Outcome,
                   provider_message_id AS ProviderMessageId, error AS Error
            FROM delivery_attempts WHERE delivery_id = @deliveryId ORDER BY id
            """, new { deliveryId })).ToList();
    }

    public async Task DisposeAsync()
    {
        foreach (var replica in replicas)
        {
            await replica.DisposeAsync();
        }

        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        if (simulators is not null)
        {
            await simulators.DisposeAsync();
        }

        if (vhost is not null)
        {
            await vhost.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }

        tokens.Dispose();
    }

    /// <summary>A fresh Vietnamese mobile number as a person might write it, and its national form.</summary>
    public static (string Written, string National, string International) NewPhone()
    {
        var subscriber = "9" + Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        return ($"+84 {subscriber[..2]} {subscriber[2..5]} {subscriber[5..]}", "0" + subscriber, "84" + subscriber);
    }

    private sealed class Factory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<notification::Program>
    {
        protected override IHost CreateHost(IHostBuilder builder)
        {
            builder.ConfigureHostConfiguration(c => c.AddInMemoryCollection(settings));
            return base.CreateHost(builder);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseEnvironment(Environments.Production);
    }
}

/// <summary>Both providers switched on, without limits.</summary>
public sealed class ProvidersOnHost : NotificationChannelsHost
{
    protected override IEnumerable<KeyValuePair<string, string?>> ProviderSettings(Uri simulators) => new Dictionary<string, string?>
    {
        ["Sms:BaseUrl"] = simulators.ToString(), ["Sms:ApiKey"] = ApiKey, ["Sms:SecretKey"] = SecretKey, ["Sms:Brandname"] = Brandname,
        ["Zalo:BaseUrl"] = simulators.ToString(), ["Zalo:AccessToken"] = AccessToken,
    };
}

/// <summary>SMS switched on with a rate (2 a second) and a daily quota (6).</summary>
public sealed class ProvidersLimitedHost : NotificationChannelsHost
{
    public const double PerSecond = 2;
    public const int PerDay = 6;

    protected override IEnumerable<KeyValuePair<string, string?>> ProviderSettings(Uri simulators) => new Dictionary<string, string?>
    {
        ["Sms:BaseUrl"] = simulators.ToString(), ["Sms:ApiKey"] = ApiKey, ["Sms:SecretKey"] = SecretKey, ["Sms:Brandname"] = Brandname,
        ["Sms:PerSecond"] = PerSecond.ToString(CultureInfo.InvariantCulture), ["Sms:PerDay"] = PerDay.ToString(CultureInfo.InvariantCulture),
    };
}

/// <summary>Two replicas on one queue, SMS switched on with a daily quota (6) and no rate: the quota holds across them.</summary>
public sealed class ProvidersQuotaReplicasHost : NotificationChannelsHost
{
    public const int PerDay = 6;

    protected override int Replicas => 2;

    protected override IEnumerable<KeyValuePair<string, string?>> ProviderSettings(Uri simulators) => new Dictionary<string, string?>
    {
        ["Sms:BaseUrl"] = simulators.ToString(), ["Sms:ApiKey"] = ApiKey, ["Sms:SecretKey"] = SecretKey, ["Sms:Brandname"] = Brandname,
        ["Sms:PerDay"] = PerDay.ToString(CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// Two replicas with Zalo on OAuth: the app's id and secret and a first refresh token, no fixed access token; the local Zalo
/// server issues 25-hour tokens at its OAuth v4 endpoint and takes only those.
/// </summary>
public sealed class ProvidersZaloOAuthHost : NotificationChannelsHost
{
    public const string AppId = "2914760038455017";
    public const string AppSecret = "bi-mat-ung-dung-zalo";
    public const string FirstRefreshToken = "ma-lam-moi-dau-tien";

    protected override int Replicas => 2;

    protected override IEnumerable<KeyValuePair<string, string?>> SimulatorSettings => new Dictionary<string, string?>
    {
        ["Zalo:AppId"] = AppId, ["Zalo:SecretKey"] = AppSecret, ["Zalo:RefreshToken"] = FirstRefreshToken,
    };

    protected override IEnumerable<KeyValuePair<string, string?>> ProviderSettings(Uri simulators) => new Dictionary<string, string?>
    {
        ["Zalo:BaseUrl"] = simulators.ToString(), ["Zalo:AppId"] = AppId, ["Zalo:AppSecret"] = AppSecret, ["Zalo:RefreshToken"] = FirstRefreshToken,
        ["Zalo:OAuthUrl"] = new Uri(simulators, "v4/oa/access_token").ToString(),
    };
}

/// <summary>Two replicas on one database and broker, e-mail only, registrations gathered into digests.</summary>
public sealed class NotificationReplicasHost : NotificationChannelsHost
{
    protected override int Replicas => 2;

    protected override IEnumerable<KeyValuePair<string, string?>> ProviderSettings(Uri simulators) => new Dictionary<string, string?>
    {
        ["Digests:Kinds:0"] = "initiative_registered", ["Digests:PollInterval"] = "00:00:01",
    };
}

/// <summary>No Sms or Zalo settings but the address of a running simulator: the providers must stay off.</summary>
public sealed class ProvidersOffHost : NotificationChannelsHost
{
    protected override IEnumerable<KeyValuePair<string, string?>> ProviderSettings(Uri simulators) => new Dictionary<string, string?>
    {
        // Half a configuration is none: an address without credentials switches nothing on.
        ["Sms:BaseUrl"] = simulators.ToString(), ["Zalo:BaseUrl"] = simulators.ToString(),
    };
}

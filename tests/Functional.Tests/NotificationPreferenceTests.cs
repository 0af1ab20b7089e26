extern alias notification;

using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Tests.Support;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using notification::DoanKetSangTao.Notification.API.Channels;

namespace DoanKetSangTao.Tests.Functional;

/// <summary>
/// Notification preferences, the inbox's counters and pages, and digests, on a notification service configured for them:
/// quiet hours around the current time, an SMS channel (a stand-in for the provider, which records what it is handed),
/// and case assignments gathered into digests for whoever chose one.
/// </summary>
public sealed class NotificationPreferenceTests(PreferenceHost host) : IClassFixture<PreferenceHost>
{
    private const string Preferences = "/api/v1/notification-preferences";

    private static Person Someone(string role, Guid? organization = null) =>
        new($"nguoi.{Guid.NewGuid():N}", "Lê Thị Hoa", role, "VN/01/00004", organization);

    private static string EmailOf(Person person) => $"{person.Id}@example.vn";

    private static InitiativeRegistered Registered(Person author, string title) => new(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(),
        title, "sang_kien", Guid.NewGuid(), "01", "00004", author.Id, author.Name, EmailOf(author));

    private static AppraisalCaseAssigned Assigned(Person member, string title) => new(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(),
        "Hội đồng thẩm định cấp tỉnh", Guid.NewGuid(), title, Guid.NewGuid(), member.Id, member.Name, EmailOf(member));

    private static Task<JsonArray> InboxAsync(HttpClient client, int count, string? query = null) => TestInfrastructure.EventuallyAsync(async () =>
        (await client.GetJsonAsync($"/api/v1/notifications?limit=100{query}", HttpStatusCode.OK)).AsArray() is var all && all.Count >= count ? all : null,
        TimeSpan.FromSeconds(30), $"{count} notices in the inbox");

    private static Task<MimeKit.MimeMessage> LetterAsync(string address, string containing) => TestInfrastructure.EventuallyAsync(() => Task.FromResult(
        Mailbox.To(address).FirstOrDefault(m => $"{m.Subject}\n{m.TextBody}".Contains(containing, StringComparison.Ordinal))),
        TimeSpan.FromSeconds(30), $"a letter to {address} with “{containing}”");

    [Fact]
    public async Task A_person_reads_the_defaults_sets_a_phone_in_one_form_and_bad_input_stores_nothing()
    {
        using var hoa = host.Client(Someone(PlatformRoles.Author));
        var defaults = await hoa.GetJsonAsync(Preferences, HttpStatusCode.OK);
        Assert.Null(defaults["phone"]);
        Assert.Equal("immediate", defaults.Str("digest"));
        var categories = defaults["categories"]!.AsArray();
        Assert.Equal(8, categories.Count);
        Assert.All(categories, c => Assert.Equal(["email"], c!["channels"]!.AsArray().Select(x => x!.GetValue<string>())));
        Assert.True(categories.Single(c => c!.Str("code") == "account_security")!["critical"]!.GetValue<bool>());
        Assert.Equal("An toàn tài khoản", categories.Single(c => c!.Str("code") == "account_security")!.Str("name"));
        var channels = defaults["channels"]!.AsArray().ToDictionary(c => c!.Str("code"), c => c!["available"]!.GetValue<bool>());
        Assert.Equal(new Dictionary<string, bool> { ["in_app"] = true, ["email"] = true, ["sms"] = false, ["zalo"] = false }, channels);

        var saved = await hoa.PutJsonAsync(Preferences, new
        {
            phone = "0912 345 678", digest = "daily", quietHours = new { from = "22:00", until = "06:30" },
            categories = new[] { new { category = "registration", channels = new[] { "email", "sms" } }, new { category = "awards", channels = Array.Empty<string>() } },
        }, HttpStatusCode.OK);
        Assert.Equal("+84912345678", saved.Str("phone"));
        var read = await hoa.GetJsonAsync(Preferences, HttpStatusCode.OK);
        Assert.Equal("+84912345678", read.Str("phone"));
        Assert.Equal("daily", read.Str("digest"));
        Assert.Equal("06:30", read["quietHours"]!.Str("until"));
        Assert.Equal(["sms", "email"], Channels(read, "registration"));
        Assert.Empty(Channels(read, "awards"));
        Assert.True(read["channels"]!.AsArray().Single(c => c!.Str("code") == "sms")!["available"]!.GetValue<bool>());

        // A landline, Zalo for a category, a made-up channel: refused whole, with each field named; nothing changes.
        foreach (var bad in new object?[]
        {
            new { phone = "024 3825 3456", categories = new[] { new { category = "registration", channels = new[] { "zalo" } } } },
            new { phone = (string?)null, categories = new[] { new { category = "awards", channels = new[] { "sms" } } } },
            new { phone = "0912345678", categories = new[] { new { category = "awards", channels = new[] { "fax" } } } },
            new { phone = "0912345678", digest = "hourly" },
            new { phone = "0912345678", quietHours = new { from = "22h", until = "6h" } },
        })
        {
            var problem = await hoa.PutJsonAsync(Preferences, bad!, HttpStatusCode.BadRequest);
            Assert.Equal("validation_failed", problem.Str("code"));
            Assert.NotEmpty(problem["errors"]!.AsObject());
        }

        // No JSON at all: a problem too.
        using var nothing = await hoa.PutAsync(Preferences, new StringContent("null", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, nothing.StatusCode);
        Assert.Equal("application/problem+json", nothing.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(JsonNode.Parse(await nothing.Content.ReadAsStringAsync())!["code"]);

        Assert.Equal(read.ToJsonString(), (await hoa.GetJsonAsync(Preferences, HttpStatusCode.OK)).ToJsonString());
    }

    private static IEnumerable<string> Channels(JsonNode preferences, string category) =>
        preferences["categories"]!.AsArray().Single(c => c!.Str("code") == category)!["channels"]!.AsArray().Select(x => x!.GetValue<string>());

    [Fact]
    public async Task A_muted_category_reaches_the_inbox_only_while_others_still_go_by_email()
    {
        var author = Someone(PlatformRoles.Author);
        using var client = host.Client(author);
        await client.PutJsonAsync(Preferences, new { categories = new[] { new { category = "registration", channels = Array.Empty<string>() } } }, HttpStatusCode.OK);

        var muted = $"Sáng kiến tắt thư {Guid.NewGuid():N}";
        await host.PublishAsync(Registered(author, muted));
        await InboxAsync(client, 1);

        // Signal: a notice of another category, published after, is mailed; the muted one, queued first if at all, never was.
        var told = $"Hồ sơ vẫn gửi thư {Guid.NewGuid():N}";
        await host.PublishAsync(Assigned(author, told));
        await LetterAsync(EmailOf(author), told);
        Assert.DoesNotContain(Mailbox.To(EmailOf(author)), m => $"{m.Subject}\n{m.TextBody}".Contains(muted, StringComparison.Ordinal));
        Assert.Equal(1L, await host.ScalarAsync<long>("SELECT count(*) FROM deliveries WHERE recipient_id = @p", author.Id));
        Assert.Equal(2, (await InboxAsync(client, 2)).Count);
    }

    [Fact]
    public async Task An_account_letter_ignores_a_mute_of_every_category()
    {
        var person = Someone(PlatformRoles.FrontOfficer);
        using var client = host.Client(person);
        var all = await client.GetJsonAsync(Preferences, HttpStatusCode.OK);
        var mutes = all["categories"]!.AsArray().Select(c => new { category = c!.Str("code"), channels = Array.Empty<string>() }).ToArray();
        var saved = await client.PutJsonAsync(Preferences, new { categories = mutes }, HttpStatusCode.OK);
        Assert.Equal(["email"], Channels(saved, "account_security"));
        Assert.Empty(Channels(saved, "registration"));

        var subject = $"Đặt lại mật khẩu {Guid.NewGuid():N}";
        await host.PublishAsync(new AccountMessageRequested(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), AccountMessageRequested.PasswordReset,
            EmailOf(person), person.Name, subject, "Mở liên kết sau để đặt lại mật khẩu: http://127.0.0.1/dat-lai"));
        var letter = await LetterAsync(EmailOf(person), subject);
        Assert.Contains("đặt lại mật khẩu", letter.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quiet_hours_hold_an_sms_until_the_window_ends_with_email_as_its_fallback()
    {
        var author = Someone(PlatformRoles.Author);
        using var client = host.Client(author);
        await client.PutJsonAsync(Preferences, new { phone = "+84 912 345 678", categories = new[] { new { category = "registration", channels = new[] { "sms", "email" } } } },
            HttpStatusCode.OK);

        await host.PublishAsync(Registered(author, $"Sáng kiến chờ sáng {Guid.NewGuid():N}"));
        var notice = (await InboxAsync(client, 1))[0]!;

        var row = await host.RowAsync(
            "SELECT channel, address, status, next_attempt_at, fallback::text FROM deliveries WHERE notification_id = @p", Guid.Parse(notice.Str("id")));
        Assert.Equal("sms", row[0]);
        Assert.Equal("+84912345678", row[1]);
        Assert.Equal("pending", row[2]);
        Assert.Equal(host.QuietWindowEnds, new DateTimeOffset((DateTime)row[3]));
        Assert.Contains("\"email\"", (string)row[4], StringComparison.Ordinal);
        Assert.DoesNotContain(host.Sms.Sent, m => m.Address == "+84912345678" && m.DeliveryId.ToString() == notice.Str("id"));
    }

    [Fact]
    public async Task The_inbox_counts_unread_pages_stably_and_marks_all_read_with_the_units_inbox()
    {
        var unit = Guid.NewGuid();
        var officer = Someone(PlatformRoles.MemberOrganizationOfficer, unit);
        using var client = host.Client(officer);
        for (var i = 1; i <= 4; i++)
        {
            await host.PublishAsync(Registered(officer, $"Sáng kiến số {i}"));
            await InboxAsync(client, i);
        }

        await host.PublishAsync(new CommendationDecided(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), "mttq:VN/01", "Ủy ban MTTQ Việt Nam thành phố Hà Nội",
            "province", "01", null, "9/QĐ-MTTQ", DateOnly.FromDateTime(DateTime.UtcNow), "bang_khen_tinh", "Bằng khen",
            [new CommendedRecipient(Guid.NewGuid(), "collective", "Chi hội phụ nữ tổ 5", null, null, null, "01", "00004", null, null, null, unit)]));
        var all = await InboxAsync(client, 5);
        Assert.Equal(5, (await client.GetJsonAsync("/api/v1/notifications/unread-count", HttpStatusCode.OK))["unread"]!.GetValue<int>());

        var first = (await client.GetJsonAsync("/api/v1/notifications?limit=3", HttpStatusCode.OK)).AsArray();
        Assert.Equal(all.Take(3).Select(n => n!.Str("id")), first.Select(n => n!.Str("id")));

        // A notice that arrives between two pages shifts nothing: the next page starts after the last one read.
        await host.PublishAsync(Registered(officer, "Sáng kiến đến giữa chừng"));
        await InboxAsync(client, 6);
        var second = (await client.GetJsonAsync($"/api/v1/notifications?limit=3&before={first[2]!.Str("id")}", HttpStatusCode.OK)).AsArray();
        Assert.Equal(all.Skip(3).Select(n => n!.Str("id")), second.Select(n => n!.Str("id")));
        Assert.Empty((await client.GetJsonAsync($"/api/v1/notifications?before={second[^1]!.Str("id")}", HttpStatusCode.OK)).AsArray());
        await client.GetJsonAsync($"/api/v1/notifications?before={Guid.NewGuid()}", HttpStatusCode.BadRequest);
        await client.GetJsonAsync("/api/v1/notifications?before=khong-phai-ma", HttpStatusCode.BadRequest);

        // Someone else's notice is no cursor of theirs either.
        using var other = host.Client(Someone(PlatformRoles.Author));
        await other.GetJsonAsync($"/api/v1/notifications?before={first[0]!.Str("id")}", HttpStatusCode.BadRequest);

        await client.PostJsonAsync($"/api/v1/notifications/{first[0]!.Str("id")}/read", new { }, HttpStatusCode.NoContent);
        Assert.Equal(5, (await client.GetJsonAsync("/api/v1/notifications/unread-count", HttpStatusCode.OK))["unread"]!.GetValue<int>());
        Assert.Equal(5, (await client.PostJsonAsync("/api/v1/notifications/read-all", new { }, HttpStatusCode.OK))["marked"]!.GetValue<int>());
        Assert.Equal(0, (await client.GetJsonAsync("/api/v1/notifications/unread-count", HttpStatusCode.OK))["unread"]!.GetValue<int>());
        Assert.Empty((await client.GetJsonAsync("/api/v1/notifications?unreadOnly=true", HttpStatusCode.OK)).AsArray());
        Assert.Equal(0, (await other.PostJsonAsync("/api/v1/notifications/read-all", new { }, HttpStatusCode.OK))["marked"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_daily_digest_holds_every_waiting_notice_in_one_message_at_0730()
    {
        var member = Someone(PlatformRoles.CouncilMember);
        using var client = host.Client(member);
        await client.PutJsonAsync(Preferences, new { digest = "daily" }, HttpStatusCode.OK);

        var titles = Enumerable.Range(1, 3).Select(i => $"Hồ sơ tổng hợp {i} {Guid.NewGuid():N}").ToList();
        foreach (var title in titles)
        {
            await host.PublishAsync(Assigned(member, title));
        }

        await InboxAsync(client, 3);
        // Filed with the notices, in their transactions: no message each, one digest of three for the next 07:30 in Vietnam.
        Assert.Equal(0L, await host.ScalarAsync<long>("SELECT count(*) FROM deliveries WHERE recipient_id = @p", member.Id));
        var local = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7));
        var sevenThirty = new DateTimeOffset(local.Date.AddHours(7.5), TimeSpan.FromHours(7));
        var due = await host.RowAsync("SELECT sends_at, (SELECT count(*) FROM digest_items i WHERE i.digest_id = d.id) FROM digests d WHERE recipient_id = @p", member.Id);
        Assert.Equal(sevenThirty > local ? sevenThirty : sevenThirty.AddDays(1), new DateTimeOffset((DateTime)due[0]));
        Assert.Equal(3L, due[1]);

        // 07:30 comes: the digest is made due and its sender woken.
        await host.ScalarAsync<object>("UPDATE digests SET next_attempt_at = now() WHERE recipient_id = @p; SELECT pg_notify('dkst_digest', '')", member.Id);
        var digest = await LetterAsync(EmailOf(member), "Tổng hợp 3 thông báo");
        Assert.All(titles, t => Assert.Contains(t, digest.TextBody, StringComparison.Ordinal));
        Assert.Single(Mailbox.To(EmailOf(member)));
        Assert.Equal("sent", (await host.RowAsync("SELECT status FROM digests WHERE recipient_id = @p", member.Id))[0]);
    }
}

/// <summary>
/// The notification service as <see cref="ServiceHost{TProgram}"/> runs it, plus: quiet hours from an hour ago to an hour
/// from now (Vietnam time), an SMS channel that records what it is handed, and case assignments gathered into digests.
/// </summary>
public sealed class PreferenceHost : IAsyncLifetime
{
    private PostgresDatabase? database;
    private RabbitVirtualHost? vhost;
    private IBusControl? bus;
    private Factory? factory;
    private readonly TestTokenIssuer tokens = new();

    public RecordingSms Sms { get; } = new();

    /// <summary>When the configured quiet window ends: the first moment an SMS held now may go.</summary>
    public DateTimeOffset QuietWindowEnds { get; private set; }

    public async Task InitializeAsync()
    {
        database = await PostgresDatabase.CreateAsync("fn");
        vhost = await RabbitVirtualHost.CreateAsync("fn");
        var local = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7));
        var minute = new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, local.Offset);
        QuietWindowEnds = minute.AddHours(1);
        var settings = new Dictionary<string, string?>(tokens.Settings)
        {
            ["ConnectionStrings:Database"] = database.ConnectionString,
            ["ConnectionStrings:RabbitMq"] = vhost.Uri,
            ["ServiceAuth:ClientSecret"] = "bi-mat-cua-dich-vu-khi-kiem-thu-chuc-nang",
            ["ServiceAuth:TokenEndpoint"] = $"http://127.0.0.1:{TestInfrastructure.FreeTcpPort()}/connect/token",
            // No other service runs: a reminder's gRPC call fails at once (connection refused) instead of waiting on DNS.
            ["Services:Registration:Grpc"] = $"http://127.0.0.1:{TestInfrastructure.FreeTcpPort()}",
            ["Services:Appraisal:Grpc"] = $"http://127.0.0.1:{TestInfrastructure.FreeTcpPort()}",
            ["Services:Identity:Grpc"] = $"http://127.0.0.1:{TestInfrastructure.FreeTcpPort()}",
            ["Smtp:Host"] = TestInfrastructure.SmtpHost,
            ["Smtp:Port"] = TestInfrastructure.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Deliveries:QuietFrom"] = minute.AddHours(-1).ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            ["Deliveries:QuietUntil"] = QuietWindowEnds.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            ["Digests:Kinds:0"] = "appraisal_case_assigned",
        };
        factory = new Factory(settings, Sms);
        await TestInfrastructure.EventuallyAsync(async () =>
        {
            using var client = factory.CreateClient();
            using var response = await client.GetAsync("/health/ready");
            return response.StatusCode == HttpStatusCode.OK ? "ready" : null;
        }, TimeSpan.FromSeconds(60), "notification to be ready");
        var serviceBus = factory.Services.GetRequiredService<IBusControl>();
        await TestInfrastructure.EventuallyAsync(() => Task.FromResult(serviceBus.CheckHealth().Status == BusHealthStatus.Healthy ? "bound" : null),
            TimeSpan.FromSeconds(60), "notification's consumers to be bound");
        bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(new Uri(vhost.Uri)));
        await bus.StartAsync();
    }

    public HttpClient Client(Person person)
    {
        var http = factory!.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            tokens.Token(person.Id, person.Name, person.Role, person.Scope, person.Organization));
        return http;
    }

    public Task PublishAsync<T>(T message)
        where T : class => bus!.Publish(message);

    public async Task<T> ScalarAsync<T>(string sql, object parameter)
    {
        await using var connection = new NpgsqlConnection(database!.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new NpgsqlParameter("p", parameter) } };
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task<object[]> RowAsync(string sql, object parameter)
    {
        await using var connection = new NpgsqlConnection(database!.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new NpgsqlParameter("p", parameter) } };
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "no row");
        var row = new object[reader.FieldCount];
        reader.GetValues(row);
        Assert.False(await reader.ReadAsync(), "more than one row");
        return row;
    }

    public async Task DisposeAsync()
    {
        if (bus is not null)
        {
            await bus.StopAsync();
        }

        if (factory is not null)
        {
            await factory.DisposeAsync();
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

    private sealed class Factory(IReadOnlyDictionary<string, string?> settings, RecordingSms sms) : WebApplicationFactory<notification::Program>
    {
        // As ServiceHost: host configuration is read while Program builds its services.
        protected override IHost CreateHost(IHostBuilder builder)
        {
            builder.ConfigureHostConfiguration(c => c.AddInMemoryCollection(settings));
            return base.CreateHost(builder);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder) =>
            builder.UseEnvironment(Environments.Production).ConfigureTestServices(s => s.AddSingleton<IDeliveryChannel>(sms));
    }
}

/// <summary>Stands in for an SMS provider: accepts every message and keeps it, so a test can tell what was handed over.</summary>
public sealed class RecordingSms : IDeliveryChannel, IChannelSession
{
    public ConcurrentQueue<OutgoingMessage> Sent { get; } = new();

    public string Channel => "sms";

    public ChannelLimits Limits => ChannelLimits.None;

    public Task<IChannelSession> OpenAsync(CancellationToken cancellationToken) => Task.FromResult<IChannelSession>(this);

    public Task<ChannelReceipt> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        Sent.Enqueue(message);
        return Task.FromResult(new ChannelReceipt($"sms-{message.DeliveryId:N}"));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using DoanKetSangTao.Launcher;
using Npgsql;

namespace DoanKetSangTao.Benchmarks;

/// <summary>
/// Đợt nhắc hạn toàn quốc (issue 14, capability 6): N units (one per commune of 2025 by default, spread over the provinces
/// like the communes) each with a confirmed initiative and no dossier, three officers each (one reached by Zalo, one by SMS,
/// one by e-mail), all seeded by SQL; then one PUT of the campaign's dossier deadline makes the D-3 step due at once, and
/// the real path runs: ReminderSender asks registration (DeadlineProgress) and identity (ListOfficers), files every notice
/// with its ledger row, and the delivery senders hand the messages to the local eSMS/Zalo servers and the SMTP sink.
/// Meanwhile an author keeps registering initiatives and timing their notice in the inbox, against the same measured idle.
/// </summary>
internal static class ReminderWave
{
    private static readonly TimeSpan InboxTimeout = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Notification's settings for the wave, beside the launcher's (SMS and Zalo on its local provider servers): no quiet
    /// hours, so that the wave is measured whatever the hour in Vietnam (SMS and Zalo would otherwise wait for 07:00).
    /// </summary>
    public static IReadOnlyDictionary<string, string> NotificationSettings => new Dictionary<string, string>
    {
        ["Deliveries:QuietFrom"] = "00:00", ["Deliveries:QuietUntil"] = "00:00",
    };

    public static async Task<ReminderWaveResult> MeasureAsync(LocalSystem system, string pg, string prefix, int units, TimeSpan timeout, Action<string> progress)
    {
        var simulators = system.Providers ?? throw new InvalidOperationException("The wave needs the launcher's local SMS and Zalo servers.");
        var inv = CultureInfo.InvariantCulture;
        using var officer = new Caller(system.GatewayUrl, await system.IssueTokenAsync("canbo.tinh.hanoi"), perSecond: 45);
        using var author = new Caller(system.GatewayUrl, await system.IssueTokenAsync("tacgia.an"), perSecond: 45);
        var filing = LocalSystem.FilingOrganization("tacgia.an");
        string zaloTemplate;

        // The most recent 08:00 in Vietnam: a D-3 step that fired then is the latest past one, sent at once.
        var vietnam = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7));
        var fired = DateOnly.FromDateTime(vietnam.TimeOfDay >= TimeSpan.FromHours(8) ? vietnam.Date : vietnam.Date.AddDays(-1));
        var year = fired.AddDays(-2).Year;
        var campaignId = (await SendAsync(officer, HttpMethod.Post, "/api/v1/campaigns", new
        {
            year, name = $"Đợt nhắc hạn toàn quốc đo hiệu năng {year}", provinceCode = "01", registrationDueBefore = $"{year + 1}-01-10",
        })).GetProperty("id").GetGuid();

        // A ZNS template for the reminder, as an operator would register the id Zalo approved, so Zalo deliveries carry parameters.
        using (var operatorCaller = new Caller(system.GatewayUrl, await system.IssueTokenAsync("vanhanh"), perSecond: 45))
        {
            zaloTemplate = await SaveZaloTemplateAsync(operatorCaller);
        }

        progress("wave: the inbox's latency idle (5 warm-up, 30 measured registrations)…");
        var idle = new List<double>();
        var template = Guid.Empty;
        for (var i = 0; i < 35; i++)
        {
            var (id, ms) = await RegisterAndSeeAsync(author, campaignId, filing, $"Sáng kiến đo hộp thư lúc rảnh số {i}");
            template = template == Guid.Empty ? id : template;
            if (i >= 5)
            {
                idle.Add(ms);
            }
        }

        progress($"wave: seeding {units:N0} units, {units * 3:N0} officers and their preferences by SQL…");
        var seedClock = Stopwatch.StartNew();
        var seed = await ReminderWaveSeed.SeedAsync(pg, prefix, units, campaignId, template, filing);
        var seedTime = seedClock.Elapsed;
        progress($"wave: seeded in {seedTime.TotalSeconds:0} s ({seed.Communes:N0} communes of {seed.Provinces} provinces)");

        await using var notification = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(pg) { Database = $"{prefix}_notification" }.ConnectionString);
        await notification.OpenAsync();
        var firedAt = await notification.ExecuteScalarAsync<DateTime>("SELECT now()");
        var put = Stopwatch.StartNew();
        await SendAsync(officer, HttpMethod.Put, $"/api/v1/campaigns/{campaignId}/deadlines/dossier",
            new { dueBefore = fired.AddDays(4).ToString("yyyy-MM-dd", inv) });
        var putMs = put.Elapsed.TotalMilliseconds;
        var clock = Stopwatch.StartNew();
        progress("wave: the dossier deadline is set; D-3 goes now. Following it, with an author registering meanwhile…");

        using var stop = new CancellationTokenSource();
        var during = new List<double>();
        var duringTask = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                during.Add((await RegisterAndSeeAsync(author, campaignId, filing, $"Sáng kiến đo hộp thư trong đợt nhắc hạn số {i}")).Ms);
            }
        });

        var expectedNotices = units * 4;
        TimeSpan? noticesDone = null;
        TimeSpan? deliveriesDone = null;
        var lastReport = TimeSpan.Zero;
        while (clock.Elapsed < timeout && deliveriesDone is null)
        {
            var state = await notification.QuerySingleAsync<(long Notices, long Open, string? Step)>(
                """
                SELECT (SELECT count(*) FROM notifications WHERE kind = 'deadline_reminder' AND subject_id = @campaignId),
                       (SELECT count(*) FROM deliveries WHERE kind = 'deadline_reminder' AND status IN ('pending', 'sending')),
                       (SELECT s.status FROM reminder_steps s JOIN reminder_deadlines d ON d.id = s.deadline_id
                        WHERE d.campaign_id = @campaignId AND d.kind = 'dossier' AND s.step = 'd-3')
                """, new { campaignId });
            if (noticesDone is null && state.Notices >= expectedNotices)
            {
                noticesDone = clock.Elapsed;
            }

            if (noticesDone is not null && state.Step == "sent" && state.Open == 0)
            {
                deliveriesDone = clock.Elapsed;
            }

            if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(15))
            {
                lastReport = clock.Elapsed;
                progress($"wave: {clock.Elapsed.TotalSeconds:0} s: {state.Notices:N0}/{expectedNotices:N0} notices, {state.Open:N0} deliveries open, step {state.Step ?? "not scheduled yet"}, inbox samples {during.Count}");
            }

            await Task.Delay(250);
        }

        await stop.CancelAsync();
        await duringTask;
        progress(deliveriesDone is null ? $"wave: NOT complete after {timeout.TotalSeconds:0} s" : $"wave: complete after {deliveriesDone.Value.TotalSeconds:0.0} s");

        var channels = (await notification.QueryAsync<ChannelRow>(
            """
            SELECT channel AS Channel, count(*) FILTER (WHERE status = 'sent') AS Sent, count(*) FILTER (WHERE status = 'failed') AS Failed,
                   count(*) FILTER (WHERE status = 'dead') AS Dead, count(*) FILTER (WHERE status IN ('pending', 'sending')) AS Open,
                   count(*) FILTER (WHERE fallback_of IS NOT NULL) AS Fallbacks, min(sent_at) AS FirstSent, max(sent_at) AS LastSent
            FROM deliveries WHERE kind = 'deadline_reminder' GROUP BY channel ORDER BY channel
            """)).ToList();
        var lastNotice = await notification.ExecuteScalarAsync<DateTime?>(
            "SELECT max(created_at) FROM notifications WHERE kind = 'deadline_reminder' AND subject_id = @campaignId", new { campaignId });
        var firstNotice = await notification.ExecuteScalarAsync<DateTime?>(
            "SELECT min(created_at) FROM notifications WHERE kind = 'deadline_reminder' AND subject_id = @campaignId", new { campaignId });
        var notices = await notification.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM notifications WHERE kind = 'deadline_reminder' AND subject_id = @campaignId", new { campaignId });
        // Exactly once: per recipient (unit inbox or officer) and step, one notice, one ledger row, one first delivery.
        var twiceNotices = await notification.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM (SELECT recipient_id FROM notifications WHERE kind = 'deadline_reminder' AND subject_id = @campaignId GROUP BY recipient_id HAVING count(*) > 1) x",
            new { campaignId });
        var twiceLedger = await notification.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM (SELECT step_id, recipient_id FROM reminder_sent GROUP BY step_id, recipient_id HAVING count(*) > 1) x");
        var twiceDeliveries = await notification.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM (SELECT recipient_id FROM deliveries WHERE kind = 'deadline_reminder' AND fallback_of IS NULL GROUP BY recipient_id HAVING count(*) > 1) x");
        var step = await notification.QuerySingleOrDefaultAsync<(string Status, int? Units, int Attempts, DateTime? DoneAt)>(
            """
            SELECT s.status, s.units, s.attempts, s.done_at FROM reminder_steps s JOIN reminder_deadlines d ON d.id = s.deadline_id
            WHERE d.campaign_id = @campaignId AND d.kind = 'dossier' AND s.step = 'd-3'
            """, new { campaignId });
        var byChannel = (await notification.QueryAsync<(string Channel, long Count)>(
            """
            SELECT coalesce(d.channel, 'none'), count(*) FROM notification_preferences p
            LEFT JOIN deliveries d ON d.recipient_id = p.person_id AND d.kind = 'deadline_reminder' AND d.fallback_of IS NULL
            WHERE p.person_id = ANY(@officers) AND p.channels->'legal_deadline'->>0 = 'zalo' GROUP BY 1
            """, new { officers = seed.ZaloOfficers })).ToDictionary(r => r.Channel, r => r.Count);

        using var sim = new HttpClient();
        var esms = (await sim.GetFromJsonAsync<JsonElement>(simulators.MessagesUrl + "?provider=esms")).EnumerateArray().ToList();
        var zalo = (await sim.GetFromJsonAsync<JsonElement>(simulators.MessagesUrl + "?provider=zalo")).EnumerateArray().ToList();
        var simulator = new Dictionary<string, (int Received, int Accepted)>
        {
            ["sms"] = (esms.Count, esms.Count(m => m.GetProperty("code").GetString() == "100")),
            ["zalo"] = (zalo.Count, zalo.Count(m => m.GetProperty("code").GetString() == "0")),
        };

        return new ReminderWaveResult(
            units, seed.Communes, seed.Provinces, units * 3, seedTime, firedAt, putMs, noticesDone, deliveriesDone, notices, expectedNotices,
            firstNotice is null ? null : (firstNotice.Value - firedAt).TotalSeconds, lastNotice is null ? null : (lastNotice.Value - firedAt).TotalSeconds,
            [.. channels.Select(c => new WaveChannel(c.Channel, (int)c.Sent, (int)c.Failed, (int)c.Dead, (int)c.Open, (int)c.Fallbacks,
                c.FirstSent is null ? null : (c.FirstSent.Value - firedAt).TotalSeconds, c.LastSent is null ? null : (c.LastSent.Value - firedAt).TotalSeconds,
                simulator.TryGetValue(c.Channel, out var s) ? s : null))],
            simulator, twiceNotices, twiceLedger, twiceDeliveries, step.Status ?? "missing", step.Units, step.Attempts, byChannel,
            [.. idle], [.. during], timeout, zaloTemplate);
    }

    /// <summary>
    /// PUT /api/v1/notification-templates/deadline_reminder/zalo: the approved template's id and its parameter lines. A refusal
    /// is reported, not fatal: the wave then measures where the Zalo-choosing officers' reminders went instead.
    /// </summary>
    private static async Task<string> SaveZaloTemplateAsync(Caller operatorCaller)
    {
        var body = "ten_don_vi [product]: {{ unit_name }}\nhan_cuoi [time]: {{ due_date }}\nso_ngay [amount]: {{ days_left }}";
        await operatorCaller.PaceAsync();
        using var response = await operatorCaller.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/api/v1/notification-templates/deadline_reminder/zalo")
        {
            Content = JsonContent.Create(new { body, providerTemplateId = "248079", note = "Mẫu ZNS nhắc hạn (đo hiệu năng)" }),
        });
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? $"saved as version {JsonDocument.Parse(text).RootElement.GetProperty("version").GetInt32()}, ZNS template id 248079"
            : $"REFUSED: {(int)response.StatusCode} {(text.Length > 300 ? text[..300] : text)}";
    }

    private sealed record ChannelRow(string Channel, long Sent, long Failed, long Dead, long Open, long Fallbacks, DateTime? FirstSent, DateTime? LastSent);

    /// <summary>Registers an initiative and polls the author's inbox until its notice shows: the time a person waits for it.</summary>
    private static async Task<(Guid Id, double Ms)> RegisterAndSeeAsync(Caller author, Guid campaignId, string filing, string title)
    {
        await author.PaceAsync();
        var clock = Stopwatch.StartNew();
        var id = (await SendAsync(author, HttpMethod.Post, "/api/v1/initiatives", new
        {
            campaignId, title, kind = "sang_kien", organizationId = filing, communeCode = "00004",
            summary = "Đo độ trễ của hộp thư khi đợt nhắc hạn đang gửi.", contentType = "tac_nghiep", movementArea = "he_thong_chinh_tri",
            field = "hanh_chinh", authors = new[] { new { fullName = "Nguyễn Văn An", email = "an.nguyen@tacgia.example.vn", isLead = true, contributionPercent = 100 } },
        })).GetProperty("id").GetGuid();
        while (clock.Elapsed < InboxTimeout)
        {
            await author.PaceAsync();
            using var poll = await author.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/notifications?limit=5"));
            if (poll.IsSuccessStatusCode && (await poll.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()
                    .Any(n => n.GetProperty("kind").GetString() == "initiative_registered" && n.GetProperty("subjectId").GetString() == id.ToString()))
            {
                return (id, clock.Elapsed.TotalMilliseconds);
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"The notice of initiative {id} did not show in the author's inbox within {InboxTimeout.TotalSeconds:0} s.");
    }

    private static async Task<JsonElement> SendAsync(Caller caller, HttpMethod method, string path, object body)
    {
        await caller.PaceAsync();
        using var response = await caller.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) });
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
        }

        return response.StatusCode == HttpStatusCode.NoContent || text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}

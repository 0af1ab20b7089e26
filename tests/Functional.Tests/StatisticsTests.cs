extern alias reporting;

using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ReadModelRebuild = reporting::DoanKetSangTao.Reporting.API.IntegrationEvents.ReadModelRebuild;

namespace DoanKetSangTao.Tests.Functional;

/// <summary>
/// Thống kê (issue 13, capabilities 1 and 6): a few hundred generated initiatives, published as the other services would, are
/// counted by reporting; every roll-up, filter, period and structure equals a brute-force count over the same data.
/// </summary>
public sealed class StatisticsTests(ServiceHost<reporting::Program> host) : IClassFixture<ServiceHost<reporting::Program>>, IAsyncLifetime
{
    private static readonly Person Centre = new("canbo.trunguong", "Nguyễn Văn An", PlatformRoles.FrontOfficer, "VN");
    private static readonly Person BaDinh = new("canbo.xa.badinh", "Lê Thị Cúc", PlatformRoles.FrontOfficer, "VN/01/00004");
    private static readonly string[] Measures =
        ["registered", "confirmed", "dossier", "recognized_commune", "nominated", "commended", "replicated", "models_built"];

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static StatisticsWorld? world;

    private StatisticsWorld World => world!;

    public async Task InitializeAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (world is null)
            {
                var seeded = new StatisticsWorld(300, 20261207);
                await StatisticsWorld.LoadHierarchyAsync(host.Database.ConnectionString);
                foreach (var e in seeded.Events())
                {
                    await PublishAsync(e);
                }

                var expected = seeded.Initiatives.SelectMany(i => i.Contributions()).Count();
                using var centre = host.Client(Centre);
                await TestInfrastructure.EventuallyAsync(async () =>
                {
                    var all = await centre.GetJsonAsync("/api/v1/reports/statistics", HttpStatusCode.OK);
                    return Measures.Sum(m => all["totals"]!["figures"]![m]!.GetValue<long>()) == expected ? all : null;
                }, TimeSpan.FromSeconds(120), $"all {expected} contributions counted");
                world = seeded;
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Roll_ups_equal_a_brute_force_count_as_filed_and_in_the_2025_units_including_a_split_commune()
    {
        using var centre = host.Client(Centre);
        var cases = new (string Path, Func<SeededInitiative, bool> In, Func<SeededInitiative, string> Key)[]
        {
            ("", _ => true, i => i.Province),
            ("structure=2025", _ => true, i => StatisticsWorld.Rolled(i).Province),
            ("area=01", i => i.Province == "01", i => i.Commune),
            ("area=01&structure=2025", i => StatisticsWorld.Rolled(i).Province == "01", i => StatisticsWorld.Rolled(i).Commune),
            ("area=00004&structure=2025", i => StatisticsWorld.Rolled(i).Commune == "00004", i => StatisticsWorld.Rolled(i).Commune),
        };
        foreach (var (query, include, key) in cases)
        {
            var answer = await centre.GetJsonAsync("/api/v1/reports/statistics?" + query, HttpStatusCode.OK);
            foreach (var measure in Measures)
            {
                Assert.Equal(Expect(World.Initiatives.Where(include), key, measure), Figures(answer, "area", measure));
            }

            AssertTotalsAreTheSum(answer);
        }

        // The split commune: as filed it has its own row; rolled up, its figures are its primary successor's.
        var filed = await centre.GetJsonAsync("/api/v1/reports/statistics?area=01&measures=registered", HttpStatusCode.OK);
        var rolled = await centre.GetJsonAsync("/api/v1/reports/statistics?area=01&measures=registered&structure=2025", HttpStatusCode.OK);
        Assert.Contains("00013", Figures(filed, "area", "registered").Keys);
        Assert.DoesNotContain("00013", Figures(rolled, "area", "registered").Keys);
        Assert.Equal(Figures(filed, "area", "registered").GetValueOrDefault("00004") + Figures(filed, "area", "registered").GetValueOrDefault("00013"),
            Figures(rolled, "area", "registered")["00004"]);
    }

    [Fact]
    public async Task Each_filter_narrows_to_exactly_what_it_names()
    {
        using var centre = host.Client(Centre);
        var all = World.Initiatives.Count;
        var some = World.Initiatives[0];
        var filters = new (string Query, Func<SeededInitiative, bool> In)[]
        {
            ("kind=mo_hinh", i => i.Kind == "mo_hinh"),
            ("field=y_te", i => i.Field == "y_te"),
            ("status=withdrawn", i => i.Status == "withdrawn"),
            ("contentType=quan_ly", i => i.ContentType == "quan_ly"),
            ("movementArea=khoi_a", i => i.MovementArea == "khoi_a"),
            ($"campaignId={StatisticsWorld.Campaigns[0]}", i => i.Campaign == StatisticsWorld.Campaigns[0]),
            ($"memberOrganizationId={StatisticsWorld.MemberOrganizations[1]}", i => i.MemberOrganization == StatisticsWorld.MemberOrganizations[1]),
            ($"organizationId={some.Organization}", i => i.Organization == some.Organization),
        };
        foreach (var (query, include) in filters)
        {
            var answer = await centre.GetJsonAsync("/api/v1/reports/statistics?" + query, HttpStatusCode.OK);
            foreach (var measure in Measures)
            {
                Assert.Equal(Expect(World.Initiatives.Where(include), i => i.Province, measure), Figures(answer, "area", measure));
            }

            var registered = answer["totals"]!["figures"]!["registered"]!.GetValue<long>();
            Assert.True(registered > 0 && registered < all, $"{query} narrows {all} to {registered}");
        }

        // Two breakdowns at once: by organization (read from the facts) and kind.
        var byOrganization = await centre.GetJsonAsync("/api/v1/reports/statistics?area=01&by=organization,kind&measures=registered", HttpStatusCode.OK);
        var expected = World.Initiatives.Where(i => i.Province == "01").GroupBy(i => $"{i.Organization}|{i.Kind}").ToDictionary(g => g.Key, g => (long)g.Count());
        var actual = byOrganization["rows"]!.AsArray().ToDictionary(r => $"{r!["keys"]!["organization"]}|{r["keys"]!["kind"]}", r => r!["figures"]!["registered"]!.GetValue<long>());
        Assert.Equal(expected.OrderBy(p => p.Key), actual.Where(p => p.Value != 0).OrderBy(p => p.Key));
    }

    [Fact]
    public async Task A_range_to_the_day_by_quarter_and_a_period_against_another_equal_the_brute_force_count()
    {
        using var centre = host.Client(Centre);
        // 16/11/2025 – 15/05/2026: partial months at both ends (read from the facts), whole months between (the cube).
        var (from, to) = (new DateOnly(2025, 11, 16), new DateOnly(2026, 5, 15));
        var answer = await centre.GetJsonAsync($"/api/v1/reports/statistics?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&period=quarter&by=kind", HttpStatusCode.OK);
        Assert.Equal(["period", "kind"], answer["keys"]!.AsArray().Select(k => k!.GetValue<string>()));
        foreach (var measure in Measures)
        {
            var expected = World.Initiatives.SelectMany(i => i.Contributions().Where(c => c.Measure == measure && c.Day >= from && c.Day <= to)
                    .Select(c => $"{c.Day.Year}-Q{((c.Day.Month - 1) / 3) + 1}|{i.Kind}"))
                .GroupBy(k => k).ToDictionary(g => g.Key, g => (long)g.Count());
            var actual = answer["rows"]!.AsArray().ToDictionary(r => $"{r!["keys"]!["period"]}|{r["keys"]!["kind"]}", r => r!["figures"]![measure]!.GetValue<long>());
            Assert.Equal(expected.OrderBy(p => p.Key), actual.Where(p => p.Value != 0).OrderBy(p => p.Key));
        }

        // The review after a year: this year against last year, by field, with the change.
        var compare = await centre.GetJsonAsync(
            "/api/v1/reports/statistics?area=01&by=field&from=2026-01-01&to=2026-11-30&compareFrom=2025-01-01&compareTo=2025-11-30", HttpStatusCode.OK);
        foreach (var measure in Measures)
        {
            var now = Count(measure, new DateOnly(2026, 1, 1), new DateOnly(2026, 11, 30));
            var before = Count(measure, new DateOnly(2025, 1, 1), new DateOnly(2025, 11, 30));
            foreach (var row in compare["rows"]!.AsArray())
            {
                var field = row!["keys"]!["field"]?.GetValue<string>() ?? "";
                Assert.Equal(now.GetValueOrDefault(field), row["figures"]![measure]!.GetValue<long>());
                Assert.Equal(before.GetValueOrDefault(field), row["compare"]![measure]!.GetValue<long>());
                Assert.Equal(now.GetValueOrDefault(field) - before.GetValueOrDefault(field), row["change"]![measure]!.GetValue<long>());
            }

            Assert.Equal(now.Values.Sum() - before.Values.Sum(), compare["totals"]!["change"]![measure]!.GetValue<long>());
        }

        Dictionary<string, long> Count(string measure, DateOnly start, DateOnly end) => World.Initiatives.Where(i => i.Province == "01")
            .SelectMany(i => i.Contributions().Where(c => c.Measure == measure && c.Day >= start && c.Day <= end).Select(_ => i.Field ?? ""))
            .GroupBy(k => k).ToDictionary(g => g.Key, g => (long)g.Count());
    }

    [Fact]
    public async Task A_redelivered_event_and_a_second_announcement_of_one_registration_change_no_figure()
    {
        using var centre = host.Client(Centre);
        const string Path = "/api/v1/reports/statistics?by=area,status";
        var before = (await centre.GetJsonAsync(Path, HttpStatusCode.OK)).ToJsonString();
        var events = World.Events();
        var registration = events.OfType<InitiativeRegistered>().First();
        var commendation = events.OfType<CommendationDecided>().First();

        // A redelivery: the very same events (the inbox counts the second arrival, the signal that it was handled).
        await host.PublishAsync(registration);
        await host.PublishAsync(commendation);
        // Announced again under a new event id: the facts hold one row per initiative, so it still counts once.
        var again = registration with { EventId = Guid.NewGuid() };
        await host.PublishAsync(again);

        await using var data = host.Database.CreateDataSource();
        await TestInfrastructure.EventuallyAsync(async () =>
        {
            await using var command = data.CreateCommand(
                "SELECT (SELECT count(*) FROM inbox_messages WHERE message_id IN ($1, $2) AND deliveries > 1) + (SELECT count(*) FROM event_history WHERE event_id = $3)");
            command.Parameters.Add(new NpgsqlParameter { Value = registration.EventId });
            command.Parameters.Add(new NpgsqlParameter { Value = commendation.EventId });
            command.Parameters.Add(new NpgsqlParameter { Value = again.EventId });
            return (long)(await command.ExecuteScalarAsync())! == 3 ? "handled" : null;
        }, TimeSpan.FromSeconds(30), "the redeliveries and the second announcement to be handled");

        Assert.Equal(before, (await centre.GetJsonAsync(Path, HttpStatusCode.OK)).ToJsonString());
    }

    [Fact]
    public async Task An_unknown_parameter_is_refused_here_and_on_the_older_reports()
    {
        using var centre = host.Client(Centre);
        var refused = await centre.GetJsonAsync("/api/v1/reports/statistics?feild=y_te", HttpStatusCode.BadRequest);
        Assert.Equal("unknown_parameter", refused.Str("code"));
        Assert.Contains("feild", refused.Str("detail"));
        Assert.NotNull(refused["errors"]!["feild"]);

        // The issue: kind was silently ignored here.
        var older = await centre.GetJsonAsync($"/api/v1/reports/initiative-counts?campaignId={Guid.NewGuid()}&kind=sang_kien", HttpStatusCode.BadRequest);
        Assert.Equal("unknown_parameter", older.Str("code"));
        await centre.GetJsonAsync($"/api/v1/reports/initiative-counts?campaignId={Guid.NewGuid()}", HttpStatusCode.OK);

        var invalid = await centre.GetJsonAsync("/api/v1/reports/statistics?period=week&by=kind,field,status", HttpStatusCode.BadRequest);
        Assert.NotNull(invalid["errors"]!["period"]);
        Assert.NotNull(invalid["errors"]!["by"]);
    }

    [Fact]
    public async Task A_commune_officer_sees_their_commune_a_province_officer_their_province_the_centre_everything()
    {
        using var hcm = host.Client(People.HcmOfficer);
        using var hanoi = host.Client(People.HanoiOfficer);
        using var commune = host.Client(BaDinh);
        await hcm.GetJsonAsync("/api/v1/reports/statistics", HttpStatusCode.Forbidden);
        await hcm.GetJsonAsync("/api/v1/reports/statistics?area=01", HttpStatusCode.Forbidden);
        await commune.GetJsonAsync("/api/v1/reports/statistics?area=00008", HttpStatusCode.Forbidden);

        var own = await commune.GetJsonAsync("/api/v1/reports/statistics?area=01&measures=registered", HttpStatusCode.OK);
        Assert.Equal(["00004"], Figures(own, "area", "registered").Keys);
        var province = await hanoi.GetJsonAsync("/api/v1/reports/statistics?area=01&measures=registered", HttpStatusCode.OK);
        Assert.Equal(Expect(World.Initiatives.Where(i => i.Province == "01"), i => i.Commune, "registered"), Figures(province, "area", "registered"));
        // A commune of another province named by a province officer: nothing of it is shown.
        var elsewhere = await hanoi.GetJsonAsync("/api/v1/reports/statistics?area=26737&measures=registered", HttpStatusCode.OK);
        Assert.Empty(elsewhere["rows"]!.AsArray());
    }

    [Fact]
    public async Task The_xlsx_and_the_csv_hold_the_same_figures_with_a_totals_row()
    {
        using var centre = host.Client(Centre);
        const string Query = "/api/v1/reports/statistics?area=01&measures=registered,confirmed";
        var json = await centre.GetJsonAsync(Query, HttpStatusCode.OK);
        var expected = json["rows"]!.AsArray()
            .Select(r => new[] { r!["keys"]!["area"]!.GetValue<string>(), $"{r["figures"]!["registered"]}", $"{r["figures"]!["confirmed"]}" })
            .Append(["Tổng cộng", $"{json["totals"]!["figures"]!["registered"]}", $"{json["totals"]!["figures"]!["confirmed"]}"])
            .ToList();

        using var xlsx = await centre.GetAsync(Query + "&format=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var book = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false);
        var rows = book.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>()
            .Select(r => r.Descendants<Cell>().Select(c => c.InnerText).ToArray()).ToList();
        var header = rows.FindIndex(r => r.Length > 0 && r[0] == "Địa bàn");
        Assert.Equal(["Địa bàn", "Đăng ký", "Được xác nhận"], rows[header]);
        Assert.Equal(expected, rows.Skip(header + 1).Take(expected.Count).Select(r => r.Take(3).ToArray()));

        using var csv = await centre.GetAsync(Query + "&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Địa bàn,Đăng ký,Được xác nhận", lines[0]);
        Assert.Equal(expected.Select(r => string.Join(',', r)), lines.Skip(1));
    }

    [Fact]
    public async Task The_older_reports_download_as_xlsx_and_csv_with_the_figures_of_their_json()
    {
        using var centre = host.Client(Centre);
        var counts = $"/api/v1/reports/initiative-counts?campaignId={StatisticsWorld.Campaigns[1]}&provinceCode=79";
        var json = await centre.GetJsonAsync(counts, HttpStatusCode.OK);
        var expected = json["breakdown"]!.AsArray().Select(r => new[] { r!.Str("code"), $"{r!["registered"]}" })
            .Append(["Tổng cộng", $"{json["registered"]}"]).ToList();
        Assert.True(expected.Count > 1);
        using var xlsx = await centre.GetAsync(counts + "&format=xlsx");
        using var book = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false);
        var rows = book.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>()
            .Select(r => r.Descendants<Cell>().Select(c => c.InnerText).ToArray()).ToList();
        var header = rows.FindIndex(r => r.Length > 0 && r[0] == "Địa bàn");
        Assert.Equal(["Địa bàn", "Số sáng kiến đăng ký"], rows[header]);
        Assert.Equal(expected, rows.Skip(header + 1).Take(expected.Count));

        var results = $"/api/v1/reports/appraisal-results?campaignId={StatisticsWorld.Campaigns[0]}&provinceCode=01";
        var appraisal = await centre.GetJsonAsync(results, HttpStatusCode.OK);
        using var csv = await centre.GetAsync(results + "&format=csv");
        var lines = Encoding.UTF8.GetString((await csv.Content.ReadAsByteArrayAsync())[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Địa bàn,Cấp xã: công nhận,Cấp xã: không công nhận,Cấp xã: đề cử lên cấp trên,Cấp tỉnh: công nhận", lines[0]);
        var recognized = appraisal["totals"]!.AsArray().Single(l => l!.Str("level") == "commune")!["recognized"]!.GetValue<long>();
        Assert.Equal($"Tổng cộng,{recognized},", lines[^1][..$"Tổng cộng,{recognized},".Length]);
        Assert.Equal(appraisal["breakdown"]!.AsArray().Count + 2, lines.Length);
        await centre.GetJsonAsync(results + "&format=pdf", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Rebuilding_from_the_event_history_leaves_the_same_figures()
    {
        using var centre = host.Client(Centre);
        string[] paths =
        [
            "/api/v1/reports/statistics?by=area,status", "/api/v1/reports/statistics?area=01&structure=2025&period=month",
            "/api/v1/reports/statistics?area=79&by=organization", $"/api/v1/reports/appraisal-results?campaignId={StatisticsWorld.Campaigns[0]}",
            "/api/v1/reports/commendations?year=2026",
        ];
        var before = await Task.WhenAll(paths.Select(async p => (await centre.GetJsonAsync(p, HttpStatusCode.OK)).ToJsonString()));

        var progress = new StringWriter();
        var applied = await host.Services.GetRequiredService<ReadModelRebuild>().RunAsync(progress, CancellationToken.None);

        Assert.True(applied >= World.Events().Count, $"{applied} events applied");
        Assert.Contains($"{applied}/{applied} sự kiện (100%)", progress.ToString());
        var after = await Task.WhenAll(paths.Select(async p => (await centre.GetJsonAsync(p, HttpStatusCode.OK)).ToJsonString()));
        Assert.Equal(before, after);
    }

    /// <summary>Published as its own type, as its publisher would (the broker routes by type).</summary>
    private Task PublishAsync(object e) => e switch
    {
        InitiativeRegistered x => host.PublishAsync(x),
        InitiativeStatusChanged x => host.PublishAsync(x),
        InitiativeReplicated x => host.PublishAsync(x),
        AppraisalDecisionMade x => host.PublishAsync(x),
        InitiativeNominated x => host.PublishAsync(x),
        CommendationDecided x => host.PublishAsync(x),
        _ => throw new ArgumentException(e.GetType().Name),
    };

    private static Dictionary<string, long> Expect(IEnumerable<SeededInitiative> items, Func<SeededInitiative, string> key, string measure) =>
        items.SelectMany(i => i.Contributions().Where(c => c.Measure == measure).Select(_ => key(i)))
            .GroupBy(k => k).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count());

    /// <summary>The non-zero figures of a measure by one key column, in key order.</summary>
    private static Dictionary<string, long> Figures(JsonNode answer, string column, string measure) =>
        answer["rows"]!.AsArray()
            .Select(r => (Key: r!["keys"]![column]!.GetValue<string>(), N: r["figures"]![measure]!.GetValue<long>()))
            .Where(r => r.N != 0).OrderBy(r => r.Key, StringComparer.Ordinal).ToDictionary(r => r.Key, r => r.N);

    private static void AssertTotalsAreTheSum(JsonNode answer)
    {
        foreach (var measure in Measures)
        {
            Assert.Equal(answer["rows"]!.AsArray().Sum(r => r!["figures"]![measure]!.GetValue<long>()), answer["totals"]!["figures"]![measure]!.GetValue<long>());
        }
    }
}

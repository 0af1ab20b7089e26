extern alias awards;

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Tests.Support;
using Npgsql;

namespace DoanKetSangTao.Tests.Functional;

/// <summary>
/// Sách vàng Sáng tạo Việt Nam, awards alone: provinces nominate nationally recognized works, the central council votes
/// with a quorum, ties wait for the officer, and the published edition is public. Each test keeps an edition of its own year.
/// </summary>
public sealed class GoldenBookTests(ServiceHost<awards::Program> host) : IClassFixture<ServiceHost<awards::Program>>
{
    private const string Route = "/api/v1/golden-book";

    private static readonly Person Central = new("canbo.tw", "Nguyễn Văn Trung", PlatformRoles.FrontOfficer, "VN");
    private static readonly Person CentralUnion = new("canbo.tw.doanthanhnien", "Lê Thị Hà", PlatformRoles.MemberOrganizationOfficer, "VN", Guid.NewGuid());
    private static readonly Person[] Voters =
    [
        new("hdtc.1", "Trần Văn Một", PlatformRoles.CouncilMember, "VN"),
        new("hdtc.2", "Phạm Thị Hai", PlatformRoles.CouncilMember, "VN"),
        new("hdtc.3", "Đỗ Văn Ba", PlatformRoles.FrontOfficer, "VN"),
    ];

    private static readonly Person NotAVoter = new("hdtc.khac", "Vũ Thị Khác", PlatformRoles.CouncilMember, "VN");

    private static DateOnly VietnamToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    [Fact]
    public async Task A_province_officer_nominates_a_nationally_recognized_work_of_its_province_once()
    {
        var hanoiWork = await RecognizeAsync("01", "central");
        var hcmWork = await RecognizeAsync("79", "central");
        var provinceOnly = await RecognizeAsync("01", "province");
        using var central = host.Client(Central);
        var edition = await central.PostJsonAsync(Route, new { year = 2026, nominationDue = "2026-12-31" }, HttpStatusCode.Created);
        Assert.Equal(81, edition["entryCount"]!.GetValue<int>());

        using var hanoi = host.Client(People.HanoiOfficer);
        var nomination = await hanoi.PostJsonAsync($"{Route}/2026/nominations", new { initiativeId = hanoiWork, reason = "Ứng dụng rộng rãi ở các trường học." },
            HttpStatusCode.Created);
        Assert.Equal("01", nomination.Str("provinceCode"));
        Assert.Equal("Sổ điểm điện tử cho trường trung học cơ sở", nomination.Str("title"));
        Assert.Equal("VN/01", nomination.Str("nominatorScope"));

        var again = await hanoi.PostJsonAsync($"{Route}/2026/nominations", new { initiativeId = hanoiWork, reason = "Lần hai." }, HttpStatusCode.Conflict);
        Assert.Equal("golden_book_already_nominated", again.Str("code"));
        var otherProvince = await hanoi.PostJsonAsync($"{Route}/2026/nominations", new { initiativeId = hcmWork, reason = "Của tỉnh khác." }, HttpStatusCode.Forbidden);
        Assert.Equal("golden_book_outside_scope", otherProvince.Str("code"));
        var notNational = await hanoi.PostJsonAsync($"{Route}/2026/nominations", new { initiativeId = provinceOnly, reason = "Mới cấp tỉnh." },
            HttpStatusCode.UnprocessableEntity);
        Assert.Equal("golden_book_not_nationally_recognized", notNational.Str("code"));
        var centralFront = await central.PostJsonAsync($"{Route}/2026/nominations", new { initiativeId = hcmWork, reason = "Trung ương." }, HttpStatusCode.Forbidden);
        Assert.Equal("golden_book_nominator_not_allowed", centralFront.Str("code"));

        // A central member organization nominates anywhere; the province sees its own nominations only.
        using var union = host.Client(CentralUnion);
        await union.PostJsonAsync($"{Route}/2026/nominations", new { initiativeId = hcmWork, reason = "Đoàn viên áp dụng khắp cả nước." }, HttpStatusCode.Created);
        var hanoiList = await hanoi.GetJsonAsync($"{Route}/2026/nominations", HttpStatusCode.OK);
        Assert.Equal([hanoiWork.ToString()], hanoiList.AsArray().Select(n => n!.Str("initiativeId")));
        Assert.Equal(2, (await central.GetJsonAsync($"{Route}/2026/nominations", HttpStatusCode.OK)).AsArray().Count);
    }

    [Fact]
    public async Task The_council_votes_with_a_quorum_and_the_published_edition_lists_the_selected_in_order_of_votes()
    {
        const int year = 2027;
        var works = new[] { await RecognizeAsync("01", "central"), await RecognizeAsync("01", "central"), await RecognizeAsync("79", "central") };
        using var central = host.Client(Central);
        using var anonymous = host.Client();
        await central.PostJsonAsync(Route, new { year, nominationDue = $"{year}-12-31", entries = 2 }, HttpStatusCode.Created);
        var ids = new List<string>();
        using (var hanoi = host.Client(People.HanoiOfficer))
        using (var hcm = host.Client(People.HcmOfficer))
        {
            foreach (var (work, client) in new[] { (works[0], hanoi), (works[1], hanoi), (works[2], hcm) })
            {
                ids.Add((await client.PostJsonAsync($"{Route}/{year}/nominations", new { initiativeId = work, reason = "Tiêu biểu." }, HttpStatusCode.Created)).Str("id"));
            }
        }

        var voterIds = Voters.Select(v => v.Id).ToArray();
        var early = await central.PostJsonAsync($"{Route}/{year}/ballot/open", new { voterIds }, HttpStatusCode.Conflict);
        Assert.Equal("golden_book_nominations_still_open", early.Str("code"));
        await PatchAsync(central, $"{Route}/{year}", new { nominationDue = VietnamToday.AddDays(-1).ToString("yyyy-MM-dd") }, HttpStatusCode.OK);
        var opened = await central.PostJsonAsync($"{Route}/{year}/ballot/open", new { voterIds }, HttpStatusCode.OK);
        Assert.Equal(2, opened["quorumRequired"]!.GetValue<int>());

        using var v1 = host.Client(Voters[0]);
        using var v2 = host.Client(Voters[1]);
        using var v3 = host.Client(Voters[2]);
        using var outsider = host.Client(NotAVoter);
        Assert.Equal("golden_book_not_a_voter",
            (await outsider.PostJsonAsync($"{Route}/{year}/ballots", new { nominationIds = new[] { ids[0] } }, HttpStatusCode.Forbidden)).Str("code"));
        await v1.PostJsonAsync($"{Route}/{year}/ballots", new { nominationIds = new[] { ids[0], ids[1] } }, HttpStatusCode.NoContent);
        Assert.Equal("golden_book_ballot_already_cast",
            (await v1.PostJsonAsync($"{Route}/{year}/ballots", new { nominationIds = new[] { ids[2] } }, HttpStatusCode.Conflict)).Str("code"));
        Assert.Equal("golden_book_quorum_not_met", (await central.PostJsonAsync($"{Route}/{year}/ballot/close", new { }, HttpStatusCode.UnprocessableEntity)).Str("code"));
        await v2.PostJsonAsync($"{Route}/{year}/ballots", new { nominationIds = new[] { ids[1], ids[0] } }, HttpStatusCode.NoContent);
        await v3.PostJsonAsync($"{Route}/{year}/ballots", new { nominationIds = new[] { ids[0], ids[2] } }, HttpStatusCode.NoContent);

        var results = await central.PostJsonAsync($"{Route}/{year}/ballot/close", new { }, HttpStatusCode.OK);
        Assert.Equal(3, results["ballotsCast"]!.GetValue<int>());
        Assert.Equal([(ids[0], 3, "selected"), (ids[1], 2, "selected"), (ids[2], 1, "not_selected")],
            results["ranking"]!.AsArray().Select(r => (r!.Str("id"), r!["votes"]!.GetValue<int>(), r!.Str("outcome"))));

        // Before publication: unknown to the public, a preview for the centre.
        Assert.Equal("golden_book_edition_not_found", (await anonymous.GetJsonAsync($"{Route}/{year}", HttpStatusCode.NotFound)).Str("code"));
        Assert.False((await central.GetJsonAsync($"{Route}/{year}", HttpStatusCode.OK))["published"]!.GetValue<bool>());
        await central.PostJsonAsync($"{Route}/{year}/publish", new { }, HttpStatusCode.OK);

        var book = await anonymous.GetJsonAsync($"{Route}/{year}", HttpStatusCode.OK);
        Assert.True(book["published"]!.GetValue<bool>());
        Assert.Equal([(works[0].ToString(), 1, 3, "01"), (works[1].ToString(), 2, 2, "01")], book["entries"]!.AsArray().Select(e =>
            (e!.Str("initiativeId"), e!["rank"]!.GetValue<int>(), e!["votes"]!.GetValue<int>(), e!.Str("provinceCode"))));
        Assert.All(book["entries"]!.AsArray(), e => Assert.Equal("Sổ điểm điện tử cho trường trung học cơ sở", e!.Str("title")));

        var audit = await central.GetJsonAsync($"{Route}/{year}/audit", HttpStatusCode.OK);
        Assert.Equal(["edition_created", "nominated", "nominated", "nominated", "edition_amended", "ballot_opened", "ballot_cast", "ballot_cast", "ballot_cast",
            "ballot_closed", "published"], audit.AsArray().Select(a => a!.Str("action")));
        Assert.Equal(Voters[0].Id, audit.AsArray().First(a => a!.Str("action") == "ballot_cast")!.Str("actorId"));
        await AssertAuditIsAppendOnlyAsync(year);
    }

    [Fact]
    public async Task A_tie_at_the_last_seat_waits_for_the_officers_choice_before_publication()
    {
        const int year = 2028;
        using var central = host.Client(Central);
        using var hanoi = host.Client(People.HanoiOfficer);
        await central.PostJsonAsync(Route, new { year, nominationDue = $"{year}-12-31", entries = 2 }, HttpStatusCode.Created);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var work = await RecognizeAsync("01", "central");
            ids.Add((await hanoi.PostJsonAsync($"{Route}/{year}/nominations", new { initiativeId = work, reason = "Tiêu biểu." }, HttpStatusCode.Created)).Str("id"));
        }

        await PatchAsync(central, $"{Route}/{year}", new { nominationDue = VietnamToday.AddDays(-1).ToString("yyyy-MM-dd") }, HttpStatusCode.OK);
        Assert.Equal("golden_book_nominations_closed", (await hanoi.PostJsonAsync($"{Route}/{year}/nominations",
            new { initiativeId = await RecognizeAsync("01", "central"), reason = "Muộn." }, HttpStatusCode.Conflict)).Str("code"));
        await central.PostJsonAsync($"{Route}/{year}/ballot/open", new { voterIds = Voters.Select(v => v.Id) }, HttpStatusCode.OK);
        // Each nomination gets 2 of 3 ballots: all three tie, with a majority, for 2 seats.
        string[][] ballots = [[ids[0], ids[1]], [ids[1], ids[2]], [ids[2], ids[0]]];
        for (var i = 0; i < 3; i++)
        {
            using var voter = host.Client(Voters[i]);
            await voter.PostJsonAsync($"{Route}/{year}/ballots", new { nominationIds = ballots[i] }, HttpStatusCode.NoContent);
        }

        var results = await central.PostJsonAsync($"{Route}/{year}/ballot/close", new { }, HttpStatusCode.OK);
        Assert.Equal(2, results["tieSeats"]!.GetValue<int>());
        Assert.All(results["ranking"]!.AsArray(), r => Assert.Equal("tied", r!.Str("outcome")));
        Assert.Equal("golden_book_tie_unresolved", (await central.PostJsonAsync($"{Route}/{year}/publish", new { }, HttpStatusCode.Conflict)).Str("code"));
        await central.PostJsonAsync($"{Route}/{year}/ballot/tie-break", new { nominationIds = new[] { ids[2] }, reason = "Chọn một." }, HttpStatusCode.BadRequest);

        var chosen = await central.PostJsonAsync($"{Route}/{year}/ballot/tie-break",
            new { nominationIds = new[] { ids[2], ids[0] }, reason = "Hội đồng thống nhất chọn hai sáng kiến áp dụng rộng hơn." }, HttpStatusCode.OK);
        Assert.Equal(0, chosen["tieSeats"]!.GetValue<int>());
        var book = await central.PostJsonAsync($"{Route}/{year}/publish", new { }, HttpStatusCode.OK);
        Assert.Equal(new[] { ids[0], ids[2] }.Order(), book["entries"]!.AsArray().Select(e => Nomination(chosen, e!.Str("initiativeId"))).Order());
    }

    [Fact]
    public async Task Bad_input_and_callers_without_the_right_are_refused_with_their_codes_and_nothing_is_stored()
    {
        const int year = 2029;
        using var central = host.Client(Central);
        using var hanoi = host.Client(People.HanoiOfficer);
        var invalid = await central.PostJsonAsync(Route, new { year, nominationDue = "2026-01-01", entries = 0 }, HttpStatusCode.BadRequest);
        Assert.Equal("validation_failed", invalid.Str("code"));
        Assert.Equal(["entries", "nominationDue"], invalid["errors"]!.AsObject().Select(e => e.Key).Order());
        using (var malformed = await central.PostAsync(Route, new StringContent("{\"year\": \"2029\"", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        }

        Assert.Equal("golden_book_central_only",
            (await hanoi.PostJsonAsync(Route, new { year, nominationDue = $"{year}-12-31" }, HttpStatusCode.Forbidden)).Str("code"));
        Assert.Equal("golden_book_edition_not_found", (await central.GetJsonAsync($"{Route}/{year}", HttpStatusCode.NotFound)).Str("code"));
        using (var anonymous = host.Client())
        using (var write = await anonymous.PostAsJsonAsync(Route, new { year, nominationDue = $"{year}-12-31" }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
        }

        await central.PostJsonAsync(Route, new { year, nominationDue = $"{year}-12-31", entries = 1 }, HttpStatusCode.Created);
        var work = await RecognizeAsync("01", "central");
        var noReason = await hanoi.PostJsonAsync($"{Route}/{year}/nominations", new { initiativeId = work, reason = "  " }, HttpStatusCode.BadRequest);
        Assert.Equal(["reason"], noReason["errors"]!.AsObject().Select(e => e.Key));
        Assert.Empty((await central.GetJsonAsync($"{Route}/{year}/nominations", HttpStatusCode.OK)).AsArray());
        var nomination = (await hanoi.PostJsonAsync($"{Route}/{year}/nominations", new { initiativeId = work, reason = "Tiêu biểu." }, HttpStatusCode.Created)).Str("id");

        await PatchAsync(central, $"{Route}/{year}", new { nominationDue = VietnamToday.AddDays(-1).ToString("yyyy-MM-dd") }, HttpStatusCode.OK);
        await central.PostJsonAsync($"{Route}/{year}/ballot/open", new { voterIds = new[] { "hdtc.1", "hdtc.1" } }, HttpStatusCode.BadRequest);
        await central.PostJsonAsync($"{Route}/{year}/ballot/open", new { voterIds = new[] { Voters[0].Id } }, HttpStatusCode.OK);
        using var voter = host.Client(Voters[0]);
        // One entry: a ballot of two is refused and not kept, so the voter's valid ballot is still their first.
        var tooMany = await voter.PostJsonAsync($"{Route}/{year}/ballots", new { nominationIds = new[] { nomination, Guid.NewGuid().ToString() } },
            HttpStatusCode.BadRequest);
        Assert.Contains("nominationIds", tooMany["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(0, (await central.GetJsonAsync($"{Route}/{year}/results", HttpStatusCode.OK))["ballotsCast"]!.GetValue<int>());
        await voter.PostJsonAsync($"{Route}/{year}/ballots", new { nominationIds = new[] { nomination } }, HttpStatusCode.NoContent);
        Assert.Equal("golden_book_not_counted", (await central.PostJsonAsync($"{Route}/{year}/publish", new { }, HttpStatusCode.Conflict)).Str("code"));
        Assert.Equal("golden_book_edition_not_found", (await central.PostJsonAsync($"{Route}/1999/ballot/close", new { }, HttpStatusCode.NotFound)).Str("code"));
    }

    [Fact]
    public async Task Simultaneous_nominations_of_one_work_and_simultaneous_ballots_of_one_voter_keep_one_each()
    {
        const int year = 2030;
        using var central = host.Client(Central);
        using var hanoi = host.Client(People.HanoiOfficer);
        using var union = host.Client(CentralUnion);
        await central.PostJsonAsync(Route, new { year, nominationDue = $"{year}-12-31" }, HttpStatusCode.Created);
        var work = await RecognizeAsync("01", "central");

        var nominations = await Task.WhenAll(new[] { hanoi, union, hanoi, union }.Select(c =>
            c.PostAsJsonAsync($"{Route}/{year}/nominations", new { initiativeId = work, reason = "Cùng lúc." })));
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.Conflict],
            nominations.Select(r => r.StatusCode).Order());
        var nomination = (await central.GetJsonAsync($"{Route}/{year}/nominations", HttpStatusCode.OK)).AsArray().Single()!.Str("id");

        await PatchAsync(central, $"{Route}/{year}", new { nominationDue = VietnamToday.AddDays(-1).ToString("yyyy-MM-dd") }, HttpStatusCode.OK);
        await central.PostJsonAsync($"{Route}/{year}/ballot/open", new { voterIds = Voters.Select(v => v.Id) }, HttpStatusCode.OK);
        using var voter = host.Client(Voters[0]);
        var ballots = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            voter.PostAsJsonAsync($"{Route}/{year}/ballots", new { nominationIds = new[] { nomination } })));
        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.Conflict],
            ballots.Select(r => r.StatusCode).Order());
        Assert.Equal(1, (await central.GetJsonAsync($"{Route}/{year}/results", HttpStatusCode.OK))["ballotsCast"]!.GetValue<int>());
        foreach (var response in nominations.Concat(ballots))
        {
            response.Dispose();
        }
    }

    /// <summary>Publishes a council's decision on the initiative at the level and waits until awards lists it as a candidate there.</summary>
    private async Task<Guid> RecognizeAsync(string province, string level)
    {
        var initiative = Guid.NewGuid();
        var decision = AwardsTests.Decision(initiative, level) with { ProvinceCode = province };
        await host.PublishAsync(decision);
        using var central = host.Client(Central);
        await TestInfrastructure.EventuallyAsync(async () =>
            (await central.GetJsonAsync($"/api/v1/commendations/candidates?campaignId={decision.CampaignId}&level={level}", HttpStatusCode.OK))["items"]!
                .AsArray().SingleOrDefault(c => c!.Str("initiativeId") == initiative.ToString()),
            TimeSpan.FromSeconds(30), $"the {level} recognition on the candidates list");
        return initiative;
    }

    private static async Task<JsonNode> PatchAsync(HttpClient http, string path, object body, HttpStatusCode expected)
    {
        using var response = await http.PatchAsJsonAsync(path, body);
        return await response.ReadAsync(expected);
    }

    private static string Nomination(JsonNode results, string initiativeId) =>
        results["ranking"]!.AsArray().Single(r => r!.Str("initiativeId") == initiativeId)!.Str("id");

    private async Task AssertAuditIsAppendOnlyAsync(int year)
    {
        await using var db = new NpgsqlConnection(host.Database.ConnectionString);
        await db.OpenAsync();
        foreach (var sql in new[] { "UPDATE golden_book_audit SET actor_id = 'khac' WHERE year = @year", "DELETE FROM golden_book_audit WHERE year = @year" })
        {
            await using var command = new NpgsqlCommand(sql, db);
            command.Parameters.AddWithValue("year", year);
            await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        }
    }
}

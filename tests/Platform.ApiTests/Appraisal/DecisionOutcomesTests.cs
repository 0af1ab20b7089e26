using DoanKetSangTao.Domain;
using System.Net;
using System.Text.Json.Nodes;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.ServiceDefaults.Security;
using DoanKetSangTao.Tests.Support;

namespace DoanKetSangTao.Tests.PlatformApiTests;

/// <summary>
/// What the councils' decisions do outside appraisal, through the gateway on the real servers: the appraisal results
/// report (recognized, not recognized, nominated upward, per council level and area) and the commendation candidates
/// list with the award types each recognition makes eligible, each as officers of the centre, a province and a
/// commune see them.
/// </summary>
public sealed class DecisionOutcomesTests(ApiPlatform platform) : IClassFixture<ApiPlatform>
{
    private static readonly Person BaDinhOfficer = new("canbo.xa.badinh", "Lê Thị Mai", PlatformRoles.FrontOfficer, "VN/01/00004");
    private static readonly Person NgocHaOfficer = new("canbo.xa.ngocha", "Trần Văn Quang", PlatformRoles.FrontOfficer, "VN/01/00008");

    private readonly Guid campaign = Guid.NewGuid();
    private readonly Guid digitalRecords = Guid.NewGuid();  // Ba Đình: recognized by the province, nominated, recognized nationally
    private readonly Guid schoolGarden = Guid.NewGuid();    // Ba Đình: recognized by the commune, nominated to the province
    private readonly Guid streetLights = Guid.NewGuid();    // Ngọc Hà: not recognized by the province
    private readonly Guid saigonWorkshop = Guid.NewGuid();  // TP Hồ Chí Minh: recognized by its province

    [Fact]
    public async Task Decisions_and_nominations_count_once_per_level_and_each_officer_sees_their_own_area()
    {
        var published = await PublishDecisionsAsync();
        using var centre = platform.Client(World.CentralOfficer);
        await EventuallyAsync(centre, $"/api/v1/reports/appraisal-results?campaignId={campaign}",
            r => Counts(r["totals"]!, "central") == (1, 0, 0) && Counts(r["totals"]!, "province") == (2, 1, 1) && Counts(r["totals"]!, "commune") == (1, 0, 1));
        // Every duplicate has arrived and been handled (counted on its inbox row): they must have changed nothing.
        await RedeliveredAsync("reporting", published.Select(e => e.EventId));
        var national = await centre.GetJsonAsync($"/api/v1/reports/appraisal-results?campaignId={campaign}", HttpStatusCode.OK);

        // The nation by province; a province's figure is the sum of its communes.
        Assert.Equal((1, 0, 1), Counts(national["totals"]!, "commune"));
        Assert.Equal((2, 1, 1), Counts(national["totals"]!, "province"));
        Assert.Equal((1, 0, 0), Counts(national["totals"]!, "central"));
        Assert.Equal(["01", "79"], Codes(national));
        Assert.Equal((1, 1, 1), Counts(Area(national, "01"), "province"));
        Assert.Equal((1, 0, 0), Counts(Area(national, "79"), "province"));

        // Hà Nội's officer: Hà Nội by commune, not Hồ Chí Minh, not the nation.
        using var hanoi = platform.Client(World.ProvinceOfficer);
        var province = await hanoi.GetJsonAsync($"/api/v1/reports/appraisal-results?campaignId={campaign}&provinceCode=01", HttpStatusCode.OK);
        Assert.Equal(["00004", "00008"], Codes(province));
        Assert.Equal((1, 0, 1), Counts(Area(province, "00004"), "commune"));
        Assert.Equal((1, 0, 1), Counts(Area(province, "00004"), "province"));
        Assert.Equal((1, 0, 0), Counts(Area(province, "00004"), "central"));
        Assert.Equal((0, 1, 0), Counts(Area(province, "00008"), "province"));
        Assert.Equal((1, 1, 1), Counts(province["totals"]!, "province"));
        Assert.Equal("report_outside_scope",
            (await hanoi.GetJsonAsync($"/api/v1/reports/appraisal-results?campaignId={campaign}&provinceCode=79", HttpStatusCode.Forbidden)).Str("code"));
        await hanoi.GetJsonAsync($"/api/v1/reports/appraisal-results?campaignId={campaign}", HttpStatusCode.Forbidden);

        // Each commune officer sees their commune's row only, and the totals are theirs.
        using var baDinh = platform.Client(BaDinhOfficer);
        var commune = await baDinh.GetJsonAsync($"/api/v1/reports/appraisal-results?campaignId={campaign}&provinceCode=01", HttpStatusCode.OK);
        Assert.Equal(["00004"], Codes(commune));
        Assert.Equal((1, 0, 1), Counts(commune["totals"]!, "province"));
        using var ngocHa = platform.Client(NgocHaOfficer);
        var other = await ngocHa.GetJsonAsync($"/api/v1/reports/appraisal-results?campaignId={campaign}&provinceCode=01", HttpStatusCode.OK);
        Assert.Equal(["00008"], Codes(other));
        Assert.Equal((0, 1, 0), Counts(other["totals"]!, "province"));

        // An author reads no reports.
        using var author = platform.Client(World.AuthorBinh);
        await author.GetJsonAsync($"/api/v1/reports/appraisal-results?campaignId={campaign}&provinceCode=01", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Recognitions_become_commendation_candidates_with_the_award_types_of_their_level()
    {
        var published = await PublishDecisionsAsync();
        using var centre = platform.Client(World.CentralOfficer);
        await EventuallyAsync(centre, $"/api/v1/commendations/candidates?campaignId={campaign}", r => r["items"]!.AsArray().Count == 4);
        await RedeliveredAsync("awards", published.OfType<AppraisalDecisionMade>().Select(e => e.EventId));
        var all = await centre.GetJsonAsync($"/api/v1/commendations/candidates?campaignId={campaign}", HttpStatusCode.OK);

        // One candidate per recognition and level, none for the initiative not recognized; the latest decisions first.
        Assert.Equal(
            [(digitalRecords, "central"), (digitalRecords, "province"), (saigonWorkshop, "province"), (schoolGarden, "commune")],
            Candidates(all));
        var national = Candidate(all, digitalRecords, "central");
        Assert.Equal("Số hóa hồ sơ học sinh trên nền tảng dùng chung", national.Str("title"));
        Assert.Equal("15/QĐ-MTTQ-BTT", national.Str("decisionNumber"));
        Assert.Equal("2026-12-10", national.Str("decisionDate"));
        Assert.Equal(("01", "00004"), (national.Str("provinceCode"), national.Str("communeCode")));
        Assert.Equal(["bang_khen_trung_uong", "giay_chung_nhan", "nguoi_viet_dkst", "sach_vang"], AwardCodes(national));
        var names = national["eligibleAwardTypes"]!.AsArray().Select(t => t!.Str("name")).ToList();
        Assert.Contains(names, n => n.Contains("Người Việt đoàn kết sáng tạo", StringComparison.Ordinal));
        Assert.Contains("Sách vàng Sáng tạo Việt Nam", names);
        Assert.Equal(["bang_khen_tinh", "giay_chung_nhan"], AwardCodes(Candidate(all, digitalRecords, "province")));
        Assert.Equal(["giay_chung_nhan", "giay_khen"], AwardCodes(Candidate(all, schoolGarden, "commune")));

        var onlyNational = await centre.GetJsonAsync($"/api/v1/commendations/candidates?campaignId={campaign}&level=central", HttpStatusCode.OK);
        Assert.Equal([(digitalRecords, "central")], Candidates(onlyNational));

        // Pages: two, then the rest, without overlap.
        var first = await centre.GetJsonAsync($"/api/v1/commendations/candidates?campaignId={campaign}&limit=2", HttpStatusCode.OK);
        var second = await centre.GetJsonAsync(
            $"/api/v1/commendations/candidates?campaignId={campaign}&limit=2&cursor={first.Str("nextCursor")}", HttpStatusCode.OK);
        Assert.Equal(Candidates(all), Candidates(first).Concat(Candidates(second)));
        Assert.Null(second["nextCursor"]?.GetValue<string>());

        // Hà Nội's officer sees Hà Nội's candidates (by default and when asking), not Hồ Chí Minh's.
        using var hanoi = platform.Client(World.ProvinceOfficer);
        var own = await hanoi.GetJsonAsync($"/api/v1/commendations/candidates?campaignId={campaign}", HttpStatusCode.OK);
        Assert.Equal([(digitalRecords, "central"), (digitalRecords, "province"), (schoolGarden, "commune")], Candidates(own));
        Assert.Equal(Candidates(own), Candidates(await hanoi.GetJsonAsync($"/api/v1/commendations/candidates?campaignId={campaign}&provinceCode=01", HttpStatusCode.OK)));
        Assert.Equal("commendation_outside_scope",
            (await hanoi.GetJsonAsync($"/api/v1/commendations/candidates?campaignId={campaign}&provinceCode=79", HttpStatusCode.Forbidden)).Str("code"));

        // Ba Đình's officer sees Ba Đình's; Ngọc Hà's, whose only initiative was not recognized, sees none.
        using var baDinh = platform.Client(BaDinhOfficer);
        Assert.Equal([(digitalRecords, "central"), (digitalRecords, "province"), (schoolGarden, "commune")],
            Candidates(await baDinh.GetJsonAsync($"/api/v1/commendations/candidates?campaignId={campaign}&provinceCode=01", HttpStatusCode.OK)));
        using var ngocHa = platform.Client(NgocHaOfficer);
        Assert.Empty(Candidates(await ngocHa.GetJsonAsync($"/api/v1/commendations/candidates?campaignId={campaign}", HttpStatusCode.OK)));

        // Bad input is explained; an author and a council secretary are refused.
        var bad = await centre.GetJsonAsync($"/api/v1/commendations/candidates?campaignId={campaign}&level=huyen", HttpStatusCode.BadRequest);
        Assert.Equal("validation_failed", bad.Str("code"));
        Assert.Contains("cấp xã", bad["errors"]!["level"]![0]!.GetValue<string>());
        using var author = platform.Client(World.AuthorBinh);
        await author.GetJsonAsync($"/api/v1/commendations/candidates?campaignId={campaign}", HttpStatusCode.Forbidden);
        using var secretary = platform.Client(World.Secretary);
        await secretary.GetJsonAsync($"/api/v1/commendations/candidates?campaignId={campaign}", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_later_decision_not_to_recognize_at_the_same_level_withdraws_the_candidate_and_an_older_one_does_not()
    {
        var reappraised = Guid.NewGuid();
        var recognized = Decision(reappraised, "province", "00004", true, "Bản đồ số hóa nghĩa trang liệt sĩ", "130/QĐ-MTTQ-BTT", new DateOnly(2026, 11, 20));
        var olderRefusal = Decision(reappraised, "province", "00004", false, "Bản đồ số hóa nghĩa trang liệt sĩ", "129/QĐ-MTTQ-BTT", new DateOnly(2026, 11, 19))
            with { OccurredAt = recognized.OccurredAt.AddHours(-1) };
        await platform.PublishAsync(recognized);
        await InboxedAsync("awards", recognized.EventId);
        await platform.PublishAsync(olderRefusal);
        await InboxedAsync("awards", olderRefusal.EventId);
        Assert.Equal(1, await CandidatesOfAsync(reappraised));

        var laterRefusal = Decision(reappraised, "province", "00004", false, "Bản đồ số hóa nghĩa trang liệt sĩ", "131/QĐ-MTTQ-BTT", new DateOnly(2026, 11, 25))
            with { OccurredAt = recognized.OccurredAt.AddHours(1) };
        await platform.PublishAsync(laterRefusal);
        await InboxedAsync("awards", laterRefusal.EventId);
        await InboxedAsync("reporting", laterRefusal.EventId);

        Assert.Equal(0, await CandidatesOfAsync(reappraised));
        Assert.False(await platform.ScalarAsync<bool>("reporting",
            "SELECT recognized FROM appraisal_outcomes WHERE initiative_id = @id AND council_level = 'province'", new { id = reappraised }));
    }

    private Task<long> CandidatesOfAsync(Guid initiative) =>
        platform.ScalarAsync<long>("awards", "SELECT count(*) FROM commendation_candidates WHERE initiative_id = @id", new { id = initiative });

    /// <summary>Waits until the service was handed each event twice (its inbox rows count the deliveries) and handled both.</summary>
    private Task RedeliveredAsync(string service, IEnumerable<Guid> eventIds)
    {
        var ids = eventIds.ToArray();
        return TestInfrastructure.EventuallyAsync(async () =>
            await platform.ScalarAsync<long>(service,
                "SELECT count(DISTINCT message_id) FROM inbox_messages WHERE message_id = ANY(@ids) AND deliveries >= 2", new { ids }) == ids.Length
            && await platform.ScalarAsync<long>(service,
                "SELECT count(*) FROM inbox_messages WHERE message_id = ANY(@ids) AND deliveries < 2", new { ids }) == 0
                ? (object)true : null,
            TimeSpan.FromSeconds(30), $"{service} handled both deliveries of {ids.Length} events");
    }

    private Task InboxedAsync(string service, Guid eventId) =>
        TestInfrastructure.EventuallyAsync(async () =>
            await platform.ScalarAsync<long>(service, "SELECT count(*) FROM inbox_messages WHERE message_id = @id", new { id = eventId }) == 1 ? (object)true : null,
            TimeSpan.FromSeconds(30), $"{service} consumed event {eventId}");

    [Fact]
    public async Task A_decision_from_older_appraisal_code_without_campaign_or_area_is_consumed_and_left_out()
    {
        var old = new AppraisalDecisionMade(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), "province", Guid.NewGuid(),
            true, 80m, "Khá", "3/QĐ-MTTQ", new DateOnly(2026, 11, 1), null);
        await platform.PublishAsync(old);

        // Handled (recorded in each inbox, so not retried into the error queue) without a row anywhere.
        foreach (var service in new[] { "reporting", "awards" })
        {
            await TestInfrastructure.EventuallyAsync(async () =>
                await platform.ScalarAsync<long>(service, "SELECT count(*) FROM inbox_messages WHERE message_id = @id", new { id = old.EventId }) == 1 ? (object)true : null,
                TimeSpan.FromSeconds(30), $"{service} consumed the old-style decision");
        }

        Assert.Equal(0, await platform.ScalarAsync<long>("reporting", "SELECT count(*) FROM appraisal_outcomes WHERE initiative_id = @id", new { id = old.InitiativeId }));
        Assert.Equal(0, await platform.ScalarAsync<long>("awards", "SELECT count(*) FROM commendation_candidates WHERE initiative_id = @id", new { id = old.InitiativeId }));
    }

    /// <summary>
    /// The councils' work for one campaign, each event published twice as a redelivery would be. The same initiative is
    /// decided at province and then at central level; another is nominated from its commune council.
    /// </summary>
    private async Task<IReadOnlyList<IIntegrationEvent>> PublishDecisionsAsync()
    {
        var events = new IIntegrationEvent[]
        {
            Decision(schoolGarden, "commune", "00004", true, "Vườn trường sinh thái từ vật liệu tái chế", "07/QĐ-MTTQ-BTT", new DateOnly(2026, 10, 5)),
            Nomination(schoolGarden, "commune", "province"),
            Decision(digitalRecords, "province", "00004", true, "Số hóa hồ sơ học sinh trên nền tảng dùng chung", "125/QĐ-MTTQ-BTT", new DateOnly(2026, 11, 20)),
            Nomination(digitalRecords, "province", "central"),
            Decision(digitalRecords, "central", "00004", true, "Số hóa hồ sơ học sinh trên nền tảng dùng chung", "15/QĐ-MTTQ-BTT", new DateOnly(2026, 12, 10)),
            Decision(streetLights, "province", "00008", false, "Đèn đường năng lượng mặt trời", "126/QĐ-MTTQ-BTT", new DateOnly(2026, 11, 20)),
            Decision(saigonWorkshop, "province", "25747", true, "Dây chuyền hàn tự động cho xưởng cơ khí nhỏ", "88/QĐ-MTTQ-BTT", new DateOnly(2026, 11, 18), "79"),
        };
        foreach (var message in events.Concat(events))
        {
            // Published as its own type: MassTransit routes on the message type, not on object.
            await (message switch
            {
                AppraisalDecisionMade decision => platform.PublishAsync(decision),
                InitiativeNominated nomination => platform.PublishAsync(nomination),
                _ => throw new InvalidOperationException(message.GetType().Name),
            });
        }

        return events;
    }

    private AppraisalDecisionMade Decision(
        Guid initiative, string level, string commune, bool recognized, string title, string number, DateOnly date, string province = "01") =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), level, initiative, recognized, recognized ? 88.5m : 52m,
            recognized ? "Tốt" : "Không đạt", number, date, recognized ? null : "Chưa chứng minh được hiệu quả áp dụng.", campaign, province, commune, title);

    private static InitiativeNominated Nomination(Guid initiative, string from, string to) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), from, to, initiative);

    /// <summary>Polls until the answer looks settled, then hands back the last one: the exact assertions say what differs.</summary>
    private static async Task<JsonNode> EventuallyAsync(HttpClient http, string path, Func<JsonNode, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var node = await http.GetJsonAsync(path, HttpStatusCode.OK);
        while (!done(node) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            node = await http.GetJsonAsync(path, HttpStatusCode.OK);
        }

        return node;
    }

    /// <summary>(recognized, not recognized, nominated upward) at one council level.</summary>
    private static (long, long, long) Counts(JsonNode levels, string level)
    {
        var row = levels.AsArray().Single(l => l!.Str("level") == level)!;
        return (row["recognized"]!.GetValue<long>(), row["notRecognized"]!.GetValue<long>(), row["nominatedUpward"]!.GetValue<long>());
    }

    private static JsonNode Area(JsonNode report, string code) => report["breakdown"]!.AsArray().Single(a => a!.Str("code") == code)!["levels"]!;

    private static List<string> Codes(JsonNode report) => report["breakdown"]!.AsArray().Select(a => a!.Str("code")).ToList();

    private static List<(Guid, string)> Candidates(JsonNode page) =>
        page["items"]!.AsArray().Select(c => (Guid.Parse(c!.Str("initiativeId")), c!.Str("level"))).ToList();

    private static JsonNode Candidate(JsonNode page, Guid initiative, string level) =>
        page["items"]!.AsArray().Single(c => c!.Str("initiativeId") == initiative.ToString() && c!.Str("level") == level)!;

    private static List<string> AwardCodes(JsonNode candidate) =>
        candidate["eligibleAwardTypes"]!.AsArray().Select(t => t!.Str("code")).ToList();
}

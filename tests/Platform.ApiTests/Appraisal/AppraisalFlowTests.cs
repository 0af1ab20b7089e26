using DoanKetSangTao.Domain;
using System.Globalization;
using System.Text.Json;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.ServiceDefaults.Security;
using DoanKetSangTao.Tests.Support;
using Npgsql;

namespace DoanKetSangTao.Tests.PlatformApiTests.Appraisal;

/// <summary>
/// The appraisal councils for real users, through the gateway, on the real servers: a province council set up by decision
/// receives the dossiers submitted in Hà Nội, screens them (one returned and resubmitted, one rejected as a duplicate),
/// assigns without conflicts of interest, scores with sheets hidden until one's own is submitted, decides after quorum and
/// nominates the best to the central council, which recognizes it nationally; registration shows each step.
/// </summary>
public sealed class AppraisalFlowTests(ApiPlatform platform) : IClassFixture<ApiPlatform>
{
    private static readonly Person Chair = new("chutich.hdtd.hanoi", "Lê Quang Vinh", PlatformRoles.CouncilMember, "VN/01");
    private static readonly Person Expert = new("chuyengia.hanoi", "Đặng Thu Hà", PlatformRoles.CouncilMember, "VN/01");
    private static readonly Person Member = new("uyvien.hanoi", "Phan Minh Tuấn", PlatformRoles.CouncilMember, "VN/01");
    private static readonly Person CentralSecretary = new("thuky.trunguong", "Hà Thị Yến", PlatformRoles.CouncilSecretary, "VN");
    private static readonly Person[] CentralMembers =
    [
        new("uyvien1.trunguong", "Tạ Văn Long", PlatformRoles.CouncilMember, "VN"),
        new("uyvien2.trunguong", "Mai Thị Ngọc", PlatformRoles.CouncilMember, "VN"),
        new("uyvien3.trunguong", "Kiều Đức Thắng", PlatformRoles.CouncilMember, "VN"),
    ];

    [Fact]
    public async Task A_province_council_screens_scores_decides_and_nominates_and_the_central_council_recognizes_nationally()
    {
        var world = await World.OfAsync(platform);
        using var hanoi = platform.Client(World.ProvinceOfficer);
        using var an = platform.Client(world.AuthorAn);
        using var branch = platform.Client(world.BranchOfficer);
        await hanoi.PutJsonAsync($"/api/v1/organizations/{world.School}/movement-plans/{world.CampaignId}",
            new { documentNumber = "05/KH-CĐCS", issuedOn = DateTime.UtcNow.AddMonths(-3).ToString("yyyy-MM-dd") }, HttpStatusCode.OK);
        var science = (await hanoi.PostJsonAsync("/api/v1/organizations",
            new { name = "Sở Khoa học và Công nghệ Hà Nội", kind = "agency", provinceCode = "01" }, HttpStatusCode.Created)).Id();
        var university = (await hanoi.PostJsonAsync("/api/v1/organizations",
            new { name = "Trường Đại học Bách khoa Hà Nội", kind = "school", provinceCode = "01" }, HttpStatusCode.Created)).Id();

        // A dossier submitted before any council exists waits, and becomes a case when the council is set up.
        var early = await SubmittedDossierAsync(an, branch, world, "Ứng dụng số hóa sổ điểm điện tử cho trường trung học cơ sở");

        // The Front officer of Hà Nội sets up the council by decision; the Labour Federation's member sits above the authors' union.
        var expertEmail = $"thuha.{Guid.NewGuid():N}@example.vn";
        var members = new object[]
        {
            new { userId = platform.AccountId(World.Secretary), fullName = World.Secretary.Name, role = "secretary", organizationId = science },
            new { userId = platform.AccountId(Chair), fullName = Chair.Name, role = "chair", organizationId = science },
            new { userId = platform.AccountId(Expert), fullName = Expert.Name, role = "expert", organizationId = university, email = expertEmail },
            new { userId = platform.AccountId(Member), fullName = Member.Name, role = "member", organizationId = university },
            new { userId = platform.AccountId(world.FederationOfficer), fullName = world.FederationOfficer.Name, role = "member", organizationId = world.Federation },
        };
        using var hcm = platform.Client(World.HcmOfficer);
        await (await hcm.PostAsJsonAsync("/api/v1/councils", Council(world.CampaignId, "VN/01", members))).JsonAsync(HttpStatusCode.Forbidden);
        var noSecretary = await (await hanoi.PostAsJsonAsync("/api/v1/councils", Council(world.CampaignId, "VN/01", members[1..]))).JsonAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(noSecretary["errors"]!["members"]);
        // Another test of the class may have set up a commune council of the same campaign: count this scope only.
        Assert.Equal(0, await platform.ScalarAsync<long>("appraisal",
            "SELECT count(*) FROM councils WHERE campaign_id = @campaignId AND level = 'province'", new { campaignId = world.CampaignId }));
        var council = await hanoi.PostJsonAsync("/api/v1/councils", Council(world.CampaignId, "VN/01", members), HttpStatusCode.Created);
        var councilId = council.Id();
        Assert.Equal("Hội đồng thẩm định sáng kiến thành phố Hà Nội", council.Str("name"));
        Assert.Equal(5, council["criteria"]!.AsArray().Count);
        await (await hanoi.PostAsJsonAsync("/api/v1/councils", Council(world.CampaignId, "VN/01", members))).JsonAsync(HttpStatusCode.Conflict);

        using var secretary = platform.Client(World.Secretary);
        var earlyCase = await CaseOfAsync(secretary, councilId, early.InitiativeId);
        var second = await SubmittedDossierAsync(an, branch, world, "Mô hình thư viện xanh trong trường học");
        var copy = await SubmittedDossierAsync(an, branch, world, "Ứng dụng so hoa so diem dien tu trong truong trung hoc co so");
        var secondCase = await CaseOfAsync(secretary, councilId, second.InitiativeId);
        var copyCase = await CaseOfAsync(secretary, councilId, copy.InitiativeId);
        await StatusAsync(an, early.InitiativeId, "under_appraisal");

        // A redelivered submission (the same event again, or published twice) opens no second case.
        var submitted = await platform.LastEventAsync<DossierSubmitted>("registration", early.InitiativeId);
        var republished = submitted with { EventId = Guid.NewGuid() };
        await platform.PublishAsync(submitted);
        await platform.PublishAsync(republished);
        // Both were handled: the redelivery counted on its inbox row, the copy under a new id recorded in the inbox.
        await TestInfrastructure.EventuallyAsync(async () => await platform.ScalarAsync<long>("appraisal",
            "SELECT coalesce(sum(deliveries), 0) FROM inbox_messages WHERE message_id = @id", new { id = submitted.EventId }) >= 2
            && await platform.ScalarAsync<long>("appraisal", "SELECT count(*) FROM inbox_messages WHERE message_id = @id", new { id = republished.EventId }) == 1
            ? (object)true : null, TimeSpan.FromSeconds(30), "appraisal handled the redelivered and the republished submission");
        Assert.Equal(1, await platform.ScalarAsync<long>("appraisal", "SELECT count(*) FROM appraisal_cases WHERE initiative_id = @id", new { id = early.InitiativeId }));
        Assert.Equal(1, await platform.ScalarAsync<long>("appraisal",
            "SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%AppraisalCaseOpened' AND payload->>'initiativeId' = @id", new { id = early.InitiativeId.ToString() }));

        // Screening: admitting an incomplete dossier is refused; it is returned with the reason, completed and resubmitted.
        var notAdmissible = await (await secretary.PostAsJsonAsync($"/api/v1/appraisals/cases/{earlyCase}/screening",
            Screening("admit", complete: false))).JsonAsync((HttpStatusCode)422);
        Assert.Equal("screening_not_admissible", notAdmissible.Str("code"));
        using var chairClient = platform.Client(Chair);
        using var memberClient = platform.Client(Member);
        await (await memberClient.PostAsJsonAsync($"/api/v1/appraisals/cases/{earlyCase}/screening", Screening("admit"))).JsonAsync(HttpStatusCode.Forbidden);
        var returned = await secretary.PostJsonAsync($"/api/v1/appraisals/cases/{earlyCase}/screening",
            Screening("return", complete: false, reason: "Bổ sung số liệu hiệu quả áp dụng có xác nhận của nhà trường."), HttpStatusCode.OK);
        Assert.Equal("returned", returned.Str("state"));
        await StatusAsync(an, early.InitiativeId, "dossier_returned");
        await an.PutJsonAsync($"/api/v1/dossiers/{early.DossierId}", World.DossierContent("Sổ điểm điện tử; hiệu quả: giảm 80% thời gian tổng hợp điểm (có xác nhận)."), HttpStatusCode.OK);
        await an.PostJsonAsync($"/api/v1/dossiers/{early.DossierId}/submit", new { }, HttpStatusCode.OK);
        await TestInfrastructure.EventuallyAsync(async () =>
        {
            var now = await secretary.GetJsonAsync($"/api/v1/appraisals/cases/{earlyCase}", HttpStatusCode.OK);
            return now.Str("state") == "screening" && now["dossierVersion"]!.GetValue<int>() == 2 ? now : null;
        }, TimeSpan.FromSeconds(30), "the case reopened with version 2");
        await secretary.PostJsonAsync($"/api/v1/appraisals/cases/{earlyCase}/screening", Screening("admit"), HttpStatusCode.OK);
        await secretary.PostJsonAsync($"/api/v1/appraisals/cases/{secondCase}/screening", Screening("admit"), HttpStatusCode.OK);

        // A registration nobody submitted, with nearly the same title: appraisal holds it in its corpus but never shows it.
        var unsubmitted = await World.RegisterAsync(an, world.Registration("Ứng dụng số hóa sổ điểm điện tử cho các trường trung học cơ sở"));
        await TestInfrastructure.EventuallyAsync(async () => await platform.ScalarAsync<long>("appraisal",
            "SELECT count(*) FROM similarity_corpus WHERE initiative_id = @id", new { id = unsubmitted.Id() }) == 1 ? (object)true : null,
            TimeSpan.FromSeconds(30), "the registration in appraisal's corpus");

        // The council sees the earlier initiative as the most similar to the copy (typed without diacritics), and never the copy itself.
        var similar = await secretary.GetJsonAsync($"/api/v1/appraisals/cases/{copyCase}/similar?limit=5", HttpStatusCode.OK);
        Assert.DoesNotContain(similar.AsArray(), x => x!.Str("initiativeId") == unsubmitted.Str("id"));
        Assert.All(similar.AsArray(), x => Assert.Contains(x!.Str("stage"), new[] { "submitted", "recognized" }));
        Assert.Equal(early.InitiativeId.ToString(), similar[0]!.Str("initiativeId"));
        Assert.DoesNotContain(similar.AsArray(), x => x!.Str("initiativeId") == copy.InitiativeId.ToString());
        Assert.True(similar[0]!["score"]!.GetValue<double>() > similar.AsArray().Skip(1).Select(x => x!["score"]!.GetValue<double>()).DefaultIfEmpty(0).Max());
        await (await secretary.GetAsync($"/api/v1/appraisals/cases/{copyCase}/similar?limit=500")).JsonAsync(HttpStatusCode.BadRequest);

        // The copy is marked a duplicate of the earlier initiative and rejected on that ground; registration records it.
        var unmarked = await (await secretary.PostAsJsonAsync($"/api/v1/appraisals/cases/{copyCase}/screening",
            Screening("reject", ground: "duplicate"))).JsonAsync((HttpStatusCode)422);
        Assert.Equal("screening_ground_not_shown", unmarked.Str("code"));
        await secretary.PostJsonAsync($"/api/v1/appraisals/cases/{copyCase}/duplicate",
            new { initiativeId = early.InitiativeId, note = "Cùng giải pháp sổ điểm điện tử." }, HttpStatusCode.OK);
        await secretary.PostJsonAsync($"/api/v1/appraisals/cases/{copyCase}/screening", Screening("reject", ground: "duplicate"), HttpStatusCode.OK);
        await StatusAsync(an, copy.InitiativeId, "not_recognized");

        // Assignment: the Labour Federation's member is conflicted (their organization is above the authors') and refused by hand.
        var federationPerson = PersonId(council, platform.AccountId(world.FederationOfficer));
        var conflicted = await (await secretary.PutAsJsonAsync($"/api/v1/appraisals/cases/{earlyCase}/assignments",
            new { personIds = new[] { federationPerson } })).JsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal("member_conflicted", conflicted.Str("code"));
        var plan = await secretary.PostJsonAsync($"/api/v1/councils/{councilId}/assignments/auto", new { reviewersPerCase = 3 }, HttpStatusCode.OK);
        Assert.Equal(2, plan["assignments"]!.AsArray().Count);
        var assigned = plan["assignments"]!.AsArray().SelectMany(a => a!["memberIds"]!.AsArray().Select(m => Guid.Parse(m!.GetValue<string>()))).ToList();
        Assert.DoesNotContain(federationPerson, assigned);
        // The secretary keeps the records; the three other members without a conflict score both cases.
        Assert.Equal(new[] { PersonId(council, platform.AccountId(Chair)), PersonId(council, platform.AccountId(Expert)), PersonId(council, platform.AccountId(Member)) }.Order(), assigned.Distinct().Order());
        // Each assigned member is told once per case, in the app and by e-mail; setting the same members again tells nobody twice.
        await secretary.PutJsonAsync($"/api/v1/appraisals/cases/{earlyCase}/assignments",
            new { personIds = plan["assignments"]!.AsArray().Single(a => a!.Str("caseId") == earlyCase.ToString())!["memberIds"] }, HttpStatusCode.OK);
        using var expert = platform.Client(Expert);
        var told = await TestInfrastructure.EventuallyAsync(async () =>
        {
            var inbox = (await expert.GetJsonAsync("/api/v1/notifications", HttpStatusCode.OK)).AsArray()
                .Where(n => n!.Str("kind") == "appraisal_case_assigned").ToList();
            return inbox.Count >= 2 ? inbox : null;
        }, TimeSpan.FromSeconds(30), "the expert's assignment notices");
        Assert.Equal(2, told.Count);
        Assert.Contains(told, n => n!.Str("subjectId") == earlyCase.ToString() && n!.Str("body").Contains(council.Str("name"), StringComparison.Ordinal));
        await TestInfrastructure.EventuallyAsync(
            () => Task.FromResult(Directory.EnumerateFiles(TestInfrastructure.MailDirectory, "*.eml")
                .Count(f => File.ReadAllText(f).Contains(expertEmail, StringComparison.Ordinal)) == 2 ? (object)true : null),
            TimeSpan.FromSeconds(30), "two assignment e-mails to the expert");
        using var federationMember = platform.Client(world.FederationOfficer with { Role = PlatformRoles.CouncilMember });
        await (await federationMember.PutAsJsonAsync($"/api/v1/appraisals/cases/{earlyCase}/scores/mine", Scores(0.8m))).JsonAsync(HttpStatusCode.Forbidden);
        await (await federationMember.GetAsync($"/api/v1/appraisals/cases/{earlyCase}")).JsonAsync(HttpStatusCode.Forbidden);

        // Scoring: a draft can change; others' sheets stay hidden until one's own is submitted; a submitted sheet is locked.
        var draft = await expert.PutJsonAsync($"/api/v1/appraisals/cases/{earlyCase}/scores/mine", Scores(0.7m, comment: "Cần thêm số liệu."), HttpStatusCode.OK);
        Assert.Equal("draft", draft.Str("state"));
        await expert.PutJsonAsync($"/api/v1/appraisals/cases/{earlyCase}/scores/mine", Scores(0.85m, comment: "Giải pháp mới, hiệu quả rõ."), HttpStatusCode.OK);
        var offStep = await (await expert.PutAsJsonAsync($"/api/v1/appraisals/cases/{earlyCase}/scores/mine", Scores(0.851m))).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("validation_failed", offStep.Str("code"));
        var expertSheet = await expert.PostJsonAsync($"/api/v1/appraisals/cases/{earlyCase}/scores/mine/submit", new { }, HttpStatusCode.OK);
        Assert.Equal(85m, expertSheet["total"]!.GetValue<decimal>());
        var locked = await (await expert.PutAsJsonAsync($"/api/v1/appraisals/cases/{earlyCase}/scores/mine", Scores(0.5m))).JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal("score_locked", locked.Str("code"));
        var frozen = await (await secretary.PutAsJsonAsync($"/api/v1/councils/{councilId}/scheme", new { bands = council["bands"] })).JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal("rubric_frozen", frozen.Str("code"));

        // Hạn chấm điểm: the province's scoring deadline is three days ahead (its D-3 step is due now). Appraisal names the
        // member who has not submitted a sheet, and notification reminds them in person, naming the council.
        var vietnam = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7));
        var fired = DateOnly.FromDateTime(vietnam.TimeOfDay >= TimeSpan.FromHours(8) ? vietnam.Date : vietnam.Date.AddDays(-1));
        await hanoi.PutJsonAsync($"/api/v1/campaigns/{world.CampaignId}/deadlines/appraisal",
            new { scopeCode = "01", dueBefore = fired.AddDays(4).ToString("yyyy-MM-dd") }, HttpStatusCode.OK);
        var scoringReminder = await TestInfrastructure.EventuallyAsync(async () =>
            (await memberClient.GetJsonAsync("/api/v1/notifications?limit=100", HttpStatusCode.OK)).AsArray()
                .FirstOrDefault(n => n!.Str("kind") == "deadline_reminder" && n!.Str("body").Contains("phiếu chấm", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60), "the scoring-deadline reminder to the member who has not scored");
        Assert.Contains(council.Str("name"), scoringReminder!.Str("body"), StringComparison.Ordinal);
        Assert.Contains(Member.Name, scoringReminder.Str("body"), StringComparison.Ordinal);

        var before = await memberClient.GetJsonAsync($"/api/v1/appraisals/cases/{earlyCase}/scores", HttpStatusCode.OK);
        Assert.Empty(before["sheets"]!.AsArray());
        Assert.Equal(1, before["hidden"]!.GetValue<int>());
        await (await memberClient.GetAsync($"/api/v1/appraisals/cases/{earlyCase}/aggregate")).JsonAsync(HttpStatusCode.Forbidden);
        var tooEarly = await (await secretary.PostAsJsonAsync($"/api/v1/appraisals/cases/{earlyCase}/decision", Decision(true, "101/QĐ-HĐTĐ"))).JsonAsync((HttpStatusCode)422);
        Assert.Equal("quorum_not_met", tooEarly.Str("code"));
        await memberClient.PutJsonAsync($"/api/v1/appraisals/cases/{earlyCase}/scores/mine", Scores(0.8m), HttpStatusCode.OK);
        await memberClient.PostJsonAsync($"/api/v1/appraisals/cases/{earlyCase}/scores/mine/submit", new { }, HttpStatusCode.OK);
        var after = await memberClient.GetJsonAsync($"/api/v1/appraisals/cases/{earlyCase}/scores", HttpStatusCode.OK);
        Assert.Equal(2, after["sheets"]!.AsArray().Count);
        Assert.Contains(after["sheets"]!.AsArray(), x => x!.Str("fullName") == Expert.Name && x!["scores"]![0]!.Str("comment") == "Giải pháp mới, hiệu quả rõ.");

        var progress = await secretary.GetJsonAsync($"/api/v1/councils/{councilId}/progress", HttpStatusCode.OK);
        Assert.Equal("2/3", progress["cases"]!.AsArray().Single(c => c!.Id() == earlyCase)!.Str("progress"));
        var aggregate = await secretary.GetJsonAsync($"/api/v1/appraisals/cases/{earlyCase}/aggregate", HttpStatusCode.OK);
        Assert.True(aggregate["quorumMet"]!.GetValue<bool>());
        Assert.Equal(82.5m, aggregate["aggregate"]!["mean"]!.GetValue<decimal>());
        Assert.Equal("recognize", aggregate.Str("recommendation"));

        // The decision: recognized at province level, published to registration (and the author's notification).
        var decided = await secretary.PostJsonAsync($"/api/v1/appraisals/cases/{earlyCase}/decision",
            Decision(true, "101/QĐ-HĐTĐ", comment: "Sáng kiến có tính mới và hiệu quả rõ rệt."), HttpStatusCode.OK);
        Assert.Equal("decided", decided.Str("state"));
        var recognized = await StatusAsync(an, early.InitiativeId, "recognized");
        Assert.Equal("province", recognized["recognizedLevel"]!.GetValue<string>());

        // Nomination: refused while no central council exists; the centre sets one up with a national campaign.
        var noUpper = await (await secretary.PostAsJsonAsync($"/api/v1/councils/{councilId}/nominations", new { caseIds = new[] { earlyCase } })).JsonAsync((HttpStatusCode)422);
        Assert.Equal("upper_council_missing", noUpper.Str("code"));
        using var centre = platform.Client(World.CentralOfficer);
        var national = (await centre.PostJsonAsync("/api/v1/campaigns", new
        {
            year = world.Year, name = $"Phong trào Đoàn kết sáng tạo toàn quốc năm {world.Year}", registrationDueBefore = $"{world.Year}-03-31",
        }, HttpStatusCode.Created)).Id();
        var centralOrg = (await centre.PostJsonAsync("/api/v1/organizations",
            new { name = "Ban Phong trào, Ủy ban Trung ương MTTQ Việt Nam", kind = "agency", provinceCode = "01" }, HttpStatusCode.Created)).Id();
        object[] centralMembers =
        [
            new { userId = platform.AccountId(CentralSecretary), fullName = CentralSecretary.Name, role = "secretary", organizationId = centralOrg },
            .. CentralMembers.Select((m, i) => (object)new { userId = platform.AccountId(m), fullName = m.Name, role = i == 0 ? "chair" : "member", organizationId = centralOrg }),
        ];
        // A council is set up only for a campaign registration holds, and a province's campaign has no central council.
        var unknown = await (await centre.PostAsJsonAsync("/api/v1/councils", Council(Guid.NewGuid(), "VN", centralMembers))).JsonAsync((HttpStatusCode)422);
        Assert.Equal("campaign_unknown", unknown.Str("code"));
        var outside = await (await centre.PostAsJsonAsync("/api/v1/councils", Council(world.CampaignId, "VN", centralMembers))).JsonAsync((HttpStatusCode)422);
        Assert.Equal("council_outside_campaign", outside.Str("code"));
        // Last year's central council does not take this year's nominations.
        var lastYear = (await centre.PostJsonAsync("/api/v1/campaigns", new
        {
            year = world.Year - 1, name = $"Phong trào Đoàn kết sáng tạo toàn quốc năm {world.Year - 1}", registrationDueBefore = $"{world.Year - 1}-03-31",
        }, HttpStatusCode.Created)).Id();
        await centre.PostJsonAsync("/api/v1/councils", Council(lastYear, "VN", centralMembers, name: $"Hội đồng thẩm định Trung ương năm {world.Year - 1}"),
            HttpStatusCode.Created);
        var stillNoUpper = await (await secretary.PostAsJsonAsync($"/api/v1/councils/{councilId}/nominations", new { caseIds = new[] { earlyCase } }))
            .JsonAsync((HttpStatusCode)422);
        Assert.Equal("upper_council_missing", stillNoUpper.Str("code"));
        var centralCouncil = await centre.PostJsonAsync("/api/v1/councils", Council(national, "VN", centralMembers, name: "Hội đồng thẩm định Trung ương"),
            HttpStatusCode.Created);
        var nominated = await secretary.PostJsonAsync($"/api/v1/councils/{councilId}/nominations", new { caseIds = new[] { earlyCase } }, HttpStatusCode.OK);
        var upperCase = Guid.Parse(nominated[0]!.Str("upperCaseId"));
        Assert.Equal(centralCouncil.Id(), Guid.Parse(nominated[0]!.Str("upperCouncilId")));
        // The author sees the level and the stage apart: nominated to the central council, under appraisal there.
        await StandingAsync(an, early.InitiativeId, "central", "under_appraisal", "Được đề cử lên Hội đồng Trung ương, đang thẩm định tại đó");
        await (await secretary.PostAsJsonAsync($"/api/v1/councils/{councilId}/nominations", new { caseIds = new[] { earlyCase } })).JsonAsync(HttpStatusCode.Conflict);
        var notRecognized = await (await secretary.PostAsJsonAsync($"/api/v1/councils/{councilId}/nominations", new { caseIds = new[] { copyCase } })).JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal("case_state_invalid", notRecognized.Str("code"));

        // The central council receives it with the province's result attached, screens, scores and recognizes it nationally.
        using var centralSecretary = platform.Client(CentralSecretary);
        var received = await centralSecretary.GetJsonAsync($"/api/v1/appraisals/cases/{upperCase}", HttpStatusCode.OK);
        Assert.Equal("101/QĐ-HĐTĐ", received["lowerResult"]!.Str("decisionNumber"));
        Assert.Equal(82.5m, received["lowerResult"]!["aggregateTotal"]!.GetValue<decimal>());
        await centralSecretary.PostJsonAsync($"/api/v1/appraisals/cases/{upperCase}/screening", Screening("admit"), HttpStatusCode.OK);
        await centralSecretary.PostJsonAsync($"/api/v1/councils/{centralCouncil.Id()}/assignments/auto", new { reviewersPerCase = 3 }, HttpStatusCode.OK);
        foreach (var m in CentralMembers)
        {
            using var client = platform.Client(m);
            await client.PutJsonAsync($"/api/v1/appraisals/cases/{upperCase}/scores/mine", Scores(0.9m), HttpStatusCode.OK);
            await client.PostJsonAsync($"/api/v1/appraisals/cases/{upperCase}/scores/mine/submit", new { }, HttpStatusCode.OK);
        }

        await centralSecretary.PostJsonAsync($"/api/v1/appraisals/cases/{upperCase}/decision", Decision(true, "25/QĐ-MTTW"), HttpStatusCode.OK);
        var nationally = await StatusAsync(an, early.InitiativeId, "recognized", level: "central");
        Assert.Equal("central", nationally["recognizedLevel"]!.GetValue<string>());
        Assert.Equal("Được đề cử lên Hội đồng Trung ương và được công nhận",
            (await StandingAsync(an, early.InitiativeId, "central", "recognized")).Str("appraisalLabel"));

        // The author sees each council's outcome and published comment, never the members' sheets.
        var outcomes = await an.GetJsonAsync($"/api/v1/appraisals/outcomes?initiativeId={early.InitiativeId}", HttpStatusCode.OK);
        Assert.Equal(2, outcomes.AsArray().Count);
        Assert.Equal("Sáng kiến có tính mới và hiệu quả rõ rệt.", outcomes[0]!.Str("comment"));
        Assert.True(outcomes[0]!["nominated"]!.GetValue<bool>());
        Assert.Equal("Trung ương", outcomes[1]!.Str("councilLevel"));
        await (await an.GetAsync($"/api/v1/appraisals/cases/{earlyCase}/scores")).JsonAsync(HttpStatusCode.Forbidden);
        using var binh = platform.Client(World.AuthorBinh);
        Assert.Empty((await binh.GetJsonAsync($"/api/v1/appraisals/outcomes?initiativeId={early.InitiativeId}", HttpStatusCode.OK)).AsArray());

        // The audit trail has every step, and the database refuses to change it. The Front officer overseeing the council sees
        // the scores of decided cases only; a draft on the case still being scored shows who scored, not the points.
        await memberClient.PutJsonAsync($"/api/v1/appraisals/cases/{secondCase}/scores/mine", Scores(0.6m), HttpStatusCode.OK);
        var audit = await hanoi.GetJsonAsync($"/api/v1/councils/{councilId}/audit", HttpStatusCode.OK);
        var draftEntry = audit.AsArray().Last(a => a!.Str("action") == "score_saved" && a!.Str("caseId") == secondCase.ToString())!;
        Assert.Null(draftEntry["details"]!["total"]);
        Assert.Equal(JsonValueKind.String, draftEntry["details"]!["scores"]!.GetValueKind());
        Assert.Contains(audit.AsArray(), a => a!.Str("action") == "score_submitted" && a!.Str("caseId") == earlyCase.ToString() && a!["details"]!["total"] is not null);
        var secretaryAudit = await secretary.GetJsonAsync($"/api/v1/councils/{councilId}/audit?caseId={secondCase}", HttpStatusCode.OK);
        Assert.Equal(60m, secretaryAudit.AsArray().Last(a => a!.Str("action") == "score_saved")!["details"]!["total"]!.GetValue<decimal>());
        var actions = audit.AsArray().Select(a => a!.Str("action")).ToList();
        foreach (var action in new[] { "council_created", "case_opened", "screened", "case_reopened", "marked_duplicate", "assigned", "score_saved", "score_submitted", "decided", "nominated" })
        {
            Assert.Contains(action, actions);
        }

        // The council's results sheet and a member's scoring sheet, as Excel files with the Vietnamese intact.
        var results = await SheetAsync(hanoi, $"/api/v1/councils/{councilId}/results.xlsx", "Kết quả thẩm định");
        Assert.Equal("Ứng dụng số hóa sổ điểm điện tử cho trường trung học cơ sở", results["B7"]);
        Assert.Equal(82.5m, decimal.Parse(results["I7"], CultureInfo.InvariantCulture));
        Assert.Equal("Công nhận", results["N7"]);
        Assert.Equal("101/QĐ-HĐTĐ", results["O7"]);
        Assert.Equal("Có", results["Q7"]);
        Assert.StartsWith("Bị loại", results["N8"], StringComparison.Ordinal);
        Assert.Equal("Mô hình thư viện xanh trong trường học", (await SheetAsync(secretary, $"/api/v1/councils/{councilId}/results.xlsx", "Đang thẩm định"))["B7"]);
        var expertPerson = PersonId(council, platform.AccountId(Expert));
        var scoring = await SheetAsync(expert, $"/api/v1/councils/{councilId}/members/{expertPerson}/scoring-sheet.xlsx", "Phiếu chấm điểm");
        Assert.Equal(85m, decimal.Parse(scoring["I7"], CultureInfo.InvariantCulture));
        Assert.Equal("Đã nộp", scoring["J7"]);
        Assert.Contains("Giải pháp mới, hiệu quả rõ.", scoring["L7"], StringComparison.Ordinal);
        await (await memberClient.GetAsync($"/api/v1/councils/{councilId}/members/{expertPerson}/scoring-sheet.xlsx")).JsonAsync(HttpStatusCode.Forbidden);
        await (await memberClient.GetAsync($"/api/v1/councils/{councilId}/results.xlsx")).JsonAsync(HttpStatusCode.Forbidden);

        var tamper = await Assert.ThrowsAsync<PostgresException>(() => platform.ScalarAsync<long>("appraisal", "UPDATE audit_entries SET actor = 'ai đó' RETURNING 1"));
        Assert.Contains("append-only", tamper.MessageText, StringComparison.Ordinal);
        await (await memberClient.GetAsync($"/api/v1/councils/{councilId}/audit")).JsonAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Membership_changes_are_recorded_as_tenures_and_a_departed_member_can_no_longer_score()
    {
        var world = await World.OfAsync(platform);
        using var hanoi = platform.Client(World.ProvinceOfficer);
        var org = (await hanoi.PostJsonAsync("/api/v1/organizations",
            new { name = "Hội Liên hiệp Phụ nữ thành phố Hà Nội", kind = "member_organization", provinceCode = "01" }, HttpStatusCode.Created)).Id();
        var communes = (await hanoi.GetJsonAsync("/api/v1/administrative-units?provinceCode=01", HttpStatusCode.OK)).AsArray();
        var commune = communes[3]!.Str("code");
        var commune2 = communes[4]!.Str("code");
        var secretaryPerson = new Person("thuky.xa", "Lưu Thị Hồng", PlatformRoles.CouncilSecretary, $"VN/01/{commune}");
        var memberPerson = new Person("uyvien.xa", "Chu Văn Khoa", PlatformRoles.CouncilMember, $"VN/01/{commune}");
        var memberId = platform.AccountId(memberPerson);
        var council = await hanoi.PostJsonAsync("/api/v1/councils", Council(world.CampaignId, $"VN/01/{commune}",
            [
                new { userId = platform.AccountId(secretaryPerson), fullName = secretaryPerson.Name, role = "secretary", organizationId = org },
                new { userId = memberId, fullName = memberPerson.Name, role = "member", organizationId = org },
            ], name: "Hội đồng thẩm định sáng kiến cấp xã"), HttpStatusCode.Created);
        Assert.Equal("commune", council.Str("level"));
        var person = PersonId(council, memberId);
        using var secretary = platform.Client(secretaryPerson);
        var noReason = await (await secretary.PutAsJsonAsync($"/api/v1/councils/{council.Id()}/members/{person}/role", new { role = "chair" })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(noReason["errors"]!["reason"]);
        var changed = await secretary.PutJsonAsync($"/api/v1/councils/{council.Id()}/members/{person}/role",
            new { role = "chair", reason = "Quyết định kiện toàn hội đồng số 7/QĐ-MTTQ" }, HttpStatusCode.OK);
        Assert.Equal("chair", changed["members"]!.AsArray().Single(m => m!.Str("userId") == memberId)!.Str("role"));
        Assert.Equal(2, changed["history"]!.AsArray().Count(m => m!.Str("userId") == memberId));
        var badRole = await (await secretary.PostAsJsonAsync($"/api/v1/councils/{council.Id()}/members",
            new { userId = "x.xa", fullName = "Tống Văn Lợi", role = "truong_ban", organizationId = org })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(badRole["errors"]!["member.role"]);
        var nullMember = await (await hanoi.PostAsJsonAsync("/api/v1/councils", Council(world.CampaignId, $"VN/01/{commune2}", [null!]))).JsonAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(nullMember["errors"]!["members[0].userId"]);
        var twoChairs = await (await secretary.PostAsJsonAsync($"/api/v1/councils/{council.Id()}/members",
            new { userId = "chutich2.xa", fullName = "Tống Văn Lợi", role = "chair", organizationId = org, reason = "Bổ sung" })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("validation_failed", twoChairs.Str("code"));
        var left = await secretary.PostJsonAsync($"/api/v1/councils/{council.Id()}/members/{person}/leave", new { reason = "Chuyển công tác" }, HttpStatusCode.OK);
        Assert.DoesNotContain(left["members"]!.AsArray(), m => m!.Str("userId") == memberId);
        using var departed = platform.Client(memberPerson);
        await (await departed.GetAsync($"/api/v1/councils/{council.Id()}")).JsonAsync(HttpStatusCode.Forbidden);
        using var outsider = platform.Client(World.HcmOfficer);
        await (await outsider.GetAsync($"/api/v1/councils/{council.Id()}")).JsonAsync(HttpStatusCode.Forbidden);

        // The list: the area's officer and the council's secretary see it with its counts; another province's officer and a departed member do not.
        var listed = (await hanoi.GetJsonAsync($"/api/v1/councils?campaignId={world.CampaignId}", HttpStatusCode.OK)).AsArray().Single(c => c!.Id() == council.Id())!;
        Assert.Equal($"VN/01/{commune}", listed.Str("scope"));
        Assert.Equal(1, listed["members"]!.GetValue<int>());
        Assert.Contains((await secretary.GetJsonAsync("/api/v1/councils", HttpStatusCode.OK)).AsArray(), c => c!.Id() == council.Id());
        Assert.DoesNotContain((await outsider.GetJsonAsync("/api/v1/councils", HttpStatusCode.OK)).AsArray(), c => c!.Id() == council.Id());
        Assert.Empty((await departed.GetJsonAsync("/api/v1/councils", HttpStatusCode.OK)).AsArray());
        using var an = platform.Client(world.AuthorAn);
        await (await an.GetAsync($"/api/v1/councils/{council.Id()}")).JsonAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Withdrawing_an_initiative_closes_its_case_and_the_council_can_do_nothing_more_on_it()
    {
        var world = await World.OfAsync(platform);
        using var hanoi = platform.Client(World.ProvinceOfficer);
        using var an = platform.Client(world.AuthorAn);
        using var branch = platform.Client(world.BranchOfficer);
        // A campaign of its own, so that this council takes none of the other tests' dossiers.
        var campaign = (await hanoi.PostJsonAsync("/api/v1/campaigns", new
        {
            year = world.Year, name = $"Đợt thi đua chuyên đề chuyển đổi số Hà Nội năm {world.Year}", provinceCode = "01",
            registrationDueBefore = $"{world.Year}-01-15", deadlines = new Dictionary<string, string> { ["dossier"] = $"{world.Year}-08-06" },
        }, HttpStatusCode.Created)).Id();
        var justice = (await hanoi.PostJsonAsync("/api/v1/organizations",
            new { name = "Sở Tư pháp Hà Nội", kind = "agency", provinceCode = "01" }, HttpStatusCode.Created)).Id();
        var secretaryPerson = new Person("thuky.chuyende.hanoi", "Đoàn Văn Sơn", PlatformRoles.CouncilSecretary, "VN/01");
        var chairPerson = new Person("chutich.chuyende.hanoi", "Vương Thị Lụa", PlatformRoles.CouncilMember, "VN/01");
        var council = await hanoi.PostJsonAsync("/api/v1/councils", Council(campaign, "VN/01",
            [
                new { userId = platform.AccountId(secretaryPerson), fullName = secretaryPerson.Name, role = "secretary", organizationId = justice },
                new { userId = platform.AccountId(chairPerson), fullName = chairPerson.Name, role = "chair", organizationId = justice },
            ], name: "Hội đồng thẩm định chuyên đề chuyển đổi số"), HttpStatusCode.Created);
        using var secretary = platform.Client(secretaryPerson);
        var filed = await SubmittedDossierAsync(an, branch, world, "Sổ tay pháp luật điện tử cho tổ hòa giải", campaign);
        var caseId = await CaseOfAsync(secretary, council.Id(), filed.InitiativeId);

        await an.PostJsonAsync($"/api/v1/initiatives/{filed.InitiativeId}/withdraw", new { reason = "Tác giả chuyển công tác, xin rút sáng kiến." }, HttpStatusCode.OK);
        var closed = await TestInfrastructure.EventuallyAsync(async () =>
        {
            var now = await secretary.GetJsonAsync($"/api/v1/appraisals/cases/{caseId}", HttpStatusCode.OK);
            return now.Str("state") == "withdrawn" ? now : null;
        }, TimeSpan.FromSeconds(30), "the case closed on the withdrawal");
        Assert.Equal("đã đóng do tác giả rút sáng kiến", closed.Str("stateName"));

        // Every act on it is refused, saying why.
        var admit = await (await secretary.PostAsJsonAsync($"/api/v1/appraisals/cases/{caseId}/screening", Screening("admit"))).JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal("case_withdrawn", admit.Str("code"));
        Assert.Contains("tác giả đã rút sáng kiến", admit.Str("detail"));
        Assert.Contains("Tác giả chuyển công tác", admit.Str("detail"));
        var chair = PersonId(council, platform.AccountId(chairPerson));
        Assert.Equal("case_withdrawn", (await (await secretary.PutAsJsonAsync($"/api/v1/appraisals/cases/{caseId}/assignments",
            new { personIds = new[] { chair } })).JsonAsync(HttpStatusCode.Conflict)).Str("code"));
        Assert.Equal("case_withdrawn", (await (await secretary.PostAsJsonAsync($"/api/v1/appraisals/cases/{caseId}/duplicate",
            new { initiativeId = Guid.NewGuid() })).JsonAsync(HttpStatusCode.Conflict)).Str("code"));
        Assert.Equal("case_withdrawn", (await (await secretary.PostAsJsonAsync($"/api/v1/appraisals/cases/{caseId}/decision",
            Decision(true, "9/QĐ-HĐTĐ"))).JsonAsync(HttpStatusCode.Conflict)).Str("code"));
        using var chairClient = platform.Client(chairPerson);
        Assert.Equal("case_withdrawn", (await (await chairClient.PutAsJsonAsync($"/api/v1/appraisals/cases/{caseId}/scores/mine", Scores(0.8m)))
            .JsonAsync(HttpStatusCode.Conflict)).Str("code"));

        // The closing is in the audit trail once, however often the withdrawal is delivered.
        var withdrawn = await platform.LastEventAsync<InitiativeWithdrawn>("registration", filed.InitiativeId);
        await platform.PublishAsync(withdrawn);
        await TestInfrastructure.EventuallyAsync(async () => await platform.ScalarAsync<long>("appraisal",
            "SELECT coalesce(sum(deliveries), 0) FROM inbox_messages WHERE message_id = @id", new { id = withdrawn.EventId }) >= 2 ? (object)true : null,
            TimeSpan.FromSeconds(30), "the redelivered withdrawal handled");
        var audit = await hanoi.GetJsonAsync($"/api/v1/councils/{council.Id()}/audit?caseId={caseId}", HttpStatusCode.OK);
        Assert.Single(audit.AsArray(), a => a!.Str("action") == "case_withdrawn");
        Assert.Equal("withdrawn", (await secretary.GetJsonAsync($"/api/v1/appraisals/cases/{caseId}", HttpStatusCode.OK)).Str("state"));
    }

    private static object Council(Guid campaignId, string scope, object[] members, string name = "Hội đồng thẩm định sáng kiến thành phố Hà Nội") => new
    {
        campaignId, scope, name, decisionNumber = "15/QĐ-MTTQ-BTT", decisionDate = DateTime.UtcNow.AddDays(-10).ToString("yyyy-MM-dd"),
        decisionSigner = "Chủ tịch Ủy ban MTTQ Việt Nam", nominationQuota = 5, members,
    };

    private static object Screening(string outcome, bool complete = true, string? reason = null, string? ground = null) => new
    {
        outcome, reason, ground, decisionNumber = ground is null ? null : "12/BB-HĐTĐ", decisionDate = ground is null ? null : DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd"),
        checklist = new { complete, unlawful = false, ipProtected = false, stateFunded = false, authorsIdentified = true, movementPlan = true, practicalBenefit = true },
    };

    /// <summary>The same share of the maximum on each of the five default criteria (out of 30, 20, 10, 30 and 10: 100 in all).</summary>
    private static object Scores(decimal share, string? comment = null) => new
    {
        scores = new[] { ("tinh_moi", 30m), ("tinh_phu_hop", 20m), ("tinh_tap_the", 10m), ("tinh_thiet_thuc_hieu_qua", 30m), ("tinh_kinh_te", 10m) }
            .Select(c => new { criterionCode = c.Item1, points = c.Item2 * share, comment }),
    };

    private static object Decision(bool recognized, string number, string? comment = null) => new
    {
        recognized, decisionNumber = number, decisionDate = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd"), publishedComment = comment,
    };

    /// <summary>A downloaded workbook's sheet, cell reference → text (numbers in invariant form).</summary>
    private static async Task<Dictionary<string, string>> SheetAsync(HttpClient http, string path, string sheetName)
    {
        using var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        using var book = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var sheet = book.WorkbookPart!.Workbook.Descendants<Sheet>().Single(x => x.Name == sheetName);
        var part = (WorksheetPart)book.WorkbookPart.GetPartById(sheet.Id!);
        return part.Worksheet.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!, c => c.InnerText);
    }

    private static Guid PersonId(JsonNode council, string userId) =>
        Guid.Parse(council["members"]!.AsArray().Single(m => m!.Str("userId") == userId)!.Str("personId"));

    private static async Task<Guid> CaseOfAsync(HttpClient secretary, Guid councilId, Guid initiativeId) =>
        (await TestInfrastructure.EventuallyAsync(async () =>
        {
            var progress = await secretary.GetJsonAsync($"/api/v1/councils/{councilId}/progress", HttpStatusCode.OK);
            return progress["cases"]!.AsArray().FirstOrDefault(c => c!.Str("initiativeId") == initiativeId.ToString());
        }, TimeSpan.FromSeconds(30), $"a case for initiative {initiativeId}"))!.Id();

    private static async Task<JsonNode> StatusAsync(HttpClient author, Guid initiativeId, string status, string? level = null) =>
        await TestInfrastructure.EventuallyAsync(async () =>
        {
            var now = await author.GetJsonAsync($"/api/v1/initiatives/{initiativeId}", HttpStatusCode.OK);
            return now.Str("status") == status && (level is null || now["recognizedLevel"]?.GetValue<string>() == level) ? now : null;
        }, TimeSpan.FromSeconds(30), $"initiative {initiativeId} {status}");

    /// <summary>Waits until the author sees the initiative at this council level and stage of appraisal.</summary>
    // With a label, waits for it too: the case opened upstairs and the nomination are two events that registration may
    // apply in either order, and the level and stage are already right after the first of them.
    private static async Task<JsonNode> StandingAsync(HttpClient author, Guid initiativeId, string level, string stage, string? label = null) =>
        await TestInfrastructure.EventuallyAsync(async () =>
        {
            var now = await author.GetJsonAsync($"/api/v1/initiatives/{initiativeId}", HttpStatusCode.OK);
            return now["appraisalLevel"]?.GetValue<string>() == level && now["appraisalStage"]?.GetValue<string>() == stage
                && (label is null || now["appraisalLabel"]?.GetValue<string>() == label) ? now : null;
        }, TimeSpan.FromSeconds(30), $"initiative {initiativeId} at {level}, {stage}{(label is null ? "" : $", \"{label}\"")}");

    private static async Task<(Guid InitiativeId, Guid DossierId)> SubmittedDossierAsync(
        HttpClient an, HttpClient branch, World world, string title, Guid? campaignId = null)
    {
        var initiative = await World.RegisterAsync(an, world.Registration(title, campaignId: campaignId));
        await branch.PostJsonAsync($"/api/v1/initiatives/{initiative.Id()}/confirm", new { }, HttpStatusCode.OK);
        var dossierId = (await an.PostJsonAsync("/api/v1/dossiers", new { initiativeId = initiative.Id() }, HttpStatusCode.Created)).Id();
        await (await World.UploadAsync(an, dossierId, "cover_letter", "Tờ trình.pdf", World.Pdf)).JsonAsync(HttpStatusCode.Created);
        await an.PutJsonAsync($"/api/v1/dossiers/{dossierId}", World.DossierContent($"Giải pháp: {title}."), HttpStatusCode.OK);
        await an.PostJsonAsync($"/api/v1/dossiers/{dossierId}/submit", new { }, HttpStatusCode.OK);
        return (initiative.Id(), dossierId);
    }
}

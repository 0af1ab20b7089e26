extern alias awards;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DoanKetSangTao.Domain;
using DoanKetSangTao.ServiceDefaults.Security;
using DoanKetSangTao.Tests.Support;

namespace DoanKetSangTao.Tests.Functional;

/// <summary>
/// Awards alone: the catalogue, calls and proposals with quotas, decisions with gapless numbers, certificates and their
/// public verification. Each test acts for a province of its own, so the numbers it sees are its own.
/// </summary>
public sealed class CommendationTests(ServiceHost<awards::Program> host) : IClassFixture<ServiceHost<awards::Program>>
{
    private static readonly Person Operator = new("vanhanh", "Bùi Thị Khánh", PlatformRoles.Operator, "VN");

    private static Person Officer(string province) => new($"canbo.tinh.{province}", "Phạm Thị Dung", PlatformRoles.FrontOfficer, $"VN/{province}");

    private static object Individual(string name, string province = "46", string? commune = null) =>
        new { kind = "individual", fullName = name, provinceCode = province, communeCode = commune, organizationName = "Trường THCS Thuận Hóa" };

    private static object Draft(params object[] recipients) => new
    {
        awardTypeCode = "bang_khen_tinh",
        issuingBodyName = "Ủy ban MTTQ Việt Nam thành phố Huế",
        reason = "Đã có sáng kiến xuất sắc trong phong trào \"Đoàn kết sáng tạo\" năm 2026",
        signerName = "Nguyễn Văn Phương",
        signerPosition = "Chủ tịch",
        recipients,
    };

    [Fact]
    public async Task Only_operators_and_central_officers_keep_the_catalogue_and_a_retired_type_cannot_be_used_again()
    {
        using var province = host.Client(Officer("46"));
        using var op = host.Client(Operator);
        var code = $"khen_{Guid.NewGuid():N}"[..20];
        var type = new { code, name = "Giấy khen của Ban Thường trực", level = "province", description = "Thử nghiệm", forIndividuals = true, forCollectives = false, amount = 500000 };

        var refused = await province.PostJsonAsync("/api/v1/award-types", type, HttpStatusCode.Forbidden);
        Assert.Equal("award_type_keeper_only", refused.Str("code"));
        var bad = await op.PostJsonAsync("/api/v1/award-types", new { code = "Không Hợp Lệ", name = "", level = "district" }, HttpStatusCode.BadRequest);
        Assert.Equal("validation_failed", bad.Str("code"));
        Assert.DoesNotContain("Không Hợp Lệ", (await op.GetJsonAsync("/api/v1/award-types?includeRetired=true", HttpStatusCode.OK)).ToJsonString());

        await op.PostJsonAsync("/api/v1/award-types", type, HttpStatusCode.Created);
        Assert.Equal("award_type_code_taken", (await op.PostJsonAsync("/api/v1/award-types", type, HttpStatusCode.Conflict)).Str("code"));
        var retired = await op.PostJsonAsync($"/api/v1/award-types/{code}/retire", new { }, HttpStatusCode.OK);
        Assert.False(retired["active"]!.GetValue<bool>());

        Assert.DoesNotContain(code, (await province.GetJsonAsync("/api/v1/award-types", HttpStatusCode.OK)).ToJsonString());
        Assert.Contains(code, (await province.GetJsonAsync("/api/v1/award-types?includeRetired=true", HttpStatusCode.OK)).ToJsonString());
        var draft = await province.PostJsonAsync("/api/v1/commendations/decisions",
            new { awardTypeCode = code, issuingBodyName = "Ủy ban MTTQ Việt Nam thành phố Huế", reason = "Thử", signerName = "A", signerPosition = "Chủ tịch",
                recipients = new[] { Individual("Lê Văn Tám") } },
            HttpStatusCode.UnprocessableEntity);
        Assert.Equal("award_type_retired", draft.Str("code"));
    }

    [Fact]
    public async Task Fifty_decisions_issued_at_once_by_one_body_get_the_numbers_one_to_fifty()
    {
        using var officer = host.Client(Officer("48"));
        var ids = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            ids.Add((await officer.PostJsonAsync("/api/v1/commendations/decisions", Draft(Individual($"Người thứ {i}", "48")), HttpStatusCode.Created)).Str("id"));
        }

        var issued = await Task.WhenAll(ids.Select(async id =>
        {
            using var client = host.Client(Officer("48"));
            return (await client.PostJsonAsync($"/api/v1/commendations/decisions/{id}/issue", new { }, HttpStatusCode.OK)).Str("number");
        }));

        Assert.Equal(Enumerable.Range(1, 50).Select(n => $"{n}/QĐ-MTTQ"), issued.OrderBy(n => int.Parse(n.Split('/')[0])));
    }

    [Fact]
    public async Task An_issued_decision_is_not_edited_its_certificate_verifies_and_revocation_shows_at_once()
    {
        using var officer = host.Client(Officer("46"));
        using var anonymous = host.Client();
        var holder = new Person($"tacgia.{Guid.NewGuid():N}", "Nguyễn Thị Hồng Nhung", PlatformRoles.Author, "VN/46/19753");
        var id = (await officer.PostJsonAsync("/api/v1/commendations/decisions",
            Draft(new { kind = "individual", fullName = "Nguyễn Thị Hồng Nhung", provinceCode = "46", communeCode = "19753", accountId = holder.Id }),
            HttpStatusCode.Created)).Str("id");
        var issued = await officer.PostJsonAsync($"/api/v1/commendations/decisions/{id}/issue", new { }, HttpStatusCode.OK);
        Assert.Equal("issued", issued.Str("status"));

        Assert.Equal("decision_already_issued", (await officer.PutJsonAsync($"/api/v1/commendations/decisions/{id}", Draft(Individual("Người khác")), HttpStatusCode.Conflict)).Str("code"));
        Assert.Equal("decision_already_issued", (await officer.PostJsonAsync($"/api/v1/commendations/decisions/{id}/issue", new { }, HttpStatusCode.Conflict)).Str("code"));

        var code = issued["recipients"]![0]!.Str("certificateCode");
        var ready = await TestInfrastructure.EventuallyAsync(async () =>
            (await officer.GetJsonAsync($"/api/v1/commendations/decisions/{id}/progress", HttpStatusCode.OK))["ready"]!.GetValue<int>() == 1 ? "ready" : null,
            TimeSpan.FromSeconds(30), "the certificate to be made");
        using (var pdf = await officer.GetAsync($"/api/v1/commendations/certificates/{code}.pdf"))
        {
            Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
            Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..4]));
        }

        // Another province's officer neither downloads it nor sees the decision.
        using var hcm = host.Client(Officer("79"));
        Assert.Equal(HttpStatusCode.NotFound, (await hcm.GetAsync($"/api/v1/commendations/certificates/{code}.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hcm.GetAsync($"/api/v1/commendations/decisions/{id}")).StatusCode);

        var valid = await anonymous.GetJsonAsync($"/api/v1/certificates/verify/{code}", HttpStatusCode.OK);
        Assert.Equal("valid", valid.Str("status"));
        Assert.Equal("Nguyễn T. H. N.", valid.Str("holderName"));
        Assert.Equal(issued.Str("number"), valid.Str("decisionNumber"));

        // The holder finds it with the address its QR code holds; the seal in it checks out, and a changed one does not.
        using var nhung = host.Client(holder);
        var mine = Assert.Single((await nhung.GetJsonAsync("/api/v1/commendations/certificates/mine", HttpStatusCode.OK)).AsArray())!;
        Assert.Equal(code, mine.Str("code"));
        var seal = mine.Str("verificationAddress").Split("?s=")[1];
        Assert.StartsWith($"http://127.0.0.1/v/{code}?s=", mine.Str("verificationAddress"));
        Assert.Equal("valid", (await anonymous.GetJsonAsync($"/api/v1/certificates/verify/{code}?s={seal}", HttpStatusCode.OK)).Str("sealStatus"));
        var forged = (seal[5] == 'A' ? 'B' : 'A') is var c ? seal[..5] + c + seal[6..] : seal;
        Assert.NotEqual("valid", (await anonymous.GetJsonAsync($"/api/v1/certificates/verify/{code}?s={forged}", HttpStatusCode.OK)).Str("sealStatus"));
        Assert.Contains("CẢNH BÁO", await (await anonymous.GetAsync($"/v/{code}?s={forged}")).Content.ReadAsStringAsync());

        var bad = await officer.PostJsonAsync($"/api/v1/commendations/decisions/{id}/revoke", new { reason = "" }, HttpStatusCode.BadRequest);
        Assert.Equal("validation_failed", bad.Str("code"));
        Assert.Equal("valid", (await anonymous.GetJsonAsync($"/api/v1/certificates/verify/{code}", HttpStatusCode.OK)).Str("status"));

        await officer.PostJsonAsync($"/api/v1/commendations/decisions/{id}/revoke",
            new { reason = "Phát hiện sáng kiến sao chép", revokingDecisionNumber = "99/QĐ-MTTQ" }, HttpStatusCode.OK);
        var revoked = await anonymous.GetJsonAsync($"/api/v1/certificates/verify/{code}", HttpStatusCode.OK);
        Assert.Equal("revoked", revoked.Str("status"));
        Assert.Contains("ĐÃ BỊ THU HỒI", revoked.Str("statusText"));
        using var page = await anonymous.GetAsync($"/v/{code}");
        Assert.Contains("ĐÃ BỊ THU HỒI", await page.Content.ReadAsStringAsync());

        var audit = (await officer.GetJsonAsync($"/api/v1/commendations/decisions/{id}/audit", HttpStatusCode.OK)).AsArray().Select(e => e!.Str("action"));
        Assert.Equal(["decision.drafted", "decision.issued", "decision.revoked"], audit);
        Assert.NotNull(ready);
    }

    [Fact]
    public async Task A_proposer_keeps_to_its_quota_and_to_the_deciding_body_area_and_an_accepted_proposal_goes_into_the_decision()
    {
        var union = Guid.NewGuid();
        using var province = host.Client(Officer("52"));
        using var proposer = host.Client(new Person("canbo.congdoan.52", "Trịnh Văn Minh", PlatformRoles.MemberOrganizationOfficer, "VN/52", union));
        var call = await province.PostJsonAsync("/api/v1/commendations/calls", new
        {
            title = "Đề nghị khen thưởng tổng kết phong trào 2026", issuingBodyName = "Ủy ban MTTQ Việt Nam tỉnh Gia Lai", awardTypeCode = "bang_khen_tinh",
            dueAt = DateTimeOffset.UtcNow.AddDays(10), quotas = new[] { new { organizationId = union, name = "Liên đoàn Lao động tỉnh", quota = 1 } },
        }, HttpStatusCode.Created);
        var callId = call.Str("id");

        var over = await proposer.PostJsonAsync($"/api/v1/commendations/calls/{callId}/proposals",
            new { recipients = new[] { Individual("Đặng Văn Một", "52"), Individual("Đặng Văn Hai", "52") } }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("proposal_over_quota", over.Str("code"));
        var outside = await proposer.PostJsonAsync($"/api/v1/commendations/calls/{callId}/proposals",
            new { recipients = new[] { Individual("Người ngoài tỉnh", "79") } }, HttpStatusCode.Forbidden);
        Assert.Equal("recipient_outside_scope", outside.Str("code"));
        Assert.Empty((await province.GetJsonAsync($"/api/v1/commendations/calls/{callId}", HttpStatusCode.OK))["proposals"]!.AsArray());

        var proposal = await proposer.PostJsonAsync($"/api/v1/commendations/calls/{callId}/proposals",
            new { recipients = new[] { new { kind = "collective", fullName = "Công đoàn cơ sở Trường THPT Pleiku", provinceCode = "52" } } }, HttpStatusCode.Created);
        var proposalId = proposal.Str("id");
        Assert.Equal("proposal_already_submitted", (await proposer.PostJsonAsync($"/api/v1/commendations/calls/{callId}/proposals",
            new { recipients = new[] { Individual("Đặng Văn Ba", "52") } }, HttpStatusCode.Conflict)).Str("code"));

        var returned = await province.PostJsonAsync($"/api/v1/commendations/proposals/{proposalId}/return", new { reason = "Bổ sung thành tích cụ thể" }, HttpStatusCode.OK);
        Assert.Equal("returned", returned.Str("status"));
        await proposer.PostJsonAsync($"/api/v1/commendations/calls/{callId}/proposals",
            new { recipients = new[] { new { kind = "collective", fullName = "Công đoàn cơ sở Trường THPT Pleiku", provinceCode = "52" } } }, HttpStatusCode.Created);
        // The proposer cannot accept its own proposal: only the deciding body decides.
        Assert.Equal(HttpStatusCode.NotFound, (await proposer.PostAsJsonAsync($"/api/v1/commendations/proposals/{proposalId}/accept", new { })).StatusCode);
        await province.PostJsonAsync($"/api/v1/commendations/proposals/{proposalId}/accept", new { }, HttpStatusCode.OK);

        var decision = await province.PostJsonAsync("/api/v1/commendations/decisions", new
        {
            awardTypeCode = "bang_khen_tinh", issuingBodyName = "Ủy ban MTTQ Việt Nam tỉnh Gia Lai", reason = "Tiêu biểu trong phong trào",
            signerName = "Rơ Chăm Long", signerPosition = "Chủ tịch", fromProposals = new[] { proposalId },
        }, HttpStatusCode.Created);
        var recipient = decision["recipients"]!.AsArray().Single()!;
        Assert.Equal("Công đoàn cơ sở Trường THPT Pleiku", recipient.Str("fullName"));
        Assert.Equal(proposalId, recipient.Str("proposalId"));

        var outsider = await province.PostJsonAsync("/api/v1/commendations/decisions", Draft(Individual("Người ngoài tỉnh", "79")), HttpStatusCode.Forbidden);
        Assert.Equal("recipient_outside_scope", outsider.Str("code"));
    }

    [Fact]
    public async Task Bad_input_on_each_write_gets_a_problem_and_stores_nothing()
    {
        using var officer = host.Client(Officer("51"));
        var before = (await officer.GetJsonAsync("/api/v1/commendations/decisions", HttpStatusCode.OK))["items"]!.AsArray().Count;
        JsonNode[] problems =
        [
            await officer.PostJsonAsync("/api/v1/commendations/decisions", new { }, HttpStatusCode.BadRequest),
            await officer.PostJsonAsync("/api/v1/commendations/decisions", Draft(new { kind = "robot", fullName = "", provinceCode = "1" }), HttpStatusCode.BadRequest),
            await officer.PostJsonAsync("/api/v1/commendations/decisions", Draft(Individual("Tên\u0000lỗi", "51")), HttpStatusCode.BadRequest),
            await officer.PostJsonAsync("/api/v1/commendations/calls", new { title = "x" }, HttpStatusCode.BadRequest),
            await officer.PostJsonAsync("/api/v1/commendations/decisions", new
            {
                awardTypeCode = "bang_khen_tinh", issuingBodyName = "Ủy ban MTTQ Việt Nam tỉnh Nghệ An", reason = "Thử", signerName = "A", signerPosition = "Chủ tịch",
                fromProposals = Enumerable.Range(0, 101).Select(_ => Guid.NewGuid()).ToArray(),
            }, HttpStatusCode.BadRequest),
            await officer.PostJsonAsync($"/api/v1/commendations/decisions/{Guid.NewGuid()}/issue", new { }, HttpStatusCode.NotFound),
            await officer.GetJsonAsync("/api/v1/commendations/decisions?status=unknown", HttpStatusCode.BadRequest),
            await officer.GetJsonAsync("/api/v1/commendations/decisions?cursor=abc", HttpStatusCode.BadRequest),
        ];

        Assert.All(problems, p => Assert.False(string.IsNullOrEmpty(p.Str("code"))));
        Assert.All(problems, p => Assert.Matches("[àáảãạăâđêôơư]", p.Str("detail")));
        Assert.Equal(before, (await officer.GetJsonAsync("/api/v1/commendations/decisions", HttpStatusCode.OK))["items"]!.AsArray().Count);
    }
}

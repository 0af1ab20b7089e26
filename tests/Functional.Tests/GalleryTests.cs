extern alias registration;

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Tests.Support;

namespace DoanKetSangTao.Tests.Functional;

/// <summary>
/// The public gallery, registration alone: only initiatives a council recognized and whose authors agreed to publish
/// them are shown, found without diacritics and filtered; units report replications; the open data says the same.
/// Recognition arrives as appraisal announces it (<see cref="AppraisalDecisionMade"/> on the broker).
/// </summary>
public sealed class GalleryTests(ServiceHost<registration::Program> host) : IClassFixture<ServiceHost<registration::Program>>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>An author who lives in Phường Thủ Dầu Một (Thành phố Hồ Chí Minh) and files through its Front committee.</summary>
    private static readonly Person AuthorAn = new("tacgia.an", "Lê Văn An", PlatformRoles.Author, "VN/79/25747");

    [Fact]
    public async Task Only_consented_recognized_initiatives_are_published_and_they_are_found_without_diacritics()
    {
        var tag = Tag();
        var published = await RegisterAsync(People.AuthorBinh, $"Sổ tay điện tử cho tổ dân phố {tag}", consent: true);
        var unconsented = await RegisterAsync(People.AuthorBinh, $"Bản đồ số khu phố {tag}", consent: null);
        var rejected = await RegisterAsync(People.AuthorBinh, $"Ứng dụng nhắc lịch tiêm {tag}", consent: true);
        var undecided = await RegisterAsync(People.AuthorBinh, $"Tủ sách dùng chung {tag}", consent: true);
        await DecideAsync(published, "commune", recognized: true);
        await DecideAsync(unconsented, "commune", recognized: true);
        await DecideAsync(rejected, "commune", recognized: false);

        using var anyone = host.Client();
        var items = await ListAsync(anyone, $"q={Uri.EscapeDataString($"so tay dien tu to dan pho {tag}")}");
        var item = Assert.Single(items)!;
        Assert.Equal(published, item.Str("id"));
        Assert.Equal($"Sổ tay điện tử cho tổ dân phố {tag}", item.Str("title"));
        Assert.Equal([People.AuthorBinh.Name], item["authors"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(("01", "Thành phố Hà Nội"), (item.Str("provinceCode"), item.Str("provinceName")));
        Assert.Equal(("commune", "giao_duc", 0), (item.Str("level"), item.Str("field"), item["replicationCount"]!.GetValue<int>()));
        Assert.StartsWith("Ủy ban Mặt trận", item.Str("unitName"), StringComparison.Ordinal);
        Assert.Equal(DateTime.UtcNow.AddHours(7).Year, item["year"]!.GetValue<int>());
        // Nothing the authors did not agree to publish: no e-mail, no status, no campaign.
        Assert.Null(item["email"]);
        Assert.Null(item["status"]);

        // Only the consented and recognized one, whatever the words.
        Assert.Equal([published], (await ListAsync(anyone, $"q={tag}")).Select(i => i!.Str("id")));
        var page = await anyone.GetJsonAsync($"/api/v1/gallery/initiatives/{published}", HttpStatusCode.OK);
        Assert.Equal(published, page.Str("id"));
        foreach (var hidden in new[] { unconsented, rejected, undecided, Guid.NewGuid().ToString() })
        {
            var problem = await anyone.GetJsonAsync($"/api/v1/gallery/initiatives/{hidden}", HttpStatusCode.NotFound);
            Assert.Equal("gallery_initiative_not_found", problem.Str("code"));
        }
    }

    [Fact]
    public async Task Filters_by_province_field_year_and_level_and_pages_by_cursor()
    {
        var tag = Tag();
        var hanoi = await RegisterAsync(People.AuthorBinh, $"Lớp học trực tuyến {tag}", consent: true, field: "giao_duc");
        var hcm = await RegisterAsync(AuthorAn, $"Phòng khám lưu động {tag}", consent: true, field: "y_te");
        await DecideAsync(hanoi, "commune", recognized: true, at: new DateTimeOffset(2024, 6, 1, 3, 0, 0, TimeSpan.Zero));
        await DecideAsync(hcm, "commune", recognized: true);
        await DecideAsync(hcm, "province", recognized: true);
        // Recognized by the commune, then not by the province: still a commune-level recognition.
        var below = await RegisterAsync(People.AuthorBinh, $"Vườn rau sạch trường học {tag}", consent: true, field: "nong_nghiep");
        await DecideAsync(below, "commune", recognized: true);
        await DecideAsync(below, "province", recognized: false);

        using var anyone = host.Client();
        async Task<IEnumerable<string>> Ids(string filter) => (await ListAsync(anyone, $"q={tag}&{filter}")).Select(i => i!.Str("id")).Order();

        Assert.Equal(new[] { hanoi, hcm, below }.Order(), await Ids("limit=100"));
        Assert.Equal(new[] { hanoi, below }.Order(), await Ids("provinceCode=01"));
        Assert.Equal([hcm], await Ids("provinceCode=79"));
        Assert.Empty(await Ids("provinceCode=48"));
        Assert.Equal([hcm], await Ids("field=y_te"));
        Assert.Equal([hanoi], await Ids("field=giao_duc"));
        Assert.Equal([hanoi], await Ids("year=2024"));
        Assert.Equal(new[] { hcm, below }.Order(), await Ids($"year={DateTime.UtcNow.AddHours(7).Year}"));
        // The highest level reached.
        Assert.Equal([hcm], await Ids("level=province"));
        Assert.Equal(new[] { hanoi, below }.Order(), await Ids("level=commune"));
        Assert.Equal([below], await Ids("field=nong_nghiep&level=commune"));
        Assert.Empty(await Ids("level=central"));
        Assert.Equal([hcm], await Ids("provinceCode=79&field=y_te&level=province"));

        // Newest first, two pages of two and one.
        var first = await anyone.GetJsonAsync($"/api/v1/gallery/initiatives?q={tag}&limit=2", HttpStatusCode.OK);
        var second = await anyone.GetJsonAsync($"/api/v1/gallery/initiatives?q={tag}&limit=2&cursor={first.Str("nextCursor")}", HttpStatusCode.OK);
        Assert.Equal([below, hcm], first["items"]!.AsArray().Select(i => i!.Str("id")));
        Assert.Equal(hanoi, Assert.Single(second["items"]!.AsArray())!.Str("id"));
        Assert.Null(second["nextCursor"]);
    }

    [Theory]
    [InlineData("/api/v1/gallery/initiatives?provice=01", "unknown_query_parameter", null)]
    [InlineData("/api/v1/gallery/initiatives?q=a&q=b", "repeated_query_parameter", null)]
    [InlineData("/api/v1/gallery/initiatives?level=xa", "validation_failed", "level")]
    [InlineData("/api/v1/gallery/initiatives?year=hai-nghin", "validation_failed", "year")]
    [InlineData("/api/v1/gallery/initiatives?year=3000", "validation_failed", "year")]
    [InlineData("/api/v1/gallery/initiatives?field=vu_tru", "validation_failed", "field")]
    [InlineData("/api/v1/gallery/initiatives?provinceCode=1", "validation_failed", "provinceCode")]
    [InlineData("/api/v1/gallery/initiatives?limit=101", "validation_failed", "limit")]
    [InlineData("/api/v1/gallery/initiatives?limit=0", "validation_failed", "limit")]
    [InlineData("/api/v1/gallery/initiatives?cursor=khong-hop-le", "validation_failed", "cursor")]
    [InlineData("/api/v1/gallery/open-data.csv?format=xlsx", "unknown_query_parameter", null)]
    [InlineData("/api/v1/gallery/catalog.jsonld?lang=en", "unknown_query_parameter", null)]
    public async Task Unknown_or_malformed_query_parameters_are_refused_with_a_problem(string path, string code, string? field)
    {
        using var anyone = host.Client();
        using var response = await anyone.GetAsync(path);
        var problem = await response.ReadAsync(HttpStatusCode.BadRequest);

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, problem.Str("code"));
        Assert.False(string.IsNullOrWhiteSpace(problem.Str("detail")));
        if (field is not null)
        {
            Assert.NotNull(problem["errors"]![field]);
        }
    }

    [Fact]
    public async Task A_replication_report_shows_on_the_initiative_page_in_its_count_and_on_its_map()
    {
        var tag = Tag();
        var id = await RegisterAsync(People.AuthorBinh, $"Chợ nông sản an toàn {tag}", consent: true);
        await DecideAsync(id, "commune", recognized: true);
        var school = await OrganizationAsync($"Trường Tiểu học Ngọc Hà {tag}", "school", "00008");
        var principal = new Person("canbo.truong.ngocha", "Đỗ Thị Hạnh", PlatformRoles.UnitOfficer, "VN/01/00008", Guid.Parse(school));
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

        using var unit = host.Client(principal);
        var key = Guid.NewGuid().ToString();
        var body = new { since = today.AddMonths(-2).ToString("yyyy-MM-dd"), results = "Giảm 30% thơ\u0300i gian chờ mua hàng của phụ huynh." };
        var created = await SendAsync(unit, HttpMethod.Post, $"/api/v1/gallery/initiatives/{id}/replications", body, HttpStatusCode.Created, key);
        var retried = await SendAsync(unit, HttpMethod.Post, $"/api/v1/gallery/initiatives/{id}/replications", body, HttpStatusCode.OK, key);
        Assert.Equal(created.Str("id"), retried.Str("id"));
        Assert.Equal(($"Trường Tiểu học Ngọc Hà {tag}", "00008", "Phường Ngọc Hà"), (created.Str("unitName"), created.Str("communeCode"), created.Str("communeName")));
        // Stored as NFC: "ơ" followed by a combining grave is composed into "ờ".
        Assert.Equal("Giảm 30% thời gian chờ mua hàng của phụ huynh.", created.Str("results"));

        var again = await SendAsync(unit, HttpMethod.Post, $"/api/v1/gallery/initiatives/{id}/replications",
            new { since = today.ToString("yyyy-MM-dd"), results = "Báo cáo lần hai." }, HttpStatusCode.Conflict);
        Assert.Equal("replication_already_reported", again.Str("code"));
        var reused = await SendAsync(unit, HttpMethod.Post, $"/api/v1/gallery/initiatives/{id}/replications",
            new { since = today.ToString("yyyy-MM-dd"), results = "Nội dung khác." }, HttpStatusCode.UnprocessableEntity, key);
        Assert.Equal("idempotency_key_reused", reused.Str("code"));

        // The province's Front committee reports for a commune of its province.
        using var front = host.Client(People.HanoiOfficer);
        var byFront = await SendAsync(front, HttpMethod.Post, $"/api/v1/gallery/initiatives/{id}/replications",
            new { since = today.ToString("yyyy-MM-dd"), communeCode = "00004", results = "Áp dụng tại chợ phường Ba Đình." }, HttpStatusCode.Created);
        Assert.Equal("Ủy ban MTTQ Việt Nam Thành phố Hà Nội", byFront.Str("unitName"));

        using var anyone = host.Client();
        var page = await anyone.GetJsonAsync($"/api/v1/gallery/initiatives/{id}", HttpStatusCode.OK);
        Assert.Equal(2, page["replicationCount"]!.GetValue<int>());
        var replications = page["replications"]!.AsArray();
        Assert.Equal(new[] { "00004", "00008" }, replications.Select(r => r!.Str("communeCode")).Order());
        var bySchool = replications.Single(r => r!.Str("id") == created.Str("id"))!;
        Assert.Equal(today.AddMonths(-2).ToString("yyyy-MM-dd"), bySchool.Str("since"));
        Assert.Equal(("01", "Thành phố Hà Nội"), (bySchool.Str("provinceCode"), bySchool.Str("provinceName")));
        var map = Assert.Single(page["map"]!.AsArray())!;
        Assert.Equal(("01", 2), (map.Str("provinceCode"), map["count"]!.GetValue<int>()));
        Assert.Equal(2, Assert.Single(await ListAsync(anyone, $"q={tag}"))!["replicationCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Bad_replication_reports_are_refused_and_nothing_is_stored()
    {
        var tag = Tag();
        var id = await RegisterAsync(People.AuthorBinh, $"Tổ tự quản môi trường {tag}", consent: true);
        var hidden = await RegisterAsync(People.AuthorBinh, $"Không công bố {tag}", consent: null);
        await DecideAsync(id, "commune", recognized: true);
        await DecideAsync(hidden, "commune", recognized: true);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var since = today.AddDays(-10).ToString("yyyy-MM-dd");
        var path = $"/api/v1/gallery/initiatives/{id}/replications";

        using var front = host.Client(People.HanoiOfficer);
        async Task Refused(object body, HttpStatusCode status, string code, string? field = null, string? target = null)
        {
            var problem = await SendAsync(front, HttpMethod.Post, target ?? path, body, status);
            Assert.Equal(code, problem.Str("code"));
            if (field is not null)
            {
                Assert.NotNull(problem["errors"]![field]);
            }
        }

        await Refused(new { since = today.AddDays(1).ToString("yyyy-MM-dd"), communeCode = "00004", results = "Kết quả." }, HttpStatusCode.BadRequest,
            "validation_failed", "since");
        await Refused(new { communeCode = "00004", results = "Kết quả." }, HttpStatusCode.BadRequest, "validation_failed", "since");
        await Refused(new { since, communeCode = "00004", results = "   " }, HttpStatusCode.BadRequest, "validation_failed", "results");
        await Refused(new { since, communeCode = "00004", results = new string('a', 4001) }, HttpStatusCode.BadRequest, "validation_failed", "results");
        await Refused(new { since, communeCode = "00004", results = "Kết\u0000 quả." }, HttpStatusCode.BadRequest, "validation_failed", "results");
        await Refused(new { since, communeCode = "4", results = "Kết quả." }, HttpStatusCode.BadRequest, "validation_failed", "communeCode");
        await Refused(new { since, communeCode = "99999", results = "Kết quả." }, HttpStatusCode.BadRequest, "validation_failed", "communeCode");
        // A province's committee names the commune; one in another province is outside its area.
        await Refused(new { since, results = "Kết quả." }, HttpStatusCode.BadRequest, "validation_failed", "communeCode");
        await Refused(new { since, communeCode = "25747", results = "Kết quả." }, HttpStatusCode.Forbidden, "replication_outside_scope");
        await Refused(new { since = "02/12/2025", communeCode = "00004", results = "Kết quả." }, HttpStatusCode.BadRequest, "malformed_json");
        await Refused(new { since, communeCode = "00004", results = "Kết quả." }, HttpStatusCode.NotFound, "gallery_initiative_not_found",
            target: $"/api/v1/gallery/initiatives/{hidden}/replications");
        await Refused(new { since, communeCode = "00004", results = "Kết quả." }, HttpStatusCode.NotFound, "gallery_initiative_not_found",
            target: $"/api/v1/gallery/initiatives/{Guid.NewGuid()}/replications");
        await Refused(new { since, communeCode = "00004", results = "Kết quả." }, HttpStatusCode.BadRequest, "unknown_query_parameter", target: path + "?unit=x");

        // Only officers report, and only signed in.
        using var author = host.Client(People.AuthorBinh);
        using var authorResponse = await author.PostAsJsonAsync(path, new { since, communeCode = "00004", results = "Kết quả." });
        Assert.Equal(HttpStatusCode.Forbidden, authorResponse.StatusCode);
        using var anyone = host.Client();
        using var anonymousResponse = await anyone.PostAsJsonAsync(path, new { since, communeCode = "00004", results = "Kết quả." });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousResponse.StatusCode);
        using var unitless = host.Client(new Person("canbo.khongdonvi", "Vũ Văn Khải", PlatformRoles.UnitOfficer, "VN/01"));
        var noUnit = await SendAsync(unitless, HttpMethod.Post, path, new { since, communeCode = "00004", results = "Kết quả." }, HttpStatusCode.Forbidden);
        Assert.Equal("replication_no_unit", noUnit.Str("code"));

        // A commune officer whose token names a commune not in the list (retired, or mistyped by an operator).
        using var stale = host.Client(new Person("canbo.xa.cu", "Ngô Văn Lộc", PlatformRoles.FrontOfficer, "VN/01/99999"));
        var staleProblem = await SendAsync(stale, HttpMethod.Post, path, new { since, results = "Kết quả." }, HttpStatusCode.BadRequest);
        Assert.NotNull(staleProblem["errors"]!["communeCode"]);

        var page = await anyone.GetJsonAsync($"/api/v1/gallery/initiatives/{id}", HttpStatusCode.OK);
        Assert.Equal(0, page["replicationCount"]!.GetValue<int>());
        Assert.Empty(page["replications"]!.AsArray());
        Assert.Empty(page["map"]!.AsArray());
    }

    [Fact]
    public async Task The_open_data_csv_has_the_rows_of_the_json_and_the_catalog_describes_both()
    {
        var tag = Tag();
        var first = await RegisterAsync(People.AuthorBinh, $"Mô hình \"Đèn đường, thắp sáng\" {tag}", consent: true,
            summary: "Dòng một, có dấu phẩy.\nDòng hai; có \"ngoặc kép\".");
        var second = await RegisterAsync(AuthorAn, $"=Công thức không chạy {tag}", consent: true, field: "y_te");
        await DecideAsync(first, "commune", recognized: true);
        await DecideAsync(second, "province", recognized: true);

        using var anyone = host.Client();
        using var csvResponse = await anyone.GetAsync("/api/v1/gallery/open-data.csv");
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var bytes = await csvResponse.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var rows = ParseCsv(new UTF8Encoding(false, true).GetString(bytes, 3, bytes.Length - 3));
        var json = (await anyone.GetJsonAsync("/api/v1/gallery/open-data.json", HttpStatusCode.OK)).AsArray();

        var header = rows[0];
        Assert.Equal(["id", "title", "summary", "authors", "unitName", "provinceCode", "provinceName", "level", "levelName", "year", "field", "fieldName",
            "replicationCount"], header);
        Assert.Equal(json.Count, rows.Count - 1);
        Assert.Contains(json, i => i!.Str("id") == first);
        Assert.Contains(json, i => i!.Str("id") == second);
        foreach (var (row, node) in rows.Skip(1).Zip(json))
        {
            var item = node!;
            var cells = header.Zip(row).ToDictionary(c => c.First, c => c.Second);
            Assert.Equal(item.Str("id"), cells["id"]);
            // A leading "=" is kept from a spreadsheet's formulas by an apostrophe.
            Assert.Equal(item.Str("title"), cells["title"].StartsWith("'=", StringComparison.Ordinal) ? cells["title"][1..] : cells["title"]);
            Assert.Equal(item["summary"]?.GetValue<string>() ?? string.Empty, cells["summary"]);
            Assert.Equal(string.Join("; ", item["authors"]!.AsArray().Select(a => a!.GetValue<string>())), cells["authors"]);
            Assert.Equal((item.Str("unitName"), item.Str("provinceCode"), item.Str("level")), (cells["unitName"], cells["provinceCode"], cells["level"]));
            Assert.Equal(item["year"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture), cells["year"]);
            Assert.Equal(item["replicationCount"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture), cells["replicationCount"]);
        }

        var firstRow = rows.Single(r => r[0] == first);
        Assert.Equal("Dòng một, có dấu phẩy.\nDòng hai; có \"ngoặc kép\".", firstRow[2]);
        Assert.Equal($"'=Công thức không chạy {tag}", rows.Single(r => r[0] == second)[1]);

        using var catalogResponse = await anyone.GetAsync("/api/v1/gallery/catalog.jsonld");
        Assert.Equal("application/ld+json", catalogResponse.Content.Headers.ContentType?.MediaType);
        var catalog = await catalogResponse.ReadAsync(HttpStatusCode.OK);
        Assert.Equal("dcat:Catalog", catalog.Str("@type"));
        Assert.Equal("http://www.w3.org/ns/dcat#", catalog["@context"]!.Str("dcat"));
        Assert.Equal("Ủy ban Trung ương MTTQ Việt Nam", catalog["dct:publisher"]!["foaf:name"]!.Str("@value"));
        Assert.Equal(DateTime.UtcNow.AddHours(7).ToString("yyyy-MM-dd"), catalog["dct:modified"]!.Str("@value"));
        var dataset = Assert.Single(catalog["dcat:dataset"]!.AsArray())!;
        Assert.Equal("dcat:Dataset", dataset.Str("@type"));
        Assert.False(string.IsNullOrEmpty(dataset["dct:license"]!.Str("@id")));
        var distributions = dataset["dcat:distribution"]!.AsArray();
        Assert.All(distributions, d => Assert.Equal("dcat:Distribution", d!.Str("@type")));
        Assert.Equal(["http://www.iana.org/assignments/media-types/text/csv", "http://www.iana.org/assignments/media-types/application/json"],
            distributions.Select(d => d!["dcat:mediaType"]!.Str("@id")));
        foreach (var distribution in distributions)
        {
            // Each distribution's address answers with the data.
            using var download = await anyone.GetAsync(new Uri(distribution!["dcat:accessURL"]!.Str("@id")).PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        }
    }

    [Fact]
    public async Task Consent_given_later_publishes_and_withdrawn_removes_at_once()
    {
        var tag = Tag();
        var id = await RegisterAsync(People.AuthorBinh, $"Nhóm Zalo an ninh tổ dân phố {tag}", consent: null);
        await DecideAsync(id, "commune", recognized: true);
        using var anyone = host.Client();
        using var author = host.Client(People.AuthorBinh);
        var consentPath = $"/api/v1/initiatives/{id}/publication-consent";

        var before = await author.GetJsonAsync(consentPath, HttpStatusCode.OK);
        Assert.False(before["publicationConsent"]!.GetValue<bool>());
        Assert.Empty(await ListAsync(anyone, $"q={tag}"));

        // Only the author who registered it decides; a consent must be stated.
        using var officer = host.Client(People.HanoiOfficer);
        await SendAsync(officer, HttpMethod.Put, consentPath, new { consent = true }, HttpStatusCode.Forbidden);
        using var otherAuthor = host.Client(AuthorAn);
        Assert.Equal("not_initiative_author",
            (await SendAsync(otherAuthor, HttpMethod.Put, consentPath, new { consent = true }, HttpStatusCode.Forbidden)).Str("code"));
        Assert.Equal("validation_failed", (await SendAsync(author, HttpMethod.Put, consentPath, new { }, HttpStatusCode.BadRequest)).Str("code"));
        Assert.Empty(await ListAsync(anyone, $"q={tag}"));

        var given = await SendAsync(author, HttpMethod.Put, consentPath, new { consent = true }, HttpStatusCode.OK);
        Assert.True(given["publicationConsent"]!.GetValue<bool>());
        Assert.True(given["published"]!.GetValue<bool>());
        Assert.Equal([id], (await ListAsync(anyone, $"q={tag}")).Select(i => i!.Str("id")));

        var withdrawn = await SendAsync(author, HttpMethod.Put, consentPath, new { consent = false }, HttpStatusCode.OK);
        Assert.False(withdrawn["published"]!.GetValue<bool>());
        Assert.Empty(await ListAsync(anyone, $"q={tag}"));
        await anyone.GetJsonAsync($"/api/v1/gallery/initiatives/{id}", HttpStatusCode.NotFound);
        Assert.DoesNotContain((await anyone.GetJsonAsync("/api/v1/gallery/open-data.json", HttpStatusCode.OK)).AsArray(), i => i!.Str("id") == id);
        Assert.DoesNotContain(id, await anyone.GetStringAsync("/api/v1/gallery/open-data.csv"), StringComparison.Ordinal);
    }

    /// <summary>A word no other test's initiatives carry, so that each test reads only its own rows.</summary>
    private static string Tag() => "ma" + Guid.NewGuid().ToString("N")[..10];

    private static async Task<List<JsonNode?>> ListAsync(HttpClient http, string query) =>
        [.. (await http.GetJsonAsync($"/api/v1/gallery/initiatives?{query}", HttpStatusCode.OK))["items"]!.AsArray()];

    /// <summary>
    /// Registers an initiative through the Front committee of the author's commune (Hà Nội's Ba Đình for Bình,
    /// Thủ Dầu Một for An), in a campaign of their province; <paramref name="consent"/> null leaves the field out.
    /// </summary>
    private async Task<string> RegisterAsync(Person author, string title, bool? consent, string field = "giao_duc", string? summary = null)
    {
        var hanoi = author.Scope.StartsWith("VN/01/", StringComparison.Ordinal);
        var (officer, province, commune) = hanoi ? (People.HanoiOfficer, "01", "00004") : (People.HcmOfficer, "79", "25747");
        var year = DateTime.UtcNow.Year + 1;
        using var front = host.Client(officer);
        var campaign = (await front.PostJsonAsync("/api/v1/campaigns", new
        {
            year, name = $"Phong trào Đoàn kết sáng tạo năm {year}", provinceCode = province, registrationDueBefore = $"{year}-01-15",
        }, HttpStatusCode.Created)).Str("id");
        var committee = await OrganizationAsync("Ủy ban Mặt trận Tổ quốc Việt Nam phường", "front_committee", commune, officer);

        using var http = host.Client(author);
        var form = new Dictionary<string, object?>
        {
            ["campaignId"] = campaign, ["title"] = title, ["kind"] = "sang_kien", ["contentType"] = "tac_nghiep", ["movementArea"] = "cong_dong",
            ["field"] = field, ["organizationId"] = committee, ["communeCode"] = commune, ["summary"] = summary ?? $"Tóm tắt: {title}.",
            ["authors"] = new[] { new { fullName = author.Name, email = $"{author.Id}@example.vn", isLead = true, contributionPercent = 100 } },
        };
        if (consent is not null)
        {
            form["publicationConsent"] = consent;
        }

        return (await http.PostJsonAsync("/api/v1/initiatives", form, HttpStatusCode.Created)).Str("id");
    }

    private async Task<string> OrganizationAsync(string name, string kind, string commune, Person? officer = null)
    {
        using var front = host.Client(officer ?? People.HanoiOfficer);
        return (await front.PostJsonAsync("/api/v1/organizations", new { name, kind, communeCode = commune }, HttpStatusCode.Created)).Str("id");
    }

    /// <summary>The council's decision as appraisal announces it; returns once registration has recorded it (the author sees the standing).</summary>
    private async Task DecideAsync(string initiative, string level, bool recognized, DateTimeOffset? at = null)
    {
        var when = at ?? DateTimeOffset.UtcNow;
        await host.PublishAsync(new AppraisalDecisionMade(Guid.NewGuid(), when, Guid.NewGuid(), Guid.NewGuid(), level, Guid.Parse(initiative), recognized,
            85m, null, $"{Random.Shared.Next(1, 999)}/QĐ-HĐTĐ", DateOnly.FromDateTime(when.UtcDateTime), null));
        var stage = recognized ? "recognized" : "not_recognized";
        using var author = host.Client(People.AuthorBinh);
        using var an = host.Client(AuthorAn);
        await TestInfrastructure.EventuallyAsync(async () =>
        {
            foreach (var http in new[] { author, an })
            {
                using var response = await http.GetAsync($"/api/v1/initiatives/{initiative}");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var read = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                    return read["appraisalLevel"]?.GetValue<string>() == level && read["appraisalStage"]?.GetValue<string>() == stage ? "recorded" : null;
                }
            }

            return null;
        }, Patience, $"the {level} council's decision on {initiative}");
    }

    private static async Task<JsonNode> SendAsync(HttpClient http, HttpMethod method, string path, object body, HttpStatusCode expected, string? key = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        using var response = await http.SendAsync(request);
        return await response.ReadAsync(expected);
    }

    /// <summary>RFC 4180: fields separated by commas, quoted when they hold commas, quotes or line breaks, records ended by CRLF.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.True(field.Length == 0 && row.Count == 0, "The CSV ends with a CRLF after its last record.");
        return rows;
    }
}

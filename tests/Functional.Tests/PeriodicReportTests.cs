extern alias reporting;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Domain;
using DoanKetSangTao.ServiceDefaults.Security;
using DoanKetSangTao.Tests.Support;
using Npgsql;

namespace DoanKetSangTao.Tests.Functional;

/// <summary>
/// Báo cáo định kỳ, reporting alone: templates, a unit's report through its lifecycle, compiling, exports, access. Each
/// test acts for a province and campaign of its own, so what it counts is its own.
/// </summary>
public sealed partial class PeriodicReportTests(ServiceHost<reporting::Program> host) : IClassFixture<ServiceHost<reporting::Program>>
{
    private static readonly Person Centre = new("canbo.tw", "Nguyễn Văn Trung", PlatformRoles.FrontOfficer, "VN");

    private static readonly DateOnly PeriodFrom = new(2026, 1, 1);
    private static readonly DateOnly PeriodTo = new(2026, 6, 30);

    private static Person Province(string p) => new($"canbo.tinh.{p}", "Phạm Thị Dung", PlatformRoles.FrontOfficer, $"VN/{p}");

    private static Person Commune(string p, string c) => new($"canbo.xa.{c}", "Lê Văn Xã", PlatformRoles.FrontOfficer, $"VN/{p}/{c}");

    private static Person MemberOrg(string scope, Guid org) => new($"canbo.hoi.{org:N}", "Trần Thị Hội", PlatformRoles.MemberOrganizationOfficer, scope, org);

    [Fact]
    public async Task A_late_report_is_accepted_counted_late_returned_corrected_on_its_version_and_submitted_again()
    {
        const string p = "97", c = "97001";
        var campaign = await CampaignAsync();
        using var centre = host.Client(Centre);
        using var province = host.Client(Province(p));
        using var commune = host.Client(Commune(p, c));
        // The commune's due date passed yesterday (Vietnam's day): the report is accepted and counted late.
        var yesterday = DateOnly.FromDateTime(VietnamTime.ToLocal(DateTimeOffset.UtcNow).DateTime).AddDays(-1);
        var template = await TemplateAsync(centre, campaign, new Dictionary<string, string> { ["province"] = "2026-06-15" });
        await province.PutJsonAsync($"/api/v1/reports/templates/{template}/due-dates/commune", new { dueOn = yesterday.ToString("yyyy-MM-dd") }, HttpStatusCode.OK);

        var opened = await commune.PostJsonAsync("/api/v1/reports/periodic", new { templateId = template }, HttpStatusCode.Created);
        var id = opened.Str("id");
        Assert.Equal(("draft", 1, "commune", c), (opened.Str("status"), opened["version"]!.GetValue<int>(), opened.Str("level"), opened.Str("unitCode")));
        Assert.Equal(yesterday.ToString("yyyy-MM-dd"), opened.Str("dueOn"));
        // Opening again finds the same report.
        Assert.Equal(id, (await commune.PostJsonAsync("/api/v1/reports/periodic", new { templateId = template }, HttpStatusCode.OK)).Str("id"));

        var edited = await commune.PutJsonAsync($"/api/v1/reports/periodic/{id}",
            new { version = 1, modelsBuilt = 4, narrative = new { propaganda = "Tuyên truyền qua loa phát thanh của xã." } }, HttpStatusCode.OK);
        Assert.Equal(2, edited["version"]!.GetValue<int>());
        var attachment = await AttachAsync(commune, id, "Biên bản hội nghị.pdf", HttpStatusCode.Created);
        var exe = new byte[64];
        "MZ"u8.CopyTo(exe);
        using (var refused = await Upload(commune, id, "bao-cao.pdf", exe))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, refused.StatusCode);
        }

        using var neighbour = host.Client(Commune(p, "97002"));
        using (var neighbourUpload = await Upload(neighbour, id, "x.pdf", Pdf))
        {
            Assert.Equal(HttpStatusCode.Forbidden, neighbourUpload.StatusCode);
        }

        var listed = Assert.Single((await province.GetJsonAsync($"/api/v1/reports/periodic/{id}/attachments", HttpStatusCode.OK)).AsArray())!;
        Assert.Equal(("Biên bản hội nghị.pdf", "application/pdf"), (listed.Str("fileName"), listed.Str("mediaType")));
        Assert.Equal(Pdf, await province.GetByteArrayAsync($"/api/v1/reports/periodic/{id}/attachments/{attachment}/content"));

        var submitted = await commune.PostJsonAsync($"/api/v1/reports/periodic/{id}/submit", new { }, HttpStatusCode.OK);
        Assert.Equal("submitted", submitted.Str("status"));
        // Submitted: its files are frozen with it.
        await AttachAsync(commune, id, "Bổ sung.pdf", HttpStatusCode.Conflict);
        using (var remove = await commune.DeleteAsync($"/api/v1/reports/periodic/{id}/attachments/{attachment}"))
        {
            Assert.Equal(HttpStatusCode.Conflict, remove.StatusCode);
        }

        Assert.False(submitted["onTime"]!.GetValue<bool>());
        var first = submitted.Str("firstSubmittedAt");
        Assert.True(await OutboxAsync("ReportSubmitted", id) is { } e && !e.OnTime, "ReportSubmitted (late) in the outbox");

        // A submitted report is not edited; the commune cannot accept its own report.
        await commune.PutJsonAsync($"/api/v1/reports/periodic/{id}", new { version = 3, modelsBuilt = 5 }, HttpStatusCode.Conflict);
        await commune.PostJsonAsync($"/api/v1/reports/periodic/{id}/accept", new { }, HttpStatusCode.Forbidden);

        var returned = await province.PostJsonAsync($"/api/v1/reports/periodic/{id}/return", new { reason = "Bổ sung số mô hình đã xây dựng." }, HttpStatusCode.OK);
        Assert.Equal(("returned", "Bổ sung số mô hình đã xây dựng."), (returned.Str("status"), returned.Str("returnedReason")));
        Assert.NotNull(await OutboxAsync("ReportReturned", id));

        // An edit made on the version read before the return is refused: someone changed the report since.
        var stale = await commune.PutJsonAsync($"/api/v1/reports/periodic/{id}", new { version = 2, modelsBuilt = 6 }, HttpStatusCode.Conflict);
        Assert.Equal("report_version_stale", stale.Str("code"));
        var corrected = await commune.PutJsonAsync($"/api/v1/reports/periodic/{id}",
            new { version = returned["version"]!.GetValue<int>(), modelsBuilt = 6 }, HttpStatusCode.OK);
        Assert.Equal(6, corrected["figures"]!["total"]!["models_built"]!.GetValue<long>());
        Assert.Equal("Tuyên truyền qua loa phát thanh của xã.", corrected["narrative"]!["propaganda"]!.Str("text"));

        var again = await commune.PostJsonAsync($"/api/v1/reports/periodic/{id}/submit", new { }, HttpStatusCode.OK);
        Assert.Equal(first, again.Str("firstSubmittedAt"));
        Assert.Null(again["returnedReason"]);
        var accepted = await province.PostJsonAsync($"/api/v1/reports/periodic/{id}/accept", new { }, HttpStatusCode.OK);
        Assert.Equal("accepted", accepted.Str("status"));
        Assert.False(accepted["onTime"]!.GetValue<bool>());
        Assert.NotNull(await OutboxAsync("ReportAccepted", id));
        await province.PostJsonAsync($"/api/v1/reports/periodic/{id}/accept", new { }, HttpStatusCode.Conflict);
        await commune.PutJsonAsync($"/api/v1/reports/periodic/{id}", new { version = accepted["version"]!.GetValue<int>(), modelsBuilt = 7 }, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Three_communes_accepted_reports_compile_into_the_province_report_with_sources_and_the_units_missing()
    {
        const string p = "98";
        string[] communes = ["98001", "98002", "98003"];
        var campaign = await CampaignAsync();
        await UnitsAsync(p, ("98001", "Phường Một"), ("98002", "Xã Hai"), ("98003", "Xã Ba"), ("98004", "Xã Bốn"), ("98005", "Xã Năm"));
        // 98001: 2 initiatives in the period (one recognized by the commune), 1 before it; 98002: 1; 98003: 3 of two kinds.
        await FactsAsync(campaign, p, "98001", ("sang_kien", "y_te", new DateOnly(2026, 2, 1), true), ("sang_kien", "giao_duc", new DateOnly(2026, 3, 1), false),
            ("sang_kien", "y_te", new DateOnly(2025, 12, 31), true));
        await FactsAsync(campaign, p, "98002", ("y_tuong_moi", "y_te", new DateOnly(2026, 4, 1), false));
        await FactsAsync(campaign, p, "98003", ("sang_kien", null, new DateOnly(2026, 5, 1), false), ("y_tuong_moi", "giao_duc", new DateOnly(2026, 6, 30), true),
            ("mo_hinh", "giao_duc", new DateOnly(2026, 1, 1), false));
        using var centre = host.Client(Centre);
        using var province = host.Client(Province(p));
        var template = await TemplateAsync(centre, campaign, new Dictionary<string, string> { ["commune"] = "2099-05-15", ["province"] = "2099-06-05", ["member_org"] = "2099-05-15" });

        var expectedRegistered = new Dictionary<string, long> { ["98001"] = 2, ["98002"] = 1, ["98003"] = 3 };
        var models = new Dictionary<string, long> { ["98001"] = 1, ["98002"] = 2, ["98003"] = 3 };
        foreach (var c in communes)
        {
            using var officer = host.Client(Commune(p, c));
            var opened = await officer.PostJsonAsync("/api/v1/reports/periodic", new { templateId = template }, HttpStatusCode.Created);
            Assert.Equal(expectedRegistered[c], opened["figures"]!["total"]!["registered"]!.GetValue<long>());
            var id = opened.Str("id");
            await officer.PutJsonAsync($"/api/v1/reports/periodic/{id}", new
            {
                version = 1, modelsBuilt = models[c],
                narrative = new { propaganda = $"Xã {c} tuyên truyền qua tổ dân phố.", difficulties = c == "98002" ? "Thiếu kinh phí." : "" },
            }, HttpStatusCode.OK);
            var submitted = await officer.PostJsonAsync($"/api/v1/reports/periodic/{id}/submit", new { }, HttpStatusCode.OK);
            Assert.True(submitted["onTime"]!.GetValue<bool>());
            await province.PostJsonAsync($"/api/v1/reports/periodic/{id}/accept", new { }, HttpStatusCode.OK);
        }

        // A fourth commune submitted and is not accepted yet; the fifth opened nothing.
        using (var fourth = host.Client(Commune(p, "98004")))
        {
            var id = (await fourth.PostJsonAsync("/api/v1/reports/periodic", new { templateId = template }, HttpStatusCode.Created)).Str("id");
            await fourth.PutJsonAsync($"/api/v1/reports/periodic/{id}", new { version = 1, narrative = new { propaganda = "Chưa được tiếp nhận." } }, HttpStatusCode.OK);
            await fourth.PostJsonAsync($"/api/v1/reports/periodic/{id}/submit", new { }, HttpStatusCode.OK);
        }

        // The province's Women's Union: accepted by the province, its text gathered, its figures not added again.
        var union = Guid.NewGuid();
        using (var hoi = host.Client(MemberOrg($"VN/{p}", union)))
        {
            var opened = await hoi.PostJsonAsync("/api/v1/reports/periodic", new { templateId = template, organizationName = "Hội Liên hiệp Phụ nữ tỉnh" }, HttpStatusCode.Created);
            var id = opened.Str("id");
            await hoi.PutJsonAsync($"/api/v1/reports/periodic/{id}", new { version = 1, modelsBuilt = 50, narrative = new { propaganda = "Hội phát động hội viên tham gia." } }, HttpStatusCode.OK);
            await hoi.PostJsonAsync($"/api/v1/reports/periodic/{id}/submit", new { }, HttpStatusCode.OK);
            await province.PostJsonAsync($"/api/v1/reports/periodic/{id}/accept", new { }, HttpStatusCode.OK);
        }

        var own = await province.PostJsonAsync("/api/v1/reports/periodic", new { templateId = template }, HttpStatusCode.Created);
        var provinceReport = own.Str("id");
        await province.PutJsonAsync($"/api/v1/reports/periodic/{provinceReport}", new { version = 1, narrative = new { propaganda = "Toàn tỉnh triển khai đồng bộ." } }, HttpStatusCode.OK);
        var compiled = await province.PostJsonAsync($"/api/v1/reports/periodic/{provinceReport}/compile", new { }, HttpStatusCode.OK);

        var total = compiled["figures"]!["total"]!;
        Assert.Equal(6, total["registered"]!.GetValue<long>());
        Assert.Equal(2, total["recognized_commune"]!.GetValue<long>());
        Assert.Equal(6, total["models_built"]!.GetValue<long>());
        Assert.Equal(3, compiled["figures"]!["byKind"]!["sang_kien"]!["registered"]!.GetValue<long>());
        Assert.Equal(3, compiled["figures"]!["byField"]!["giao_duc"]!["registered"]!.GetValue<long>());
        Assert.Equal(1, compiled["figures"]!["byField"]!["chua_ro"]!["registered"]!.GetValue<long>());

        var propaganda = compiled["narrative"]!["propaganda"]!;
        Assert.Equal("Toàn tỉnh triển khai đồng bộ.", propaganda.Str("text"));
        Assert.Equal(["98001", "98002", "98003", p], propaganda["sources"]!.AsArray().Select(s => s!.Str("unitCode")));
        Assert.Equal("Hội Liên hiệp Phụ nữ tỉnh", propaganda["sources"]![3]!.Str("organizationName"));
        Assert.Equal("Thiếu kinh phí.", Assert.Single(compiled["narrative"]!["difficulties"]!["sources"]!.AsArray())!.Str("text"));
        var included = compiled["compilation"]!["included"]!.AsArray();
        Assert.Equal(4, included.Count);
        Assert.Equal("Phường Một", included[0]!.Str("unitName"));
        var pending = compiled["compilation"]!["notYetAccepted"]!.AsArray().Select(u => (u!.Str("unitCode"), u!.Str("status"))).ToList();
        Assert.Equal([("98004", "submitted"), ("98005", "missing")], pending);

        await ExportsAreReadBackAsync(province, provinceReport);

        // The province submits to the centre, which accepts it and compiles the nation's report from it.
        await province.PostJsonAsync($"/api/v1/reports/periodic/{provinceReport}/submit", new { }, HttpStatusCode.OK);
        await province.PostJsonAsync($"/api/v1/reports/periodic/{provinceReport}/accept", new { }, HttpStatusCode.Forbidden);
        await centre.PostJsonAsync($"/api/v1/reports/periodic/{provinceReport}/accept", new { }, HttpStatusCode.OK);
        var nation = (await centre.PostJsonAsync("/api/v1/reports/periodic", new { templateId = template }, HttpStatusCode.Created)).Str("id");
        var national = await centre.PostJsonAsync($"/api/v1/reports/periodic/{nation}/compile", new { }, HttpStatusCode.OK);
        Assert.Equal(6, national["figures"]!["total"]!["registered"]!.GetValue<long>());
        Assert.Contains(national["compilation"]!["included"]!.AsArray(), u => u!.Str("unitCode") == p);
        await centre.PostJsonAsync($"/api/v1/reports/periodic/{nation}/submit", new { }, HttpStatusCode.Conflict);
    }

    private static readonly byte[] Pdf = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private static async Task<HttpResponseMessage> Upload(HttpClient client, string report, string fileName, byte[] content)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", fileName);
        return await client.PostAsync($"/api/v1/reports/periodic/{report}/attachments", form);
    }

    private static async Task<string> AttachAsync(HttpClient client, string report, string fileName, HttpStatusCode expected)
    {
        using var response = await Upload(client, report, fileName, Pdf);
        var body = await response.ReadAsync(expected);
        return expected == HttpStatusCode.Created ? body.Str("id") : body.Str("code");
    }

    private async Task<Guid> CampaignAsync()
    {
        var id = Guid.NewGuid();
        await host.PublishAsync(new CampaignDeadlineSet(Guid.NewGuid(), DateTimeOffset.UtcNow, id, "Phong trào \"Đoàn kết sáng tạo\" năm 2026",
            "report_half_year", "VN", new DateOnly(2026, 5, 16), VietnamTime.ClosesBefore(new DateOnly(2026, 5, 16))));
        return id;
    }

    /// <summary>A national template for the campaign, once reporting has heard of it (422 until then).</summary>
    private static async Task<string> TemplateAsync(HttpClient centre, Guid campaign, Dictionary<string, string> dueDates) =>
        (await TestInfrastructure.EventuallyAsync(async () =>
        {
            using var response = await centre.PostAsJsonAsync("/api/v1/reports/templates", new
            {
                campaignId = campaign, kind = "six_month", title = "Báo cáo 6 tháng đầu năm 2026 phong trào \"Đoàn kết sáng tạo\"",
                periodFrom = PeriodFrom, periodTo = PeriodTo, dueDates,
            });
            return response.StatusCode == HttpStatusCode.UnprocessableEntity ? null : await response.ReadAsync(HttpStatusCode.Created);
        }, TimeSpan.FromSeconds(30), "the campaign known to reporting")).Str("id");

    private async Task<(bool OnTime, JsonNode Payload)?> OutboxAsync(string type, string reportId)
    {
        await using var connection = new NpgsqlConnection(host.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT payload::text FROM outbox_messages WHERE message_type LIKE @type AND payload::text LIKE @id ORDER BY sequence DESC LIMIT 1", connection);
        command.Parameters.AddWithValue("type", $"%{type}%");
        command.Parameters.AddWithValue("id", $"%{reportId}%");
        if (await command.ExecuteScalarAsync() is not string text)
        {
            return null;
        }

        var payload = JsonNode.Parse(text)!;
        var onTime = (payload["onTime"] ?? payload["OnTime"])?.GetValue<bool>() ?? false;
        return (onTime, payload);
    }

    /// <summary>Communes in force today under the province (the hierarchy's table), so a compilation can name the missing.</summary>
    private async Task UnitsAsync(string province, params (string Code, string Name)[] communes)
    {
        await using var connection = new NpgsqlConnection(host.Database.ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "INSERT INTO admin_units (code, level, name, parent_code, valid_from) VALUES (@code, 'province', @name, NULL, '2025-07-01') ON CONFLICT DO NOTHING",
            ("code", province), ("name", $"Tỉnh Thử {province}"));
        foreach (var (code, name) in communes)
        {
            await ExecuteAsync(connection, "INSERT INTO admin_units (code, level, name, parent_code, valid_from) VALUES (@code, 'commune', @name, @parent, '2025-07-01') ON CONFLICT DO NOTHING",
                ("code", code), ("name", name), ("parent", province));
        }
    }

    /// <summary>Initiatives as the statistics read model holds them: kind, field, registered on, recognized by the commune (the same day) or not.</summary>
    private async Task FactsAsync(Guid campaign, string province, string commune, params (string Kind, string? Field, DateOnly Registered, bool Recognized)[] facts)
    {
        await using var connection = new NpgsqlConnection(host.Database.ConnectionString);
        await connection.OpenAsync();
        foreach (var f in facts)
        {
            await ExecuteAsync(connection,
                """
                INSERT INTO initiative_facts (initiative_id, campaign_id, kind, field, status, organization_id, province_code, commune_code, registered_on, recognized_commune_on)
                VALUES (@id, @campaign, @kind, @field, 'registered', @org, @province, @commune, @registered, @recognized)
                """,
                ("id", Guid.NewGuid()), ("campaign", campaign), ("kind", f.Kind), ("field", (object?)f.Field ?? DBNull.Value), ("org", Guid.NewGuid()),
                ("province", province), ("commune", commune), ("registered", f.Registered), ("recognized", f.Recognized ? f.Registered : (object)DBNull.Value));
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }
}

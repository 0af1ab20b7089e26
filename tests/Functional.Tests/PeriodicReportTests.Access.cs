using System.Net;
using DocumentFormat.OpenXml.Packaging;
using Npgsql;
using Sheet = DocumentFormat.OpenXml.Spreadsheet;
using Word = DocumentFormat.OpenXml.Wordprocessing;

namespace DoanKetSangTao.Tests.Functional;

/// <summary>Báo cáo định kỳ: exports read back, access at the three levels, bad input.</summary>
public sealed partial class PeriodicReportTests
{
    /// <summary>The compiled province report of <see cref="Three_communes_accepted_reports_compile_into_the_province_report_with_sources_and_the_units_missing"/>.</summary>
    private async Task ExportsAreReadBackAsync(HttpClient province, string id)
    {
        using var xlsx = await province.GetAsync($"/api/v1/reports/periodic/{id}/export/xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using (var book = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false))
        {
            var parts = book.WorkbookPart!;
            var names = parts.Workbook.Descendants<Sheet.Sheet>().Select(s => (s.Name!.Value!, s.Id!.Value!)).ToList();
            Assert.Equal(["Theo loại", "Theo lĩnh vực", "Đơn vị tổng hợp"], names.Select(n => n.Item1));
            var byKind = Cells((WorksheetPart)parts.GetPartById(names[0].Item2));
            var header = Row(byKind, "A", "STT");
            Assert.Equal(("Loại sáng kiến", "Đăng ký", "Công nhận cấp xã", "Mô hình đã xây dựng"),
                (byKind[$"B{header}"], byKind[$"C{header}"], byKind[$"F{header}"], byKind[$"L{header}"]));
            // Kinds in code order: mo_hinh, sang_kien, y_tuong_moi; then the totals row.
            Assert.Equal(("1", "Mô hình \"Đoàn kết sáng tạo\"", "1"), (byKind[$"A{header + 1}"], byKind[$"B{header + 1}"], byKind[$"C{header + 1}"]));
            Assert.Equal(("Sáng kiến", "3", "1"), (byKind[$"B{header + 2}"], byKind[$"C{header + 2}"], byKind[$"F{header + 2}"]));
            Assert.Equal(("Ý tưởng mới", "2", "1"), (byKind[$"B{header + 3}"], byKind[$"C{header + 3}"], byKind[$"F{header + 3}"]));
            Assert.False(byKind.ContainsKey($"L{header + 1}"));
            Assert.Equal(("Tổng cộng", "6", "2", "6"), (byKind[$"B{header + 4}"], byKind[$"C{header + 4}"], byKind[$"F{header + 4}"], byKind[$"L{header + 4}"]));
            var units = Cells((WorksheetPart)parts.GetPartById(names[2].Item2));
            var unitsHeader = Row(units, "A", "STT");
            Assert.Equal(("98001", "Phường Một", "Đã tiếp nhận", "Có"), (units[$"C{unitsHeader + 1}"], units[$"D{unitsHeader + 1}"], units[$"E{unitsHeader + 1}"], units[$"F{unitsHeader + 1}"]));
            Assert.Equal(("Hội Liên hiệp Phụ nữ tỉnh", "Không"), (units[$"D{unitsHeader + 4}"], units[$"F{unitsHeader + 4}"]));
            Assert.Equal(("98005", "Xã Năm", "Chưa có báo cáo"), (units[$"C{unitsHeader + 6}"], units[$"D{unitsHeader + 6}"], units[$"E{unitsHeader + 6}"]));
        }

        using var docx = await province.GetAsync($"/api/v1/reports/periodic/{id}/export/docx");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Content.Headers.ContentType!.MediaType);
        using var word = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false);
        var paragraphs = word.MainDocumentPart!.Document.Body!.Descendants<Word.Paragraph>().Select(p => p.InnerText).ToList();
        Assert.Equal(["ỦY BAN MTTQ VIỆT NAM", "TỈNH THỬ 98", "Số: …/BC-MTTQ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"], paragraphs.Take(5));
        Assert.Matches(@"^Tỉnh Thử 98, ngày \d{2} tháng \d{2} năm \d{4}$", paragraphs[5]);
        Assert.Equal("BÁO CÁO", paragraphs[6]);
        Assert.Contains("1. Công tác tuyên truyền, vận động", paragraphs);
        Assert.Contains("Toàn tỉnh triển khai đồng bộ.", paragraphs);
        Assert.Contains("- Phường Một: Xã 98001 tuyên truyền qua tổ dân phố.", paragraphs);
        Assert.Contains("- Hội Liên hiệp Phụ nữ tỉnh: Hội phát động hội viên tham gia.", paragraphs);
        Assert.Contains(paragraphs, p => p.StartsWith("Chưa được tiếp nhận: Xã Bốn (Đã nộp); Xã Năm (Chưa có báo cáo)", StringComparison.Ordinal));
        var figures = word.MainDocumentPart.Document.Body.Descendants<Word.Table>().ElementAt(1);
        var registered = figures.Descendants<Word.TableRow>().Single(r => r.Descendants<Word.TableCell>().ElementAt(1).InnerText == "Đăng ký");
        Assert.Equal("6", registered.Descendants<Word.TableCell>().ElementAt(2).InnerText);
    }

    [Fact]
    public async Task A_commune_sees_and_files_only_its_own_a_province_its_communes_the_centre_everything()
    {
        const string p = "93", other = "94";
        var campaign = await CampaignAsync();
        using var centre = host.Client(Centre);
        using var province = host.Client(Province(p));
        using var otherProvince = host.Client(Province(other));
        using var mine = host.Client(Commune(p, "93001"));
        using var neighbour = host.Client(Commune(p, "93002"));
        using var author = host.Client(new Person("tacgia.93", "Tác Giả", DoanKetSangTao.Domain.PlatformRoles.Author, $"VN/{p}/93001"));
        var template = await TemplateAsync(centre, campaign, new Dictionary<string, string> { ["commune"] = "2099-05-15", ["province"] = "2099-06-05" });

        // Templates: a commune defines none; a province sets its communes' date, never the provinces' (the centre's).
        await mine.PostJsonAsync("/api/v1/reports/templates", new { campaignId = campaign, kind = "annual", title = "Báo cáo năm", periodFrom = "2026-01-01", periodTo = "2026-12-31" }, HttpStatusCode.Forbidden);
        var set = await province.PutJsonAsync($"/api/v1/reports/templates/{template}/due-dates/commune", new { dueOn = "2099-05-10" }, HttpStatusCode.OK);
        Assert.Equal("2099-05-10", set["effectiveDueDates"]!.Str("commune"));
        Assert.Equal("2099-05-15", set["dueDates"]!.Str("commune"));
        Assert.Equal("report_due_date_not_yours",
            (await province.PutJsonAsync($"/api/v1/reports/templates/{template}/due-dates/province", new { dueOn = "2099-07-01" }, HttpStatusCode.Forbidden)).Str("code"));
        Assert.Equal("2099-05-15", (await otherProvince.GetJsonAsync($"/api/v1/reports/templates/{template}", HttpStatusCode.OK))["effectiveDueDates"]!.Str("commune"));

        var report = (await mine.PostJsonAsync("/api/v1/reports/periodic", new { templateId = template }, HttpStatusCode.Created)).Str("id");
        Assert.Equal("2099-05-10", (await mine.GetJsonAsync($"/api/v1/reports/periodic/{report}", HttpStatusCode.OK)).Str("dueOn"));
        var neighbours = (await neighbour.PostJsonAsync("/api/v1/reports/periodic", new { templateId = template }, HttpStatusCode.Created)).Str("id");

        // A writer from another commune: neither reads nor edits nor submits.
        await neighbour.GetJsonAsync($"/api/v1/reports/periodic/{report}", HttpStatusCode.Forbidden);
        await neighbour.PutJsonAsync($"/api/v1/reports/periodic/{report}", new { version = 1, modelsBuilt = 9 }, HttpStatusCode.Forbidden);
        await neighbour.PostJsonAsync($"/api/v1/reports/periodic/{report}/submit", new { }, HttpStatusCode.Forbidden);
        Assert.Equal([neighbours], (await neighbour.GetJsonAsync($"/api/v1/reports/periodic?templateId={template}", HttpStatusCode.OK)).AsArray().Select(r => r!.Str("id")));

        // The province reads its communes' reports but files only its own; another province sees nothing of them.
        Assert.Equal(2, (await province.GetJsonAsync($"/api/v1/reports/periodic?templateId={template}", HttpStatusCode.OK)).AsArray().Count);
        // A misspelt filter is refused, never answered as if it were applied.
        var misspelt = await province.GetJsonAsync($"/api/v1/reports/periodic?templateId={template}&communeCode=00004", HttpStatusCode.BadRequest);
        Assert.Equal("unknown_parameter", misspelt.Str("code"));
        await province.GetJsonAsync($"/api/v1/reports/periodic/{report}", HttpStatusCode.OK);
        Assert.Equal("report_not_your_unit", (await province.PutJsonAsync($"/api/v1/reports/periodic/{report}", new { version = 1, modelsBuilt = 9 }, HttpStatusCode.Forbidden)).Str("code"));
        await otherProvince.GetJsonAsync($"/api/v1/reports/periodic/{report}", HttpStatusCode.Forbidden);
        Assert.Empty((await otherProvince.GetJsonAsync($"/api/v1/reports/periodic?templateId={template}", HttpStatusCode.OK)).AsArray());

        // The centre reads everything and does not accept a commune's report (its province does).
        await mine.PostJsonAsync($"/api/v1/reports/periodic/{report}/submit", new { }, HttpStatusCode.OK);
        Assert.Equal(2, (await centre.GetJsonAsync($"/api/v1/reports/periodic?templateId={template}", HttpStatusCode.OK)).AsArray().Count);
        Assert.Equal("report_not_level_above", (await centre.PostJsonAsync($"/api/v1/reports/periodic/{report}/accept", new { }, HttpStatusCode.Forbidden)).Str("code"));
        await otherProvince.PostJsonAsync($"/api/v1/reports/periodic/{report}/return", new { reason = "Không phải tỉnh của bạn." }, HttpStatusCode.Forbidden);
        await neighbour.PostJsonAsync($"/api/v1/reports/periodic/{report}/accept", new { }, HttpStatusCode.Forbidden);
        await province.PostJsonAsync($"/api/v1/reports/periodic/{report}/accept", new { }, HttpStatusCode.OK);

        // Exports are reads: as strict as the report.
        using var outside = await otherProvince.GetAsync($"/api/v1/reports/periodic/{report}/export/docx");
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        // Neither authors nor anonymous callers reach periodic reports at all.
        await author.GetJsonAsync($"/api/v1/reports/periodic?templateId={template}", HttpStatusCode.Forbidden);
        using var anonymous = host.Client();
        await anonymous.GetJsonAsync($"/api/v1/reports/periodic/{report}", HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Bad_input_on_each_write_gets_a_vietnamese_problem_and_stores_nothing()
    {
        const string p = "95", c = "95001";
        var campaign = await CampaignAsync();
        using var centre = host.Client(Centre);
        using var province = host.Client(Province(p));
        using var commune = host.Client(Commune(p, c));
        var template = await TemplateAsync(centre, campaign, new Dictionary<string, string> { ["commune"] = "2099-05-15" });
        var report = (await commune.PostJsonAsync("/api/v1/reports/periodic", new { templateId = template }, HttpStatusCode.Created)).Str("id");
        var before = await CountsAsync();

        var good = new { campaignId = campaign, kind = "annual", title = "Báo cáo năm 2026", periodFrom = "2026-01-01", periodTo = "2026-12-31" };
        var cases = new (HttpClient Client, HttpMethod Method, string Path, object Body, HttpStatusCode Status, string Code)[]
        {
            (centre, HttpMethod.Post, "/api/v1/reports/templates", new { good.kind, good.title, good.periodFrom, good.periodTo }, HttpStatusCode.BadRequest, "validation_failed"),
            (centre, HttpMethod.Post, "/api/v1/reports/templates", new { good.campaignId, kind = "monthly", good.title, good.periodFrom, good.periodTo }, HttpStatusCode.BadRequest, "validation_failed"),
            (centre, HttpMethod.Post, "/api/v1/reports/templates", new { good.campaignId, good.kind, title = "  ", good.periodFrom, good.periodTo }, HttpStatusCode.BadRequest, "validation_failed"),
            (centre, HttpMethod.Post, "/api/v1/reports/templates", new { good.campaignId, good.kind, good.title, periodFrom = "2026-12-31", periodTo = "2026-01-01" }, HttpStatusCode.BadRequest, "validation_failed"),
            (centre, HttpMethod.Post, "/api/v1/reports/templates", new { good.campaignId, good.kind, good.title, good.periodFrom, good.periodTo, dueDates = new { central = "2026-12-31" } }, HttpStatusCode.BadRequest, "validation_failed"),
            (centre, HttpMethod.Post, "/api/v1/reports/templates", new { good.campaignId, good.kind, good.title, good.periodFrom, good.periodTo, dueDates = new { commune = "2025-12-31" } }, HttpStatusCode.BadRequest, "validation_failed"),
            (province, HttpMethod.Post, "/api/v1/reports/templates", new { good.campaignId, good.kind, good.title, good.periodFrom, good.periodTo, dueDates = new { province = "2026-12-31" } }, HttpStatusCode.BadRequest, "validation_failed"),
            (centre, HttpMethod.Post, "/api/v1/reports/templates", new { campaignId = Guid.NewGuid(), good.kind, good.title, good.periodFrom, good.periodTo }, HttpStatusCode.UnprocessableEntity, "report_campaign_unknown"),
            (centre, HttpMethod.Put, $"/api/v1/reports/templates/{template}/due-dates/commune", new { dueOn = (string?)null }, HttpStatusCode.BadRequest, "validation_failed"),
            (centre, HttpMethod.Put, $"/api/v1/reports/templates/{template}/due-dates/thang", new { dueOn = "2026-12-31" }, HttpStatusCode.BadRequest, "validation_failed"),
            (commune, HttpMethod.Post, "/api/v1/reports/periodic", new { templateId = (Guid?)null }, HttpStatusCode.BadRequest, "validation_failed"),
            (commune, HttpMethod.Post, "/api/v1/reports/periodic", new { templateId = Guid.NewGuid() }, HttpStatusCode.NotFound, "report_template_not_found"),
            (commune, HttpMethod.Put, $"/api/v1/reports/periodic/{report}", new { modelsBuilt = 1 }, HttpStatusCode.BadRequest, "validation_failed"),
            (commune, HttpMethod.Put, $"/api/v1/reports/periodic/{report}", new { version = 1, modelsBuilt = -1 }, HttpStatusCode.BadRequest, "validation_failed"),
            (commune, HttpMethod.Put, $"/api/v1/reports/periodic/{report}", new { version = 1, narrative = new { chuyen_khac = "x" } }, HttpStatusCode.BadRequest, "validation_failed"),
            (commune, HttpMethod.Put, $"/api/v1/reports/periodic/{report}", new { version = 1, narrative = new { propaganda = new string('a', 10_001) } }, HttpStatusCode.BadRequest, "validation_failed"),
            (commune, HttpMethod.Put, $"/api/v1/reports/periodic/{report}", new { version = 1, narrative = new { propaganda = "a\u0000b" } }, HttpStatusCode.BadRequest, "validation_failed"),
            (commune, HttpMethod.Put, $"/api/v1/reports/periodic/{report}", new { version = 1, figures = new { total = new { invented = 3 } } }, HttpStatusCode.BadRequest, "validation_failed"),
            (commune, HttpMethod.Put, $"/api/v1/reports/periodic/{report}", new { version = 1, figures = new { total = new { registered = -3 } } }, HttpStatusCode.BadRequest, "validation_failed"),
            (commune, HttpMethod.Put, $"/api/v1/reports/periodic/{report}", new { version = 1, figures = new { byKind = new Dictionary<string, object> { ["Sáng kiến"] = new { registered = 1 } } } }, HttpStatusCode.BadRequest, "validation_failed"),
            (commune, HttpMethod.Post, $"/api/v1/reports/periodic/{report}/accept", new { }, HttpStatusCode.Forbidden, "report_not_level_above"),
            (province, HttpMethod.Post, $"/api/v1/reports/periodic/{report}/return", new { reason = "Chưa nộp mà đã trả lại." }, HttpStatusCode.Conflict, "report_not_submitted"),
            (commune, HttpMethod.Post, $"/api/v1/reports/periodic/{report}/compile", new { }, HttpStatusCode.Conflict, "report_not_compiled"),
        };
        foreach (var (client, method, path, body, status, code) in cases)
        {
            using var request = new HttpRequestMessage(method, path) { Content = System.Net.Http.Json.JsonContent.Create(body) };
            using var response = await client.SendAsync(request);
            var problem = await response.ReadAsync(status);
            Assert.True(problem.Str("code") == code, $"{method} {path} {System.Text.Json.JsonSerializer.Serialize(body)[..Math.Min(120, System.Text.Json.JsonSerializer.Serialize(body).Length)]}: {problem.Str("code")}");
            Assert.Matches("[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", problem.Str("detail").ToLowerInvariant());
        }

        // A return with a reason refused: the report is submitted, and the reason is missing.
        await commune.PostJsonAsync($"/api/v1/reports/periodic/{report}/submit", new { }, HttpStatusCode.OK);
        Assert.Equal("validation_failed", (await province.PostJsonAsync($"/api/v1/reports/periodic/{report}/return", new { reason = " " }, HttpStatusCode.BadRequest)).Str("code"));
        var after = await CountsAsync();
        Assert.Equal((before.Templates, before.DueDates), (after.Templates, after.DueDates));
        Assert.Equal((1, "submitted", 2), (after.Reports, after.Status, after.Version));
    }

    private static Dictionary<string, string> Cells(WorksheetPart part) =>
        part.Worksheet.Descendants<Sheet.Cell>().Where(c => c.CellReference is not null && c.InnerText.Length > 0)
            .ToDictionary(c => c.CellReference!.Value!, c => c.InnerText, StringComparer.Ordinal);

    private static int Row(Dictionary<string, string> cells, string column, string text) =>
        int.Parse(cells.Single(c => c.Key.StartsWith(column, StringComparison.Ordinal) && char.IsAsciiDigit(c.Key[column.Length]) && c.Value == text).Key[column.Length..],
            System.Globalization.CultureInfo.InvariantCulture);

    private async Task<(long Templates, long DueDates, long Reports, string Status, int Version)> CountsAsync()
    {
        await using var connection = new NpgsqlConnection(host.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT (SELECT count(*) FROM report_templates), (SELECT count(*) FROM report_due_dates) + (SELECT count(*) FROM report_province_due_dates),
                   (SELECT count(*) FROM periodic_reports WHERE unit_code = '95001'),
                   (SELECT status FROM periodic_reports WHERE unit_code = '95001'), (SELECT version FROM periodic_reports WHERE unit_code = '95001')
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3), reader.GetInt32(4));
    }
}

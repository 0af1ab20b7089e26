using DoanKetSangTao.Spreadsheets;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace DoanKetSangTao.Tests.ServiceDefaultsUnitTests.Spreadsheets;

public sealed class SpreadsheetResultsTests
{
    private static SpreadsheetBook Book()
    {
        var book = new SpreadsheetBook();
        book.AddSheet("Mẫu 2").Columns(new SpreadsheetColumn("Họ và tên", 25)).AddRow("Nguyễn Thị Ánh Tuyết");
        return book;
    }

    private static async Task<(HttpResponse Response, byte[] Body)> Execute(IResult result)
    {
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;

        await result.ExecuteAsync(context);

        return (context.Response, body.ToArray());
    }

    [Fact]
    public async Task The_download_is_an_xlsx_attachment_named_in_Vietnamese()
    {
        var (response, body) = await Execute(SpreadsheetResults.Xlsx(Book(), "Danh sách đăng ký Mẫu 2.xlsx"));

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.ContentType);
        Assert.Equal(body.Length, response.ContentLength);
        var header = response.Headers.ContentDisposition.ToString();
        Assert.Contains("filename*=UTF-8''", header, StringComparison.Ordinal);
        var disposition = ContentDispositionHeaderValue.Parse(header);
        Assert.Equal("attachment", disposition.DispositionType.Value);
        Assert.Equal("Danh sách đăng ký Mẫu 2.xlsx", disposition.FileNameStar.Value);
        Assert.Equal("danh sach dang ky mau 2.xlsx", HeaderUtilities.RemoveQuotes(disposition.FileName).Value);

        using var written = WrittenBook.Open(body);
        Assert.Equal("Nguyễn Thị Ánh Tuyết", written.Text(written.Cell("Mẫu 2", "A2")));
    }

    [Theory]
    [InlineData("Kết quả Hội đồng", "Kết quả Hội đồng.xlsx", "ket qua hoi dong.xlsx")]
    [InlineData("../../Báo cáo/tháng 11\r\n.xlsx", "_.._Báo cáo_tháng 11_.xlsx", "_.._bao cao_thang 11_.xlsx")]
    [InlineData("Tổng hợp – 2026 \"cuối\".XLSX", "Tổng hợp – 2026 _cuối_.XLSX", "tong hop _ 2026 _cuoi_.xlsx")]
    public async Task The_file_name_is_made_safe_and_ends_in_xlsx(string requested, string utf8Name, string asciiName)
    {
        var (response, _) = await Execute(SpreadsheetResults.Xlsx(Book(), requested));

        var disposition = ContentDispositionHeaderValue.Parse(response.Headers.ContentDisposition.ToString());
        Assert.Equal(utf8Name, disposition.FileNameStar.Value);
        Assert.Equal(asciiName, HeaderUtilities.RemoveQuotes(disposition.FileName).Value);
    }
}

using DoanKetSangTao.Files;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DoanKetSangTao.Tests.ServiceDefaultsUnitTests.Files;

public sealed class FileDownloadTests
{
    private static async Task<HttpContext> Execute(IResult result, string? range = null)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Request.Method = HttpMethods.Get;
        context.Response.Body = new MemoryStream();
        if (range is not null)
        {
            context.Request.Headers.Range = range;
        }

        await result.ExecuteAsync(context);
        return context;
    }

    [Fact]
    public async Task A_download_is_an_attachment_with_the_vietnamese_name_encoded_and_no_sniffing()
    {
        var content = SampleFiles.Pdf();
        var context = await Execute(FileDownload.Result(new MemoryStream(content), "application/pdf", "Báo cáo tổng kết.pdf"));

        var disposition = context.Response.Headers.ContentDisposition.ToString();
        Assert.StartsWith("attachment;", disposition);
        Assert.Contains("filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20t%E1%BB%95ng%20k%E1%BA%BFt.pdf", disposition);
        Assert.Equal("nosniff", context.Response.Headers.XContentTypeOptions.ToString());
        Assert.Equal("application/pdf", context.Response.ContentType);
        Assert.Equal(content.Length, context.Response.ContentLength);
        Assert.Equal(content, ((MemoryStream)context.Response.Body).ToArray());
    }

    [Fact]
    public async Task A_seekable_stream_answers_range_requests()
    {
        var content = SampleFiles.Pdf();
        var context = await Execute(FileDownload.Result(new MemoryStream(content), "application/pdf", "a.pdf"), "bytes=0-7");

        Assert.Equal(StatusCodes.Status206PartialContent, context.Response.StatusCode);
        Assert.Equal(content[..8], ((MemoryStream)context.Response.Body).ToArray());
    }

    [Theory]
    [InlineData("bao\"cao.pdf", "bao_cao.pdf")]
    [InlineData("bao\r\nSet-Cookie: x=y.pdf", "tep-dinh-kem")]
    [InlineData("hoa-don\u202Efdp.exe", "tep-dinh-kem")]
    [InlineData("", "tep-dinh-kem")]
    public async Task A_download_never_carries_a_header_built_from_an_unsafe_name(string stored, string offered)
    {
        var context = await Execute(FileDownload.Result(new MemoryStream(SampleFiles.Pdf()), "application/pdf", stored));
        var disposition = context.Response.Headers.ContentDisposition.ToString();
        Assert.DoesNotContain('\r', disposition);
        Assert.DoesNotContain('\n', disposition);
        Assert.DoesNotContain("Set-Cookie", disposition, StringComparison.Ordinal);
        Assert.Contains(offered, disposition, StringComparison.Ordinal);
    }
}

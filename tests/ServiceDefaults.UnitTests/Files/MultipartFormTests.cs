using System.Text;
using DoanKetSangTao.Files;
using DoanKetSangTao.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DoanKetSangTao.Tests.ServiceDefaultsUnitTests.Files;

/// <summary>Whatever is wrong with an upload's envelope is the sender's to fix: a 400 (or 415) with a code, never a 500.</summary>
public sealed class MultipartFormTests
{
    private static HttpRequest Request(string? contentType, string body)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = contentType;
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        return context.Request;
    }

    private static string Form(string boundary, string fileHeader, bool closed = true) =>
        $"--{boundary}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\ncover_letter\r\n" +
        $"--{boundary}\r\n{fileHeader}\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 nội dung\r\n" +
        (closed ? $"--{boundary}--\r\n" : "");

    private static async Task<ProblemException> RefusedAsync(HttpRequest request) =>
        await Assert.ThrowsAsync<ProblemException>(() => MultipartForm.ReadAsync(request, CancellationToken.None));

    [Fact]
    public async Task A_well_formed_form_is_read_with_its_file()
    {
        var form = await MultipartForm.ReadAsync(
            Request("multipart/form-data; boundary=abc", Form("abc", "Content-Disposition: form-data; name=\"file\"; filename=\"Tờ trình.pdf\"")), CancellationToken.None);
        Assert.Equal("cover_letter", form["kind"].ToString());
        Assert.Equal("Tờ trình.pdf", Assert.Single(form.Files).FileName);
    }

    [Theory]
    [InlineData("multipart/form-data")]
    [InlineData("multipart/form-data; boundary=")]
    [InlineData("multipart/form-data; boundary=\"\"")]
    public async Task A_form_without_a_boundary_is_a_400(string contentType)
    {
        var problem = await RefusedAsync(Request(contentType, Form("abc", "Content-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"")));
        Assert.Equal(400, problem.Status);
        Assert.Equal("multipart_invalid", problem.Code);
        Assert.Contains("boundary", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_two_thousand_character_boundary_is_a_400()
    {
        var boundary = new string('b', 2000);
        var problem = await RefusedAsync(Request($"multipart/form-data; boundary={boundary}", Form(boundary, "Content-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"")));
        Assert.Equal(400, problem.Status);
        Assert.Equal("multipart_invalid", problem.Code);
    }

    [Fact]
    public async Task A_body_cut_short_is_a_400()
    {
        var body = Form("abc", "Content-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"", closed: false);
        var problem = await RefusedAsync(Request("multipart/form-data; boundary=abc", body[..(body.Length - 6)]));
        Assert.Equal(400, problem.Status);
        Assert.Equal("multipart_invalid", problem.Code);
    }

    [Theory]
    [InlineData("Content-Disposition: form-data; name=\"file\"; filename=\"a\"b.pdf\"")]
    [InlineData("Content-Disposition: ;;;")]
    [InlineData("Content-Disposition form-data name=file")]
    [InlineData("Content-Disposition: form-data; name=\"file\"; filename=\"a\nb.pdf\"")]
    public async Task A_section_header_that_does_not_parse_never_gives_a_file_with_an_unsafe_name(string header)
    {
        try
        {
            var form = await MultipartForm.ReadAsync(Request("multipart/form-data; boundary=abc", Form("abc", header)), CancellationToken.None);
            // The framework may skip a section it cannot read; what it does keep must then go through FileNames.
            foreach (var file in form.Files)
            {
                var ex = Record.Exception(() => FileNames.Sanitize(file.FileName));
                var safe = ex is null ? FileNames.Sanitize(file.FileName) : null;
                Assert.True(ex is ProblemException { Status: 400 } || (safe is not null && !safe.Contains('"') && !safe.Contains('\n')), file.FileName);
            }
        }
        catch (ProblemException problem)
        {
            Assert.Equal(400, problem.Status);
            Assert.Equal("multipart_invalid", problem.Code);
        }
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData(null)]
    public async Task A_body_that_is_not_a_form_is_a_415(string? contentType)
    {
        var problem = await RefusedAsync(Request(contentType, "{}"));
        Assert.Equal(415, problem.Status);
        Assert.Equal(MultipartForm.RequiredCode, problem.Code);
    }
}

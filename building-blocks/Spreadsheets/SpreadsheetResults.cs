using System.Reflection;
using System.Text;
using DoanKetSangTao.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace DoanKetSangTao.Spreadsheets;

/// <summary>Minimal-API results for spreadsheet downloads.</summary>
public static class SpreadsheetResults
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// The book as an .xlsx attachment. The file name keeps its Vietnamese letters (RFC 6266 filename*),
    /// with a diacritic-free fallback for old clients; ".xlsx" is added when missing.
    /// </summary>
    public static SpreadsheetFileResult Xlsx(SpreadsheetBook book, string fileName)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(fileName);
        return new SpreadsheetFileResult(book, SafeFileName(fileName));
    }

    /// <summary>No path, no control characters, NFC, ends in .xlsx.</summary>
    internal static string SafeFileName(string fileName)
    {
        var text = SpreadsheetText.Clean(fileName);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' || char.IsControl(c) ? '_' : c);
        }

        var name = builder.ToString().Trim(' ', '.');
        if (name.Length == 0)
        {
            name = "bang-tinh";
        }

        return name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? name : name + ".xlsx";
    }

    /// <summary>The plain-ASCII name for clients that ignore filename*: "Danh sách Mẫu 2.xlsx" → "danh sach mau 2.xlsx".</summary>
    internal static string AsciiFileName(string fileName)
    {
        var folded = VietnameseText.Fold(fileName);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            builder.Append(c is >= ' ' and <= '~' && c is not '"' and not '\\' and not '%' ? c : '_');
        }

        return builder.ToString();
    }
}

/// <summary>Writes a <see cref="SpreadsheetBook"/> as an .xlsx download.</summary>
public sealed class SpreadsheetFileResult : IResult, IFileHttpResult, IContentTypeHttpResult, IEndpointMetadataProvider
{
    internal SpreadsheetFileResult(SpreadsheetBook book, string fileName)
    {
        Book = book;
        FileDownloadName = fileName;
    }

    public SpreadsheetBook Book { get; }

    public string FileDownloadName { get; }

    public string ContentType => SpreadsheetResults.XlsxContentType;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);

        // A seekable temp file, not the response: the package is written synchronously (Kestrel forbids that
        // on the body), a failure midway still becomes Problem Details, and on a seekable stream each zip
        // entry's header records its sizes, the most widely read layout.
        await using var buffer = new FileStream(
            Path.Combine(Path.GetTempPath(), Path.GetRandomFileName()),
            FileMode.CreateNew,
            FileAccess.ReadWrite,
            FileShare.None,
            bufferSize: 81_920,
            FileOptions.DeleteOnClose);
        Book.WriteTo(buffer);
        buffer.Position = 0;

        var disposition = new ContentDispositionHeaderValue("attachment")
        {
            FileName = SpreadsheetResults.AsciiFileName(FileDownloadName),
            FileNameStar = FileDownloadName,
        };
        httpContext.Response.ContentType = ContentType;
        httpContext.Response.Headers.ContentDisposition = disposition.ToString();
        httpContext.Response.ContentLength = buffer.Length;
        await buffer.CopyToAsync(httpContext.Response.Body, httpContext.RequestAborted);
    }

    /// <summary>Describes the download in OpenAPI when an endpoint returns this type.</summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(byte[]), [SpreadsheetResults.XlsxContentType]));
    }
}

using Microsoft.AspNetCore.Http;

namespace DoanKetSangTao.Files;

/// <summary>Answers a download of a stored file.</summary>
public static class FileDownload
{
    /// <summary>
    /// The file as an attachment: never rendered inline by the browser, never sniffed into another type.
    /// The name goes out as <c>filename*=UTF-8''…</c> (RFC 6266) with an ASCII fallback, which
    /// <see cref="TypedResults.File(Stream, string?, string?, DateTimeOffset?, Microsoft.Net.Http.Headers.EntityTagHeaderValue?, bool)"/> writes.
    /// The name is sanitized again (<see cref="FileNames.ForDownload"/>): a header is never built from an unsafe one.
    /// A seekable stream (both stores give one) also gets Content-Length and range requests.
    /// </summary>
    public static IResult Result(Stream stream, string mediaType, string fileName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaType);
        return new NoSniffResult(TypedResults.File(stream, mediaType, FileNames.ForDownload(fileName), enableRangeProcessing: stream.CanSeek));
    }

    private sealed class NoSniffResult(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.XContentTypeOptions = "nosniff";
            return inner.ExecuteAsync(httpContext);
        }
    }
}

using DoanKetSangTao.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace DoanKetSangTao.Files;

/// <summary>
/// Reads an upload form. Whatever is wrong with the envelope (no boundary, an over-long one, a section header
/// that does not parse, a body that ends before its closing boundary) is the sender's fault and answers
/// 400 <c>multipart_invalid</c>; a body that is not a form at all answers 415 <c>multipart_required</c>.
/// </summary>
public static class MultipartForm
{
    public const string RequiredCode = "multipart_required";

    /// <summary>RFC 2046 §5.1.1: a boundary is 1 to 70 characters.</summary>
    public const int MaxBoundaryLength = 70;

    public static async Task<IFormCollection> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasFormContentType)
        {
            throw new ProblemException(StatusCodes.Status415UnsupportedMediaType, RequiredCode,
                "Vui lòng gửi tệp đính kèm dạng multipart/form-data với trường 'file' và 'kind'.");
        }

        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            && type.MediaType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)
            && HeaderUtilities.RemoveQuotes(type.Boundary).Length is 0 or > MaxBoundaryLength)
        {
            throw Invalid();
        }

        try
        {
            return await request.ReadFormAsync(cancellationToken);
        }
        // BadHttpRequestException is an IOException too: a 413 from Kestrel stays a 413.
        catch (Exception ex) when (ex is InvalidDataException or IOException
            && ex is not BadHttpRequestException { StatusCode: not StatusCodes.Status400BadRequest }
            && !request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            throw Invalid();
        }
    }

    internal static ProblemException Invalid() =>
        new(StatusCodes.Status400BadRequest, InputProblems.MultipartInvalid, InputProblems.MultipartDetail);
}

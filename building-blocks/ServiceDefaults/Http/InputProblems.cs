using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace DoanKetSangTao.ServiceDefaults.Http;

/// <summary>
/// Bad input that surfaced as an exception (from binding, form parsing, arithmetic or the database) turned into
/// the 4xx it is. Kept apart from <see cref="ProblemExceptionHandler"/>'s other branches so each class of fault
/// is mapped in one place.
/// </summary>
internal static class InputProblems
{
    public const string MalformedJson = "malformed_json";

    public const string MultipartInvalid = "multipart_invalid";

    public const string InvalidValue = "invalid_value";

    internal const string MultipartDetail =
        "Dữ liệu multipart/form-data không đọc được (thiếu hoặc sai boundary, phần tiêu đề Content-Disposition sai, hoặc nội dung bị cắt giữa chừng). " +
        "Vui lòng chọn lại tệp và gửi lại bằng biểu mẫu tải lên.";

    /// <summary>The problem for an input fault, or null when <paramref name="exception"/> is not one.</summary>
    public static (int Status, string Code, string Detail, IReadOnlyDictionary<string, string[]>? Errors)? TryMap(Exception exception, HttpRequest request) =>
        exception switch
        {
            // Kestrel's own limits (413, 408, 431…) keep their status; BadHttpRequestException is an IOException, so it goes first.
            BadHttpRequestException { StatusCode: not (StatusCodes.Status400BadRequest or StatusCodes.Status415UnsupportedMediaType) } => null,
            BadHttpRequestException { InnerException: JsonException json } => FromJson(json),
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } =>
                (415, "unsupported_media_type", "Định dạng dữ liệu không được hỗ trợ. Vui lòng gửi JSON với Content-Type: application/json.", null),
            BadHttpRequestException { InnerException: InvalidDataException or IOException } when IsForm(request) =>
                (400, MultipartInvalid, MultipartDetail, null),
            InvalidDataException or IOException when IsForm(request) && !request.HttpContext.RequestAborted.IsCancellationRequested =>
                (400, MultipartInvalid, MultipartDetail, null),
            // Only input can drive the platform's arithmetic past decimal's range; the bound converters refuse most of it first.
            OverflowException =>
                (400, JsonValueException.OutOfRange, "Một giá trị số gửi lên quá lớn để xử lý. Vui lòng kiểm tra lại các con số đã nhập.", null),
            // Class 22 (data exception): the database refused a value (out of range, too long, a NUL byte), so nothing was stored.
            PostgresException postgres when postgres.SqlState.StartsWith("22", StringComparison.Ordinal) =>
                (400, InvalidValue, "Một giá trị gửi lên không lưu được (quá dài, ngoài khoảng cho phép hoặc chứa ký tự không hợp lệ). Vui lòng kiểm tra lại dữ liệu.", null),
            _ => null,
        };

    private static (int, string, string, IReadOnlyDictionary<string, string[]>?) FromJson(JsonException json)
    {
        var field = FieldOf(json.Path);
        if (json is JsonValueException value)
        {
            var where = field is null ? "" : $" (trường “{field}”)";
            return (400, value.Code, $"Giá trị gửi lên không hợp lệ{where}: {value.Message}", Errors(field, value.Message));
        }

        // The reader's own errors (a missing comma, a cut-off body) come wrapped; anything else is a value of the wrong kind.
        if (json.InnerException is JsonException || field is null)
        {
            return (400, MalformedJson, "Nội dung gửi lên không phải JSON hợp lệ. Vui lòng kiểm tra dấu ngoặc, dấu phẩy và kiểu dữ liệu.",
                Errors(field, "JSON sai cú pháp tại vị trí này."));
        }

        const string WrongKind = "Giá trị không đúng kiểu: số phải là số JSON (không trong dấu ngoặc kép), ngày dạng \"yyyy-MM-dd\", " +
            "danh sách trong [ ], đối tượng trong { }, true/false không trong dấu ngoặc kép.";
        return (400, JsonValueException.WrongType, $"Trường “{field}” có giá trị không đúng kiểu dữ liệu. Vui lòng sửa rồi gửi lại.", Errors(field, WrongKind));
    }

    /// <summary>"$.authors[0].contributionPercent" → "authors[0].contributionPercent"; null for the whole body.</summary>
    internal static string? FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return null;
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    private static Dictionary<string, string[]>? Errors(string? field, string message) =>
        field is null ? null : new Dictionary<string, string[]> { [field] = [message] };

    private static bool IsForm(HttpRequest request) =>
        request.ContentType is { } type && (type.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)
            || type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase));
}

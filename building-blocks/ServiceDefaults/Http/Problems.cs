using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace DoanKetSangTao.ServiceDefaults.Http;

/// <summary>
/// The one way endpoints answer with an error. Codes are stable (integrations match on them);
/// messages are Vietnamese and say what to do.
/// </summary>
public static class Problems
{
    public const string WrittenMetricName = "dkst.http.problems";

    private static readonly System.Diagnostics.Metrics.Counter<long> Written = Telemetry.PlatformTelemetry.Meter.CreateCounter<long>(
        WrittenMetricName, "{response}", "Problem Details answers written, by status and stable code (errors by code).");

    /// <summary>Counts one Problem Details answer; called where every one of them is written (the problem details customizer).</summary>
    internal static void Count(int status, object? code) =>
        Written.Add(1, new KeyValuePair<string, object?>("http.response.status_code", status), new KeyValuePair<string, object?>("code", code?.ToString()));

    public const string ValidationFailed = DoanKetSangTao.Domain.Refusal.ValidationFailed;

    public static ProblemHttpResult Create(int status, string code, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (errors is { Count: > 0 })
        {
            extensions["errors"] = errors;
        }

        return TypedResults.Problem(detail: detail, statusCode: status, title: TitleFor(status), extensions: extensions);
    }

    /// <summary>Writes a problem from middleware or an event handler (authentication, rate limiting), where no endpoint result applies.</summary>
    public static Task WriteAsync(HttpContext context, int status, string code, string detail)
    {
        context.Response.StatusCode = status;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = TitleFor(status), Detail = detail };
        problem.Extensions["code"] = code;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).AsTask();
    }

    /// <summary>Default code and Vietnamese message for a status that no handler explained.</summary>
    public static (string Code, string Detail) DefaultFor(int status) => status switch
    {
        400 => ("bad_request", "Yêu cầu không hợp lệ. Vui lòng kiểm tra lại dữ liệu gửi lên."),
        401 => ("unauthenticated", "Bạn cần đăng nhập (gửi kèm mã truy cập hợp lệ) để dùng chức năng này."),
        403 => ("forbidden", "Bạn không có quyền thực hiện thao tác này trong phạm vi được giao."),
        404 => ("not_found", "Không tìm thấy tài nguyên được yêu cầu. Vui lòng kiểm tra lại đường dẫn."),
        405 => ("method_not_allowed", "Phương thức này không được hỗ trợ cho đường dẫn đã gọi."),
        409 => ("conflict", "Yêu cầu xung đột với trạng thái hiện tại của dữ liệu. Vui lòng tải lại rồi thử lại."),
        413 => ("payload_too_large", "Dữ liệu gửi lên vượt quá dung lượng cho phép. Vui lòng giảm kích thước rồi gửi lại."),
        415 => ("unsupported_media_type", "Định dạng dữ liệu không được hỗ trợ. Vui lòng gửi JSON (application/json)."),
        429 => ("too_many_requests", "Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn. Vui lòng chờ một lát rồi thử lại."),
        503 => ("service_unavailable", "Dịch vụ tạm thời không sẵn sàng. Vui lòng thử lại sau ít phút."),
        _ when status >= 500 => ("internal_error", "Hệ thống gặp sự cố khi xử lý yêu cầu. Vui lòng thử lại; nếu vẫn lỗi, hãy báo quản trị viên kèm mã theo dõi (traceId)."),
        _ => ("error", "Yêu cầu không thực hiện được."),
    };

    internal static string TitleFor(int status) => status switch
    {
        400 => "Yêu cầu không hợp lệ",
        401 => "Chưa xác thực",
        403 => "Không có quyền",
        404 => "Không tìm thấy",
        409 => "Xung đột dữ liệu",
        413 => "Dữ liệu quá lớn",
        415 => "Định dạng không được hỗ trợ",
        422 => "Không thể xử lý",
        429 => "Quá nhiều yêu cầu",
        _ when status >= 500 => "Lỗi hệ thống",
        _ => "Lỗi",
    };
}

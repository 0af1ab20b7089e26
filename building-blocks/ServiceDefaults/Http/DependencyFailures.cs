using System.Globalization;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace DoanKetSangTao.ServiceDefaults.Http;

/// <summary>
/// A dependency that is briefly away (a database restarting, a service being redeployed) is not the
/// caller's fault and not a bug: the answer is 503 with <c>Retry-After</c>, so that clients retry the same
/// request with the same <c>Idempotency-Key</c>, which makes the retry safe.
/// </summary>
public static class DependencyFailures
{
    public const string Code = "dependency_unavailable";

    /// <summary>Seconds a client is asked to wait before it retries.</summary>
    public const int RetryAfterSeconds = 5;

    public const string Detail =
        "Một thành phần của hệ thống đang tạm thời gián đoạn (có thể đang khởi động lại) nên yêu cầu chưa được thực hiện. "
        + "Vui lòng thử lại sau ít giây; với yêu cầu ghi, gửi lại cùng khóa Idempotency-Key để dữ liệu không bị ghi hai lần.";

    /// <summary>The same failure when it is another service (over gRPC) that did not answer in time.</summary>
    public const string RemoteDetail =
        "Một dịch vụ liên quan tạm thời không phản hồi nên yêu cầu chưa được thực hiện. Vui lòng thử lại sau ít phút.";

    public static void SetRetryAfter(HttpContext context, int seconds = RetryAfterSeconds) =>
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Whether an exception says the database could not be reached or answered that it is going away or not
    /// ready yet, rather than that the request itself was wrong.
    /// </summary>
    public static bool IsTransient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException p when IsUnavailableState(p.SqlState):
                    return true;
                case PostgresException:
                    // The server answered: a constraint or a query error, not an outage.
                    return false;
                case NpgsqlException { IsTransient: true }:
                case TimeoutException:
                    return true;
            }
        }

        return false;
    }

    // 08: connection exceptions; 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now;
    // 53300 too_many_connections.
    private static bool IsUnavailableState(string state) =>
        state.StartsWith("08", StringComparison.Ordinal) || state is "57P01" or "57P02" or "57P03" or "53300";
}

using System.Net;

namespace DoanKetSangTao.Tests.PlatformApiTests;

/// <summary>
/// Sends as a well-behaved client would: an answer that says "try again" (429 from the gateway's limiter, and 503 where
/// the caller asks for it) is retried after the Retry-After it gives, a bounded number of times. The wait is the
/// server's own instruction, not a guess at how long something takes.
/// </summary>
internal static class PoliteClient
{
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, Func<HttpRequestMessage> request, int retries, bool retryUnavailable = false)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var message = request();
            var response = await client.SendAsync(message);
            var tryAgain = response.StatusCode == HttpStatusCode.TooManyRequests
                || (retryUnavailable && response.StatusCode == HttpStatusCode.ServiceUnavailable);
            if (!tryAgain || attempt == retries)
            {
                return response;
            }

            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(wait);
        }
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace DoanKetSangTao.Benchmarks;

/// <summary>
/// One signed-in client of the gateway, with its own connection. The gateway gives each caller a burst
/// of 100 requests and 50 per second after that; a paced caller stays below <c>perSecond</c> in every
/// one-second window (when <see cref="PaceAsync"/> is called before each request), so the limiter never
/// answers 429 in the middle of a measurement. Not thread-safe:
/// each concurrent client gets its own caller.
/// </summary>
internal sealed class Caller : IDisposable
{
    private readonly Queue<long> recent = new();
    private readonly int perSecond;

    public Caller(string gatewayUrl, string token, int perSecond)
    {
        this.perSecond = perSecond;
        Http = new HttpClient { BaseAddress = new Uri(gatewayUrl), Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public HttpClient Http { get; }

    /// <summary>How often the pacer held a request back (a poll then comes later than its interval).</summary>
    public int PacerWaits { get; private set; }

    /// <summary>Requests the gateway refused with 429.</summary>
    public int Rejections { get; private set; }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct = default)
    {
        var response = await Http.SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            Rejections++;
        }

        return response;
    }

    /// <summary>Waits, if needed, until one more request fits; called before the clock of a measured request starts.</summary>
    public async Task PaceAsync(CancellationToken ct = default)
    {
        if (perSecond <= 0)
        {
            return;
        }

        var window = Stopwatch.Frequency;
        while (recent.Count > 0 && Stopwatch.GetTimestamp() - recent.Peek() >= window)
        {
            recent.Dequeue();
        }

        if (recent.Count >= perSecond)
        {
            PacerWaits++;
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), recent.Dequeue() + window);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, ct);
            }
        }

        recent.Enqueue(Stopwatch.GetTimestamp());
    }

    public void Dispose() => Http.Dispose();
}

namespace DoanKetSangTao.ProviderSimulators;

/// <summary>One request a simulator received, with the code it answered (accepted or not).</summary>
public sealed record ReceivedMessage(
    long Sequence,
    string Provider,
    DateTimeOffset At,
    string? Phone,
    string Code,
    string? ProviderMessageId,
    string? Credential,
    string? Content = null,
    string? Brandname = null,
    string? SmsType = null,
    string? IsUnicode = null,
    string? RequestId = null,
    string? TemplateId = null,
    IReadOnlyDictionary<string, string>? TemplateData = null,
    string? TrackingId = null);

/// <summary>
/// Told to fail: the next <see cref="Count"/> requests to <see cref="Provider"/> (for <see cref="Phone"/> only, when
/// given) are answered with <see cref="Code"/>: a provider code ("99", "-118"), <c>http:503</c> (that HTTP status), or
/// <c>timeout</c> (no answer until the caller gives up).
/// </summary>
public sealed record Fault(string Provider, string Code, int Count = 1, string? Phone = null);

/// <summary>A ZNS template as registered with Zalo: its parameters and each one's cap.</summary>
public sealed record TemplateSpec(string TemplateId, Dictionary<string, int> Parameters);

public sealed record QuotaSetting(string Provider, int Daily);

/// <summary>What the simulators keep: every request, pending faults, quotas per Vietnam day, registered ZNS templates.</summary>
public sealed class SimulatorState(TimeProvider clock, IConfiguration configuration)
{
    public const string Esms = "esms";
    public const string Zalo = "zalo";

    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);
    private readonly Lock gate = new();
    private readonly List<ReceivedMessage> messages = [];
    private readonly List<(Fault Fault, int Left)> faults = [];
    private readonly Dictionary<string, int> daily = new(StringComparer.Ordinal) { [Esms] = 1_000_000, [Zalo] = 1_000_000 };
    private readonly Dictionary<(string, DateOnly), int> used = [];
    private readonly Dictionary<string, TemplateSpec> templates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> requestIds = new(StringComparer.Ordinal);
    private long sequence;

    // Zalo's OAuth side: the refresh token now valid (single-use), the access tokens issued and until when.
    private string? zaloRefreshToken;
    private readonly Dictionary<string, DateTimeOffset> zaloAccessTokens = new(StringComparer.Ordinal);
    private readonly List<ZaloRefresh> zaloRefreshes = [];

    public IConfiguration Settings => configuration;

    public DateTimeOffset Now => clock.GetUtcNow();

    public IReadOnlyList<ReceivedMessage> Messages(string? provider, string? phone)
    {
        lock (gate)
        {
            return messages.Where(m => (provider is null || m.Provider == provider) && (phone is null || m.Phone == phone)).ToList();
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            messages.Clear();
            faults.Clear();
        }
    }

    public void Record(Func<long, ReceivedMessage> message)
    {
        lock (gate)
        {
            messages.Add(message(++sequence));
        }
    }

    public void AddFault(Fault fault)
    {
        lock (gate)
        {
            faults.Add((fault, Math.Max(1, fault.Count)));
        }
    }

    /// <summary>The code a pending fault imposes on this request, if any (spending one of its count).</summary>
    public string? TakeFault(string provider, string? phone)
    {
        lock (gate)
        {
            var index = faults.FindIndex(f => f.Fault.Provider == provider && (f.Fault.Phone is null || f.Fault.Phone == phone));
            if (index < 0)
            {
                return null;
            }

            var (fault, left) = faults[index];
            if (left <= 1)
            {
                faults.RemoveAt(index);
            }
            else
            {
                faults[index] = (fault, left - 1);
            }

            return fault.Code;
        }
    }

    public void SetQuota(QuotaSetting quota)
    {
        lock (gate)
        {
            daily[quota.Provider] = quota.Daily;
        }
    }

    /// <summary>Spends one message of today's quota (Vietnam's day); false when it is spent. Answers the quota and what is left.</summary>
    public (bool Allowed, int Daily, int Remaining) UseQuota(string provider)
    {
        lock (gate)
        {
            var key = (provider, DateOnly.FromDateTime(Now.ToOffset(Vietnam).DateTime));
            var count = used.GetValueOrDefault(key);
            var limit = daily.GetValueOrDefault(provider);
            if (count >= limit)
            {
                return (false, limit, 0);
            }

            used[key] = count + 1;
            return (true, limit, limit - count - 1);
        }
    }

    public void AddTemplate(TemplateSpec template)
    {
        lock (gate)
        {
            templates[template.TemplateId] = template;
        }
    }

    public TemplateSpec? Template(string templateId)
    {
        lock (gate)
        {
            return templates.GetValueOrDefault(templateId);
        }
    }

    /// <summary>eSMS blocks a RequestId it saw in the last 24 hours (its code 124); true when this one is new.</summary>
    public bool FirstRequest(string? requestId)
    {
        if (string.IsNullOrEmpty(requestId))
        {
            return true;
        }

        lock (gate)
        {
            if (requestIds.TryGetValue(requestId, out var seen) && Now - seen < TimeSpan.FromHours(24))
            {
                return false;
            }

            requestIds[requestId] = Now;
            return true;
        }
    }

    /// <summary>
    /// Zalo's refresh: when <paramref name="refreshToken"/> is the one now valid (the configured first one, then each
    /// issued), a new access token for 25 hours and the next refresh token; the used one is spent. Null otherwise.
    /// </summary>
    public (string AccessToken, string RefreshToken)? IssueZaloTokens(string refreshToken)
    {
        lock (gate)
        {
            zaloRefreshToken ??= configuration["Zalo:RefreshToken"];
            if (string.IsNullOrEmpty(zaloRefreshToken) || refreshToken != zaloRefreshToken)
            {
                return null;
            }

            var access = "oa-access-" + Guid.NewGuid().ToString("N");
            zaloRefreshToken = "oa-refresh-" + Guid.NewGuid().ToString("N");
            zaloAccessTokens[access] = Now.AddSeconds(ZaloOAuthApi.ExpiresInSeconds);
            return (access, zaloRefreshToken);
        }
    }

    /// <summary>Whether ZNS takes <paramref name="accessToken"/>: one issued by the token endpoint and not yet expired.</summary>
    public bool IsIssuedZaloToken(string? accessToken)
    {
        lock (gate)
        {
            return accessToken is not null && zaloAccessTokens.TryGetValue(accessToken, out var until) && Now < until;
        }
    }

    /// <summary>Every access token issued so far expires now (what 25 hours do).</summary>
    public void ExpireZaloTokens()
    {
        lock (gate)
        {
            foreach (var token in zaloAccessTokens.Keys.ToList())
            {
                zaloAccessTokens[token] = Now;
            }
        }
    }

    public void RecordZaloRefresh(string? refreshToken, bool accepted)
    {
        lock (gate)
        {
            zaloRefreshes.Add(new ZaloRefresh(Now, refreshToken, accepted));
        }
    }

    public IReadOnlyList<ZaloRefresh> ZaloRefreshes()
    {
        lock (gate)
        {
            return [.. zaloRefreshes];
        }
    }
}

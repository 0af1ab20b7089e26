using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DoanKetSangTao.Awards.Certificates;

/// <summary>
/// One entry of the public certificate log (append-only): a certificate issued, revoked or superseded. Each entry's hash
/// covers the previous entry's hash, so that an entry edited, removed, inserted or backdated after the fact breaks the
/// chain for anyone holding a copy.
/// </summary>
public sealed record CertificateLogEntry(
    long Seq,
    string Kind,
    string CertificateCode,
    string DecisionNumber,
    string BodyKey,
    DateTimeOffset OccurredAt,
    string PrevHash,
    string EntryHash);

/// <summary>Where a chain breaks, and why (Vietnamese, for the person checking).</summary>
public sealed record ChainBreak(long Seq, string Reason);

/// <summary>
/// The log's hash chain. <c>entry_hash = hex(SHA-256(canonical JSON array ["dkst-cert-log", 1, seq, kind, code,
/// decision number, body key, occurred_at (UTC, yyyy-MM-ddTHH:mm:ss.ffffffZ: PostgreSQL keeps microseconds), prev_hash]))</c>;
/// the first entry's <c>prev_hash</c> is 64 zeros.
/// </summary>
public static class CertificateLogChain
{
    public const string Issued = "issued";
    public const string Revoked = "revoked";
    public const string Superseded = "superseded";
    public static readonly string Genesis = new('0', 64);

    private static readonly JsonWriterOptions Canonical = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Truncated to the microsecond, as PostgreSQL stores it: the hash is computed on what is stored.</summary>
    public static DateTimeOffset Stored(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % 10, TimeSpan.Zero);

    public static string Hash(long seq, string kind, string code, string decisionNumber, string bodyKey, DateTimeOffset occurredAt, string prevHash)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Canonical))
        {
            w.WriteStartArray();
            w.WriteStringValue("dkst-cert-log");
            w.WriteNumberValue(1);
            w.WriteNumberValue(seq);
            w.WriteStringValue(kind);
            w.WriteStringValue(code);
            w.WriteStringValue(decisionNumber);
            w.WriteStringValue(bodyKey);
            w.WriteStringValue(Stored(occurredAt).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
            w.WriteStringValue(prevHash);
            w.WriteEndArray();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    /// <summary>
    /// Checks a run of consecutive entries, from the log's start (the defaults) or after a known entry (its seq and hash):
    /// answers the first entry that breaks the chain, or null when it holds. Beyond the hashes: seqs follow each other,
    /// time never goes back (a backdated entry), and, from the start, a certificate is revoked or superseded only after it
    /// was issued, and at most once.
    /// </summary>
    public static ChainBreak? Verify(IEnumerable<CertificateLogEntry> entries, long afterSeq = 0, string? afterHash = null)
    {
        var fromStart = afterSeq == 0;
        var prev = afterHash ?? Genesis;
        var expected = afterSeq + 1;
        DateTimeOffset? lastAt = null;
        var state = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            if (e.Seq != expected)
            {
                return new ChainBreak(e.Seq, $"số thứ tự {e.Seq} không liền sau {expected - 1}");
            }

            if (e.Kind is not (Issued or Revoked or Superseded))
            {
                return new ChainBreak(e.Seq, $"loại mục không hợp lệ: {e.Kind}");
            }

            if (!string.Equals(e.PrevHash, prev, StringComparison.Ordinal))
            {
                return new ChainBreak(e.Seq, "không nối với mục trước (mã băm trước không khớp)");
            }

            if (!string.Equals(Hash(e.Seq, e.Kind, e.CertificateCode, e.DecisionNumber, e.BodyKey, e.OccurredAt, e.PrevHash), e.EntryHash, StringComparison.Ordinal))
            {
                return new ChainBreak(e.Seq, "nội dung mục đã bị sửa (mã băm không khớp)");
            }

            if (lastAt is { } last && e.OccurredAt < last)
            {
                return new ChainBreak(e.Seq, "thời điểm sớm hơn mục trước (bị ghi lùi ngày)");
            }

            if (fromStart && Transition(state, e) is { } wrong)
            {
                return new ChainBreak(e.Seq, wrong);
            }

            prev = e.EntryHash;
            lastAt = e.OccurredAt;
            expected++;
        }

        return null;
    }

    private static string? Transition(Dictionary<string, string> state, CertificateLogEntry e)
    {
        state.TryGetValue(e.CertificateCode, out var now);
        switch (e.Kind)
        {
            case Issued when now is not null:
                return $"giấy chứng nhận {e.CertificateCode} được cấp hai lần";
            case Revoked or Superseded when now != Issued:
                return $"giấy chứng nhận {e.CertificateCode} bị thu hồi hoặc thay thế khi không ở trạng thái đã cấp";
            default:
                state[e.CertificateCode] = e.Kind;
                return null;
        }
    }
}

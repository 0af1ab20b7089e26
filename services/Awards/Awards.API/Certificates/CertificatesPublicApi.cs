using DoanKetSangTao.Awards.API.Infrastructure.Certificates;
using DoanKetSangTao.Awards.Certificates;
using DoanKetSangTao.Domain;
using DoanKetSangTao.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Awards.API.Certificates;

/// <summary>One page of the certificate log, oldest first; <paramref name="Next"/> is the <c>after</c> of the next page, null at the head.</summary>
public sealed record CertificateLogPage(IReadOnlyList<CertificateLogEntry> Entries, long? Next);

/// <summary>
/// What anyone may fetch without signing in, to check certificates on their own: the issuing bodies' public keys and the
/// transparency log. Both hold only what a certificate's QR code already shows (no holder's name).
/// </summary>
public static class CertificatesPublicApi
{
    public const int DefaultLogPage = 100;

    public static RouteGroupBuilder MapCertificatesPublicApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/certificates").WithTags("Giấy chứng nhận: kiểm tra công khai (certificate verification)");
        api.MapGet("/trust-list", GetTrustList).AllowAnonymous();
        api.MapGet("/log", GetLog).AllowAnonymous();
        return api;
    }

    /// <summary>
    /// Danh sách khóa tin cậy: every issuing body's public keys (ES256, SubjectPublicKeyInfo in base64), retired ones
    /// included with their retirement date, for the offline check (Awards.CertificateCheck --trust-list).
    /// </summary>
    public static async Task<Ok<TrustList>> GetTrustList(IssuerKeyRing keys, CancellationToken ct) =>
        TypedResults.Ok(await keys.TrustListAsync(ct));

    /// <summary>
    /// Nhật ký công khai giấy chứng nhận: entries after <c>after</c> (0: from the start), at most <c>limit</c> (1–1000,
    /// 100 by default), each chaining the previous one's hash.
    /// </summary>
    public static async Task<Results<Ok<CertificateLogPage>, ProblemHttpResult>> GetLog(long? after, int? limit, CertificateLog log, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (after is < 0)
        {
            errors["after"] = ["Số thứ tự bắt đầu (after) phải từ 0 trở lên."];
        }

        if (limit is < 1 or > CertificateLog.MaxPage)
        {
            errors["limit"] = [$"Số mục mỗi trang (limit) phải từ 1 đến {CertificateLog.MaxPage}."];
        }

        if (errors.Count > 0)
        {
            return Refusal.Invalid(errors).ToProblem();
        }

        var take = limit ?? DefaultLogPage;
        var entries = await log.ReadAsync(after ?? 0, take, ct);
        return TypedResults.Ok(new CertificateLogPage(entries, entries.Count == take ? entries[^1].Seq : null));
    }
}

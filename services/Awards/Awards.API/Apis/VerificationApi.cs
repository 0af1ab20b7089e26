using System.Globalization;
using System.Text.Encodings.Web;
using DoanKetSangTao.Awards.API.Domain;
using DoanKetSangTao.Awards.API.Infrastructure;
using DoanKetSangTao.Awards.API.Infrastructure.Certificates;
using DoanKetSangTao.Awards.Certificates;
using Microsoft.Extensions.Options;
using DoanKetSangTao.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Awards.API.Apis;

/// <summary>
/// What the public verification page shows: the issuing body, the decision, the award, the holder's name partly masked,
/// the initiative, and whether it holds (valid, revoked with the date, superseded).
/// </summary>
public sealed record VerificationResponse(
    string Code, string Status, string StatusText, string IssuingBodyName, string DecisionNumber, DateOnly DecisionDate, string DecisionDateText,
    string AwardName, string HolderName, string? InitiativeTitle, DateOnly? RevokedOn, string? RevokedOnText, string? SupersededByNumber,
    string? SealStatus = null);

/// <summary>
/// Xác minh giấy chứng nhận, without signing in: from the QR code's short address <c>/v/{code}</c> (a page) or as JSON.
/// The code is random (100 bits) and the gateway limits the rate per address, so codes cannot be enumerated.
/// </summary>
public static class VerificationApi
{
    public static IEndpointRouteBuilder MapVerificationApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/certificates/verify/{code}", Verify).AllowAnonymous().WithTags("Xác minh giấy chứng nhận (verification)");
        app.MapGet("/v/{code}", Page).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// Xác minh một giấy chứng nhận theo mã in dưới mã QR. With <c>s</c> (the seal the QR code carries), also says
    /// whether that seal is the issuing body's signature over this certificate (<c>sealStatus</c>: valid, bad_signature,
    /// unknown_key, malformed): a QR code whose content was changed is caught here too.
    /// </summary>
    public static async Task<Results<Ok<VerificationResponse>, ProblemHttpResult>> Verify(
        string code, string? s, CertificateStore certificates, IssuerKeyRing keys, IOptions<CertificateOptions> options, CancellationToken ct) =>
        await ReadAsync(code, s, certificates, keys, options.Value, ct) is { } found ? TypedResults.Ok(found) : NotFound.ToProblem();

    /// <summary>The page a phone opens from the QR code: plain server-rendered HTML, no script, Vietnamese.</summary>
    public static async Task<ContentHttpResult> Page(
        string code, string? s, CertificateStore certificates, IssuerKeyRing keys, IOptions<CertificateOptions> options, HttpResponse response,
        CancellationToken ct)
    {
        var found = await ReadAsync(code, s, certificates, keys, options.Value, ct);
        response.Headers.CacheControl = "no-store";
        response.Headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        var html = Html;
        var body = found is null
            ? $"""
               <h1>Không tìm thấy giấy chứng nhận</h1>
               <p>Không có giấy chứng nhận với mã <strong>{html.Encode(code)}</strong>. Kiểm tra lại mã in dưới mã QR; nếu đúng mà vẫn không thấy, giấy này không do nền tảng cấp.</p>
               """
            : $"""
               {(found.SealStatus is null or "valid" ? string.Empty : "<p class=\"status revoked\">CẢNH BÁO: nội dung mã QR không khớp chữ ký của cơ quan ban hành. Giấy bạn đang cầm có thể đã bị sửa; hãy đối chiếu với thông tin dưới đây.</p>")}
               <p class="status {found.Status}">{html.Encode(found.StatusText)}</p>
               <h1>{html.Encode(found.AwardName)}</h1>
               <dl>
                 <dt>Cơ quan ban hành</dt><dd>{html.Encode(found.IssuingBodyName)}</dd>
                 <dt>Quyết định</dt><dd>Số {html.Encode(found.DecisionNumber)} ngày {found.DecisionDateText}</dd>
                 <dt>Người/tập thể được khen thưởng</dt><dd>{html.Encode(found.HolderName)}</dd>
                 {(found.InitiativeTitle is null ? string.Empty : $"<dt>Sáng kiến</dt><dd>{html.Encode(found.InitiativeTitle)}</dd>")}
                 <dt>Mã xác minh</dt><dd>{html.Encode(found.Code)}</dd>
               </dl>
               """;
        return TypedResults.Content(
            $"""
            <!DOCTYPE html>
            <html lang="vi">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Xác minh giấy chứng nhận – Đoàn kết sáng tạo</title>
            <style>body{"{"}font-family:system-ui,sans-serif;max-width:40rem;margin:0 auto;padding:1rem;line-height:1.5{"}"}
            .banner{"{"}background:#b00;color:#fff;padding:.25rem 1rem;font-size:.875rem{"}"}
            .status{"{"}font-weight:bold;padding:.5rem 1rem;border-left:.5rem solid{"}"} .valid{"{"}border-color:#00703c{"}"}
            .revoked,.superseded{"{"}border-color:#d4351c{"}"} dt{"{"}font-weight:bold{"}"} dd{"{"}margin:0 0 .5rem 0{"}"}</style></head>
            <body><div class="banner">Trang thông tin chính thức của Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam</div>
            <main>{body}</main></body></html>
            """, "text/html", System.Text.Encoding.UTF8, found is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK);
    }

    // Vietnamese letters stay letters (the default encoder writes them as entities); markup characters are still encoded.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private static readonly DoanKetSangTao.Domain.Refusal NotFound = DoanKetSangTao.Domain.Refusal.NotFound("certificate_not_found",
        "Không có giấy chứng nhận với mã này. Kiểm tra lại mã in dưới mã QR.");

    private static async Task<VerificationResponse?> ReadAsync(
        string code, string? seal, CertificateStore certificates, IssuerKeyRing keys, CertificateOptions options, CancellationToken ct)
    {
        if (!VerificationCode.IsWellFormed(code) || await certificates.FindAsync(code, ct) is not { DecisionDate: not null } c)
        {
            return null;
        }

        var (status, text) = c.DecisionStatus switch
        {
            DecisionStatuses.Revoked => ("revoked", $"ĐÃ BỊ THU HỒI ngày {c.RevokedOn:dd/MM/yyyy}: {c.RevokedReason}"),
            DecisionStatuses.Superseded => ("superseded", $"ĐÃ BỊ THAY THẾ bởi quyết định số {c.SupersededByNumber} (từ ngày {c.RevokedOn:dd/MM/yyyy})"),
            _ => ("valid", "CÒN HIỆU LỰC: giấy chứng nhận này do nền tảng cấp và chưa bị thu hồi."),
        };
        return new VerificationResponse(c.Code, status, text, c.BodyName, c.NumberText!, c.DecisionDate.Value,
            c.DecisionDate.Value.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), c.AwardName, HolderName.Masked(c.FullName, c.Kind == "collective"),
            c.InitiativeTitle, c.RevokedOn, c.RevokedOn?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), c.SupersededByNumber,
            seal is null ? null : SealStatusText(CertificateSeal.Verify($"{options.PublicBaseUrl}/v/{code}?s={seal}", await keys.TrustListAsync(ct)).Status));
    }

    private static string SealStatusText(SealStatus status) => status switch
    {
        SealStatus.Valid => "valid",
        SealStatus.BadSignature => "bad_signature",
        SealStatus.UnknownKey => "unknown_key",
        _ => "malformed",
    };
}

using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DoanKetSangTao.Awards.Certificates;

/// <summary>
/// The certificate's seal: its content signed by the issuing body's key, carried in the QR code so that anyone can check
/// it offline against the published trust list.
/// <para>
/// Format (v1). QR text = <c>{publicBaseUrl}/v/{code}?s={payload}.{signature}</c>, where <c>payload</c> is the base64url
/// (no padding) of a UTF-8 JSON object and <c>signature</c> the base64url of an ECDSA P-256 / SHA-256 signature (ES256,
/// IEEE P1363: r‖s, 64 bytes) over exactly those JSON bytes. Signing the bytes as carried (as JWS does) makes
/// verification deterministic without re-serializing. The payload is written in one canonical form (these keys in this
/// order, strings NFC, no whitespace, non-ASCII unescaped): <c>v</c> format version (1), <c>kid</c> key id, <c>c</c>
/// certificate code, <c>b</c> issuing body key, <c>bn</c> its name, <c>n</c> decision number, <c>d</c> decision date
/// (yyyy-MM-dd), <c>a</c> award, <c>h</c> holder's full name, <c>t</c> initiative title or null, <c>i</c> issued at (UTC,
/// yyyy-MM-ddTHH:mm:ssZ). The code in the address must equal <c>c</c>: the address is not signed, the payload is.
/// </para>
/// </summary>
public static class CertificateSeal
{
    public const int Version = 1;
    private const int SignatureLength = 64;

    private static readonly JsonWriterOptions Canonical = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>The key id of a public key: the first 12 bytes of the SHA-256 of its SubjectPublicKeyInfo, base64url.</summary>
    public static string KeyId(byte[] subjectPublicKeyInfo) => Base64Url.EncodeToString(SHA256.HashData(subjectPublicKeyInfo).AsSpan(0, 12));

    /// <summary>The QR text of a certificate: its verification address carrying the sealed content.</summary>
    public static string Seal(CertificateClaims claims, SealingKey key, string publicBaseUrl)
    {
        if (!string.Equals(claims.BodyKey, key.BodyKey, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Body {claims.BodyKey}'s certificate cannot be sealed with body {key.BodyKey}'s key.", nameof(key));
        }

        var payload = Payload(claims, key.Kid);
        var signature = key.PrivateKey.SignData(payload, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return $"{publicBaseUrl.TrimEnd('/')}/v/{Uri.EscapeDataString(claims.Code)}?s={Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(signature)}";
    }

    /// <summary>The canonical payload bytes (see the format above).</summary>
    public static byte[] Payload(CertificateClaims claims, string kid)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Canonical))
        {
            w.WriteStartObject();
            w.WriteNumber("v", Version);
            w.WriteString("kid", kid);
            w.WriteString("c", Nfc(claims.Code));
            w.WriteString("b", Nfc(claims.BodyKey));
            w.WriteString("bn", Nfc(claims.BodyName));
            w.WriteString("n", Nfc(claims.DecisionNumber));
            w.WriteString("d", claims.DecisionDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteString("a", Nfc(claims.Award));
            w.WriteString("h", Nfc(claims.HolderName));
            if (claims.InitiativeTitle is null)
            {
                w.WriteNull("t");
            }
            else
            {
                w.WriteString("t", Nfc(claims.InitiativeTitle));
            }

            w.WriteString("i", claims.IssuedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Checks a QR text (the address, or the bare <c>payload.signature</c>) against the trust list.</summary>
    public static SealVerification Verify(string text, TrustList trust)
    {
        if (!TrySplit(text, out var addressCode, out var payload, out var signature) || !TryRead(payload, out var kid, out var claims))
        {
            return new SealVerification(SealStatus.Malformed, null, null, null);
        }

        var key = trust.Find(claims.BodyKey, kid);
        if (key is null || key.Alg != TrustedKey.Es256)
        {
            return new SealVerification(SealStatus.UnknownKey, claims, kid, null);
        }

        var genuine = addressCode is null || string.Equals(addressCode, claims.Code, StringComparison.Ordinal);
        return new SealVerification(genuine && SignatureHolds(key, payload, signature) ? SealStatus.Valid : SealStatus.BadSignature, claims, kid, key);
    }

    private static bool SignatureHolds(TrustedKey key, byte[] payload, byte[] signature)
    {
        try
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportSubjectPublicKeyInfo(Convert.FromBase64String(key.PublicKey), out _);
            return ecdsa.KeySize == 256
                && ecdsa.VerifyData(payload, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            // A trust list entry that is not a P-256 key verifies nothing.
            return false;
        }
    }

    private static bool TrySplit(string text, out string? addressCode, out byte[] payload, out byte[] signature)
    {
        addressCode = null;
        payload = signature = [];
        text = text.Trim();
        var token = text;
        var query = text.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            var path = text[..query];
            var marker = path.LastIndexOf("/v/", StringComparison.Ordinal);
            if (marker < 0)
            {
                return false;
            }

            addressCode = Uri.UnescapeDataString(path[(marker + 3)..]);
            token = text[(query + 1)..].Split('&').FirstOrDefault(p => p.StartsWith("s=", StringComparison.Ordinal))?[2..] ?? string.Empty;
        }

        var parts = token.Split('.');
        if (parts.Length != 2 || !Base64Url.IsValid(parts[0]) || !Base64Url.IsValid(parts[1]))
        {
            return false;
        }

        payload = Base64Url.DecodeFromChars(parts[0]);
        signature = Base64Url.DecodeFromChars(parts[1]);
        return payload.Length > 0 && signature.Length == SignatureLength;
    }

    private static bool TryRead(byte[] payload, out string kid, out CertificateClaims claims)
    {
        kid = string.Empty;
        claims = null!;
        try
        {
            using var json = JsonDocument.Parse(payload);
            var o = json.RootElement;
            if (o.ValueKind != JsonValueKind.Object || !o.TryGetProperty("v", out var v) || v.ValueKind != JsonValueKind.Number || v.GetInt32() != Version)
            {
                return false;
            }

            var title = o.TryGetProperty("t", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (!DateOnly.TryParseExact(Str(o, "d"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                || !DateTimeOffset.TryParseExact(Str(o, "i"), "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var issuedAt))
            {
                return false;
            }

            kid = Str(o, "kid");
            claims = new CertificateClaims(Str(o, "c"), Str(o, "b"), Str(o, "bn"), Str(o, "n"), date, Str(o, "a"), Str(o, "h"), title, issuedAt);
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            return false;
        }
    }

    private static string Str(JsonElement o, string name) => o.GetProperty(name).GetString() ?? throw new FormatException($"{name} is null");

    private static string Nfc(string s) => s.Normalize(NormalizationForm.FormC);
}

public enum SealStatus
{
    /// <summary>Signed by the body's key in the trust list, and the content is as signed.</summary>
    Valid,

    /// <summary>The content (or the address's code) is not what the key signed: tampered or forged.</summary>
    BadSignature,

    /// <summary>The body or its key is not in the trust list.</summary>
    UnknownKey,

    /// <summary>Not a certificate's QR text.</summary>
    Malformed,
}

/// <summary>The outcome of a check, with the claims read (present unless malformed; trust them only when valid).</summary>
public sealed record SealVerification(SealStatus Status, CertificateClaims? Claims, string? Kid, TrustedKey? Key)
{
    public bool IsValid => Status == SealStatus.Valid;
}

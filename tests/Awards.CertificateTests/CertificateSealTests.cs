using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using DoanKetSangTao.Awards.Certificates;

namespace DoanKetSangTao.Tests.AwardsCertificateTests;

/// <summary>The seal on its own: a genuine text verifies; any change of content, key or address does not.</summary>
public sealed class CertificateSealTests
{
    private const string Body = "mttq:province:49";
    private const string BaseUrl = "https://dkst.example.vn/";

    internal static CertificateClaims Claims(string holder = "Nguyễn Thị Hồng Nhung") => new(
        "K7QF2M9XWD4TB8RC", Body, "Ủy ban MTTQ Việt Nam tỉnh Quảng Nam", "15/QĐ-MTTQ-BTT", new DateOnly(2026, 12, 7),
        "Giấy khen", holder, "Mô hình phân loại rác thải tại nguồn", new DateTimeOffset(2026, 12, 7, 8, 30, 0, TimeSpan.Zero));

    internal static (SealingKey Key, TrustList Trust) NewBody(string body = Body, DateTimeOffset? retiredAt = null)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var spki = key.ExportSubjectPublicKeyInfo();
        var kid = CertificateSeal.KeyId(spki);
        var trust = new TrustList([new TrustedBody(body, "Ủy ban MTTQ Việt Nam tỉnh Quảng Nam",
            [new TrustedKey(kid, TrustedKey.Es256, Convert.ToBase64String(spki), DateTimeOffset.UnixEpoch, retiredAt)])]);
        return (new SealingKey(body, kid, key), trust);
    }

    [Fact]
    public void A_genuine_seal_verifies_and_gives_back_the_content()
    {
        var (key, trust) = NewBody();
        var text = CertificateSeal.Seal(Claims(), key, BaseUrl);

        Assert.StartsWith("https://dkst.example.vn/v/K7QF2M9XWD4TB8RC?s=", text, StringComparison.Ordinal);
        var result = CertificateSeal.Verify(text, trust);
        Assert.Equal(SealStatus.Valid, result.Status);
        Assert.Equal(Claims(), result.Claims);
        // The trust list as published (JSON) verifies the same.
        Assert.Equal(SealStatus.Valid, CertificateSeal.Verify(text, TrustList.Parse(trust.ToJson())!).Status);
        // A retired key still verifies what it sealed.
        var retired = new TrustList([trust.Bodies[0] with { Keys = [trust.Bodies[0].Keys[0] with { RetiredAt = DateTimeOffset.UtcNow }] }]);
        Assert.Equal(SealStatus.Valid, CertificateSeal.Verify(text, retired).Status);
    }

    [Fact]
    public void A_changed_holder_name_breaks_the_signature()
    {
        var (key, trust) = NewBody();
        var text = CertificateSeal.Seal(Claims(), key, BaseUrl);
        var forged = Rewrite(text, json => json.Replace("Nguyễn Thị Hồng Nhung", "Nguyễn Thị Hồng Nhụng", StringComparison.Ordinal));

        var result = CertificateSeal.Verify(forged, trust);
        Assert.Equal(SealStatus.BadSignature, result.Status);
        Assert.Equal("Nguyễn Thị Hồng Nhụng", result.Claims!.HolderName);
    }

    [Fact]
    public void A_key_outside_the_trust_list_is_unknown()
    {
        var (_, trust) = NewBody();
        var (stranger, _) = NewBody();
        Assert.Equal(SealStatus.UnknownKey, CertificateSeal.Verify(CertificateSeal.Seal(Claims(), stranger, BaseUrl), trust).Status);

        // Another body's trusted key does not vouch for this body's certificates.
        var (other, otherTrust) = NewBody("mttq:province:01");
        var claimsOfThisBody = CertificateSeal.Seal(Claims() with { BodyKey = "mttq:province:01" }, other, BaseUrl);
        var asThisBody = Rewrite(claimsOfThisBody, json => json.Replace("mttq:province:01", Body, StringComparison.Ordinal));
        var both = new TrustList([.. trust.Bodies, .. otherTrust.Bodies]);
        Assert.Equal(SealStatus.UnknownKey, CertificateSeal.Verify(asThisBody, both).Status);
    }

    [Fact]
    public void Another_code_in_the_address_or_a_mangled_text_does_not_verify()
    {
        var (key, trust) = NewBody();
        var text = CertificateSeal.Seal(Claims(), key, BaseUrl);

        Assert.Equal(SealStatus.BadSignature, CertificateSeal.Verify(text.Replace("/v/K7QF2M9XWD4TB8RC", "/v/AAAAAAAAAAAAAAAA", StringComparison.Ordinal), trust).Status);
        Assert.Equal(SealStatus.Malformed, CertificateSeal.Verify("https://dkst.example.vn/v/K7QF2M9XWD4TB8RC", trust).Status);
        Assert.Equal(SealStatus.Malformed, CertificateSeal.Verify(text[..^10], trust).Status);
        Assert.Equal(SealStatus.Malformed, CertificateSeal.Verify("xin chào", trust).Status);
        // The bare token verifies as well as the address.
        Assert.Equal(SealStatus.Valid, CertificateSeal.Verify(text[(text.IndexOf("?s=", StringComparison.Ordinal) + 3)..], trust).Status);
    }

    [Fact]
    public void The_payload_is_canonical()
    {
        var decomposed = Claims("Nguyễn Thị Hồng Nhung".Normalize(NormalizationForm.FormD));
        Assert.Equal(CertificateSeal.Payload(Claims(), "k"), CertificateSeal.Payload(decomposed, "k"));
        Assert.Equal(
            """{"v":1,"kid":"k","c":"K7QF2M9XWD4TB8RC","b":"mttq:province:49","bn":"Ủy ban MTTQ Việt Nam tỉnh Quảng Nam","n":"15/QĐ-MTTQ-BTT","d":"2026-12-07","a":"Giấy khen","h":"Nguyễn Thị Hồng Nhung","t":"Mô hình phân loại rác thải tại nguồn","i":"2026-12-07T08:30:00Z"}""",
            Encoding.UTF8.GetString(CertificateSeal.Payload(Claims(), "k")));
    }

    /// <summary>The text with its payload's JSON edited and the original signature kept, as a forger would.</summary>
    internal static string Rewrite(string text, Func<string, string> edit)
    {
        var start = text.IndexOf("?s=", StringComparison.Ordinal) + 3;
        var dot = text.IndexOf('.', start);
        var json = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text.AsSpan(start, dot - start)));
        var edited = edit(json);
        Assert.NotEqual(json, edited);
        return text[..start] + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(edited)) + text[dot..];
    }
}

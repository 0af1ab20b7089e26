using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DoanKetSangTao.Awards.Certificates;

namespace DoanKetSangTao.Awards.API.Certificates;

/// <summary>
/// The issuing body's key as an X.509 certificate, for signing the PDF itself (besides the QR seal). Self-signed: no
/// national CA issues it, so a PDF reader shows the signature as intact but its signer as not trusted; the trust comes
/// from the body's key being in the published trust list (its kid is the certificate's OU). PDFsharp 6.2 signs as
/// <c>adbe.pkcs7.detached</c> (CMS, SHA-256), not PAdES: no long-term validation data, and no timestamp unless a TSA is
/// given.
/// </summary>
public static class CertificatePdfSigning
{
    public static X509Certificate2 SelfSigned(SealingKey key, string bodyName, DateTimeOffset now)
    {
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCountryOrRegion("VN");
        subject.AddOrganizationName("Đoàn kết sáng tạo");
        subject.AddOrganizationalUnitName(key.Kid);
        subject.AddCommonName(bodyName);
        var request = new CertificateRequest(subject.Build(), key.PrivateKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));
    }
}

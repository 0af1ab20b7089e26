using System.Text;
using DoanKetSangTao.Awards.API.Certificates;

namespace DoanKetSangTao.Tests.AwardsCertificateTests;

/// <summary>The PDF signed with the issuing body's key, checked by poppler's pdfsig as a reader would.</summary>
public sealed class CertificatePdfSigningTests
{
    [Fact]
    public async Task A_signed_pdf_verifies_and_a_changed_byte_breaks_it()
    {
        var (key, _) = CertificateSealTests.NewBody();
        using var certificate = CertificatePdfSigning.SelfSigned(key, "Ủy ban MTTQ Việt Nam tỉnh Quảng Nam", DateTimeOffset.UtcNow);
        var pdf = CertificatePdf.Render(CertificatePdfTests.Sample(), certificate);

        var folder = Tools.TempFolder();
        try
        {
            var file = Path.Combine(folder.FullName, "signed.pdf");
            await File.WriteAllBytesAsync(file, pdf);
            var check = await Tools.RunAsync("pdfsig", null, file);
            Assert.Contains("Signature Validation: Signature is Valid.", check.Output, StringComparison.Ordinal);
            Assert.Contains("Ủy ban MTTQ Việt Nam tỉnh Quảng Nam", check.Output, StringComparison.Ordinal);
            Assert.Contains("adbe.pkcs7.detached", check.Output, StringComparison.Ordinal);
            Assert.Contains("Total document signed", check.Output, StringComparison.Ordinal);
            // Still the same certificate to read.
            Assert.Contains("Nguyễn Thị Hồng Nhung", await CertificatePdfTests.TextAsync(file, 1), StringComparison.Ordinal);

            // One byte of the signed document changed (a key of the document information).
            var title = Encoding.ASCII.GetBytes("/Creator");
            var at = pdf.AsSpan().IndexOf(title);
            Assert.True(at > 0);
            var tampered = (byte[])pdf.Clone();
            tampered[at + 1] = (byte)'c';
            var changed = Path.Combine(folder.FullName, "changed.pdf");
            await File.WriteAllBytesAsync(changed, tampered);
            var recheck = await Tools.RunAsync("pdfsig", null, changed);
            Assert.Contains("Signature Validation: Signature is Invalid.", recheck.Output, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}

using System.Diagnostics;
using DoanKetSangTao.Awards.API.Certificates;
using DoanKetSangTao.Awards.Certificates;
using Xunit.Abstractions;

namespace DoanKetSangTao.Tests.AwardsCertificateTests;

/// <summary>A decision at the centre: a thousand certificates sealed and set in one PDF, within a bound that leaves room on a shared CI machine.</summary>
public sealed class CertificateVolumeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_thousand_certificates_seal_and_render_in_one_file()
    {
        var (key, trust) = CertificateSealTests.NewBody();
        var clock = Stopwatch.StartNew();
        var certificates = Enumerable.Range(1, 1000).Select(i =>
        {
            var code = $"K7QF2M9XWD4T{i:D4}";
            var claims = CertificateSealTests.Claims($"Nguyễn Thị Hồng Nhung {i}") with { Code = code };
            return CertificatePdfTests.Sample(claims.HolderName, CertificateSeal.Seal(claims, key, "https://dkst.example.vn"), code);
        }).ToList();
        var sealing = clock.Elapsed;
        var pdf = CertificatePdf.RenderMany(certificates);
        var total = clock.Elapsed;
        output.WriteLine($"1000 certificates: sealed in {sealing.TotalMilliseconds:F0} ms, PDF of {pdf.Length / 1024} KiB in {(total - sealing).TotalMilliseconds:F0} ms");

        Assert.True(total < TimeSpan.FromSeconds(60), $"took {total}");
        var folder = Tools.TempFolder();
        try
        {
            var file = Path.Combine(folder.FullName, "all.pdf");
            await File.WriteAllBytesAsync(file, pdf);
            Assert.Contains("Pages:           1000", (await Tools.RunAsync("pdfinfo", null, file)).Output, StringComparison.Ordinal);
            Assert.Contains("Nguyễn Thị Hồng Nhung 1000", await CertificatePdfTests.TextAsync(file, 1000), StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        Assert.Equal(SealStatus.Valid, CertificateSeal.Verify(certificates[999].VerificationText, trust).Status);
    }
}

using DoanKetSangTao.Awards.API.Certificates;

namespace DoanKetSangTao.Tests.AwardsCertificateTests;

/// <summary>The certificate PDF as a reader sees it: pdftotext for the text, pdfimages + zbarimg for the QR code.</summary>
public sealed class CertificatePdfTests
{
    internal static CertificateContent Sample(string recipient = "Nguyễn Thị Hồng Nhung", string? verification = null, string code = "K7QF2M9XWD4TB8RC") => new(
        code,
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Quảng Nam",
        "Giấy khen",
        recipient,
        Collective: false,
        "Đã có thành tích xuất sắc trong phong trào thi đua “Đoàn kết sáng tạo” năm 2026, góp phần xây dựng quê hương.",
        "15/QĐ-MTTQ-BTT",
        new DateOnly(2026, 12, 7),
        "Trần Văn Đức",
        "Chủ tịch",
        "Mô hình phân loại rác thải tại nguồn ở khu dân cư",
        verification ?? $"https://dkst.example.vn/v/{code}?s=eyJ2IjoxfQ.c2lnbmF0dXJl");

    [Fact]
    public async Task Text_reads_back_with_every_diacritic()
    {
        var collective = Sample("Hội Liên hiệp Phụ nữ phường Ba Đình") with { Collective = true };
        var pdf = CertificatePdf.RenderMany([Sample(), collective]);
        var folder = Tools.TempFolder();
        try
        {
            var file = Path.Combine(folder.FullName, "c.pdf");
            await File.WriteAllBytesAsync(file, pdf);
            var info = await Tools.RunAsync("pdfinfo", null, file);
            Assert.Contains("Pages:           2", info.Output, StringComparison.Ordinal);
            Assert.Contains("841.89 x 595.276 pts (A4)", info.Output, StringComparison.Ordinal);

            // Only the shipped faces, embedded (subset): the reader needs no font of its own.
            var fonts = (await Tools.RunAsync("pdffonts", null, file)).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();
            Assert.NotEmpty(fonts);
            Assert.All(fonts, f => Assert.Matches(@"^[A-Z]{6}\+Liberation Serif(,Bold)? +CID TrueType +Identity-H +yes +yes +yes ", f));

            var first = await TextAsync(file, 1);
            Assert.Contains("Nguyễn Thị Hồng Nhung", first, StringComparison.Ordinal);
            Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", first, StringComparison.Ordinal);
            Assert.Contains("Độc lập - Tự do - Hạnh phúc", first, StringComparison.Ordinal);
            Assert.Contains("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Quảng Nam", first, StringComparison.Ordinal);
            Assert.Contains("GIẤY KHEN", first, StringComparison.Ordinal);
            Assert.Contains("Quyết định số 15/QĐ-MTTQ-BTT ngày 07/12/2026", first, StringComparison.Ordinal);
            Assert.Contains("Mô hình phân loại rác thải tại nguồn ở khu dân cư", first, StringComparison.Ordinal);
            Assert.Contains("CHỦ TỊCH", first, StringComparison.Ordinal);
            Assert.Contains("Trần Văn Đức", first, StringComparison.Ordinal);
            Assert.Contains("K7QF2M9XWD4TB8RC", first, StringComparison.Ordinal);

            var second = await TextAsync(file, 2);
            Assert.Contains("Hội Liên hiệp Phụ nữ phường Ba Đình", second, StringComparison.Ordinal);
            Assert.Contains("Tặng tập thể", second, StringComparison.Ordinal);
            Assert.DoesNotContain("Nguyễn Thị Hồng Nhung", second, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_long_name_and_reason_wrap_inside_the_page()
    {
        var name = string.Join(' ', Enumerable.Repeat("Hợp tác xã Nông nghiệp Dịch vụ Tổng hợp xã Điện Phương", 3));
        var reason = string.Join(' ', Enumerable.Repeat("Đã có thành tích xuất sắc trong phong trào thi đua yêu nước.", 12));
        var pdf = CertificatePdf.Render(Sample(name) with { Reason = reason });
        var folder = Tools.TempFolder();
        try
        {
            var file = Path.Combine(folder.FullName, "long.pdf");
            await File.WriteAllBytesAsync(file, pdf);
            // -bbox: every word's box lies inside the page's frame.
            var boxes = await Tools.RunAsync("pdftotext", null, "-bbox", file, "-");
            var words = System.Text.RegularExpressions.Regex.Matches(boxes.Output,
                "<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">");
            Assert.NotEmpty(words);
            foreach (System.Text.RegularExpressions.Match w in words)
            {
                var (x0, y0, x1, y1) = (D(w, 1), D(w, 2), D(w, 3), D(w, 4));
                Assert.True(x0 >= 25 && x1 <= 817 && y0 >= 25 && y1 <= 570, $"a word runs out of the frame: {w.Value}");
            }

            var text = Flatten(await TextAsync(file, 1));
            // The whole name is there (set smaller, over lines), not cut.
            Assert.Contains(name, text, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_qr_code_decodes_to_the_verification_text()
    {
        var verification = "https://dkst.example.vn/v/K7QF2M9XWD4TB8RC?s=" + new string('A', 300) + "." + new string('b', 86);
        var pdf = CertificatePdf.Render(Sample(verification: verification));
        Assert.Equal(verification, await DecodeQrAsync(pdf));
        Assert.Equal(verification, await ExtractQrAsync(pdf));
    }

    /// <summary>The QR image of a PDF, extracted (pdfimages) and decoded (zbarimg).</summary>
    private static async Task<string> ExtractQrAsync(byte[] pdf)
    {
        var folder = Tools.TempFolder();
        try
        {
            var file = Path.Combine(folder.FullName, "c.pdf");
            await File.WriteAllBytesAsync(file, pdf);
            var images = await Tools.RunAsync("pdfimages", null, "-png", file, Path.Combine(folder.FullName, "img"));
            Assert.True(images.ExitCode == 0, $"pdfimages: {images.Error}");
            var png = Assert.Single(folder.GetFiles("img*.png"));
            var decoded = await Tools.RunAsync("zbarimg", null, "--raw", "-q", png.FullName);
            Assert.True(decoded.ExitCode == 0, $"zbarimg: {decoded.Error}");
            return decoded.Output.TrimEnd('\n');
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The QR code on a PDF's first page as a reader's phone sees it: the page rendered (pdftoppm), then decoded (zbarimg).</summary>
    internal static async Task<string> DecodeQrAsync(byte[] pdf)
    {
        var folder = Tools.TempFolder();
        try
        {
            var file = Path.Combine(folder.FullName, "c.pdf");
            await File.WriteAllBytesAsync(file, pdf);
            var image = Path.Combine(folder.FullName, "page");
            var render = await Tools.RunAsync("pdftoppm", null, "-f", "1", "-l", "1", "-r", "200", "-gray", "-png", "-singlefile", file, image);
            Assert.True(render.ExitCode == 0, $"pdftoppm: {render.Error}");
            var decoded = await Tools.RunAsync("zbarimg", null, "--raw", "-q", "-Sdisable", "-Sqrcode.enable", image + ".png");
            Assert.True(decoded.ExitCode == 0, $"zbarimg found no QR code: {decoded.Error}");
            return decoded.Output.TrimEnd('\n');
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    internal static async Task<string> TextAsync(string file, int page)
    {
        var result = await Tools.RunAsync("pdftotext", null, "-f", page.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-l", page.ToString(System.Globalization.CultureInfo.InvariantCulture), "-enc", "UTF-8", file, "-");
        Assert.Equal(0, result.ExitCode);
        return result.Output.Normalize(System.Text.NormalizationForm.FormC);
    }

    private static string Flatten(string text) => System.Text.RegularExpressions.Regex.Replace(text, "\\s+", " ");

    private static double D(System.Text.RegularExpressions.Match m, int group) =>
        double.Parse(m.Groups[group].Value, System.Globalization.CultureInfo.InvariantCulture);
}

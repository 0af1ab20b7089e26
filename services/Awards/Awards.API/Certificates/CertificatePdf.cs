using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Signatures;

namespace DoanKetSangTao.Awards.API.Certificates;

/// <summary>
/// The certificate as a PDF: one A4 landscape page per certificate, laid out as an administrative document (Decree 30/2020:
/// issuing body top left, national motto top right), the form, the recipient, the reason, the initiative, the decision,
/// the signer, and the QR code of the sealed verification address with the code under it. Every text block fits its box:
/// lines wrap, and a long text is set smaller rather than running over the next block.
/// </summary>
public static class CertificatePdf
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    private static readonly XColor Red = XColor.FromArgb(176, 18, 18);
    private static readonly XColor Gold = XColor.FromArgb(176, 134, 40);

    // A4 landscape, in points.
    private static readonly double Width = XUnit.FromMillimeter(297).Point;
    private static readonly double Height = XUnit.FromMillimeter(210).Point;

    public static byte[] Render(CertificateContent content, X509Certificate2? signer = null) => RenderMany([content], signer);

    /// <summary>
    /// All certificates in one file, a page each (a decision's download); fonts are shared across pages. With
    /// <paramref name="signer"/> (see <see cref="CertificatePdfSigning"/>) the file is signed as a whole, invisibly.
    /// </summary>
    public static byte[] RenderMany(IEnumerable<CertificateContent> certificates, X509Certificate2? signer = null)
    {
        CertificateFonts.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Creator = "Đoàn kết sáng tạo";
        document.Options.CompressContentStreams = true;
        var fonts = new Dictionary<(double, XFontStyleEx), XFont>();
        var all = certificates.ToList();
        // The QR codes are the costliest part and independent of each other: made on every core, drawn in order.
        var codes = all.AsParallel().AsOrdered().Select(c => CertificateQr.Png(c.VerificationText)).ToList();
        for (var i = 0; i < all.Count; i++)
        {
            var certificate = all[i];
            if (document.PageCount == 0)
            {
                document.Info.Title = $"{certificate.AwardName} - {certificate.RecipientName}";
            }

            var page = document.AddPage();
            page.Width = XUnit.FromPoint(Width);
            page.Height = XUnit.FromPoint(Height);
            using var g = XGraphics.FromPdfPage(page);
            Draw(g, certificate, codes[i], new Typesetter(g, fonts));
        }

        if (document.PageCount == 0)
        {
            throw new ArgumentException("No certificate to render.", nameof(certificates));
        }

        if (signer is not null)
        {
            DigitalSignatureHandler.ForDocument(document, new PdfSharpDefaultSigner(signer, PdfMessageDigestType.SHA256, null),
                new DigitalSignatureOptions { Reason = "Cơ quan cấp ký giấy chứng nhận", Location = "Việt Nam", AppName = "Đoàn kết sáng tạo" });
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static void Draw(XGraphics g, CertificateContent c, byte[] qr, Typesetter t)
    {
        g.DrawRectangle(new XPen(Gold, 3), 18, 18, Width - 36, Height - 36);
        g.DrawRectangle(new XPen(Gold, 0.8), 25, 25, Width - 50, Height - 50);

        // Header: the issuing body (left) and the national motto (right), each underlined by a short rule.
        var bodyBottom = t.Fit(c.IssuingBodyName, XFontStyleEx.Bold, 13, 9, new XRect(45, 45, 330, 48), XBrushes.Black);
        g.DrawLine(new XPen(XColors.Black, 0.7), 170, bodyBottom + 6, 250, bodyBottom + 6);
        t.Fit("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", XFontStyleEx.Bold, 12.5, 10, new XRect(400, 45, 400, 18), XBrushes.Black);
        t.Fit("Độc lập - Tự do - Hạnh phúc", XFontStyleEx.Bold, 13.5, 10, new XRect(400, 63, 400, 18), XBrushes.Black);
        g.DrawLine(new XPen(XColors.Black, 0.7), 527, 83, 673, 83);

        t.Fit(c.AwardName.ToUpper(Vietnamese), XFontStyleEx.Bold, 40, 22, new XRect(60, 112, Width - 120, 52), new XSolidBrush(Red));
        t.Fit(c.Collective ? "Tặng tập thể" : "Tặng", XFontStyleEx.Italic, 16, 16, new XRect(60, 172, Width - 120, 22), XBrushes.Black);
        t.Fit(c.RecipientName, XFontStyleEx.Bold, 28, 14, new XRect(60, 196, Width - 120, 70), new XSolidBrush(XColor.FromArgb(20, 40, 120)), middle: true);
        t.Fit(c.Reason, XFontStyleEx.Italic, 15, 9, new XRect(90, 272, Width - 180, 66), XBrushes.Black);
        if (!string.IsNullOrWhiteSpace(c.InitiativeTitle))
        {
            t.Fit($"Sáng kiến: “{c.InitiativeTitle}”", XFontStyleEx.Regular, 14, 9, new XRect(90, 338, Width - 180, 36), XBrushes.Black);
        }

        var decision = $"Quyết định số {c.DecisionNumber} ngày {c.DecisionDate.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}";
        t.Fit(decision, XFontStyleEx.Regular, 13, 8, new XRect(90, 378, Width - 180, 18), XBrushes.Black);

        // Bottom left: the QR code of the sealed address, the code under it.
        CertificateQr.Draw(g, qr, 52, 405, 118);

        t.Fit(c.Code, XFontStyleEx.Regular, 9, 6, new XRect(40, 525, 142, 12), XBrushes.Black);
        t.Fit("Quét mã QR để kiểm tra giấy chứng nhận.", XFontStyleEx.Italic, 10, 8, new XRect(180, 500, 250, 14), XBrushes.DimGray, align: XStringAlignment.Near);

        // Bottom right: date, the signer's position, room for the signature and seal, the signer's name.
        var date = c.DecisionDate;
        t.Fit($"Ngày {date.Day:00} tháng {date.Month:00} năm {date.Year}", XFontStyleEx.Italic, 13, 10, new XRect(450, 412, 340, 18), XBrushes.Black);
        t.Fit(c.SignerPosition.ToUpper(Vietnamese), XFontStyleEx.Bold, 13, 9, new XRect(450, 432, 340, 34), XBrushes.Black);
        t.Fit(c.SignerName, XFontStyleEx.Bold, 14, 9, new XRect(450, 520, 340, 20), XBrushes.Black);
    }

    /// <summary>Sets text in a box: wrapped at spaces (a word wider than the box is cut), smaller down to a floor until it fits.</summary>
    private sealed class Typesetter(XGraphics g, Dictionary<(double, XFontStyleEx), XFont> fonts)
    {
        private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

        /// <summary>Draws <paramref name="text"/> in <paramref name="box"/>; answers the bottom of the last line.</summary>
        public double Fit(string text, XFontStyleEx style, double maxSize, double minSize, XRect box, XBrush brush,
            XStringAlignment align = XStringAlignment.Center, bool middle = false)
        {
            text = text.Normalize(System.Text.NormalizationForm.FormC).Trim();
            for (var size = maxSize; ; size -= 0.5)
            {
                var font = Font(size, style);
                var lineHeight = font.GetHeight();
                var lines = Wrap(text, font, box.Width);
                var room = Math.Max(1, (int)Math.Floor((box.Height + 0.01) / lineHeight));
                if (lines.Count > room && size - 0.5 >= minSize)
                {
                    continue;
                }

                if (lines.Count > room)
                {
                    // Past the floor: what does not fit is cut, visibly. Input bounds keep real texts far from this.
                    lines = lines.Take(room).ToList();
                    lines[^1] = Shorten(lines[^1] + "…", font, box.Width);
                }

                var y = box.Y + (middle ? (box.Height - lines.Count * lineHeight) / 2 : 0);
                var format = new XStringFormat { Alignment = align, LineAlignment = XLineAlignment.Near };
                foreach (var line in lines)
                {
                    g.DrawString(line, font, brush, new XRect(box.X, y, box.Width, lineHeight), format);
                    y += lineHeight;
                }

                return y;
            }
        }

        private XFont Font(double size, XFontStyleEx style)
        {
            if (!fonts.TryGetValue((size, style), out var font))
            {
                fonts[(size, style)] = font = new XFont(CertificateFonts.Family, size, style, Unicode);
            }

            return font;
        }

        private double Measure(string s, XFont font) => g.MeasureString(s, font).Width;

        private List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            var line = string.Empty;
            foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (Measure(candidate, font) <= width)
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line);
                }

                line = word;
                // A single word wider than the box (a long code, an address): cut between text elements.
                while (Measure(line, font) > width)
                {
                    var cut = Cut(line, font, width);
                    lines.Add(line[..cut]);
                    line = line[cut..];
                }
            }

            if (line.Length > 0 || lines.Count == 0)
            {
                lines.Add(line);
            }

            return lines;
        }

        private int Cut(string word, XFont font, double width)
        {
            var cut = 0;
            var elements = StringInfo.GetTextElementEnumerator(word);
            while (elements.MoveNext())
            {
                var next = elements.ElementIndex + elements.GetTextElement().Length;
                if (Measure(word[..next], font) > width)
                {
                    break;
                }

                cut = next;
            }

            return Math.Max(cut, StringInfo.GetNextTextElementLength(word));
        }

        private string Shorten(string line, XFont font, double width)
        {
            while (line.Length > 1 && Measure(line, font) > width)
            {
                line = line[..^2] + "…";
            }

            return line;
        }
    }
}

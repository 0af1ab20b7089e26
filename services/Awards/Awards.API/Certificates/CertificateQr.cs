using PdfSharp.Drawing;
using QRCoder;

namespace DoanKetSangTao.Awards.API.Certificates;

/// <summary>
/// The QR code of a certificate's verification text, drawn as vector squares: sharp at any print size, a few hundred
/// bytes per page, and no image decoder involved (PDFsharp's core build does not import QRCoder's 1-bit PNGs).
/// </summary>
public static class CertificateQr
{
    /// <summary>
    /// Level M (15 % recovery): the sealed address is long (a few hundred characters), and a higher level would need
    /// a denser code that prints less legibly at the certificate's size.
    /// </summary>
    public static void Draw(XGraphics g, string text, double x, double y, double size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        // The matrix includes the four-module quiet zone, which the white background keeps clear.
        var matrix = data.ModuleMatrix;
        var module = size / matrix.Count;
        g.DrawRectangle(XBrushes.White, x, y, size, size);
        for (var row = 0; row < matrix.Count; row++)
        {
            var bits = matrix[row];
            for (var col = 0; col < bits.Length; col++)
            {
                if (!bits[col])
                {
                    continue;
                }

                // One rectangle per run of dark modules in a row: fewer drawing operations for a thousand pages.
                var start = col;
                while (col + 1 < bits.Length && bits[col + 1])
                {
                    col++;
                }

                g.DrawRectangle(XBrushes.Black, x + start * module, y + row * module, (col - start + 1) * module, module);
            }
        }
    }
}

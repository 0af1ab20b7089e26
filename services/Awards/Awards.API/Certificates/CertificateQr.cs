using PdfSharp.Drawing;
using QRCoder;

namespace DoanKetSangTao.Awards.API.Certificates;

/// <summary>
/// The QR code of a certificate's verification text, drawn as a small palette PNG scaled without smoothing: a few hundred
/// bytes per page and one drawing operation, where vector squares cost thousands (a thousand pages took twice as long).
/// </summary>
public static class CertificateQr
{
    // PDFsharp's core build imports QRCoder's palette PNG (given colours), not its default 1-bit grey one.
    private static readonly byte[] Dark = [0, 0, 0];
    private static readonly byte[] Light = [255, 255, 255];

    /// <summary>
    /// Level M (15 % recovery): the sealed address is long (a few hundred characters), and a higher level would need
    /// a denser code that prints less legibly at the certificate's size.
    /// </summary>
    public static byte[] Png(string text, int pixelsPerModule = 4)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule, Dark, Light, drawQuietZones: true);
    }

    /// <summary>Draws a QR code made by <see cref="Png"/>.</summary>
    public static void Draw(XGraphics g, byte[] png, double x, double y, double size)
    {
        using var image = XImage.FromStream(new MemoryStream(png));
        // Modules stay square and sharp when the viewer or printer scales the image.
        image.Interpolate = false;
        g.DrawImage(image, x, y, size, size);
    }
}

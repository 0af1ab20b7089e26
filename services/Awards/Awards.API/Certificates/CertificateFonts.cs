using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace DoanKetSangTao.Awards.API.Certificates;

/// <summary>
/// The certificates' typeface, from this assembly's resources (Liberation Serif 2, SIL OFL 1.1: Fonts/LICENSE-…): the
/// PDF looks the same on every host, whatever fonts it has, and every Vietnamese diacritic has its glyph. Installed as
/// PDFsharp's resolver once per process, before the first document.
/// </summary>
public sealed class CertificateFonts : IFontResolver
{
    public const string Family = "Liberation Serif";
    private const string Regular = "LiberationSerif-Regular";
    private const string Bold = "LiberationSerif-Bold";

    private static readonly Lazy<CertificateFonts> Installed = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly ConcurrentDictionary<string, byte[]> faces = new(StringComparer.Ordinal);

    private CertificateFonts()
    {
    }

    /// <summary>Makes sure the resolver is in place (idempotent, thread-safe).</summary>
    public static void EnsureInstalled() => _ = Installed.Value;

    private static CertificateFonts Install()
    {
        var resolver = new CertificateFonts();
        // The service draws no other PDF: the global resolver is ours. Another one set first means a second PDF user
        // arrived in this process and the two must agree on one resolver.
        if (GlobalFontSettings.FontResolver is not null and not CertificateFonts)
        {
            throw new InvalidOperationException("Another PDFsharp font resolver is installed in this process.");
        }

        GlobalFontSettings.FontResolver ??= resolver;
        return (CertificateFonts)GlobalFontSettings.FontResolver;
    }

    /// <summary>Any family asked for resolves to Liberation Serif: no text falls back to a host font. Italic is slanted.</summary>
    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[] GetFont(string faceName) => faces.GetOrAdd(faceName, static name =>
    {
        using var stream = typeof(CertificateFonts).Assembly.GetManifestResourceStream($"DoanKetSangTao.Awards.API.Certificates.Fonts.{name}.ttf")
            ?? throw new InvalidOperationException($"The font {name} is not embedded in the awards service.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });
}

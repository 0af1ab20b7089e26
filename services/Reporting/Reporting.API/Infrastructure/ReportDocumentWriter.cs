using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DoanKetSangTao.Reporting.API.Infrastructure;

/// <summary>A table in a document: a header row and body rows; <see cref="LastRowBold"/> for a totals row.</summary>
public sealed record DocumentTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, bool LastRowBold = false);

/// <summary>A part of the document: a heading, paragraphs (one per line), and an optional table.</summary>
public sealed record DocumentBlock(string? Heading, IReadOnlyList<string> Paragraphs, DocumentTable? Table = null);

/// <summary>
/// A report in the Front's usual layout (thể thức văn bản): the issuing body on the left with the number, the national
/// motto on the right with place and date, the title, the parts, the signature block.
/// </summary>
public sealed record ReportDocument(
    string IssuerParent, string Issuer, string Number, string PlaceAndDate, string Title, string Subtitle,
    IReadOnlyList<DocumentBlock> Blocks, string SignatureTitle);

/// <summary>
/// Writes a <see cref="ReportDocument"/> as .docx (DocumentFormat.OpenXml): Times New Roman 13 pt, as administrative
/// documents are typed (Nghị định 30/2020/NĐ-CP). Text is written as given (already NFC).
/// </summary>
public static class ReportDocumentWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private const string Font = "Times New Roman";

    public static byte[] Write(ReportDocument document)
    {
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            var body = new Body();
            main.Document = new Document(body);

            body.Append(Header(document));
            body.Append(Line(document.Title, JustificationValues.Center, bold: true, size: 28, before: 240));
            if (document.Subtitle.Length > 0)
            {
                body.Append(Line(document.Subtitle, JustificationValues.Center, bold: true));
            }

            foreach (var block in document.Blocks)
            {
                if (block.Heading is { } heading)
                {
                    body.Append(Line(heading, JustificationValues.Left, bold: true, before: 160));
                }

                foreach (var text in block.Paragraphs.SelectMany(p => p.Split('\n')))
                {
                    body.Append(Line(text.TrimEnd('\r'), JustificationValues.Both, indent: true));
                }

                if (block.Table is { } table)
                {
                    body.Append(Grid(table));
                    body.Append(Line(string.Empty, JustificationValues.Left));
                }
            }

            body.Append(Line(document.SignatureTitle, JustificationValues.Right, bold: true, before: 240));
            main.Document.Save();
        }

        return stream.ToArray();
    }

    // Left: the issuing body and the number; right: the motto and the place and date. A borderless two-column table.
    private static Table Header(ReportDocument d)
    {
        var left = new TableCell(
            Line(d.IssuerParent, JustificationValues.Center),
            Line(d.Issuer, JustificationValues.Center, bold: true),
            Line(d.Number, JustificationValues.Center));
        var right = new TableCell(
            Line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", JustificationValues.Center, bold: true),
            Line("Độc lập - Tự do - Hạnh phúc", JustificationValues.Center, bold: true),
            Line(d.PlaceAndDate, JustificationValues.Center, italic: true));
        return new Table(
            new TableProperties(new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct }, new TableBorders(
                new TopBorder { Val = BorderValues.None }, new BottomBorder { Val = BorderValues.None },
                new LeftBorder { Val = BorderValues.None }, new RightBorder { Val = BorderValues.None },
                new InsideHorizontalBorder { Val = BorderValues.None }, new InsideVerticalBorder { Val = BorderValues.None })),
            new TableRow(left, right));
    }

    private static Table Grid(DocumentTable table)
    {
        var border = (uint)4;
        var grid = new Table(new TableProperties(
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = border }, new BottomBorder { Val = BorderValues.Single, Size = border },
                new LeftBorder { Val = BorderValues.Single, Size = border }, new RightBorder { Val = BorderValues.Single, Size = border },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = border }, new InsideVerticalBorder { Val = BorderValues.Single, Size = border })));
        grid.Append(new TableRow(table.Header.Select(h => new TableCell(Line(h, JustificationValues.Center, bold: true)))));
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var bold = table.LastRowBold && i == table.Rows.Count - 1;
            grid.Append(new TableRow(table.Rows[i].Select(c => new TableCell(Line(c, JustificationValues.Left, bold: bold)))));
        }

        return grid;
    }

    private static Paragraph Line(string text, JustificationValues justification, bool bold = false, bool italic = false, int size = 26, int before = 0, bool indent = false)
    {
        var runProperties = new RunProperties(new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font });
        if (bold)
        {
            runProperties.Append(new Bold());
        }

        if (italic)
        {
            runProperties.Append(new Italic());
        }

        runProperties.Append(new FontSize { Val = size.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var paragraphProperties = new ParagraphProperties(
            new SpacingBetweenLines { Before = before.ToString(System.Globalization.CultureInfo.InvariantCulture), After = "60" },
            new Justification { Val = justification });
        if (indent)
        {
            paragraphProperties.Append(new Indentation { FirstLine = "567" });
        }

        return new Paragraph(paragraphProperties, new Run(runProperties, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }
}

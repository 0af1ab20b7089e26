using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DoanKetSangTao.Spreadsheets;

/// <summary>The cell formats a book uses, collected while its sheets are written and emitted once at the end.</summary>
internal sealed class SpreadsheetStyles
{
    internal const int MaxDecimals = 10;

    // Vietnamese administrative documents are set in Times New Roman (Nghị định 30/2020/NĐ-CP).
    private const string FontName = "Times New Roman";
    private const double BodySize = 12;
    private const double TitleSize = 14;

    // Ids below 164 are Excel's built-in, partly locale-dependent formats; ours are spelt out.
    private const uint FirstCustomFormatId = 164;

    private readonly List<FontKey> _fonts = [new(false, false, BodySize)];
    private readonly List<string> _formats = [];
    private readonly List<XfKey> _xfs = [default];
    private readonly Dictionary<XfKey, uint> _xfIds = new() { [default] = 0 };
    private readonly Dictionary<BodyKey, uint> _bodyIds = [];

    public uint Title(bool bold, bool italic) =>
        Xf(new XfKey(Font(new FontKey(bold, italic, bold ? TitleSize : BodySize)), false, false, 0, Horizontal.Center, true, false));

    public uint Footer(bool bold, bool italic) =>
        Xf(new XfKey(Font(new FontKey(bold, italic, BodySize)), false, false, 0, Horizontal.Center, true, false));

    public uint Header() =>
        Xf(new XfKey(Font(new FontKey(true, false, BodySize)), true, true, 0, Horizontal.Center, true, false));

    public uint Body(SpreadsheetCellKind kind, int decimals, bool wrap, bool quotePrefix)
    {
        var key = new BodyKey(kind, decimals, wrap, quotePrefix);
        if (_bodyIds.TryGetValue(key, out var id))
        {
            return id;
        }

        var (format, horizontal) = kind switch
        {
            SpreadsheetCellKind.Number => (Format(decimals == 0 ? "0" : "0." + new string('0', decimals)), Horizontal.General),
            SpreadsheetCellKind.Percent => (Format(decimals == 0 ? "0%" : "0." + new string('0', decimals) + "%"), Horizontal.General),
            SpreadsheetCellKind.Date => (Format("dd/mm/yyyy"), Horizontal.Center),
            SpreadsheetCellKind.DateTime => (Format("dd/mm/yyyy hh:mm"), Horizontal.Center),
            _ => (0u, Horizontal.General),
        };

        id = Xf(new XfKey(0, false, true, format, horizontal, wrap, quotePrefix));
        _bodyIds[key] = id;
        return id;
    }

    public Stylesheet Build()
    {
        var stylesheet = new Stylesheet();
        if (_formats.Count > 0)
        {
            stylesheet.Append(new NumberingFormats(_formats.Select((code, i) =>
                new NumberingFormat { NumberFormatId = FirstCustomFormatId + (uint)i, FormatCode = code }))
            { Count = (uint)_formats.Count });
        }

        stylesheet.Append(
            new Fonts(_fonts.Select(BuildFont)) { Count = (uint)_fonts.Count },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFD9D9D9" }, new BackgroundColor { Indexed = 64 })
                { PatternType = PatternValues.Solid }))
            { Count = 3 },
            new Borders(
                new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
                new Border(
                    new LeftBorder { Style = BorderStyleValues.Thin },
                    new RightBorder { Style = BorderStyleValues.Thin },
                    new TopBorder { Style = BorderStyleValues.Thin },
                    new BottomBorder { Style = BorderStyleValues.Thin },
                    new DiagonalBorder()))
            { Count = 2 },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new CellFormats(_xfs.Select(BuildXf)) { Count = (uint)_xfs.Count },
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
        return stylesheet;
    }

    private static Font BuildFont(FontKey key)
    {
        var font = new Font();
        if (key.Bold)
        {
            font.Append(new Bold());
        }

        if (key.Italic)
        {
            font.Append(new Italic());
        }

        font.Append(
            new FontSize { Val = key.Size },
            new DocumentFormat.OpenXml.Spreadsheet.FontName { Val = FontName },
            new FontFamilyNumbering { Val = 1 });
        return font;
    }

    private static CellFormat BuildXf(XfKey key)
    {
        var xf = new CellFormat
        {
            NumberFormatId = key.NumberFormatId,
            FontId = key.FontId,
            FillId = key.Fill ? 2u : 0u,
            BorderId = key.Border ? 1u : 0u,
            FormatId = 0,
        };
        if (key.NumberFormatId != 0)
        {
            xf.ApplyNumberFormat = true;
        }

        if (key.FontId != 0)
        {
            xf.ApplyFont = true;
        }

        if (key.Fill)
        {
            xf.ApplyFill = true;
        }

        if (key.Border)
        {
            xf.ApplyBorder = true;
        }

        if (key.QuotePrefix)
        {
            // Keeps the text a text if someone edits the cell in Excel and presses Enter.
            xf.QuotePrefix = true;
        }

        if (key != default)
        {
            xf.ApplyAlignment = true;
            var alignment = new Alignment { Vertical = VerticalAlignmentValues.Center };
            if (key.Horizontal == Horizontal.Center)
            {
                alignment.Horizontal = HorizontalAlignmentValues.Center;
            }

            if (key.Wrap)
            {
                alignment.WrapText = true;
            }

            xf.Append(alignment);
        }

        return xf;
    }

    private uint Format(string code)
    {
        var index = _formats.IndexOf(code);
        if (index < 0)
        {
            _formats.Add(code);
            index = _formats.Count - 1;
        }

        return FirstCustomFormatId + (uint)index;
    }

    private uint Font(FontKey key)
    {
        var index = _fonts.IndexOf(key);
        if (index < 0)
        {
            _fonts.Add(key);
            index = _fonts.Count - 1;
        }

        return (uint)index;
    }

    private uint Xf(XfKey key)
    {
        if (!_xfIds.TryGetValue(key, out var id))
        {
            id = (uint)_xfs.Count;
            _xfs.Add(key);
            _xfIds[key] = id;
        }

        return id;
    }

    private enum Horizontal
    {
        General,
        Center,
    }

    private readonly record struct FontKey(bool Bold, bool Italic, double Size);

    private readonly record struct XfKey(uint FontId, bool Fill, bool Border, uint NumberFormatId, Horizontal Horizontal, bool Wrap, bool QuotePrefix);

    private readonly record struct BodyKey(SpreadsheetCellKind Kind, int Decimals, bool Wrap, bool QuotePrefix);
}

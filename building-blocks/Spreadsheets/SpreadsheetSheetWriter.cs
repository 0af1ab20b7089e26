using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DoanKetSangTao.Spreadsheets;

/// <summary>Writes a sheet element by element (SAX style): memory stays flat however many rows there are.</summary>
internal static class SpreadsheetSheetWriter
{
    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>Writes the worksheet; returns the header row number (0 when the sheet has no columns).</summary>
    public static int Write(OpenXmlWriter writer, SpreadsheetSheet sheet, SpreadsheetStyles styles, bool selected)
    {
        var width = sheet.Width;
        var columns = sheet.TableColumns;
        var lastColumn = ColumnName(width);

        var row = 1;
        var titleRow = row;
        row += sheet.Titles.Count + (sheet.Titles.Count > 0 ? 1 : 0);
        var headerRow = columns is null ? 0 : row++;
        var firstDataRow = row;
        row += sheet.Rows.Count;
        var footerRow = row + (sheet.Footers.Count > 0 ? 1 : 0);
        var lastRow = footerRow + sheet.Footers.Count - 1;
        if (lastRow > SpreadsheetSheet.MaxRows)
        {
            throw new InvalidOperationException($"Sheet '{sheet.Name}' needs {lastRow} rows; Excel holds {SpreadsheetSheet.MaxRows}.");
        }

        var cellTemplate = new Cell();
        var rowTemplate = new Row();
        var merges = new List<string>();

        writer.WriteStartElement(new Worksheet());
        writer.WriteElement(SheetViews(headerRow, selected));
        if (columns is not null)
        {
            writer.WriteElement(new Columns(columns.Select((c, i) =>
                new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = c.Width, CustomWidth = true })));
        }

        writer.WriteStartElement(new SheetData());

        for (var i = 0; i < sheet.Titles.Count; i++)
        {
            var line = sheet.Titles[i];
            var r = titleRow + i;
            WriteLine(r, 1, line, styles.Title(line.Bold, line.Italic));
        }

        if (columns is not null)
        {
            var style = styles.Header();
            StartRow(headerRow);
            for (var c = 0; c < columns.Count; c++)
            {
                WriteCell(headerRow, c + 1, style, SpreadsheetCell.Text(columns[c].Header));
            }

            writer.WriteEndElement();
        }

        for (var i = 0; i < sheet.Rows.Count; i++)
        {
            var cells = sheet.Rows[i];
            var r = firstDataRow + i;
            StartRow(r);
            var count = columns?.Count ?? cells.Length;
            for (var c = 0; c < count; c++)
            {
                var cell = c < cells.Length ? cells[c] : SpreadsheetCell.Empty;
                var wrap = columns is not null && columns[c].Wrap;
                WriteCell(r, c + 1, styles.Body(cell.Kind, cell.Decimals, wrap, LooksLikeFormula(cell)), cell);
            }

            writer.WriteEndElement();
        }

        // Signature blocks sit in the right half, as on the paper forms.
        var footerColumn = width / 2 + 1;
        if (width == 1)
        {
            footerColumn = 1;
        }

        for (var i = 0; i < sheet.Footers.Count; i++)
        {
            var line = sheet.Footers[i];
            WriteLine(footerRow + i, footerColumn, line, styles.Footer(line.Bold, line.Italic));
        }

        writer.WriteEndElement(); // sheetData

        if (merges.Count > 0)
        {
            writer.WriteElement(new MergeCells(merges.Select(m => new MergeCell { Reference = m })) { Count = (uint)merges.Count });
        }

        writer.WriteEndElement(); // worksheet
        return headerRow;

        void StartRow(int r) =>
            writer.WriteStartElement(rowTemplate, [new OpenXmlAttribute("r", string.Empty, r.ToString(CultureInfo.InvariantCulture))]);

        void WriteLine(int r, int column, SpreadsheetLine line, uint style)
        {
            StartRow(r);
            WriteCell(r, column, style, SpreadsheetCell.Text(line.Text));
            writer.WriteEndElement();
            if (column < width)
            {
                merges.Add(string.Create(CultureInfo.InvariantCulture, $"{ColumnName(column)}{r}:{lastColumn}{r}"));
            }
        }

        void WriteCell(int r, int column, uint style, SpreadsheetCell cell)
        {
            var reference = string.Create(CultureInfo.InvariantCulture, $"{ColumnName(column)}{r}");
            var attributes = new List<OpenXmlAttribute>(3) { new("r", string.Empty, reference) };
            if (style != 0)
            {
                attributes.Add(new("s", string.Empty, style.ToString(CultureInfo.InvariantCulture)));
            }

            if (cell.Kind == SpreadsheetCellKind.Text)
            {
                // An inline string is text by construction: Excel never evaluates it as a formula.
                attributes.Add(new("t", string.Empty, "inlineStr"));
            }

            writer.WriteStartElement(cellTemplate, attributes);
            switch (cell.Kind)
            {
                case SpreadsheetCellKind.Empty:
                    break;
                case SpreadsheetCellKind.Text:
                    writer.WriteElement(new InlineString(new Text(cell.Content!) { Space = SpaceProcessingModeValues.Preserve }));
                    break;
                default:
                    writer.WriteElement(new CellValue(cell.Content!));
                    break;
            }

            writer.WriteEndElement();
        }
    }

    public static Workbook Workbook(IReadOnlyList<(SpreadsheetSheet Sheet, string RelationshipId, int HeaderRow)> sheets)
    {
        var workbook = new Workbook(
            new BookViews(new WorkbookView()),
            new Sheets(sheets.Select((s, i) => new Sheet { Name = s.Sheet.Name, SheetId = (uint)(i + 1), Id = s.RelationshipId })));
        workbook.AddNamespaceDeclaration("r", RelationshipsNamespace);

        // Repeat the header row on every printed page: a 40-page list is unreadable without it.
        var printTitles = sheets
            .Select((s, i) => (s, i))
            .Where(x => x.s.HeaderRow > 0)
            .Select(x => new DefinedName(string.Create(CultureInfo.InvariantCulture,
                $"'{x.s.Sheet.Name.Replace("'", "''", StringComparison.Ordinal)}'!${x.s.HeaderRow}:${x.s.HeaderRow}"))
            {
                Name = "_xlnm.Print_Titles",
                LocalSheetId = (uint)x.i,
            })
            .ToList();
        if (printTitles.Count > 0)
        {
            workbook.Append(new DefinedNames(printTitles));
        }

        return workbook;
    }

    /// <summary>Excel's column letters: 1 → A, 27 → AA.</summary>
    internal static string ColumnName(int column)
    {
        Span<char> buffer = stackalloc char[3];
        var position = buffer.Length;
        while (column > 0)
        {
            column--;
            buffer[--position] = (char)('A' + column % 26);
            column /= 26;
        }

        return new string(buffer[position..]);
    }

    private static bool LooksLikeFormula(SpreadsheetCell cell) =>
        cell.Kind == SpreadsheetCellKind.Text && cell.Content is [('=' or '+' or '-' or '@'), ..];

    private static SheetViews SheetViews(int headerRow, bool selected)
    {
        var view = new SheetView { WorkbookViewId = 0 };
        if (selected)
        {
            view.TabSelected = true;
        }

        if (headerRow > 0)
        {
            // Freeze everything down to the header so it stays in view while scrolling.
            var topLeft = string.Create(CultureInfo.InvariantCulture, $"A{headerRow + 1}");
            view.Append(
                new Pane { VerticalSplit = headerRow, TopLeftCell = topLeft, ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = topLeft, SequenceOfReferences = new ListValue<StringValue> { InnerText = topLeft } });
        }

        return new SheetViews(view);
    }
}

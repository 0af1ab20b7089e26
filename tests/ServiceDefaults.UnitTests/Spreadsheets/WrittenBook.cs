using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using DoanKetSangTao.Spreadsheets;

namespace DoanKetSangTao.Tests.ServiceDefaultsUnitTests.Spreadsheets;

/// <summary>An .xlsx read back with the OpenXml SDK, the way Excel would see it.</summary>
internal sealed class WrittenBook : IDisposable
{
    private readonly MemoryStream _bytes;

    private WrittenBook(MemoryStream bytes)
    {
        _bytes = bytes;
        Document = SpreadsheetDocument.Open(bytes, false);
    }

    public SpreadsheetDocument Document { get; }

    private WorkbookPart WorkbookPart => Document.WorkbookPart!;

    public IReadOnlyList<string> SheetNames =>
        WorkbookPart.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();

    public static WrittenBook Of(SpreadsheetBook book)
    {
        var bytes = new MemoryStream();
        book.WriteTo(bytes);
        return Open(bytes.ToArray());
    }

    public static WrittenBook Open(byte[] bytes) => new(new MemoryStream(bytes, writable: false));

    public IReadOnlyList<string> ValidationErrors() =>
        new OpenXmlValidator()
            .Validate(Document)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")
            .ToList();

    public WorksheetPart SheetPart(string name)
    {
        var sheet = WorkbookPart.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return (WorksheetPart)WorkbookPart.GetPartById(sheet.Id!.Value!);
    }

    public Worksheet Sheet(string name) => SheetPart(name).Worksheet;

    public Cell Cell(string sheet, string reference) =>
        Sheet(sheet).Descendants<Cell>().Single(c => c.CellReference == reference);

    /// <summary>What Excel shows as the cell's text, whether inline or shared.</summary>
    public string Text(Cell cell)
    {
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            var index = int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture);
            return WorkbookPart.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().ElementAt(index).InnerText;
        }

        return cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? string.Empty;
    }

    public CellFormat Format(Cell cell) =>
        Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)(cell.StyleIndex?.Value ?? 0));

    public string? NumberFormat(Cell cell)
    {
        var id = Format(cell).NumberFormatId?.Value ?? 0;
        return Stylesheet.NumberingFormats?.Elements<NumberingFormat>().SingleOrDefault(n => n.NumberFormatId?.Value == id)?.FormatCode?.Value;
    }

    public Font Font(Cell cell) => Stylesheet.Fonts!.Elements<Font>().ElementAt((int)(Format(cell).FontId?.Value ?? 0));

    public Border Border(Cell cell) => Stylesheet.Borders!.Elements<Border>().ElementAt((int)(Format(cell).BorderId?.Value ?? 0));

    private Stylesheet Stylesheet => WorkbookPart.WorkbookStylesPart!.Stylesheet;

    public void Dispose()
    {
        Document.Dispose();
        _bytes.Dispose();
    }
}

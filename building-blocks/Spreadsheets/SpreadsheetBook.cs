using System.Globalization;
using System.IO.Compression;

namespace DoanKetSangTao.Spreadsheets;

/// <summary>An .xlsx workbook built in code: add sheets, fill them, then <see cref="WriteTo"/> a stream.</summary>
public sealed class SpreadsheetBook
{
    private readonly List<SpreadsheetSheet> _sheets = [];
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<SpreadsheetSheet> Sheets => _sheets;

    /// <summary>
    /// A new sheet. The name is made valid for Excel (at most 31 characters, none of []:*?/\, unique in the
    /// book ignoring case); read the result from <see cref="SpreadsheetSheet.Name"/>.
    /// </summary>
    public SpreadsheetSheet AddSheet(string name)
    {
        var sheet = new SpreadsheetSheet(SheetNames.MakeValid(name, _sheets.Count + 1, _names));
        _names.Add(sheet.Name);
        _sheets.Add(sheet);
        return sheet;
    }

    /// <summary>
    /// Writes the workbook synchronously. Parts go into the zip as they are produced, so the rows never become
    /// an XML DOM or an in-memory archive. A seekable stream is best (the zip then records sizes up front);
    /// a forward-only one works too, with sizes after each entry.
    /// </summary>
    public void WriteTo(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_sheets.Count == 0)
        {
            throw new InvalidOperationException("A workbook needs at least one sheet.");
        }

        // The SDK's own package (System.IO.Packaging) needs read access and then keeps every part in memory
        // until it is closed; a create-only zip streams. The package plumbing is three small fixed files.
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var sheetPaths = _sheets.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"worksheets/sheet{i + 1}.xml")).ToList();
        SpreadsheetPackage.WriteContentTypes(zip, sheetPaths);
        SpreadsheetPackage.WriteRootRelationships(zip);
        SpreadsheetPackage.WriteWorkbookRelationships(zip, sheetPaths);

        var styles = new SpreadsheetStyles();
        var written = new List<(SpreadsheetSheet Sheet, string RelationshipId, int HeaderRow)>(_sheets.Count);
        for (var i = 0; i < _sheets.Count; i++)
        {
            var sheet = _sheets[i];
            var selected = i == 0;
            var headerRow = 0;
            SpreadsheetPackage.WritePart(zip, "xl/" + sheetPaths[i], writer =>
                headerRow = SpreadsheetSheetWriter.Write(writer, sheet, styles, selected));
            written.Add((sheet, SpreadsheetPackage.SheetRelationshipId(i), headerRow));
        }

        SpreadsheetPackage.WritePart(zip, SpreadsheetPackage.StylesPath, writer => writer.WriteElement(styles.Build()));
        SpreadsheetPackage.WritePart(zip, SpreadsheetPackage.WorkbookPath, writer => writer.WriteElement(SpreadsheetSheetWriter.Workbook(written)));
    }
}

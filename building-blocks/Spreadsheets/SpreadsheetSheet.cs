namespace DoanKetSangTao.Spreadsheets;

/// <summary>
/// One worksheet laid out like a Vietnamese form: title lines, a blank row, the table (bold, bordered, frozen
/// header), a blank row, then footer lines (place and date, signature block) in the right half.
/// </summary>
public sealed class SpreadsheetSheet
{
    /// <summary>Excel's limits.</summary>
    internal const int MaxRows = 1_048_576;
    internal const int MaxColumns = 16_384;

    private readonly List<SpreadsheetLine> _titles = [];
    private readonly List<SpreadsheetLine> _footers = [];
    private readonly List<SpreadsheetCell[]> _rows = [];
    private SpreadsheetColumn[]? _columns;
    private int _widestRow;

    internal SpreadsheetSheet(string name) => Name = name;

    /// <summary>The name as it appears on the tab, after Excel's rules were applied.</summary>
    public string Name { get; }

    /// <summary>Data rows added so far.</summary>
    public int RowCount => _rows.Count;

    internal IReadOnlyList<SpreadsheetLine> Titles => _titles;

    internal IReadOnlyList<SpreadsheetLine> Footers => _footers;

    internal IReadOnlyList<SpreadsheetCell[]> Rows => _rows;

    internal IReadOnlyList<SpreadsheetColumn>? TableColumns => _columns;

    /// <summary>Columns the title and footer lines span.</summary>
    internal int Width => Math.Max(1, _columns?.Length ?? _widestRow);

    /// <summary>A line above the table, merged across its columns and centred.</summary>
    public SpreadsheetSheet Title(string text, bool bold = true, bool italic = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        _titles.Add(new SpreadsheetLine(SpreadsheetText.Clean(text), bold, italic));
        return this;
    }

    /// <summary>The table's header row and column widths. Set once, before or after the rows.</summary>
    public SpreadsheetSheet Columns(params ReadOnlySpan<SpreadsheetColumn> columns)
    {
        if (_columns is not null)
        {
            throw new InvalidOperationException($"The columns of sheet '{Name}' are already set.");
        }

        if (columns.IsEmpty || columns.Length > MaxColumns)
        {
            throw new ArgumentException($"A sheet has between 1 and {MaxColumns} columns.", nameof(columns));
        }

        if (columns.Length < _widestRow)
        {
            throw new ArgumentException($"Sheet '{Name}' already has a row with {_widestRow} cells.", nameof(columns));
        }

        var copy = new SpreadsheetColumn[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            var column = columns[i] ?? throw new ArgumentException("A column is missing.", nameof(columns));
            if (!(column.Width is > 0 and <= 255))
            {
                throw new ArgumentException($"Column '{column.Header}' is {column.Width} wide; Excel allows up to 255.", nameof(columns));
            }

            copy[i] = column with { Header = SpreadsheetText.Clean(column.Header ?? string.Empty) };
        }

        _columns = copy;
        return this;
    }

    /// <summary>A table row; fewer cells than columns leaves the rest blank.</summary>
    public SpreadsheetSheet AddRow(params ReadOnlySpan<SpreadsheetCell> cells)
    {
        var limit = _columns?.Length ?? MaxColumns;
        if (cells.Length > limit)
        {
            throw new ArgumentException($"Sheet '{Name}' has {limit} columns; the row has {cells.Length} cells.", nameof(cells));
        }

        if (_rows.Count >= MaxRows)
        {
            throw new InvalidOperationException($"Excel holds at most {MaxRows} rows per sheet.");
        }

        _widestRow = Math.Max(_widestRow, cells.Length);
        _rows.Add(cells.ToArray());
        return this;
    }

    /// <summary>A line below the table in its right half: "Hà Nội, ngày … tháng … năm …", then the signature block.</summary>
    public SpreadsheetSheet Footer(string text, bool bold = false, bool italic = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        _footers.Add(new SpreadsheetLine(SpreadsheetText.Clean(text), bold, italic));
        return this;
    }
}

internal readonly record struct SpreadsheetLine(string Text, bool Bold, bool Italic);

namespace DoanKetSangTao.Spreadsheets;

/// <summary>A table column: its header text and its width in characters (Excel's unit).</summary>
public sealed record SpreadsheetColumn(string Header, double Width = SpreadsheetColumn.DefaultWidth)
{
    public const double DefaultWidth = 15;

    /// <summary>Columns this wide hold titles and descriptions; wrapping keeps them readable and printable.</summary>
    public const double WrapFromWidth = 30;

    /// <summary>Wrap long text onto several lines; on by default for wide columns.</summary>
    public bool Wrap { get; init; } = Width >= WrapFromWidth;
}

using System.Globalization;
using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Spreadsheets;

/// <summary>One value in a spreadsheet row. Text is always a string cell, so "=1+1" typed by a person stays text.</summary>
public readonly record struct SpreadsheetCell
{
    private static readonly DateOnly ExcelEpoch = new(1899, 12, 30);

    // Excel's serial numbers count a 29/02/1900 that never existed; earlier dates would show one day off.
    private static readonly DateOnly FirstReliableDate = new(1900, 3, 1);

    private SpreadsheetCell(SpreadsheetCellKind kind, string? content, int decimals = 0)
    {
        Kind = kind;
        Content = content;
        Decimals = decimals;
    }

    internal SpreadsheetCellKind Kind { get; }

    /// <summary>Cleaned text, or the invariant-culture value written into the cell.</summary>
    internal string? Content { get; }

    internal int Decimals { get; }

    /// <summary>A blank cell (still bordered inside the table).</summary>
    public static SpreadsheetCell Empty => default;

    /// <summary>Text, normalized to NFC; null is a blank cell.</summary>
    public static SpreadsheetCell Text(string? value) =>
        value is null ? Empty : new(SpreadsheetCellKind.Text, SpreadsheetText.Clean(value));

    /// <summary>A whole number, shown without grouping (years, ordinals and counts read naturally).</summary>
    public static SpreadsheetCell Number(long value) =>
        new(SpreadsheetCellKind.Number, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A number shown with <paramref name="decimals"/> places; the full value is kept for formulas.</summary>
    public static SpreadsheetCell Number(decimal value, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, SpreadsheetStyles.MaxDecimals);
        return new(SpreadsheetCellKind.Number, value.ToString(CultureInfo.InvariantCulture), decimals);
    }

    /// <summary>A fraction shown as a percentage: 0.255 shows 25,50% (Excel uses the reader's decimal mark).</summary>
    public static SpreadsheetCell Percent(decimal fraction, int decimals = 2)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, SpreadsheetStyles.MaxDecimals);
        return new(SpreadsheetCellKind.Percent, fraction.ToString(CultureInfo.InvariantCulture), decimals);
    }

    /// <summary>A real Excel date (sortable, filterable) shown dd/MM/yyyy.</summary>
    public static SpreadsheetCell Date(DateOnly value) =>
        value < FirstReliableDate
            ? Text(value.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture))
            : new(SpreadsheetCellKind.Date, (value.DayNumber - ExcelEpoch.DayNumber).ToString(CultureInfo.InvariantCulture));

    /// <summary>An instant shown in Vietnam time as dd/MM/yyyy HH:mm.</summary>
    public static SpreadsheetCell DateTime(DateTimeOffset instant)
    {
        var local = VietnamTime.ToLocal(instant).DateTime;
        if (DateOnly.FromDateTime(local) < FirstReliableDate)
        {
            return Text(local.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture));
        }

        var serial = (local - ExcelEpoch.ToDateTime(TimeOnly.MinValue)).Ticks / (double)TimeSpan.TicksPerDay;
        return new(SpreadsheetCellKind.DateTime, serial.ToString("R", CultureInfo.InvariantCulture));
    }

    public static implicit operator SpreadsheetCell(string? value) => Text(value);

    public static implicit operator SpreadsheetCell(long value) => Number(value);
}

internal enum SpreadsheetCellKind
{
    Empty = 0,
    Text,
    Number,
    Percent,
    Date,
    DateTime,
}

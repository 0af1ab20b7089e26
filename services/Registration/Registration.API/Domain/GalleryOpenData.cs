namespace DoanKetSangTao.Registration.API.Domain;

/// <summary>
/// The gallery as CSV (RFC 4180): comma-separated, CRLF line ends, every field quoted when it holds a comma, a quote or
/// a line break. A field that begins with <c>= + - @</c> (or a tab or carriage return) is prefixed with an apostrophe,
/// so that a spreadsheet opening the file shows the text rather than running it as a formula (CSV injection); titles
/// and results are typed by the public's authors and units.
/// </summary>
public static class GalleryCsv
{
    public static readonly IReadOnlyList<string> Header =
    [
        "id", "title", "summary", "authors", "unitName", "provinceCode", "provinceName", "level", "levelName", "year", "field", "fieldName",
        "replicationCount",
    ];

    /// <summary>Separates the authors' names inside one field.</summary>
    public const string NameSeparator = "; ";

    public static string Row(IEnumerable<string?> fields) => string.Join(',', fields.Select(Field)) + "\r\n";

    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}

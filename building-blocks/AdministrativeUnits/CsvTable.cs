using System.Text;

namespace DoanKetSangTao.AdminUnits;

/// <summary>
/// Đọc tệp CSV danh mục (the reference-data CSV reader): UTF-8, a header row that must match exactly, one record a line,
/// no quoting (no field of these files holds a comma). Every text is returned in NFC; a malformed line stops the read
/// with a <see cref="InvalidDataException"/> naming the file, the line and what is wrong, in Vietnamese (operators read it).
/// </summary>
public static class CsvTable
{
    public static List<T> Read<T>(Stream stream, string source, IReadOnlyList<string> header, Func<CsvLine, T> map)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var first = reader.ReadLine()?.TrimStart('\uFEFF');
        var expected = string.Join(',', header);
        if (first != expected)
        {
            throw new InvalidDataException($"{source}: dòng tiêu đề phải là \"{expected}\", tệp có \"{first}\".");
        }

        var rows = new List<T>();
        var number = 1;
        while (reader.ReadLine() is { } text)
        {
            number++;
            if (text.Length == 0)
            {
                continue;
            }

            var fields = text.Split(',');
            if (fields.Length != header.Count)
            {
                throw new InvalidDataException($"{source}, dòng {number}: cần {header.Count} cột, có {fields.Length} (\"{text}\").");
            }

            rows.Add(map(new CsvLine(source, number, header, fields)));
        }

        return rows;
    }
}

/// <summary>One record of a <see cref="CsvTable"/>, with validated accessors.</summary>
public sealed class CsvLine(string source, int number, IReadOnlyList<string> header, string[] fields)
{
    public int Number => number;

    /// <summary>A non-empty text, NFC, trimmed.</summary>
    public string Text(int column)
    {
        var value = fields[column].Trim().Normalize(NormalizationForm.FormC);
        return value.Length > 0 ? value : throw Error(column, "không được để trống");
    }

    /// <summary>A text that may be empty (null then).</summary>
    public string? OptionalText(int column)
    {
        var value = fields[column].Trim().Normalize(NormalizationForm.FormC);
        return value.Length > 0 ? value : null;
    }

    /// <summary>An official code: exactly <paramref name="digits"/> ASCII digits (leading zeros kept).</summary>
    public string Code(int column, int digits)
    {
        var value = fields[column].Trim();
        return value.Length == digits && value.All(char.IsAsciiDigit) ? value : throw Error(column, $"phải gồm đúng {digits} chữ số, có \"{value}\"");
    }

    public InvalidDataException Error(int column, string problem) =>
        new($"{source}, dòng {number}, cột {header[column]}: {problem}.");
}

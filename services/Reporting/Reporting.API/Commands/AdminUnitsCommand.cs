using System.Globalization;
using DoanKetSangTao.AdminUnits;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Reporting.API.Domain.Hierarchy;
using DoanKetSangTao.Reporting.API.Infrastructure;

namespace DoanKetSangTao.Reporting.API.Commands;

/// <summary>
/// <c>admin-units load --effective YYYY-MM-DD --units FILE --lineage FILE</c>: nạp một lần sáp nhập, chia tách địa giới
/// (a later merger or split loaded as data, docs/reporting.md). The units file lists the units that open on the effective
/// day (<c>level,code,name,unit_type,parent_code</c>); the lineage file, every retired unit and where it went
/// (<c>level,old_code,new_code,resolution</c>). An inconsistent file is refused, every problem listed, nothing loaded.
/// </summary>
public sealed class AdminUnitsCommand(AdminUnitLoader loader) : IOperatorCommand
{
    public const string Usage = "usage: admin-units load --effective YYYY-MM-DD --units FILE --lineage FILE";

    public static readonly string[] UnitsHeader = ["level", "code", "name", "unit_type", "parent_code"];

    public static readonly string[] LineageHeader = ["level", "old_code", "new_code", "resolution"];

    public string Name => "admin-units";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Count; i += 2)
        {
            options[args[i]] = args[i + 1];
        }

        if (args.Count != 7 || args[0] != "load" || !options.TryGetValue("--effective", out var effectiveText)
            || !options.TryGetValue("--units", out var unitsFile) || !options.TryGetValue("--lineage", out var lineageFile))
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        if (!DateOnly.TryParseExact(effectiveText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var effective))
        {
            await error.WriteLineAsync($"Ngày hiệu lực không hợp lệ: \"{effectiveText}\" (dạng YYYY-MM-DD, ví dụ 2027-01-01).");
            return 2;
        }

        List<NewUnit> units;
        List<LineageLink> lineage;
        try
        {
            units = Read(unitsFile, UnitsHeader, l =>
            {
                var level = Level(l, 0);
                return new NewUnit(level, l.Code(1, Digits(level)), l.Text(2), l.OptionalText(3), l.OptionalText(4) is { } p ? ParentCode(l, 4, p) : null);
            });
            lineage = Read(lineageFile, LineageHeader, l =>
            {
                var level = Level(l, 0);
                return new LineageLink(level, l.Code(1, Digits(level)), l.Code(2, Digits(level)), l.OptionalText(3));
            });
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"Không nạp được: {e.Message}");
            return 1;
        }

        var result = await loader.LoadAsync(effective, units, lineage, cancellationToken);
        if (result.Errors.Count > 0)
        {
            await error.WriteLineAsync($"Không nạp: tệp không nhất quán ({result.Errors.Count} lỗi), dữ liệu không thay đổi.");
            foreach (var problem in result.Errors)
            {
                await error.WriteLineAsync("- " + problem);
            }

            return 1;
        }

        await output.WriteLineAsync(
            $"Đã nạp thay đổi địa giới có hiệu lực từ {effective:dd/MM/yyyy}: {result.Retired} đơn vị hết hiệu lực, {result.Opened} đơn vị mới, {result.Lineage} dòng kế thừa.");
        return 0;
    }

    private static List<T> Read<T>(string path, string[] header, Func<CsvLine, T> map)
    {
        using var stream = File.OpenRead(path);
        return CsvTable.Read(stream, Path.GetFileName(path), header, map);
    }

    private static string Level(CsvLine line, int column) =>
        line.Text(column) is var level && HierarchyChange.Levels.Contains(level)
            ? level
            : throw line.Error(column, "cấp phải là province, district hoặc commune");

    private static int Digits(string level) => level switch { "province" => 2, "district" => 3, _ => 5 };

    private static string ParentCode(CsvLine line, int column, string code) =>
        code.Length is 2 or 3 && code.All(char.IsAsciiDigit) ? code : throw line.Error(column, "mã cấp trên gồm 2 (tỉnh) hoặc 3 (huyện) chữ số");
}

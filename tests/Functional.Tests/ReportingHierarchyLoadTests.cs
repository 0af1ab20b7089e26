extern alias reporting;

using System.Net;
using DoanKetSangTao.Tests.Support;

namespace DoanKetSangTao.Tests.Functional;

/// <summary>
/// A later merger loaded as data with reporting's operator command <c>admin-units load</c>, on a database of its own:
/// history kept, figures still roll into today's commune through both changes, the same files twice change nothing, and
/// an inconsistent file is refused in Vietnamese with nothing changed.
/// </summary>
public sealed class ReportingHierarchyLoadTests(ServiceHost<reporting::Program> host) : IClassFixture<ServiceHost<reporting::Program>>, IDisposable
{
    private const string Api = "/api/v1/reports/admin-units";

    private readonly string folder = Directory.CreateTempSubdirectory("dkst-admin-units-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }

    [Fact]
    public async Task A_merger_is_loaded_once_keeps_history_and_an_inconsistent_one_changes_nothing()
    {
        // Phường Ba Đình (00004) absorbs Phường Ngọc Hà (00008) on 01/01/2026 and keeps its code and name.
        var units = Write("don-vi.csv", "level,code,name,unit_type,parent_code", "commune,00004,Phường Ba Đình,Phường,01");
        var lineage = Write("ke-thua.csv", "level,old_code,new_code,resolution", "commune,00004,00004,99/NQ-UBTVQH15", "commune,00008,00004,99/NQ-UBTVQH15");
        string[] load = ["admin-units", "load", "--effective", "2026-01-01", "--units", units, "--lineage", lineage];

        var (exit, output, error) = await ReportingCommand.RunAsync(host, load);
        Assert.True(exit == 0, error);
        Assert.Contains("2 đơn vị hết hiệu lực, 1 đơn vị mới, 2 dòng kế thừa", output, StringComparison.Ordinal);
        var loaded = await HierarchySnapshot.TakeAsync(host.Database.ConnectionString);

        using var officer = host.Client(People.HanoiOfficer);
        var before = await officer.GetJsonAsync($"{Api}/province/01/children?at=31/12/2025", HttpStatusCode.OK);
        var after = await officer.GetJsonAsync($"{Api}/province/01/children?at=01/01/2026", HttpStatusCode.OK);
        Assert.Contains(before["units"]!.AsArray(), u => u!.Str("code") == "00008");
        Assert.DoesNotContain(after["units"]!.AsArray(), u => u!.Str("code") == "00008");
        Assert.Equal(before["count"]!.GetValue<int>() - 1, after["count"]!.GetValue<int>());
        var merged = await officer.GetJsonAsync($"{Api}/commune/00004/lineage?at=02/01/2026", HttpStatusCode.OK);
        Assert.Equal("01/01/2026", merged["unit"]!.Str("validFrom"));
        Assert.Equal(["00004", "00008"], merged["predecessors"]!.AsArray().Select(p => p!.Str("code")).Order());
        Assert.All(merged["predecessors"]!.AsArray(), p => Assert.True(p!["receivesFigures"]!.GetValue<bool>()));
        var retired = await officer.GetJsonAsync($"{Api}/commune/00008/lineage?at=31/12/2025", HttpStatusCode.OK);
        Assert.Equal("01/01/2026", retired["unit"]!.Str("validTo"));
        // Ngọc Hà of 2024 (00016) went into Ngọc Hà of 2025 (00008), which went into Ba Đình: two changes, one answer.
        var attribution = await officer.GetJsonAsync($"{Api}/attribution?code=00016&filedOn=15/03/2024", HttpStatusCode.OK);
        Assert.Equal("00004", attribution.Str("rollsInto"));

        (exit, _, error) = await ReportingCommand.RunAsync(host, load);
        Assert.True(exit == 0, error);
        Assert.Equal(loaded, await HierarchySnapshot.TakeAsync(host.Database.ConnectionString));

        // Giảng Võ takes code 00025 again without a successor line, and a lineage line names a unit the units file lacks.
        var badUnits = Write("don-vi-sai.csv", "level,code,name,unit_type,parent_code", "commune,00025,Phường Giảng Võ Mới,Phường,01");
        var badLineage = Write("ke-thua-sai.csv", "level,old_code,new_code,resolution", "commune,00070,00777,1/NQ");
        (exit, _, error) = await ReportingCommand.RunAsync(host, ["admin-units", "load", "--effective", "2027-01-01", "--units", badUnits, "--lineage", badLineage]);
        Assert.Equal(1, exit);
        Assert.Contains("dữ liệu không thay đổi", error, StringComparison.Ordinal);
        Assert.Contains("00777", error, StringComparison.Ordinal);
        Assert.Contains("Phường Giảng Võ) bị thay thế nhưng không có đơn vị kế thừa", error, StringComparison.Ordinal);
        var malformed = Write("hong.csv", "level,code,name,unit_type,parent_code", "commune,123,Phường Lỗi");
        (exit, _, error) = await ReportingCommand.RunAsync(host, ["admin-units", "load", "--effective", "2027-01-01", "--units", malformed, "--lineage", badLineage]);
        Assert.Equal(1, exit);
        Assert.Contains("hong.csv, dòng 2", error, StringComparison.Ordinal);
        Assert.Equal(loaded, await HierarchySnapshot.TakeAsync(host.Database.ConnectionString));
    }
}

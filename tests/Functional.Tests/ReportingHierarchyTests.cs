extern alias reporting;

using System.Net;
using System.Text.Json.Nodes;
using DoanKetSangTao.Tests.Support;
using Npgsql;

namespace DoanKetSangTao.Tests.Functional;

/// <summary>
/// Địa giới hành chính theo thời gian, reporting alone: the shipped 2024 and 2025 structures as loaded in its database,
/// read by date, the lineage shown with the split-commune rule, and figures rolled into today's communes.
/// </summary>
public sealed class ReportingHierarchyTests(ServiceHost<reporting::Program> host) : IClassFixture<ServiceHost<reporting::Program>>
{
    private const string Api = "/api/v1/reports/admin-units";

    [Theory]
    [InlineData("30/06/2025", "province", 63)]
    [InlineData("2025-06-30", "district", 691)]
    [InlineData("01/01/2024", "commune", 10_047)]
    [InlineData("01/07/2025", "province", 34)]
    [InlineData("2026-03-15", "commune", 3_321)]
    public async Task The_units_in_force_are_those_of_the_structure_of_the_day(string at, string level, int expected)
    {
        using var officer = host.Client(People.HanoiOfficer);
        var list = await officer.GetJsonAsync($"{Api}?at={at}&level={level}", HttpStatusCode.OK);
        Assert.Equal(expected, list["count"]!.GetValue<int>());
        Assert.Equal(expected, list["units"]!.AsArray().Select(u => u!.Str("code")).Distinct().Count());
    }

    [Fact]
    public async Task A_province_s_children_change_with_the_structure()
    {
        using var officer = host.Client(People.HanoiOfficer);
        var before = await officer.GetJsonAsync($"{Api}/province/01/children?at=15/03/2024", HttpStatusCode.OK);
        Assert.Equal("district", before.Str("level"));
        Assert.Contains(before["units"]!.AsArray(), u => u!.Str("name") == "Quận Ba Đình");
        var district = await officer.GetJsonAsync($"{Api}/district/001/children?at=15/03/2024", HttpStatusCode.OK);
        Assert.Contains(district["units"]!.AsArray(), u => u!.Str("code") == "00001" && u!.Str("name") == "Phường Phúc Xá" && u!.Str("validTo") == "01/07/2025");
        var after = await officer.GetJsonAsync($"{Api}/province/01/children?at=01/07/2025", HttpStatusCode.OK);
        Assert.Equal("commune", after.Str("level"));
        Assert.Contains(after["units"]!.AsArray(), u => u!.Str("code") == "00004" && u!.Str("name") == "Phường Ba Đình" && u!.Str("validFrom") == "01/07/2025");
        Assert.DoesNotContain(after["units"]!.AsArray(), u => u!.Str("code") == "00001");
    }

    [Fact]
    public async Task A_2025_commune_shows_the_old_communes_whose_figures_it_receives_and_which_were_split()
    {
        using var officer = host.Client(People.HanoiOfficer);
        var lineage = await officer.GetJsonAsync($"{Api}/commune/00004/lineage?at=01/08/2025", HttpStatusCode.OK);
        Assert.Contains("kế thừa chính", lineage.Str("rule"), StringComparison.Ordinal);
        var predecessors = lineage["predecessors"]!.AsArray().ToDictionary(p => p!.Str("code"));
        // Read in admin-units-lineage-2025.csv: Trúc Bạch went whole into Ba Đình; Điện Biên was split four ways (none kept
        // its code or name: Ba Đình has the lowest code); Ngọc Hà was split with Phường Ngọc Hà, which took its name.
        Assert.Equal((true, false), (predecessors["00004"]!["receivesFigures"]!.GetValue<bool>(), predecessors["00004"]!["split"]!.GetValue<bool>()));
        var dienBien = predecessors["00019"]!;
        Assert.Equal((true, true), (dienBien["receivesFigures"]!.GetValue<bool>(), dienBien["split"]!.GetValue<bool>()));
        Assert.Equal(["00070", "00190", "00226"], dienBien["otherSuccessors"]!.AsArray().Select(s => s!.Str("code")).Order());
        Assert.Contains(dienBien["otherSuccessors"]!.AsArray(), s => s!.Str("name") == "Phường Hoàn Kiếm");
        var ngocHa = predecessors["00016"]!;
        Assert.Equal((false, true), (ngocHa["receivesFigures"]!.GetValue<bool>(), ngocHa["split"]!.GetValue<bool>()));
        Assert.Equal("Phường Ngọc Hà", Assert.Single(ngocHa["otherSuccessors"]!.AsArray())!.Str("name"));

        var old = await officer.GetJsonAsync($"{Api}/commune/00016/lineage?at=01/06/2024", HttpStatusCode.OK);
        Assert.Equal([("00004", false), ("00008", true)],
            old["successors"]!.AsArray().Select(s => (s!.Str("code"), s!["receivesFigures"]!.GetValue<bool>())).Order());
    }

    [Theory]
    [InlineData("00016", "15/03/2024", "00008")]
    [InlineData("00019", "2025-06-30", "00004")]
    [InlineData("00004", "2024-01-01", "00004")]
    [InlineData("00008", "2026-02-01", "00008")]
    [InlineData("30622", "01/01/2023", "30259")]
    public async Task A_figure_filed_under_a_commune_rolls_into_today_s_commune(string code, string filedOn, string expected)
    {
        using var officer = host.Client(People.HanoiOfficer);
        var attribution = await officer.GetJsonAsync($"{Api}/attribution?code={code}&filedOn={filedOn}", HttpStatusCode.OK);
        Assert.Equal(expected, attribution.Str("rollsInto"));
    }

    [Fact]
    public async Task The_roll_up_view_maps_every_commune_and_province_that_ever_was_once_per_period()
    {
        await using var connection = new NpgsqlConnection(host.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT level, valid_to IS NULL AS current, count(*), count(DISTINCT (old_code, valid_from)), count(*) FILTER (WHERE valid_to IS NULL AND old_code <> new_code)
            FROM admin_unit_rollup_2025 GROUP BY 1, 2 ORDER BY 1, 2
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, bool, long, long, long)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetBoolean(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)));
        }

        Assert.Equal([("commune", false, 10_047, 10_047, 0), ("commune", true, 3_321, 3_321, 0), ("province", false, 63, 63, 0), ("province", true, 34, 34, 0)], rows);
    }

    [Theory]
    [InlineData("?at=31/02/2025")]
    [InlineData("?at=hôm qua")]
    [InlineData("?level=huyen")]
    [InlineData("/attribution?code=abc")]
    [InlineData("/commune/00004/lineage?at=1800-01-01")]
    [InlineData("?ngay=01/07/2025")]
    [InlineData("/commune/00004/lineage?at=01/08/2025&level=commune")]
    public async Task Bad_input_is_refused_in_vietnamese(string query)
    {
        using var officer = host.Client(People.HanoiOfficer);
        var problem = await officer.GetJsonAsync(Api + query, HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem["errors"]!.AsObject());
    }

    [Fact]
    public async Task A_unit_not_in_force_that_day_is_not_found_and_an_author_may_not_read()
    {
        using var officer = host.Client(People.HanoiOfficer);
        var problem = await officer.GetJsonAsync($"{Api}/commune/00001/lineage?at=01/08/2025", HttpStatusCode.NotFound);
        Assert.Equal("admin_unit_not_found", problem.Str("code"));
        using var author = host.Client(People.AuthorBinh);
        using var response = await author.GetAsync(Api);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Seeding_again_changes_nothing()
    {
        var before = await HierarchySnapshot.TakeAsync(host.Database.ConnectionString);
        var (exit, _, error) = await ReportingCommand.RunAsync(host, ["migrate"]);
        Assert.True(exit == 0, error);
        Assert.Equal(before, await HierarchySnapshot.TakeAsync(host.Database.ConnectionString));
    }
}

/// <summary>Both hierarchy tables as text, row by row, to compare states.</summary>
public static class HierarchySnapshot
{
    public static async Task<string> TakeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT string_agg(t, E'\n' ORDER BY t) FROM (
                SELECT concat_ws('|', 'u', code, level, name, unit_type, parent_code, valid_from, valid_to) AS t FROM admin_units
                UNION ALL
                SELECT concat_ws('|', 'l', old_code, level, new_code, effective_on, resolution, primary_successor) FROM admin_unit_lineage) s
            """, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}

/// <summary>
/// Runs reporting's own binary with an operator command, as an operator does (<c>dotnet DoanKetSangTao.Reporting.API.dll
/// migrate</c>), on the test host's database: the command goes through Program and the operator-command hook.
/// </summary>
public static class ReportingCommand
{
    public static async Task<(int Exit, string Output, string Error)> RunAsync(ServiceHost<reporting::Program> host, IReadOnlyList<string> args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(reporting::Program).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in host.Tokens.Settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["ConnectionStrings__Database"] = host.Database.ConnectionString;
        // The command never starts the bus; the address only has to be well formed.
        start.Environment["ConnectionStrings__RabbitMq"] = $"amqp://guest:guest@127.0.0.1:{TestInfrastructure.FreeTcpPort()}/";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}

using System.Text;
using DoanKetSangTao.AdminUnits;
using DoanKetSangTao.Reporting.API.Domain.Hierarchy;
using DoanKetSangTao.Reporting.API.Infrastructure;

namespace DoanKetSangTao.Tests.ReportingUnitTests;

/// <summary>
/// Địa giới hành chính theo thời gian: the shipped data as the seeder loads it, the primary-successor rule (đơn vị kế thừa
/// chính) on the real 2025 lineage, and the checks an operator's merger file goes through.
/// </summary>
public sealed class HierarchyTests
{
    private static readonly IReadOnlyList<PlannedLineage> Lineage = AdminUnitSeeder.Lineage();

    private static IEnumerable<IGrouping<string, PlannedLineage>> OldCommunes() =>
        Lineage.Where(l => l.Level == "commune").GroupBy(l => l.OldCode);

    [Fact]
    public void The_shipped_files_hold_both_structures_and_their_lineage()
    {
        var old = AdministrativeUnitData.Units2024();
        var current = AdministrativeUnitData.Units2025();
        Assert.Equal((63, 691, 10_047), (old.Select(r => r.ProvinceCode).Distinct().Count(), old.Select(r => r.DistrictCode).Distinct().Count(), old.Count));
        Assert.Equal((34, 3_321), (current.Select(r => r.ProvinceCode).Distinct().Count(), current.Count));
        Assert.Equal(10_599, AdministrativeUnitData.CommuneLineage2025().Count);
        Assert.Equal(63, AdministrativeUnitData.ProvinceLineage2025().Count);
        Assert.All(current, r => Assert.True(r.CommuneName.IsNormalized(NormalizationForm.FormC)));
    }

    [Fact]
    public void Every_old_commune_has_exactly_one_primary_successor_and_460_were_split()
    {
        var communes = OldCommunes().ToList();
        Assert.Equal(AdministrativeUnitData.Units2024().Count, communes.Count);
        Assert.All(communes, g => Assert.Single(g, l => l.PrimarySuccessor));
        var split = communes.Where(g => g.Count() > 1).ToList();
        Assert.Equal(460, split.Count);
        Assert.All(split, g => Assert.Equal(g.Count(), g.Select(l => l.NewCode).Distinct().Count()));
    }

    [Fact]
    public void The_split_communes_fall_under_the_rule_s_three_branches_as_documented()
    {
        var names = AdministrativeUnitData.CommuneLineage2025().ToLookup(l => l.OldCommuneCode);
        var branches = names.Where(g => g.Count() > 1)
            .Select(g => PrimarySuccessor.Choose(g.Key, g.First().OldCommuneName, g.Select(l => new SuccessorCandidate(l.NewCommuneCode, l.NewCommuneName)).ToList()).Choice)
            .GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        // The numbers docs/reporting.md and ADR 0014 give: kept the code, took the name, lowest code.
        Assert.Equal(142, branches[SuccessorChoice.KeptCode]);
        Assert.Equal(40, branches[SuccessorChoice.KeptName]);
        Assert.Equal(278, branches[SuccessorChoice.LowestCode]);
    }

    [Fact]
    public void No_split_commune_straddles_provinces_and_one_whole_commune_changed_province()
    {
        var rows = AdministrativeUnitData.CommuneLineage2025();
        Assert.All(rows.GroupBy(r => r.OldCommuneCode).Where(g => g.Count() > 1), g => Assert.Single(g.Select(r => r.NewProvinceCode).Distinct()));
        var provinceOf = AdministrativeUnitData.ProvinceLineage2025().ToDictionary(p => p.OldProvinceCode, p => p.NewProvinceCode);
        var moved = Assert.Single(rows, r => provinceOf[r.OldProvinceCode] != r.NewProvinceCode);
        // Xã Tân Phú of An Giang (89 → 91) went into Xã Tân Phú Trung of Đồng Tháp (82).
        Assert.Equal(("30622", "89", "30259", "82"), (moved.OldCommuneCode, moved.OldProvinceCode, moved.NewCommuneCode, moved.NewProvinceCode));
    }

    // Read in admin-units-lineage-2025.csv: Phúc Xá went whole into Hồng Hà, Trúc Bạch into Ba Đình (which kept its code);
    // Ngọc Khánh split and 00025 (Giảng Võ) kept its code; Ngọc Hà and Cửa Nam split and a successor took their names;
    // Cống Vị and Điện Biên split with neither kept: the lowest new code.
    [Theory]
    [InlineData("00001", "00097")]
    [InlineData("00004", "00004")]
    [InlineData("00025", "00025")]
    [InlineData("00016", "00008")]
    [InlineData("00073", "00082")]
    [InlineData("00007", "00008")]
    [InlineData("00019", "00004")]
    [InlineData("30622", "30259")]
    public void A_2024_commune_rolls_into_its_primary_2025_successor(string oldCode, string newCode) =>
        Assert.Equal(newCode, Assert.Single(Lineage, l => l.Level == "commune" && l.OldCode == oldCode && l.PrimarySuccessor).NewCode);

    [Fact]
    public void The_rule_prefers_the_kept_code_then_the_kept_name_then_the_lowest_code()
    {
        SuccessorCandidate[] split = [new("00300", "Xã Hòa Bình"), new("00200", "Phường An Phú"), new("00100", "Xã Tân Lập")];
        Assert.Equal(("00200", SuccessorChoice.KeptCode), PrimarySuccessor.Choose("00200", "Xã Hòa Bình", split));
        Assert.Equal(("00300", SuccessorChoice.KeptName), PrimarySuccessor.Choose("00999", "Xã Hòa Bình", split));
        Assert.Equal(("00200", SuccessorChoice.KeptName), PrimarySuccessor.Choose("00999", "Xã An Phú", split));
        Assert.Equal(("00100", SuccessorChoice.LowestCode), PrimarySuccessor.Choose("00999", "Xã Yên Thế", split));
    }

    private static readonly DateOnly Effective = new(2027, 1, 1);

    private static readonly UnitInForce[] Before =
    [
        new("province", "01", "Thành phố Hà Nội", null, new(2025, 7, 1)),
        new("commune", "00004", "Phường Ba Đình", "01", new(2025, 7, 1)),
        new("commune", "00008", "Phường Ngọc Hà", "01", new(2025, 7, 1)),
        new("commune", "00025", "Phường Giảng Võ", "01", new(2025, 7, 1)),
    ];

    [Fact]
    public void A_merger_closes_the_merged_units_and_opens_the_new_one()
    {
        var (plan, errors) = HierarchyChange.Plan(Effective, [new("commune", "00004", "Phường Ba Đình", "Phường", "01")],
            [new("commune", "00004", "00004", "1/NQ"), new("commune", "00008", "00004", "1/NQ")], Before);
        Assert.Empty(errors);
        Assert.Equal(["00004", "00008"], plan!.Retire.Select(u => u.Code).Order());
        Assert.All(plan.Lineage, l => Assert.True(l.PrimarySuccessor));
    }

    [Fact]
    public void An_inconsistent_change_is_refused_with_every_problem_named()
    {
        var (plan, errors) = HierarchyChange.Plan(Effective,
            [new("commune", "00025", "Phường Giảng Võ", "Phường", "01"), new("commune", "00900", "Phường Mới", "Phường", "99")],
            [new("commune", "00008", "00777", null), new("commune", "00555", "00900", null)], Before);
        Assert.Null(plan);
        Assert.Contains(errors, e => e.Contains("00777", StringComparison.Ordinal) && e.Contains("không có trong tệp đơn vị", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("00555", StringComparison.Ordinal) && e.Contains("không phải đơn vị đang có hiệu lực", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("00025", StringComparison.Ordinal) && e.Contains("không có đơn vị kế thừa", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("99", StringComparison.Ordinal) && e.Contains("cấp trên", StringComparison.Ordinal));
    }

    [Fact]
    public void A_province_dissolved_under_communes_that_stay_is_refused()
    {
        var (plan, errors) = HierarchyChange.Plan(Effective, [new("province", "02", "Tỉnh Mới", "Tỉnh", null)],
            [new("province", "01", "02", null)], Before);
        Assert.Null(plan);
        Assert.Equal(3, errors.Count(e => e.Contains("cấp trên mã 01 bị giải thể", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_malformed_line_names_the_file_the_line_and_the_column()
    {
        var header = new[] { "level", "code" };
        using var wrongCount = new MemoryStream(Encoding.UTF8.GetBytes("level,code\ncommune,00004\ncommune\n"));
        var e = Assert.Throws<InvalidDataException>(() => CsvTable.Read(wrongCount, "don-vi.csv", header, l => l.Code(1, 5)));
        Assert.Contains("don-vi.csv, dòng 3", e.Message, StringComparison.Ordinal);
        using var badCode = new MemoryStream(Encoding.UTF8.GetBytes("level,code\ncommune,4\n"));
        e = Assert.Throws<InvalidDataException>(() => CsvTable.Read(badCode, "don-vi.csv", header, l => l.Code(1, 5)));
        Assert.Contains("cột code", e.Message, StringComparison.Ordinal);
        using var badHeader = new MemoryStream(Encoding.UTF8.GetBytes("cap,ma\n"));
        Assert.Throws<InvalidDataException>(() => CsvTable.Read(badHeader, "don-vi.csv", header, l => l.Code(1, 5)));
    }
}

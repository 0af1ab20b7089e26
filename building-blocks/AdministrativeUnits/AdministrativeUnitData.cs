namespace DoanKetSangTao.AdminUnits;

/// <summary>A 2025 commune-level unit (xã, phường, đặc khu) and its province, as in <c>admin-units-2025.csv</c>.</summary>
public sealed record Commune2025(string ProvinceCode, string ProvinceName, string CommuneCode, string CommuneName, string Type);

/// <summary>A pre-2025 commune (xã, phường, thị trấn) with its district and province, as in <c>admin-units-2024.csv</c>.</summary>
public sealed record Commune2024(string ProvinceCode, string ProvinceName, string DistrictCode, string DistrictName, string CommuneCode, string CommuneName);

/// <summary>One pre-2025 commune going (wholly or in part) into one 2025 commune, as in <c>admin-units-lineage-2025.csv</c>.</summary>
public sealed record CommuneLineage2025(
    string OldProvinceCode, string OldCommuneCode, string OldCommuneName,
    string NewProvinceCode, string NewCommuneCode, string NewCommuneName, string Resolution);

/// <summary>One former province and the 2025 province it went into, as in <c>province-lineage-2025.csv</c>.</summary>
public sealed record ProvinceLineage2025(string OldProvinceCode, string OldProvinceName, string NewProvinceCode, string NewProvinceName);

/// <summary>
/// Danh mục đơn vị hành chính (the shipped administrative-unit data): the only way to read the embedded files
/// (Data/README.md says what each holds). Each file is read and validated on first use, then kept.
/// </summary>
public static class AdministrativeUnitData
{
    /// <summary>The day the 2025 structure took force (and the pre-2025 one ended, exclusive).</summary>
    public static readonly DateOnly Reform2025 = new(2025, 7, 1);

    private static readonly Lazy<IReadOnlyList<Commune2025>> Units2025Data = new(() => Read(
        "admin-units-2025.csv", ["province_code", "province_name", "commune_code", "commune_name", "type"],
        l => new Commune2025(l.Code(0, 2), l.Text(1), l.Code(2, 5), l.Text(3), l.Text(4))));

    private static readonly Lazy<IReadOnlyList<Commune2024>> Units2024Data = new(() => Read(
        "admin-units-2024.csv", ["province_code", "province_name", "district_code", "district_name", "commune_code", "commune_name"],
        l => new Commune2024(l.Code(0, 2), l.Text(1), l.Code(2, 3), l.Text(3), l.Code(4, 5), l.Text(5))));

    private static readonly Lazy<IReadOnlyList<CommuneLineage2025>> CommuneLineageData = new(() => Read(
        "admin-units-lineage-2025.csv",
        ["old_province_code", "old_commune_code", "old_commune_name", "new_province_code", "new_commune_code", "new_commune_name", "resolution"],
        l => new CommuneLineage2025(l.Code(0, 2), l.Code(1, 5), l.Text(2), l.Code(3, 2), l.Code(4, 5), l.Text(5), l.Text(6))));

    private static readonly Lazy<IReadOnlyList<ProvinceLineage2025>> ProvinceLineageData = new(() => Read(
        "province-lineage-2025.csv", ["old_province_code", "old_province_name", "new_province_code", "new_province_name"],
        l => new ProvinceLineage2025(l.Code(0, 2), l.Text(1), l.Code(2, 2), l.Text(3))));

    /// <summary>The 3,321 communes in force from 01/07/2025, with their 34 provinces.</summary>
    public static IReadOnlyList<Commune2025> Units2025() => Units2025Data.Value;

    /// <summary>The 10,047 communes in force until 30/06/2025, with their 691 districts and 63 provinces.</summary>
    public static IReadOnlyList<Commune2024> Units2024() => Units2024Data.Value;

    /// <summary>The 10,599 commune lineage rows of the 2025 reform.</summary>
    public static IReadOnlyList<CommuneLineage2025> CommuneLineage2025() => CommuneLineageData.Value;

    /// <summary>The 63 province lineage rows of the 2025 reform.</summary>
    public static IReadOnlyList<ProvinceLineage2025> ProvinceLineage2025() => ProvinceLineageData.Value;

    /// <summary>"Thành phố" or "Tỉnh", from a province's full name.</summary>
    public static string ProvinceType(string provinceName) =>
        provinceName.StartsWith("Thành phố", StringComparison.Ordinal) ? "Thành phố" : "Tỉnh";

    private static IReadOnlyList<T> Read<T>(string file, string[] header, Func<CsvLine, T> map)
    {
        using var stream = typeof(AdministrativeUnitData).Assembly.GetManifestResourceStream("DoanKetSangTao.AdministrativeUnits." + file)
            ?? throw new InvalidOperationException($"{file} is not embedded in DoanKetSangTao.AdministrativeUnits.");
        return CsvTable.Read(stream, file, header, map).AsReadOnly();
    }
}

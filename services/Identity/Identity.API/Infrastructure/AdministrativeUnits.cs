using DoanKetSangTao.AdminUnits;
using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Identity.API.Infrastructure;

public sealed record Province(string Code, string Name);

public sealed record Commune(string ProvinceCode, string Code, string Name, string Key);

/// <summary>
/// The 2025 provinces and communes (the hierarchy of <see cref="Domain.TokenClaims.CurrentHierarchyVersion"/>), for the
/// unit a self-registering author lives in: found by name, diacritics and the "Phường/Xã" prefix optional.
/// </summary>
public sealed class AdministrativeUnits
{
    private readonly List<Commune> communes = [];

    public AdministrativeUnits()
    {
        var rows = AdministrativeUnitData.Units2025();
        var provinces = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            provinces.TryAdd(row.ProvinceCode, row.ProvinceName);
            communes.Add(new Commune(row.ProvinceCode, row.CommuneCode, row.CommuneName, VietnameseText.Fold(row.CommuneName)));
        }

        Provinces = provinces.Select(p => new Province(p.Key, p.Value)).OrderBy(p => VietnameseText.Fold(p.Name), StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<Province> Provinces { get; }

    /// <summary>
    /// The commune a person says they live in (a province chosen from the list, a commune typed by name): the one commune,
    /// or the field to correct (ProvinceCode or CommuneName) and a Vietnamese message saying how.
    /// </summary>
    public (Commune? Commune, string? Field, string? Error) Resolve(string? provinceCode, string? communeName)
    {
        if (provinceCode is null || Provinces.All(p => p.Code != provinceCode))
        {
            return (null, "ProvinceCode", "Vui lòng chọn tỉnh, thành phố nơi bạn cư trú.");
        }

        if (string.IsNullOrWhiteSpace(communeName))
        {
            return (null, "CommuneName", "Vui lòng nhập xã, phường nơi bạn cư trú.");
        }

        var found = Find(provinceCode, communeName);
        return found.Count switch
        {
            1 => (found[0], null, null),
            0 => (null, "CommuneName", "Không tìm thấy xã, phường này trong tỉnh, thành phố đã chọn (theo danh mục từ 01/07/2025)."),
            _ => (null, "CommuneName", $"Có nhiều xã, phường trùng tên: {string.Join(", ", found.Take(8).Select(c => c.Name))}. Hãy nhập đầy đủ tên."),
        };
    }

    /// <summary>The communes of a province whose name matches: exactly (with or without the prefix) first, else those containing it.</summary>
    public IReadOnlyList<Commune> Find(string provinceCode, string name)
    {
        var key = VietnameseText.Fold(name.Trim());
        var inProvince = communes.Where(c => c.ProvinceCode == provinceCode).ToList();
        var exact = inProvince.Where(c => c.Key == key || c.Key.EndsWith(" " + key, StringComparison.Ordinal) && Prefixed(c.Key, key)).ToList();
        return exact.Count > 0 ? exact : inProvince.Where(c => c.Key.Contains(key, StringComparison.Ordinal)).ToList();
    }

    private static bool Prefixed(string communeKey, string key) =>
        communeKey.Length > key.Length && communeKey[..^key.Length].Trim() is "phuong" or "xa" or "dac khu" or "thi tran";
}

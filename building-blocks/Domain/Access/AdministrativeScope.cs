namespace DoanKetSangTao.Domain;

public enum AdministrativeLevel
{
    /// <summary>Trung ương.</summary>
    Central = 0,

    /// <summary>Tỉnh / thành phố trực thuộc trung ương.</summary>
    Province = 1,

    /// <summary>Xã / phường / đặc khu.</summary>
    Commune = 2,
}

/// <summary>
/// The part of the country a person acts for: the centre sees everything, a province officer their
/// province and its communes, a commune officer their commune. Written as a path (<c>VN/01/00004</c>)
/// so that "this unit and everything below it" is a prefix test, whatever the hierarchy's depth.
/// </summary>
public sealed record AdministrativeScope(string? ProvinceCode, string? CommuneCode)
{
    public static readonly AdministrativeScope Central = new(null, null);

    public AdministrativeLevel Level => CommuneCode is not null ? AdministrativeLevel.Commune
        : ProvinceCode is not null ? AdministrativeLevel.Province
        : AdministrativeLevel.Central;

    public string Path => Level switch
    {
        AdministrativeLevel.Central => "VN",
        AdministrativeLevel.Province => $"VN/{ProvinceCode}",
        _ => $"VN/{ProvinceCode}/{CommuneCode}",
    };

    /// <summary>Parses a scope path; null when the value is missing or malformed.</summary>
    public static AdministrativeScope? TryParse(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        var parts = path.Trim().Split('/');
        if (parts[0] != "VN" || parts.Length > 3 || parts.Skip(1).Any(p => p.Length == 0 || !p.All(char.IsAsciiDigit)))
        {
            return null;
        }

        return parts.Length switch
        {
            1 => Central,
            2 => new AdministrativeScope(parts[1], null),
            _ => new AdministrativeScope(parts[1], parts[2]),
        };
    }

    /// <summary>True when a record filed under the given province (and commune, when known) is inside this scope.</summary>
    public bool Covers(string provinceCode, string? communeCode = null) => Level switch
    {
        AdministrativeLevel.Central => true,
        AdministrativeLevel.Province => string.Equals(ProvinceCode, provinceCode, StringComparison.Ordinal),
        _ => string.Equals(ProvinceCode, provinceCode, StringComparison.Ordinal)
             && communeCode is not null
             && string.Equals(CommuneCode, communeCode, StringComparison.Ordinal),
    };

    public override string ToString() => Path;
}

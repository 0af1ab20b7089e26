namespace DoanKetSangTao.Contracts.Vocabulary;

/// <summary>
/// Cấp hội đồng thẩm định (council level): the administrative level a council works at, as every service writes it
/// in events, APIs and databases. A council nominates its best recognized initiatives one level up: commune
/// (cấp xã) → province (cấp tỉnh) → central (Trung ương); the central council's recognition is the national one.
/// </summary>
public static class CouncilLevels
{
    /// <summary>Cấp xã (xã, phường, đặc khu).</summary>
    public const string Commune = "commune";

    /// <summary>Cấp tỉnh (tỉnh, thành phố trực thuộc trung ương).</summary>
    public const string Province = "province";

    /// <summary>Trung ương (Ủy ban Trung ương MTTQ Việt Nam).</summary>
    public const string Central = "central";

    /// <summary>The title the central council's recognition carries.</summary>
    public const string NationalTitle = "Người Việt đoàn kết sáng tạo";

    /// <summary>Where nationally recognized initiatives are published.</summary>
    public const string GoldenBook = "Sách vàng Sáng tạo Việt Nam";

    /// <summary>From the lowest level to the national one: the order lists and reports use.</summary>
    public static readonly IReadOnlyList<string> All = [Commune, Province, Central];

    public static bool IsKnown(string? level) => level is Commune or Province or Central;

    /// <summary>Cấp trên: the level a council nominates to; null for the central council and for an unknown level.</summary>
    public static string? Above(string level) => level switch
    {
        Commune => Province,
        Province => Central,
        _ => null,
    };

    /// <summary>"cấp xã", "cấp tỉnh", "Trung ương", for messages; null for an unknown level.</summary>
    public static string? VietnameseName(string? level) => level switch
    {
        Commune => "cấp xã",
        Province => "cấp tỉnh",
        Central => "Trung ương",
        _ => null,
    };
}

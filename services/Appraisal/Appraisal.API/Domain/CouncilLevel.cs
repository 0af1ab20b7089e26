namespace DoanKetSangTao.Appraisal.API.Domain;

/// <summary>
/// Cấp hội đồng thẩm định: the administrative level a council works at (domain.md, "Administrative levels").
/// A council nominates its best recognized cases to the level above: commune (cấp xã) → province (cấp tỉnh) →
/// central (Trung ương). The central council's recognition is the national one.
/// </summary>
public enum CouncilLevel
{
    /// <summary>Cấp xã (xã, phường, đặc khu).</summary>
    Commune = 1,

    /// <summary>Cấp tỉnh (tỉnh, thành phố trực thuộc trung ương).</summary>
    Province = 2,

    /// <summary>Trung ương (Ủy ban Trung ương MTTQ Việt Nam).</summary>
    Central = 3,
}

/// <summary>Rules of <see cref="CouncilLevel"/> (cấp hội đồng): the level above, and what the national level awards.</summary>
public static class CouncilLevels
{
    /// <summary>The title the central council's recognition carries.</summary>
    public const string NationalTitle = "Người Việt đoàn kết sáng tạo";

    /// <summary>Where nationally recognized initiatives are published.</summary>
    public const string GoldenBook = "Sách vàng Sáng tạo Việt Nam";

    /// <summary>Cấp trên: the level a council nominates to; null for the central council.</summary>
    public static CouncilLevel? Above(this CouncilLevel level) => level switch
    {
        CouncilLevel.Commune => CouncilLevel.Province,
        CouncilLevel.Province => CouncilLevel.Central,
        CouncilLevel.Central => null,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown council level."),
    };

    /// <summary>True for the central council: its recognition is national ("Người Việt đoàn kết sáng tạo", Sách vàng).</summary>
    public static bool IsNational(this CouncilLevel level) => level == CouncilLevel.Central;

    /// <summary>"cấp xã", "cấp tỉnh", "Trung ương": for messages.</summary>
    public static string VietnameseName(this CouncilLevel level) => level switch
    {
        CouncilLevel.Commune => "cấp xã",
        CouncilLevel.Province => "cấp tỉnh",
        CouncilLevel.Central => "Trung ương",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown council level."),
    };
}

using Vocabulary = DoanKetSangTao.Contracts.Vocabulary;

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

/// <summary>
/// Rules of <see cref="CouncilLevel"/> (cấp hội đồng): its wire code, the level above, and its Vietnamese name. The codes,
/// names and the order of levels are the platform's shared vocabulary (<see cref="Vocabulary.CouncilLevels"/>), written
/// once there; the enum lets the rules here switch on a level without strings.
/// </summary>
public static class CouncilLevels
{
    /// <summary>"commune", "province", "central": the code stored, sent in events and shown in the API.</summary>
    public static string Code(this CouncilLevel level) => level switch
    {
        CouncilLevel.Commune => Vocabulary.CouncilLevels.Commune,
        CouncilLevel.Province => Vocabulary.CouncilLevels.Province,
        CouncilLevel.Central => Vocabulary.CouncilLevels.Central,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown council level."),
    };

    /// <summary>The level of a code; null for an unknown one.</summary>
    public static CouncilLevel? TryParse(string? code) => code switch
    {
        Vocabulary.CouncilLevels.Commune => CouncilLevel.Commune,
        Vocabulary.CouncilLevels.Province => CouncilLevel.Province,
        Vocabulary.CouncilLevels.Central => CouncilLevel.Central,
        _ => null,
    };

    /// <summary>The level of a stored code (the database accepts only the three).</summary>
    public static CouncilLevel Parse(string code) => TryParse(code) ?? throw new InvalidOperationException($"Unknown council level '{code}'.");

    /// <summary>Cấp trên: the level a council nominates to; null for the central council.</summary>
    public static CouncilLevel? Above(this CouncilLevel level) => TryParse(Vocabulary.CouncilLevels.Above(level.Code()));

    /// <summary>True for the central council: its recognition is national ("Người Việt đoàn kết sáng tạo", Sách vàng).</summary>
    public static bool IsNational(this CouncilLevel level) => level == CouncilLevel.Central;

    /// <summary>"cấp xã", "cấp tỉnh", "Trung ương": for messages.</summary>
    public static string VietnameseName(this CouncilLevel level) => Vocabulary.CouncilLevels.VietnameseName(level.Code())!;
}

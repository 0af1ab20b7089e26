namespace DoanKetSangTao.Awards.API.Domain;

/// <summary>An award type as eligibility needs it: its code, name and the level it is given at (or "any").</summary>
public sealed record AwardType(string Code, string Name, string Level);

/// <summary>
/// Which forms of commendation a recognition makes an initiative eligible for: those of the recognizing council's
/// level, and those given at any level (the recognition certificate). Central recognition is the national one:
/// "Người Việt đoàn kết sáng tạo" and the Golden Book are central-level types.
/// </summary>
public static class AwardEligibility
{
    public const string AnyLevel = "any";

    /// <summary>Cấp hội đồng: the levels a recognition can be at.</summary>
    public static readonly IReadOnlyList<string> Levels = ["commune", "province", "central"];

    public static bool IsLevel(string? level) => level is not null && Levels.Contains(level);

    public static IReadOnlyList<AwardType> For(string level, IEnumerable<AwardType> types) =>
        types.Where(t => t.Level == level || t.Level == AnyLevel).OrderBy(t => t.Code, StringComparer.Ordinal).ToList();
}

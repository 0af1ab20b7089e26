namespace DoanKetSangTao.Awards.API.Domain;

/// <summary>An award type as eligibility needs it: its code, name and the level it is given at (or "any").</summary>
public sealed record AwardType(string Code, string Name, string Level);

/// <summary>
/// Which forms of commendation a recognition makes an initiative eligible for: those of the recognizing council's
/// level, and those given at any level (the recognition certificate). Central recognition is the national one:
/// "Người Việt đoàn kết sáng tạo" and the Golden Book are central-level types. The levels themselves are the shared
/// vocabulary, <c>CouncilLevels</c> in the contracts.
/// </summary>
public static class AwardEligibility
{
    /// <summary>The level of a type given at every level (Giấy chứng nhận sáng kiến).</summary>
    public const string AnyLevel = "any";

    /// <summary>The types of <paramref name="level"/> and of any level, in code order.</summary>
    public static IReadOnlyList<AwardType> For(string level, IEnumerable<AwardType> types) =>
        types.Where(t => t.Level == level || t.Level == AnyLevel).OrderBy(t => t.Code, StringComparer.Ordinal).ToList();
}

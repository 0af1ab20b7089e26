using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Identity.API.Domain;

/// <summary>
/// Thứ bậc vai trò (role ranks): who may grant what. A person may grant a role only up to the highest rank they hold
/// (delegated administration: "never a role above their own"); an operator ranks above everyone.
/// </summary>
public static class RoleRanks
{
    private static readonly Dictionary<string, int> Ranks = new(StringComparer.Ordinal)
    {
        [PlatformRoles.Author] = 0,
        [PlatformRoles.CouncilMember] = 1,
        [PlatformRoles.UnitOfficer] = 2,
        [PlatformRoles.MemberOrganizationOfficer] = 2,
        [PlatformRoles.CouncilSecretary] = 3,
        [PlatformRoles.FrontOfficer] = 4,
        [PlatformRoles.Operator] = 5,
    };

    public static IReadOnlyCollection<string> All => Ranks.Keys;

    public static bool IsKnown(string role) => Ranks.ContainsKey(role);

    public static int Of(string role) => Ranks.TryGetValue(role, out var rank) ? rank : -1;

    /// <summary>Roles that must sign in with a second factor (TOTP): officers, council secretaries and operators.</summary>
    public static bool NeedsSecondFactor(string role) => role is PlatformRoles.FrontOfficer or PlatformRoles.UnitOfficer
        or PlatformRoles.MemberOrganizationOfficer or PlatformRoles.CouncilSecretary or PlatformRoles.Operator;
}

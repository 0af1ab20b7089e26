using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Identity.API.Domain;

/// <summary>Who is administering: the roles they hold in force today and the unit they hold them for.</summary>
public sealed record Administrator(string Id, IReadOnlyCollection<string> Roles, AdministrativeScope? Scope)
{
    public bool IsOperator => Roles.Contains(PlatformRoles.Operator);

    public int HighestRank => Roles.Count == 0 ? -1 : Roles.Max(RoleRanks.Of);
}

/// <summary>
/// Quản trị phân cấp (delegated administration): a Front officer manages accounts and assignments only at and below
/// their own unit and never grants a role above their own; an operator manages everything.
/// </summary>
public static class DelegatedAdministration
{
    public static bool MayAdminister(Administrator actor) => actor.IsOperator || (actor.Roles.Contains(PlatformRoles.FrontOfficer) && actor.Scope is not null);

    /// <summary>True when the unit (a path) is the actor's own or below it.</summary>
    public static bool Covers(Administrator actor, AdministrativeScope unit) =>
        actor.IsOperator || (actor.Scope is { } own && IsAtOrBelow(unit, own));

    /// <summary>Refuses an assignment the actor may not grant; null when they may.</summary>
    public static Refusal? CheckGrant(Administrator actor, string role, AdministrativeScope unit)
    {
        if (!RoleRanks.IsKnown(role))
        {
            return Refusal.InvalidInput("unknown_role", $"Vai trò '{role}' không tồn tại. Chọn một trong: {string.Join(", ", RoleRanks.All)}.");
        }

        if (!MayAdminister(actor))
        {
            return Refusal.Forbidden("not_an_administrator", "Chỉ cán bộ Ủy ban MTTQ và người vận hành được quản lý tài khoản.");
        }

        if (!Covers(actor, unit))
        {
            return Refusal.Forbidden("unit_outside_scope", $"Đơn vị {unit.Path} nằm ngoài phạm vi quản lý của bạn ({actor.Scope?.Path ?? "không có"}).");
        }

        if (!actor.IsOperator && RoleRanks.Of(role) > actor.HighestRank)
        {
            return Refusal.Forbidden("role_above_own", "Không thể giao vai trò cao hơn vai trò của chính bạn.");
        }

        if (!actor.IsOperator && role == PlatformRoles.FrontOfficer && unit.Path == actor.Scope!.Path)
        {
            // A peer at one's own level is created by the level above: otherwise one officer could multiply their own office.
            return Refusal.Forbidden("peer_grant", "Cán bộ cùng cấp do cấp trên giao; bạn chỉ giao vai trò cán bộ MTTQ cho cấp dưới.");
        }

        return null;
    }

    private static bool IsAtOrBelow(AdministrativeScope unit, AdministrativeScope own) =>
        own.Level switch
        {
            AdministrativeLevel.Central => true,
            AdministrativeLevel.Province => unit.ProvinceCode == own.ProvinceCode,
            _ => unit.ProvinceCode == own.ProvinceCode && unit.CommuneCode == own.CommuneCode,
        };
}

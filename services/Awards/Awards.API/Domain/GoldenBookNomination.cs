using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Awards.API.Domain;

/// <summary>Who is nominating, as the rule needs it: their roles, their area and the organization they act for.</summary>
public sealed record Nominator(bool IsFrontOfficer, bool IsMemberOrganizationOfficer, AdministrativeScope? Scope, string? OrganizationId);

/// <summary>
/// Đề cử vào Sách vàng (nomination): who may nominate which work.
/// <list type="bullet">
/// <item>A province's Front officer (cán bộ Ủy ban MTTQ tỉnh: front_officer, scope VN/{tỉnh}) nominates works of their
/// province. The centre does not nominate: it selects.</item>
/// <item>A member organization's officer (cán bộ tổ chức thành viên: member_org_officer, with their organization) at
/// province level nominates works of their province; at central level (scope VN), works anywhere.</item>
/// <item>Only nationally recognized works (công nhận cấp Trung ương: a central candidate), one nomination per work and
/// year, with the nominator's reason (lý do đề cử), before the edition's due date.</item>
/// </list>
/// </summary>
public static class GoldenBookNomination
{
    public const int ReasonMaxLength = 2000;

    /// <summary>Whether the caller nominates at all (role and level), before anything is read.</summary>
    public static Refusal? RefuseNominator(Nominator who) => who.Scope switch
    {
        { Level: AdministrativeLevel.Province } when who.IsFrontOfficer || IsOrganizationOfficer(who) => null,
        { Level: AdministrativeLevel.Central } when IsOrganizationOfficer(who) => null,
        _ => GoldenBookRefusals.NominatorNotAllowed,
    };

    /// <summary>Whether the work's province is in the nominator's area (a central organization officer's is the country).</summary>
    public static Refusal? RefuseArea(Nominator who, string provinceCode) =>
        who.Scope is { } scope && scope.Covers(provinceCode) ? null : GoldenBookRefusals.OutsideScope;

    /// <summary>Lý do (a reason: of a nomination, of a choice among ties): required, NFC, at most <see cref="ReasonMaxLength"/> characters; null with the errors otherwise.</summary>
    public static string? ReadReason(string? reason, FieldErrors errors, string missing = "Vui lòng nêu lý do đề cử sáng kiến vào Sách vàng.")
    {
        var text = VietnameseText.TryNormalize(reason, allowNewLines: true);
        if (reason is not null && text is null)
        {
            errors.Add("reason", "Lý do chứa ký tự không hợp lệ. Vui lòng gõ lại.");
            return null;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add("reason", missing);
            return null;
        }

        if (text.Length > ReasonMaxLength)
        {
            errors.Add("reason", $"Lý do tối đa {ReasonMaxLength} ký tự.");
            return null;
        }

        return text;
    }

    // Nominations are the organization's, so an officer whose token names none cannot make one.
    private static bool IsOrganizationOfficer(Nominator who) => who.IsMemberOrganizationOfficer && !string.IsNullOrEmpty(who.OrganizationId);
}

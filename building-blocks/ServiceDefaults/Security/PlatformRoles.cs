namespace DoanKetSangTao.ServiceDefaults.Security;

/// <summary>Roles carried in the token's <c>role</c> claim (architecture.md, "Identity and access").</summary>
public static class PlatformRoles
{
    /// <summary>Tác giả: registers and follows their own initiatives.</summary>
    public const string Author = "author";

    /// <summary>Cán bộ đơn vị: officer of a unit (agency, enterprise, school...).</summary>
    public const string UnitOfficer = "unit_officer";

    /// <summary>Cán bộ tổ chức thành viên: officer of a member organization of the Front.</summary>
    public const string MemberOrganizationOfficer = "member_org_officer";

    /// <summary>Cán bộ Ủy ban MTTQ: Front officer at a level (commune, province, centre).</summary>
    public const string FrontOfficer = "front_officer";

    /// <summary>Thư ký hội đồng thẩm định.</summary>
    public const string CouncilSecretary = "council_secretary";

    /// <summary>Thành viên hội đồng thẩm định.</summary>
    public const string CouncilMember = "council_member";

    /// <summary>Front IT operator.</summary>
    public const string Operator = "operator";
}

/// <summary>Claim types the platform reads from tokens.</summary>
public static class PlatformClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Email = "email";
    public const string Role = "role";

    /// <summary>The administrative unit a person acts for, as a path: <c>VN</c>, <c>VN/01</c> or <c>VN/01/00004</c>.</summary>
    public const string AdministrativeUnit = "admin_unit";

    /// <summary>The organization (unit or member organization) a person acts for.</summary>
    public const string Organization = "org";
}

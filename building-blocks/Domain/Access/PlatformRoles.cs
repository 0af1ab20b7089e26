namespace DoanKetSangTao.Domain;

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

    /// <summary>An integration client (another system) acting with its own credentials, within the scopes it was given.</summary>
    public const string Integration = "integration";
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

    /// <summary>The version of the administrative hierarchy the unit was computed against (e.g. <c>2025-07-01</c>).</summary>
    public const string HierarchyVersion = "hierarchy_version";

    /// <summary>The OAuth scopes granted, space-separated (OpenIddict writes one <c>scope</c> claim per scope when validating).</summary>
    public const string Scope = "scope";

    /// <summary>The client the token was issued to.</summary>
    public const string ClientId = "client_id";
}

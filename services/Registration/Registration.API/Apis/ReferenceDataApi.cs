using Dapper;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Localization;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Registration.API.Apis;

public sealed record AdministrativeUnitResponse(string Code, string Name, string Level, string UnitType, string? ParentCode);

public sealed record CreateOrganizationRequest(string? Name, string? Kind, string? CommuneCode, Guid? ParentId);

public sealed record OrganizationResponse(Guid Id, string Name, string Kind, string ProvinceCode, string? CommuneCode, Guid? ParentId);

public static class ReferenceDataApi
{
    public static readonly IReadOnlySet<string> OrganizationKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "agency", "enterprise", "cooperative", "school", "hospital", "member_organization", "front_committee", "other",
    };

    public static IEndpointRouteBuilder MapReferenceDataApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/administrative-units", ListAdministrativeUnits).WithTags("Đơn vị hành chính (administrative units)");
        var orgs = app.MapGroup("/api/v1/organizations").WithTags("Cơ quan, đơn vị (organizations)");
        orgs.MapPost("/", CreateOrganization).RequireRoles(PlatformRoles.FrontOfficer, PlatformRoles.Operator);
        orgs.MapGet("/{id:guid}", GetOrganization);
        return app;
    }

    /// <summary>Provinces (no parameter) or the communes of one province; retired units are left out.</summary>
    public static async Task<Ok<List<AdministrativeUnitResponse>>> ListAdministrativeUnits(string? provinceCode, [AsParameters] RegistrationServices services)
    {
        await using var connection = await services.Db.OpenConnectionAsync();
        var rows = await connection.QueryAsync<AdministrativeUnitResponse>(
            """
            SELECT code AS Code, name AS Name, level AS Level, unit_type AS UnitType, parent_code AS ParentCode FROM administrative_units
            WHERE retired_at IS NULL AND (CASE WHEN @provinceCode IS NULL THEN level = 'province' ELSE parent_code = @provinceCode END)
            ORDER BY code
            """, new { provinceCode });
        return TypedResults.Ok(rows.ToList());
    }

    public static async Task<Results<Created<OrganizationResponse>, ProblemHttpResult>> CreateOrganization(
        CreateOrganizationRequest request, [AsParameters] RegistrationServices services)
    {
        var name = VietnameseText.TryNormalize(request.Name);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(name) || name.Length > 300)
        {
            errors["name"] = ["Vui lòng nhập tên cơ quan, đơn vị (tối đa 300 ký tự)."];
        }

        if (request.Kind is null || !OrganizationKinds.Contains(request.Kind))
        {
            errors["kind"] = [$"Loại tổ chức phải là một trong: {string.Join(", ", OrganizationKinds)}."];
        }

        await using var connection = await services.Db.OpenConnectionAsync();
        var commune = await connection.QuerySingleOrDefaultAsync<CommuneRow>(
            "SELECT code AS Code, parent_code AS ParentCode FROM administrative_units WHERE code = @code AND level = 'commune' AND retired_at IS NULL",
            new { code = request.CommuneCode });
        if (commune is null)
        {
            errors["communeCode"] = ["Mã xã/phường không có trong danh mục đơn vị hành chính hiện hành."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (!services.User.CanAccess(commune!.ParentCode, commune.Code))
        {
            return Problems.Forbidden("organization_outside_scope", "Bạn chỉ được khai báo cơ quan, đơn vị trong địa bàn mình phụ trách.");
        }

        if (request.ParentId is { } parentId)
        {
            var parent = await connection.QuerySingleOrDefaultAsync<ParentRow>(
                "SELECT province_code AS ProvinceCode, commune_code AS CommuneCode FROM organizations WHERE id = @parentId", new { parentId });
            if (parent is null)
            {
                return Problems.Validation(new Dictionary<string, string[]> { ["parentId"] = ["Không tìm thấy tổ chức cấp trên đã chọn."] });
            }

            // A parent may sit higher (a province federation above a commune union), but the officer must reach it too.
            if (!services.User.CanAccess(parent.ProvinceCode, parent.CommuneCode) && !services.User.CanAccess(parent.ProvinceCode))
            {
                return Problems.Forbidden("organization_outside_scope", "Tổ chức cấp trên đã chọn nằm ngoài địa bàn bạn phụ trách.");
            }
        }

        var org = new OrganizationResponse(Guid.CreateVersion7(), name!, request.Kind!, commune.ParentCode, commune.Code, request.ParentId);
        await connection.ExecuteAsync(
            """
            INSERT INTO organizations (id, name, kind, province_code, commune_code, parent_id, created_by)
            VALUES (@Id, @Name, @Kind, @ProvinceCode, @CommuneCode, @ParentId, @CreatedBy)
            """, new { org.Id, org.Name, org.Kind, org.ProvinceCode, org.CommuneCode, org.ParentId, CreatedBy = services.User.Id });
        return TypedResults.Created($"/api/v1/organizations/{org.Id}", org);
    }

    public static async Task<Results<Ok<OrganizationResponse>, ProblemHttpResult>> GetOrganization(Guid id, [AsParameters] RegistrationServices services)
    {
        await using var connection = await services.Db.OpenConnectionAsync();
        var org = await connection.QuerySingleOrDefaultAsync<OrganizationResponse>(
            """
            SELECT id AS Id, name AS Name, kind AS Kind, province_code AS ProvinceCode, commune_code AS CommuneCode, parent_id AS ParentId
            FROM organizations WHERE id = @id
            """, new { id });
        return org is null
            ? Problems.NotFound("organization_not_found", "Không tìm thấy cơ quan, đơn vị.")
            : TypedResults.Ok(org);
    }

    private sealed record CommuneRow(string Code, string ParentCode);

    private sealed record ParentRow(string ProvinceCode, string? CommuneCode);
}

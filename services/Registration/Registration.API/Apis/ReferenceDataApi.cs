using Dapper;
using DoanKetSangTao.Registration.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.Domain;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Registration.API.Apis;

public sealed record AdministrativeUnitResponse(
    string Code, string Name, string Level, string UnitType, string? ParentCode, DateTimeOffset? RetiredAt, string? MergedIntoCode, string? RetiredReason);

public sealed record CreateAdministrativeUnitRequest(string? Code, string? Name, string? Level, string? UnitType, string? ParentCode);

public sealed record RetireAdministrativeUnitRequest(string? MergedIntoCode, string? Reason);

public sealed record CreateOrganizationRequest(string? Name, string? Kind, string? CommuneCode, Guid? ParentId, string? ShortName = null, string? ProvinceCode = null);

public sealed record OrganizationResponse(Guid Id, string Name, string? ShortName, string Kind, string ProvinceCode, string? CommuneCode, Guid? ParentId);

public sealed record MovementPlanRequest(string? DocumentNumber, DateOnly? IssuedOn);

public sealed record MovementPlanResponse(Guid OrganizationId, Guid CampaignId, string DocumentNumber, DateOnly IssuedOn, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>Danh mục: administrative units (as data, retired and merged without losing history), organizations and their movement plans.</summary>
public static class ReferenceDataApi
{
    public static readonly IReadOnlySet<string> OrganizationKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "agency", "enterprise", "cooperative", "school", "hospital", "member_organization", "member_organization_branch", "front_committee", "other",
    };

    public static IEndpointRouteBuilder MapReferenceDataApi(this IEndpointRouteBuilder app)
    {
        var units = app.MapGroup("/api/v1/administrative-units").WithTags("Đơn vị hành chính (administrative units)");
        units.MapGet("/", ListAdministrativeUnits);
        units.MapGet("/{code}", GetAdministrativeUnit);
        units.MapPost("/", CreateAdministrativeUnit).RequireRoles(PlatformRoles.Operator);
        units.MapPost("/{code}/retire", RetireAdministrativeUnit).RequireRoles(PlatformRoles.Operator);

        var orgs = app.MapGroup("/api/v1/organizations").WithTags("Cơ quan, đơn vị (organizations)");
        orgs.MapPost("/", CreateOrganization).RequireRoles(PlatformRoles.FrontOfficer, PlatformRoles.Operator);
        orgs.MapGet("/", ListOrganizations);
        orgs.MapGet("/{id:guid}", GetOrganization);
        orgs.MapPut("/{id:guid}/movement-plans/{campaignId:guid}", RecordMovementPlan)
            .RequireRoles(PlatformRoles.UnitOfficer, PlatformRoles.MemberOrganizationOfficer, PlatformRoles.FrontOfficer);
        orgs.MapGet("/{id:guid}/movement-plans", ListMovementPlans)
            .RequireRoles(PlatformRoles.UnitOfficer, PlatformRoles.MemberOrganizationOfficer, PlatformRoles.FrontOfficer, PlatformRoles.Operator);
        return app;
    }

    private const string UnitColumns = """
        code AS Code, name AS Name, level AS Level, unit_type AS UnitType, parent_code AS ParentCode, retired_at AS RetiredAt,
        merged_into_code AS MergedIntoCode, retired_reason AS RetiredReason
        """;

    /// <summary>Provinces (no parameter) or the communes of one province; retired units only when asked for.</summary>
    public static async Task<Ok<List<AdministrativeUnitResponse>>> ListAdministrativeUnits(
        string? provinceCode, bool? includeRetired, [AsParameters] RegistrationServices services)
    {
        await using var connection = await services.Db.OpenConnectionAsync();
        var rows = await connection.QueryAsync<UnitRow>(
            $"""
            SELECT {UnitColumns} FROM administrative_units
            WHERE (@includeRetired OR retired_at IS NULL)
              AND (CASE WHEN @provinceCode::text IS NULL THEN level = 'province' ELSE parent_code = @provinceCode END)
            ORDER BY code
            """, new { provinceCode, includeRetired = includeRetired == true });
        return TypedResults.Ok(rows.Select(r => r.ToResponse()).ToList());
    }

    public static async Task<Results<Ok<AdministrativeUnitResponse>, ProblemHttpResult>> GetAdministrativeUnit(string code, [AsParameters] RegistrationServices services)
    {
        await using var connection = await services.Db.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<UnitRow>($"SELECT {UnitColumns} FROM administrative_units WHERE code = @code", new { code });
        return row is null
            ? Problems.NotFound("administrative_unit_not_found", "Không có đơn vị hành chính với mã này.")
            : TypedResults.Ok(row.ToResponse());
    }

    /// <summary>Thêm đơn vị hành chính: a unit created by a reorganization, before the shipped list catches up.</summary>
    public static async Task<Results<Created<AdministrativeUnitResponse>, ProblemHttpResult>> CreateAdministrativeUnit(
        CreateAdministrativeUnitRequest request, [AsParameters] RegistrationServices services)
    {
        var errors = new Dictionary<string, string[]>();
        var name = VietnameseText.TryNormalize(request.Name);
        var unitType = VietnameseText.TryNormalize(request.UnitType);
        var province = request.Level == "province";
        if (request.Level is not ("province" or "commune"))
        {
            errors["level"] = ["Cấp đơn vị phải là province (tỉnh/thành phố) hoặc commune (xã/phường/đặc khu)."];
        }
        else if (request.Code is null || request.Code.Length != (province ? 2 : 5) || !request.Code.All(char.IsAsciiDigit))
        {
            errors["code"] = [province ? "Mã tỉnh/thành phố gồm 2 chữ số." : "Mã xã/phường gồm 5 chữ số."];
        }

        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            errors["name"] = ["Vui lòng nhập tên đơn vị hành chính (tối đa 200 ký tự)."];
        }

        if (string.IsNullOrEmpty(unitType) || unitType.Length > 50)
        {
            errors["unitType"] = ["Vui lòng nhập loại đơn vị (Tỉnh, Thành phố, Xã, Phường, Đặc khu)."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        await using var connection = await services.Db.OpenConnectionAsync();
        if (!province && await connection.ExecuteScalarAsync<int>(
                "SELECT count(*) FROM administrative_units WHERE code = @ParentCode AND level = 'province' AND retired_at IS NULL", new { request.ParentCode }) == 0)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["parentCode"] = ["Xã/phường phải thuộc một tỉnh/thành phố hiện hành."] });
        }

        var inserted = await connection.ExecuteAsync(
            """
            INSERT INTO administrative_units (code, name, level, unit_type, parent_code, source)
            VALUES (@Code, @name, @Level, @unitType, @parent, 'operator') ON CONFLICT (code) DO NOTHING
            """, new { request.Code, name, request.Level, unitType, parent = province ? null : request.ParentCode });
        if (inserted == 0)
        {
            return Problems.Conflict("administrative_unit_exists", "Mã đơn vị hành chính này đã có trong danh mục (kể cả đơn vị đã giải thể, sáp nhập).");
        }

        var row = await connection.QuerySingleAsync<UnitRow>($"SELECT {UnitColumns} FROM administrative_units WHERE code = @Code", new { request.Code });
        return TypedResults.Created($"/api/v1/administrative-units/{request.Code}", row.ToResponse());
    }

    /// <summary>
    /// Giải thể / sáp nhập: the unit is retired (optionally merged into another of the same level). Records filed
    /// under it keep its code; lists and scopes of the unit it merged into include them.
    /// </summary>
    public static async Task<Results<Ok<AdministrativeUnitResponse>, ProblemHttpResult>> RetireAdministrativeUnit(
        string code, RetireAdministrativeUnitRequest request, [AsParameters] RegistrationServices services)
    {
        var reason = VietnameseText.TryNormalize(request.Reason, allowNewLines: true);
        if (string.IsNullOrEmpty(reason) || reason.Length > 1000)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["reason"] = ["Vui lòng nêu căn cứ (ví dụ số nghị quyết sắp xếp đơn vị hành chính)."] });
        }

        await using var connection = await services.Db.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var unit = await connection.QuerySingleOrDefaultAsync<UnitRow>(
            $"SELECT {UnitColumns} FROM administrative_units WHERE code = @code FOR UPDATE", new { code }, transaction);
        if (unit is null)
        {
            return Problems.NotFound("administrative_unit_not_found", "Không có đơn vị hành chính với mã này.");
        }

        if (unit.RetiredAt is not null)
        {
            return Problems.Conflict("administrative_unit_retired", "Đơn vị hành chính này đã giải thể hoặc sáp nhập trước đó.");
        }

        if (request.MergedIntoCode is { } target)
        {
            var targetLevel = await connection.QuerySingleOrDefaultAsync<string>(
                "SELECT level FROM administrative_units WHERE code = @target AND retired_at IS NULL", new { target }, transaction);
            if (targetLevel != unit.Level || target == code)
            {
                return Problems.Validation(new Dictionary<string, string[]> { ["mergedIntoCode"] = ["Đơn vị tiếp nhận phải là một đơn vị hiện hành khác, cùng cấp."] });
            }
        }

        await connection.ExecuteAsync(
            "UPDATE administrative_units SET retired_at = now(), merged_into_code = @MergedIntoCode, retired_reason = @reason WHERE code = @code",
            new { code, request.MergedIntoCode, reason }, transaction);
        await transaction.CommitAsync();
        var row = await connection.QuerySingleAsync<UnitRow>($"SELECT {UnitColumns} FROM administrative_units WHERE code = @code", new { code });
        return TypedResults.Ok(row.ToResponse());
    }

    /// <summary>
    /// Khai báo cơ quan, đơn vị: a unit in a commune, or a province-level organization (a federation, a
    /// department) with <c>provinceCode</c> and no commune, under an optional parent.
    /// </summary>
    public static async Task<Results<Created<OrganizationResponse>, ProblemHttpResult>> CreateOrganization(
        CreateOrganizationRequest request, [AsParameters] RegistrationServices services)
    {
        var name = VietnameseText.TryNormalize(request.Name);
        var shortName = VietnameseText.TryNormalize(request.ShortName);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(name) || name.Length > 300)
        {
            errors["name"] = ["Vui lòng nhập tên cơ quan, đơn vị (tối đa 300 ký tự)."];
        }

        if ((request.ShortName is not null && shortName is null) || shortName is { Length: > 50 })
        {
            errors["shortName"] = ["Tên viết tắt không hợp lệ (tối đa 50 ký tự)."];
        }

        if (request.Kind is null || !OrganizationKinds.Contains(request.Kind))
        {
            errors["kind"] = [$"Loại tổ chức phải là một trong: {string.Join(", ", OrganizationKinds)}."];
        }

        await using var connection = await services.Db.OpenConnectionAsync();
        string? provinceCode;
        string? communeCode = null;
        if (request.CommuneCode is not null)
        {
            var commune = await connection.QuerySingleOrDefaultAsync<CommuneRow>(
                "SELECT code AS Code, parent_code AS ParentCode FROM administrative_units WHERE code = @code AND level = 'commune' AND retired_at IS NULL",
                new { code = request.CommuneCode });
            provinceCode = commune?.ParentCode;
            communeCode = commune?.Code;
            if (commune is null)
            {
                errors["communeCode"] = ["Mã xã/phường không có trong danh mục đơn vị hành chính hiện hành."];
            }
        }
        else
        {
            provinceCode = await connection.QuerySingleOrDefaultAsync<string>(
                "SELECT code FROM administrative_units WHERE code = @code AND level = 'province' AND retired_at IS NULL", new { code = request.ProvinceCode });
            if (provinceCode is null)
            {
                errors["communeCode"] = ["Vui lòng chọn xã/phường nơi đơn vị đặt trụ sở (hoặc tỉnh/thành phố với tổ chức cấp tỉnh)."];
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (!services.User.CanAccess(provinceCode!, communeCode))
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

        var org = new OrganizationResponse(Guid.CreateVersion7(), name!, shortName, request.Kind!, provinceCode!, communeCode, request.ParentId);
        await connection.ExecuteAsync(
            """
            INSERT INTO organizations (id, name, short_name, kind, province_code, commune_code, parent_id, created_by)
            VALUES (@Id, @Name, @ShortName, @Kind, @ProvinceCode, @CommuneCode, @ParentId, @CreatedBy)
            """, new { org.Id, org.Name, org.ShortName, org.Kind, org.ProvinceCode, org.CommuneCode, org.ParentId, CreatedBy = services.User.Id });
        return TypedResults.Created($"/api/v1/organizations/{org.Id}", org);
    }

    private const string OrganizationColumns = """
        id AS Id, name AS Name, short_name AS ShortName, kind AS Kind, province_code AS ProvinceCode, commune_code AS CommuneCode, parent_id AS ParentId
        """;

    public static async Task<Results<Ok<OrganizationResponse>, ProblemHttpResult>> GetOrganization(Guid id, [AsParameters] RegistrationServices services)
    {
        await using var connection = await services.Db.OpenConnectionAsync();
        var org = await connection.QuerySingleOrDefaultAsync<OrganizationResponse>($"SELECT {OrganizationColumns} FROM organizations WHERE id = @id", new { id });
        return org is null
            ? Problems.NotFound("organization_not_found", "Không tìm thấy cơ quan, đơn vị.")
            : TypedResults.Ok(org);
    }

    /// <summary>Organizations by parent or area, optionally by name (diacritics ignored), for pickers and officers' trees.</summary>
    public static async Task<Results<Ok<List<OrganizationResponse>>, ProblemHttpResult>> ListOrganizations(
        Guid? parentId, string? provinceCode, string? communeCode, string? q, [AsParameters] RegistrationServices services)
    {
        if (parentId is null && provinceCode is null && communeCode is null)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["provinceCode"] = ["Vui lòng lọc theo tổ chức cấp trên, tỉnh/thành phố hoặc xã/phường."] });
        }

        if (q is { Length: > 200 })
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["q"] = ["Từ khóa tìm kiếm dài tối đa 200 ký tự."] });
        }

        // The name filter folds diacritics in C# (one way, as search does), so it runs over the whole area before the page is cut.
        await using var connection = await services.Db.OpenConnectionAsync();
        var rows = await connection.QueryAsync<OrganizationResponse>(
            $"""
            SELECT {OrganizationColumns} FROM organizations
            WHERE (@parentId::uuid IS NULL OR parent_id = @parentId) AND (@provinceCode::text IS NULL OR province_code = @provinceCode)
              AND (@communeCode::text IS NULL OR commune_code = @communeCode)
            ORDER BY name
            """, new { parentId, provinceCode, communeCode });
        var words = q is null ? [] : VietnameseText.SearchKey(q).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return TypedResults.Ok(rows
            .Where(o => words.Length == 0 || words.All(w => VietnameseText.SearchKey(o.Name + " " + o.ShortName).Contains(w, StringComparison.Ordinal)))
            .Take(MaxOrganizations)
            .ToList());
    }

    public const int MaxOrganizations = 500;

    /// <summary>
    /// Kế hoạch hưởng ứng: records that the organization has its movement plan for the campaign (number and date),
    /// by its own officers, an upper-level officer, or the Front officer of its area.
    /// </summary>
    public static async Task<Results<Ok<MovementPlanResponse>, ProblemHttpResult>> RecordMovementPlan(
        Guid id, Guid campaignId, MovementPlanRequest request, [AsParameters] RegistrationServices services)
    {
        await using var connection = await services.Db.OpenConnectionAsync();
        await RegistrationRules.CampaignAsync(connection, campaignId);
        var allowed = await OrganizationVisibleAsync(connection, id, services.User);
        if (allowed is null)
        {
            return Problems.NotFound("organization_not_found", "Không tìm thấy cơ quan, đơn vị.");
        }

        if (allowed == false)
        {
            return Problems.Forbidden("organization_outside_scope", "Bạn chỉ được ghi nhận kế hoạch của đơn vị mình, đơn vị trực thuộc hoặc đơn vị trong địa bàn phụ trách.");
        }

        // The plan itself is checked only for a caller allowed to record it (403 before 400).
        var number = VietnameseText.TryNormalize(request.DocumentNumber);
        var today = DateOnly.FromDateTime(VietnamTime.ToLocal(services.Clock.GetUtcNow()).DateTime);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(number) || number.Length > 100)
        {
            errors["documentNumber"] = ["Vui lòng nhập số, ký hiệu của kế hoạch (ví dụ 12/KH-LĐLĐ)."];
        }

        if (request.IssuedOn is not { } issued || issued > today || issued.Year < 2000)
        {
            errors["issuedOn"] = ["Ngày ban hành kế hoạch phải là một ngày đã qua."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var plan = new MovementPlanResponse(id, campaignId, number!, request.IssuedOn!.Value, services.User.Id, services.Clock.GetUtcNow());
        await connection.ExecuteAsync(
            """
            INSERT INTO movement_plans (organization_id, campaign_id, document_number, issued_on, recorded_by, recorded_at)
            VALUES (@OrganizationId, @CampaignId, @DocumentNumber, @issuedOn, @RecordedBy, @recordedAt)
            ON CONFLICT (organization_id, campaign_id) DO UPDATE SET document_number = EXCLUDED.document_number, issued_on = EXCLUDED.issued_on,
                recorded_by = EXCLUDED.recorded_by, recorded_at = EXCLUDED.recorded_at
            """,
            new { plan.OrganizationId, plan.CampaignId, plan.DocumentNumber, issuedOn = plan.IssuedOn.ToDateTime(TimeOnly.MinValue), plan.RecordedBy, recordedAt = plan.RecordedAt.UtcDateTime });
        return TypedResults.Ok(plan);
    }

    /// <summary>An organization's movement plans, with who recorded them: to the officers who may see the organization.</summary>
    public static async Task<Results<Ok<List<MovementPlanResponse>>, ProblemHttpResult>> ListMovementPlans(Guid id, [AsParameters] RegistrationServices services)
    {
        await using var connection = await services.Db.OpenConnectionAsync();
        var allowed = await OrganizationVisibleAsync(connection, id, services.User);
        if (allowed is null)
        {
            return Problems.NotFound("organization_not_found", "Không tìm thấy cơ quan, đơn vị.");
        }

        if (allowed == false)
        {
            return Problems.Forbidden("organization_outside_scope",
                "Bạn chỉ được xem kế hoạch của đơn vị mình, đơn vị trực thuộc hoặc đơn vị trong địa bàn phụ trách.");
        }

        var rows = await connection.QueryAsync<PlanRow>(
            """
            SELECT organization_id AS OrganizationId, campaign_id AS CampaignId, document_number AS DocumentNumber, issued_on AS IssuedOn,
                   recorded_by AS RecordedBy, recorded_at AS RecordedAt
            FROM movement_plans WHERE organization_id = @id ORDER BY issued_on DESC
            """, new { id });
        return TypedResults.Ok(rows.Select(r => new MovementPlanResponse(r.OrganizationId, r.CampaignId, r.DocumentNumber, DateOnly.FromDateTime(r.IssuedOn),
            r.RecordedBy, new DateTimeOffset(DateTime.SpecifyKind(r.RecordedAt, DateTimeKind.Utc)))).ToList());
    }

    /// <summary>Null when there is no such organization; else whether the caller reaches it (<see cref="InitiativeAccess.OrganizationPredicate"/>).</summary>
    private static async Task<bool?> OrganizationVisibleAsync(Npgsql.NpgsqlConnection connection, Guid id, CurrentUser user)
    {
        var parameters = new DynamicParameters(new { id });
        return await connection.QuerySingleOrDefaultAsync<bool?>(
            $"SELECT {new InitiativeAccess(user).OrganizationPredicate(parameters)} FROM organizations o WHERE o.id = @id", parameters);
    }

    private sealed record CommuneRow(string Code, string ParentCode);

    private sealed record ParentRow(string ProvinceCode, string? CommuneCode);

    private sealed class PlanRow
    {
        public Guid OrganizationId { get; init; }

        public Guid CampaignId { get; init; }

        public string DocumentNumber { get; init; } = string.Empty;

        public DateTime IssuedOn { get; init; }

        public string RecordedBy { get; init; } = string.Empty;

        public DateTime RecordedAt { get; init; }
    }

    private sealed class UnitRow
    {
        public string Code { get; init; } = string.Empty;

        public string Name { get; init; } = string.Empty;

        public string Level { get; init; } = string.Empty;

        public string UnitType { get; init; } = string.Empty;

        public string? ParentCode { get; init; }

        public DateTime? RetiredAt { get; init; }

        public string? MergedIntoCode { get; init; }

        public string? RetiredReason { get; init; }

        public AdministrativeUnitResponse ToResponse() => new(Code, Name, Level, UnitType, ParentCode,
            RetiredAt is { } r ? new DateTimeOffset(DateTime.SpecifyKind(r, DateTimeKind.Utc)) : null, MergedIntoCode, RetiredReason);
    }
}

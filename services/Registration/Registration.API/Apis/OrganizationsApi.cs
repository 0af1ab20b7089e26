using DoanKetSangTao.Domain;
using DoanKetSangTao.Registration.API.Domain;
using DoanKetSangTao.Registration.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Registration.API.Apis;

/// <summary>Cơ quan, đơn vị, <c>/api/v1/organizations</c>: organizations in their tree and area, and their movement plans.</summary>
public static class OrganizationsApi
{
    public const int MaxOrganizations = 500;

    public static readonly IReadOnlySet<string> OrganizationKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "agency", "enterprise", "cooperative", "school", "hospital", "member_organization", "member_organization_branch", "front_committee", "other",
    };

    public static RouteGroupBuilder MapOrganizationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/organizations").WithTags("Cơ quan, đơn vị (organizations)");
        api.MapPost("/", CreateOrganization).RequireRoles(PlatformRoles.FrontOfficer, PlatformRoles.Operator);
        api.MapGet("/", ListOrganizations);
        api.MapGet("/{id:guid}", GetOrganization);
        api.MapPut("/{id:guid}/movement-plans/{campaignId:guid}", RecordMovementPlan)
            .RequireRoles(PlatformRoles.UnitOfficer, PlatformRoles.MemberOrganizationOfficer, PlatformRoles.FrontOfficer);
        api.MapGet("/{id:guid}/movement-plans", ListMovementPlans)
            .RequireRoles(PlatformRoles.UnitOfficer, PlatformRoles.MemberOrganizationOfficer, PlatformRoles.FrontOfficer, PlatformRoles.Operator);
        return api;
    }

    /// <summary>
    /// Khai báo cơ quan, đơn vị: a unit in a commune, or a province-level organization (a federation, a
    /// department) with <c>provinceCode</c> and no commune, under an optional parent.
    /// </summary>
    public static async Task<Results<Created<OrganizationResponse>, ProblemHttpResult>> CreateOrganization(
        CreateOrganizationRequest request, [AsParameters] RegistrationServices services, OrganizationStore organizations, AdministrativeUnitStore units,
        CancellationToken ct)
    {
        var name = VietnameseText.TryNormalize(request.Name);
        var shortName = VietnameseText.TryNormalize(request.ShortName);
        var errors = new FieldErrors();
        if (string.IsNullOrEmpty(name) || name.Length > 300)
        {
            errors.Add("name", "Vui lòng nhập tên cơ quan, đơn vị (tối đa 300 ký tự).");
        }

        if ((request.ShortName is not null && shortName is null) || shortName is { Length: > 50 })
        {
            errors.Add("shortName", "Tên viết tắt không hợp lệ (tối đa 50 ký tự).");
        }

        if (request.Kind is null || !OrganizationKinds.Contains(request.Kind))
        {
            errors.Add("kind", $"Loại tổ chức phải là một trong: {string.Join(", ", OrganizationKinds)}.");
        }

        string? provinceCode;
        string? communeCode = null;
        if (request.CommuneCode is not null)
        {
            provinceCode = await units.ProvinceOfCommuneAsync(request.CommuneCode, ct);
            if (provinceCode is null)
            {
                errors.Add("communeCode", "Mã xã/phường không có trong danh mục đơn vị hành chính hiện hành.");
            }
            else
            {
                communeCode = request.CommuneCode;
            }
        }
        else
        {
            provinceCode = await units.IsCurrentProvinceAsync(request.ProvinceCode, ct) ? request.ProvinceCode : null;
            if (provinceCode is null)
            {
                errors.Add("communeCode", "Vui lòng chọn xã/phường nơi đơn vị đặt trụ sở (hoặc tỉnh/thành phố với tổ chức cấp tỉnh).");
            }
        }

        if (errors.ToRefusal() is { } invalid)
        {
            return invalid.ToProblem();
        }

        if (!services.User.CanAccess(provinceCode!, communeCode))
        {
            return RegistrationRefusals.OrganizationOutsideScope("Bạn chỉ được khai báo cơ quan, đơn vị trong địa bàn mình phụ trách.").ToProblem();
        }

        if (request.ParentId is { } parentId)
        {
            if (await organizations.FindAsync(parentId, ct) is not { } parent)
            {
                return Refusal.Invalid("parentId", "Không tìm thấy tổ chức cấp trên đã chọn.").ToProblem();
            }

            // A parent may sit higher (a province federation above a commune union), but the officer must reach it too.
            if (!services.User.CanAccess(parent.ProvinceCode, parent.CommuneCode) && !services.User.CanAccess(parent.ProvinceCode))
            {
                return RegistrationRefusals.OrganizationOutsideScope("Tổ chức cấp trên đã chọn nằm ngoài địa bàn bạn phụ trách.").ToProblem();
            }
        }

        var org = new Organization(Guid.CreateVersion7(), name!, shortName, request.Kind!, provinceCode!, communeCode, request.ParentId);
        await organizations.CreateAsync(org, services.User.Id, ct);
        return TypedResults.Created($"/api/v1/organizations/{org.Id}", OrganizationResponse.From(org));
    }

    /// <summary>Xem một cơ quan, đơn vị.</summary>
    public static async Task<Results<Ok<OrganizationResponse>, ProblemHttpResult>> GetOrganization(Guid id, OrganizationStore organizations, CancellationToken ct) =>
        await organizations.FindAsync(id, ct) is { } org
            ? TypedResults.Ok(OrganizationResponse.From(org))
            : RegistrationRefusals.OrganizationNotFound.ToProblem();

    /// <summary>Organizations by parent or area, optionally by name (diacritics ignored), for pickers and officers' trees.</summary>
    public static async Task<Results<Ok<List<OrganizationResponse>>, ProblemHttpResult>> ListOrganizations(
        Guid? parentId, string? provinceCode, string? communeCode, string? q, OrganizationStore organizations, CancellationToken ct)
    {
        if (parentId is null && provinceCode is null && communeCode is null)
        {
            return Refusal.Invalid("provinceCode", "Vui lòng lọc theo tổ chức cấp trên, tỉnh/thành phố hoặc xã/phường.").ToProblem();
        }

        if (q is { Length: > 200 })
        {
            return Refusal.Invalid("q", "Từ khóa tìm kiếm dài tối đa 200 ký tự.").ToProblem();
        }

        // The name filter folds diacritics in C# (one way, as search does), so it runs over the whole area before the page is cut.
        var words = q is null ? [] : VietnameseText.SearchKey(q).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return TypedResults.Ok((await organizations.ListAsync(parentId, provinceCode, communeCode, ct))
            .Where(o => words.Length == 0 || words.All(w => VietnameseText.SearchKey(o.Name + " " + o.ShortName).Contains(w, StringComparison.Ordinal)))
            .Take(MaxOrganizations)
            .Select(OrganizationResponse.From)
            .ToList());
    }

    /// <summary>
    /// Kế hoạch hưởng ứng: records that the organization has its movement plan for the campaign (number and date),
    /// by its own officers, an upper-level officer, or the Front officer of its area.
    /// </summary>
    public static async Task<Results<Ok<MovementPlanResponse>, ProblemHttpResult>> RecordMovementPlan(
        Guid id, Guid campaignId, MovementPlanRequest request, [AsParameters] RegistrationServices services, OrganizationStore organizations,
        CampaignStore campaigns, CancellationToken ct)
    {
        if (await campaigns.FindAsync(campaignId, ct) is null)
        {
            return RegistrationRefusals.CampaignNotFound.ToProblem();
        }

        if (RegistrationRefusals.ToRead(await organizations.VisibleAsync(id, services.User, ct), RegistrationRefusals.OrganizationNotFound,
                RegistrationRefusals.OrganizationOutsideScope(
                    "Bạn chỉ được ghi nhận kế hoạch của đơn vị mình, đơn vị trực thuộc hoặc đơn vị trong địa bàn phụ trách.")) is { } refusal)
        {
            return refusal.ToProblem();
        }

        // The plan itself is checked only for a caller allowed to record it (403 before 400).
        var number = VietnameseText.TryNormalize(request.DocumentNumber);
        var today = DateOnly.FromDateTime(VietnamTime.ToLocal(services.Clock.GetUtcNow()).DateTime);
        var errors = new FieldErrors();
        if (string.IsNullOrEmpty(number) || number.Length > 100)
        {
            errors.Add("documentNumber", "Vui lòng nhập số, ký hiệu của kế hoạch (ví dụ 12/KH-LĐLĐ).");
        }

        if (request.IssuedOn is not { } issued || issued > today || issued.Year < 2000)
        {
            errors.Add("issuedOn", "Ngày ban hành kế hoạch phải là một ngày đã qua.");
        }

        if (errors.ToRefusal() is { } invalid)
        {
            return invalid.ToProblem();
        }

        var plan = new MovementPlan(id, campaignId, number!, request.IssuedOn!.Value, services.User.Id, services.Clock.GetUtcNow());
        await organizations.RecordPlanAsync(plan, ct);
        return TypedResults.Ok(MovementPlanResponse.From(plan));
    }

    /// <summary>An organization's movement plans, with who recorded them: to the officers who may see the organization.</summary>
    public static async Task<Results<Ok<List<MovementPlanResponse>>, ProblemHttpResult>> ListMovementPlans(
        Guid id, [AsParameters] RegistrationServices services, OrganizationStore organizations, CancellationToken ct)
    {
        if (RegistrationRefusals.ToRead(await organizations.VisibleAsync(id, services.User, ct), RegistrationRefusals.OrganizationNotFound,
                RegistrationRefusals.OrganizationOutsideScope(
                    "Bạn chỉ được xem kế hoạch của đơn vị mình, đơn vị trực thuộc hoặc đơn vị trong địa bàn phụ trách.")) is { } refusal)
        {
            return refusal.ToProblem();
        }

        return TypedResults.Ok((await organizations.PlansAsync(id, ct)).Select(MovementPlanResponse.From).ToList());
    }
}

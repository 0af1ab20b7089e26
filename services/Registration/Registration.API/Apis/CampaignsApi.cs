using DoanKetSangTao.Domain;
using DoanKetSangTao.Registration.API.Domain;
using DoanKetSangTao.Registration.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Registration.API.Apis;

/// <summary>Đợt thi đua, <c>/api/v1/campaigns</c>: campaigns, their deadlines per scope, and windows reopened for one organization.</summary>
public static class CampaignsApi
{
    public static RouteGroupBuilder MapCampaignsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/campaigns").WithTags("Đợt thi đua (campaigns)");
        api.MapPost("/", CreateCampaign).RequireRoles(PlatformRoles.FrontOfficer);
        api.MapGet("/", ListCampaigns);
        api.MapGet("/{id:guid}", GetCampaign);
        api.MapPut("/{id:guid}/deadlines/{kind}", SetDeadline).RequireRoles(PlatformRoles.FrontOfficer);
        api.MapPost("/{id:guid}/extensions", ReopenWindow).RequireRoles(PlatformRoles.FrontOfficer);
        api.MapGet("/{id:guid}/extensions", ListExtensions).RequireRoles(PlatformRoles.FrontOfficer, PlatformRoles.UnitOfficer, PlatformRoles.MemberOrganizationOfficer, PlatformRoles.Operator);
        return api;
    }

    /// <summary>A Front officer opens a campaign for their province (or the centre, a national one), with its deadlines.</summary>
    public static async Task<Results<Created<CampaignResponse>, ProblemHttpResult>> CreateCampaign(
        CreateCampaignRequest request, [AsParameters] RegistrationServices services, CampaignStore campaigns, AdministrativeUnitStore units, CancellationToken ct)
    {
        // Where the caller may open a campaign comes before what they sent (403 before 400).
        var scope = services.User.Scope;
        var allowed = request.ProvinceCode is null
            ? scope?.Level == AdministrativeLevel.Central
            : scope is not null && scope.Level != AdministrativeLevel.Commune && scope.Covers(request.ProvinceCode);
        if (allowed != true)
        {
            return Refusal.Forbidden("campaign_outside_scope",
                "Bạn chỉ được mở đợt thi đua cho tỉnh/thành phố mình phụ trách (đợt toàn quốc do cơ quan Trung ương mở).").ToProblem();
        }

        var name = VietnameseText.TryNormalize(request.Name);
        var errors = new FieldErrors();
        if (string.IsNullOrEmpty(name) || name.Length > 300)
        {
            errors.Add("name", "Vui lòng nhập tên đợt thi đua (tối đa 300 ký tự).");
        }

        if (request.Year is < 2000 or > 2100)
        {
            errors.Add("year", "Năm thi đua không hợp lệ.");
        }

        if (request.PhaseStartYear is { } start && (request.PhaseEndYear is not { } end || start > request.Year || end < request.Year || end - start > 10))
        {
            errors.Add("phaseStartYear", $"Giai đoạn (ví dụ 2023–2025) phải có năm bắt đầu và kết thúc, bao gồm năm {request.Year}.");
        }

        var deadlines = new Dictionary<string, DateOnly>(request.Deadlines ?? new Dictionary<string, DateOnly>(), StringComparer.Ordinal);
        if (request.RegistrationDueBefore is { } registration)
        {
            deadlines[DeadlineKind.Registration] = registration;
        }

        if (!deadlines.ContainsKey(DeadlineKind.Registration))
        {
            errors.Add("registrationDueBefore", $"Vui lòng nhập hạn đăng ký (ngày, dạng yyyy-MM-dd) trong năm {request.Year} hoặc đầu năm {request.Year + 1}.");
        }

        foreach (var (kind, due) in deadlines)
        {
            if (DeadlineKind.Check(kind, due, request.Year) is { } problem)
            {
                errors.Add(kind == DeadlineKind.Registration ? "registrationDueBefore" : $"deadlines.{kind}", problem);
            }
        }

        if (errors.ToRefusal() is { } invalid)
        {
            return invalid.ToProblem();
        }

        if (request.ProvinceCode is not null && !await units.IsCurrentProvinceAsync(request.ProvinceCode, ct))
        {
            return Refusal.Invalid("provinceCode", "Mã tỉnh/thành phố không có trong danh mục đơn vị hành chính hiện hành.").ToProblem();
        }

        var campaign = new Campaign
        {
            Id = Guid.CreateVersion7(), Year = request.Year, Name = name!, ProvinceCode = request.ProvinceCode, PhaseStartYear = request.PhaseStartYear,
            PhaseEndYear = request.PhaseEndYear,
        };
        await campaigns.CreateAsync(campaign, deadlines, services.User.Id, ct);
        return TypedResults.Created($"/api/v1/campaigns/{campaign.Id}", CampaignResponse.From((await campaigns.LoadAsync(campaign.Id, ct))!));
    }

    /// <summary>Danh sách đợt thi đua theo năm và tỉnh/thành phố (kể cả đợt toàn quốc), mới nhất trước.</summary>
    public static async Task<Ok<List<CampaignResponse>>> ListCampaigns(int? year, string? provinceCode, CampaignStore campaigns, CancellationToken ct) =>
        TypedResults.Ok((await campaigns.ListAsync(year, provinceCode, ct)).Select(CampaignResponse.From).ToList());

    /// <summary>Xem một đợt thi đua với các thời hạn của nó.</summary>
    public static async Task<Results<Ok<CampaignResponse>, ProblemHttpResult>> GetCampaign(Guid id, CampaignStore campaigns, CancellationToken ct) =>
        await campaigns.LoadAsync(id, ct) is { } campaign
            ? TypedResults.Ok(CampaignResponse.From(campaign))
            : RegistrationRefusals.CampaignNotFoundById.ToProblem();

    /// <summary>
    /// Đặt thời hạn: the campaign's own (by an officer of its scope) or, in a national campaign, one province's
    /// (by that province's officers), which then binds that province instead of the campaign's.
    /// </summary>
    public static async Task<Results<Ok<CampaignResponse>, ProblemHttpResult>> SetDeadline(
        Guid id, string kind, SetDeadlineRequest request, [AsParameters] RegistrationServices services, CampaignStore campaigns, AdministrativeUnitStore units,
        CancellationToken ct)
    {
        if (await campaigns.FindAsync(id, ct) is not { } campaign)
        {
            return RegistrationRefusals.CampaignNotFound.ToProblem();
        }

        var scopeCode = string.IsNullOrEmpty(request.ScopeCode) ? Campaign.WholeCampaign : request.ScopeCode;
        var scope = services.User.Scope;
        var allowed = scopeCode == Campaign.WholeCampaign
            ? campaign.ProvinceCode is null ? scope?.Level == AdministrativeLevel.Central : scope is not null && scope.Level != AdministrativeLevel.Commune && scope.Covers(campaign.ProvinceCode)
            : campaign.Covers(scopeCode) && scope is not null && scope.Level != AdministrativeLevel.Commune && scope.Covers(scopeCode);
        if (!allowed)
        {
            return Refusal.Forbidden("deadline_outside_scope", "Bạn chỉ được đặt thời hạn cho đợt thi đua hoặc tỉnh/thành phố mình phụ trách.").ToProblem();
        }

        if (!DeadlineKind.All.IsKnown(kind))
        {
            return Refusal.Invalid("kind", $"Loại thời hạn phải là một trong: {DeadlineKind.All.Choices()}.").ToProblem();
        }

        if (request.DueBefore is not { } due)
        {
            return Refusal.Invalid("dueBefore", "Vui lòng nhập ngày (dạng yyyy-MM-dd).").ToProblem();
        }

        if (DeadlineKind.Check(kind, due, campaign.Year) is { } problem)
        {
            return Refusal.Invalid("dueBefore", problem).ToProblem();
        }

        if (scopeCode != Campaign.WholeCampaign && !await units.IsCurrentProvinceAsync(scopeCode, ct))
        {
            return Refusal.Invalid("scopeCode", "Phạm vi là \"VN\" (cả đợt thi đua) hoặc mã một tỉnh/thành phố hiện hành.").ToProblem();
        }

        await campaigns.SetDeadlineAsync(id, scopeCode, kind, due, services.User.Id, ct);
        return TypedResults.Ok(CampaignResponse.From((await campaigns.LoadAsync(id, ct))!));
    }

    /// <summary>
    /// Mở lại thời hạn: a Front officer whose area covers the organization reopens its registration or dossier
    /// window until a day, with a reason that is recorded with who granted it and when.
    /// </summary>
    public static async Task<Results<Created<ExtensionResponse>, ProblemHttpResult>> ReopenWindow(
        Guid id, ReopenWindowRequest request, [AsParameters] RegistrationServices services, CampaignStore campaigns, OrganizationStore organizations,
        CancellationToken ct)
    {
        if (await campaigns.FindAsync(id, ct) is not { } campaign)
        {
            return RegistrationRefusals.CampaignNotFound.ToProblem();
        }

        if (await organizations.FindAsync(request.OrganizationId, ct) is not { } found)
        {
            return RegistrationRefusals.ChosenOrganizationNotFound.ToProblem();
        }

        if (!campaign.Covers(found.ProvinceCode) || !services.User.CanAccess(found.ProvinceCode, found.CommuneCode))
        {
            return RegistrationRefusals.OrganizationOutsideScope(
                "Bạn chỉ được mở lại thời hạn cho đơn vị thuộc địa bàn mình phụ trách, trong đợt thi đua của địa bàn đó.").ToProblem();
        }

        // The rest of the request is checked only for a caller allowed to reopen this unit's window (403 before 400).
        var errors = new FieldErrors();
        if (request.Kind is null || !DeadlineKind.Reopenable.Contains(request.Kind))
        {
            errors.Add("kind", "Chỉ mở lại được thời hạn đăng ký (registration) hoặc nộp hồ sơ (dossier).");
        }

        var reason = VietnameseText.TryNormalize(request.Reason, allowNewLines: true);
        if (string.IsNullOrEmpty(reason) || reason.Length > 2000)
        {
            errors.Add("reason", "Vui lòng nêu lý do mở lại thời hạn (tối đa 2.000 ký tự).");
        }

        var now = services.Clock.GetUtcNow();
        if (request.DueBefore is not { } due || VietnamTime.ClosesBefore(due) <= now || VietnamTime.ClosesBefore(due) > now.AddDays(366))
        {
            errors.Add("dueBefore", "Hạn mới phải là một ngày trong tương lai, không quá một năm.");
        }

        if (errors.ToRefusal() is { } invalid)
        {
            return invalid.ToProblem();
        }

        var extension = new GrantedExtension(Guid.CreateVersion7(), request.OrganizationId, found.Name, request.Kind!, request.DueBefore!.Value, reason!,
            services.User.Id, now);
        await campaigns.GrantExtensionAsync(id, extension, ct);
        return TypedResults.Created($"/api/v1/campaigns/{id}/extensions", ExtensionResponse.From(extension));
    }

    /// <summary>Các lần mở lại thời hạn của đợt thi đua mà người gọi được xem (đơn vị trong địa bàn hoặc của chính mình).</summary>
    public static async Task<Ok<List<ExtensionResponse>>> ListExtensions(
        Guid id, Guid? organizationId, [AsParameters] RegistrationServices services, CampaignStore campaigns, CancellationToken ct)
    {
        var user = services.User;
        return TypedResults.Ok((await campaigns.ExtensionsAsync(id, organizationId, ct))
            .Where(e => user.CanAccess(e.ProvinceCode, e.CommuneCode) || user.OrganizationId == e.OrganizationId.ToString())
            .Select(ExtensionResponse.From)
            .ToList());
    }
}

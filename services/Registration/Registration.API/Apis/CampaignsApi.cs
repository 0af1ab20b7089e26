using Dapper;
using DoanKetSangTao.Registration.API.Domain;
using DoanKetSangTao.Registration.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.Domain;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace DoanKetSangTao.Registration.API.Apis;

/// <summary>A new campaign; <c>Deadlines</c> maps a kind (registration, dossier, …) to the day it closes before.</summary>
public sealed record CreateCampaignRequest(
    int Year,
    string? Name,
    string? ProvinceCode,
    DateOnly? RegistrationDueBefore,
    int? PhaseStartYear = null,
    int? PhaseEndYear = null,
    IReadOnlyDictionary<string, DateOnly>? Deadlines = null);

public sealed record DeadlineResponse(string Kind, string KindName, string ScopeCode, DateOnly DueBefore, DateTimeOffset ClosesAt, string LastDay);

public sealed record CampaignResponse(
    Guid Id,
    int Year,
    string Name,
    string? ProvinceCode,
    int? PhaseStartYear,
    int? PhaseEndYear,
    DateTimeOffset? RegistrationClosesAt,
    string? RegistrationDeadline,
    IReadOnlyList<DeadlineResponse> Deadlines);

/// <summary>A deadline for the whole campaign (<c>ScopeCode</c> "VN" or omitted) or for one province of a national campaign.</summary>
public sealed record SetDeadlineRequest(string? ScopeCode, DateOnly? DueBefore);

public sealed record ReopenWindowRequest(Guid OrganizationId, string? Kind, DateOnly? DueBefore, string? Reason);

public sealed record ExtensionResponse(Guid Id, Guid OrganizationId, string OrganizationName, string Kind, DateOnly DueBefore, string Reason, string GrantedBy, DateTimeOffset GrantedAt);

/// <summary>Đợt thi đua: campaigns, their deadlines per scope, and windows reopened for one organization.</summary>
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
        CreateCampaignRequest request, [AsParameters] RegistrationServices services, CancellationToken ct)
    {
        // Where the caller may open a campaign comes before what they sent (403 before 400).
        var scope = services.User.Scope;
        var allowed = request.ProvinceCode is null
            ? scope?.Level == AdministrativeLevel.Central
            : scope is not null && scope.Level != AdministrativeLevel.Commune && scope.Covers(request.ProvinceCode);
        if (allowed != true)
        {
            return Problems.Forbidden("campaign_outside_scope",
                "Bạn chỉ được mở đợt thi đua cho tỉnh/thành phố mình phụ trách (đợt toàn quốc do cơ quan Trung ương mở).");
        }

        var name = VietnameseText.TryNormalize(request.Name);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(name) || name.Length > 300)
        {
            errors["name"] = ["Vui lòng nhập tên đợt thi đua (tối đa 300 ký tự)."];
        }

        if (request.Year is < 2000 or > 2100)
        {
            errors["year"] = ["Năm thi đua không hợp lệ."];
        }

        if (request.PhaseStartYear is { } start && (request.PhaseEndYear is not { } end || start > request.Year || end < request.Year || end - start > 10))
        {
            errors["phaseStartYear"] = [$"Giai đoạn (ví dụ 2023–2025) phải có năm bắt đầu và kết thúc, bao gồm năm {request.Year}."];
        }

        var deadlines = new Dictionary<string, DateOnly>(request.Deadlines ?? new Dictionary<string, DateOnly>(), StringComparer.Ordinal);
        if (request.RegistrationDueBefore is { } registration)
        {
            deadlines[DeadlineKind.Registration] = registration;
        }

        if (!deadlines.ContainsKey(DeadlineKind.Registration))
        {
            errors["registrationDueBefore"] = [$"Vui lòng nhập hạn đăng ký (ngày, dạng yyyy-MM-dd) trong năm {request.Year} hoặc đầu năm {request.Year + 1}."];
        }

        foreach (var (kind, due) in deadlines)
        {
            if (CheckDeadline(kind, due, request.Year) is { } problem)
            {
                errors[kind == DeadlineKind.Registration ? "registrationDueBefore" : $"deadlines.{kind}"] = [problem];
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        await using var connection = await services.Db.OpenConnectionAsync(ct);
        if (request.ProvinceCode is not null && await connection.ExecuteScalarAsync<int>(
                "SELECT count(*) FROM administrative_units WHERE code = @Code AND level = 'province' AND retired_at IS NULL", new { Code = request.ProvinceCode }) == 0)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["provinceCode"] = ["Mã tỉnh/thành phố không có trong danh mục đơn vị hành chính hiện hành."] });
        }

        var id = Guid.CreateVersion7();
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO campaigns (id, year, name, province_code, phase_start_year, phase_end_year, created_by)
            VALUES (@id, @Year, @name, @ProvinceCode, @PhaseStartYear, @PhaseEndYear, @by)
            """,
            new { id, request.Year, name, request.ProvinceCode, request.PhaseStartYear, request.PhaseEndYear, by = services.User.Id }, transaction, cancellationToken: ct));
        foreach (var (kind, due) in deadlines)
        {
            await UpsertDeadlineAsync(transaction, id, Campaign.WholeCampaign, kind, due, services.User.Id, ct);
        }

        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/campaigns/{id}", (await LoadAsync(connection, id))!);
    }

    public static async Task<Ok<List<CampaignResponse>>> ListCampaigns(int? year, string? provinceCode, [AsParameters] RegistrationServices services)
    {
        await using var connection = await services.Db.OpenConnectionAsync();
        var ids = await connection.QueryAsync<Guid>(
            """
            SELECT id FROM campaigns
            WHERE (@year::int IS NULL OR year = @year) AND (@provinceCode::text IS NULL OR province_code IS NULL OR province_code = @provinceCode)
            ORDER BY year DESC, name LIMIT 200
            """, new { year, provinceCode });
        return TypedResults.Ok(await LoadManyAsync(connection, ids.ToList()));
    }

    public static async Task<Results<Ok<CampaignResponse>, ProblemHttpResult>> GetCampaign(Guid id, [AsParameters] RegistrationServices services)
    {
        await using var connection = await services.Db.OpenConnectionAsync();
        return await LoadAsync(connection, id) is { } campaign
            ? TypedResults.Ok(campaign)
            : Problems.NotFound("campaign_not_found", "Không tìm thấy đợt thi đua. Vui lòng kiểm tra lại mã đợt thi đua.");
    }

    /// <summary>
    /// Đặt thời hạn: the campaign's own (by an officer of its scope) or, in a national campaign, one province's
    /// (by that province's officers), which then binds that province instead of the campaign's.
    /// </summary>
    public static async Task<Results<Ok<CampaignResponse>, ProblemHttpResult>> SetDeadline(
        Guid id, string kind, SetDeadlineRequest request, [AsParameters] RegistrationServices services, CancellationToken ct)
    {
        await using var connection = await services.Db.OpenConnectionAsync(ct);
        var campaign = await RegistrationRules.CampaignAsync(connection, id);
        var scopeCode = string.IsNullOrEmpty(request.ScopeCode) ? Campaign.WholeCampaign : request.ScopeCode;
        var scope = services.User.Scope;
        var allowed = scopeCode == Campaign.WholeCampaign
            ? campaign.ProvinceCode is null ? scope?.Level == AdministrativeLevel.Central : scope is not null && scope.Level != AdministrativeLevel.Commune && scope.Covers(campaign.ProvinceCode)
            : campaign.Covers(scopeCode) && scope is not null && scope.Level != AdministrativeLevel.Commune && scope.Covers(scopeCode);
        if (!allowed)
        {
            return Problems.Forbidden("deadline_outside_scope", "Bạn chỉ được đặt thời hạn cho đợt thi đua hoặc tỉnh/thành phố mình phụ trách.");
        }

        if (!DeadlineKind.All.IsKnown(kind))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["kind"] = [$"Loại thời hạn phải là một trong: {DeadlineKind.All.Choices()}."] });
        }

        if (request.DueBefore is not { } due)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["dueBefore"] = ["Vui lòng nhập ngày (dạng yyyy-MM-dd)."] });
        }

        if (CheckDeadline(kind, due, campaign.Year) is { } problem)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["dueBefore"] = [problem] });
        }

        if (scopeCode != Campaign.WholeCampaign && await connection.ExecuteScalarAsync<int>(
                "SELECT count(*) FROM administrative_units WHERE code = @scopeCode AND level = 'province' AND retired_at IS NULL", new { scopeCode }) == 0)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["scopeCode"] = ["Phạm vi là \"VN\" (cả đợt thi đua) hoặc mã một tỉnh/thành phố hiện hành."] });
        }

        await using var transaction = await connection.BeginTransactionAsync(ct);
        await UpsertDeadlineAsync(transaction, id, scopeCode, kind, due, services.User.Id, ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok((await LoadAsync(connection, id))!);
    }

    /// <summary>
    /// Mở lại thời hạn: a Front officer whose area covers the organization reopens its registration or dossier
    /// window until a day, with a reason that is recorded with who granted it and when.
    /// </summary>
    public static async Task<Results<Created<ExtensionResponse>, ProblemHttpResult>> ReopenWindow(
        Guid id, ReopenWindowRequest request, [AsParameters] RegistrationServices services, CancellationToken ct)
    {
        await using var connection = await services.Db.OpenConnectionAsync(ct);
        var campaign = await RegistrationRules.CampaignAsync(connection, id);
        var found = await connection.QuerySingleOrDefaultAsync<OrganizationArea>(
            "SELECT name AS Name, province_code AS ProvinceCode, commune_code AS CommuneCode FROM organizations WHERE id = @OrganizationId",
            new { request.OrganizationId });
        if (found is null)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["organizationId"] = ["Không tìm thấy cơ quan, đơn vị đã chọn."] });
        }

        if (!campaign.Covers(found.ProvinceCode) || !services.User.CanAccess(found.ProvinceCode, found.CommuneCode))
        {
            return Problems.Forbidden("organization_outside_scope", "Bạn chỉ được mở lại thời hạn cho đơn vị thuộc địa bàn mình phụ trách, trong đợt thi đua của địa bàn đó.");
        }

        // The rest of the request is checked only for a caller allowed to reopen this unit's window (403 before 400).
        var errors = new Dictionary<string, string[]>();
        if (request.Kind is null || !DeadlineKind.Reopenable.Contains(request.Kind))
        {
            errors["kind"] = ["Chỉ mở lại được thời hạn đăng ký (registration) hoặc nộp hồ sơ (dossier)."];
        }

        var reason = VietnameseText.TryNormalize(request.Reason, allowNewLines: true);
        if (string.IsNullOrEmpty(reason) || reason.Length > 2000)
        {
            errors["reason"] = ["Vui lòng nêu lý do mở lại thời hạn (tối đa 2.000 ký tự)."];
        }

        var now = services.Clock.GetUtcNow();
        if (request.DueBefore is not { } due || VietnamTime.ClosesBefore(due) <= now || VietnamTime.ClosesBefore(due) > now.AddDays(366))
        {
            errors["dueBefore"] = ["Hạn mới phải là một ngày trong tương lai, không quá một năm."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var extension = new ExtensionResponse(Guid.CreateVersion7(), request.OrganizationId, found.Name, request.Kind!, request.DueBefore!.Value, reason!,
            services.User.Id, now);
        await connection.ExecuteAsync(
            """
            INSERT INTO deadline_extensions (id, campaign_id, organization_id, kind, due_before, closes_at, reason, granted_by, granted_at)
            VALUES (@Id, @campaignId, @OrganizationId, @Kind, @DueBefore, @closesAt, @Reason, @GrantedBy, @grantedAt)
            """,
            new
            {
                extension.Id, campaignId = id, extension.OrganizationId, extension.Kind, DueBefore = extension.DueBefore.ToDateTime(TimeOnly.MinValue),
                closesAt = VietnamTime.ClosesBefore(extension.DueBefore).UtcDateTime, extension.Reason, extension.GrantedBy, grantedAt = now.UtcDateTime,
            });
        return TypedResults.Created($"/api/v1/campaigns/{id}/extensions", extension);
    }

    public static async Task<Ok<List<ExtensionResponse>>> ListExtensions(Guid id, Guid? organizationId, [AsParameters] RegistrationServices services)
    {
        await using var connection = await services.Db.OpenConnectionAsync();
        var rows = await connection.QueryAsync<ExtensionRow>(
            """
            SELECT e.id AS Id, e.organization_id AS OrganizationId, o.name AS OrganizationName, e.kind AS Kind, e.due_before AS DueBefore,
                   e.reason AS Reason, e.granted_by AS GrantedBy, e.granted_at AS GrantedAt, o.province_code AS ProvinceCode, o.commune_code AS CommuneCode
            FROM deadline_extensions e JOIN organizations o ON o.id = e.organization_id
            WHERE e.campaign_id = @id AND (@organizationId::uuid IS NULL OR e.organization_id = @organizationId)
            ORDER BY e.granted_at
            """, new { id, organizationId });
        var user = services.User;
        return TypedResults.Ok(rows
            .Where(r => user.CanAccess(r.ProvinceCode, r.CommuneCode) || user.OrganizationId == r.OrganizationId.ToString())
            .Select(r => new ExtensionResponse(r.Id, r.OrganizationId, r.OrganizationName, r.Kind, DateOnly.FromDateTime(r.DueBefore), r.Reason, r.GrantedBy,
                new DateTimeOffset(DateTime.SpecifyKind(r.GrantedAt, DateTimeKind.Utc))))
            .ToList());
    }

    /// <summary>Deadlines fall in the campaign's year or early the next (registration before 15 January, say).</summary>
    private static string? CheckDeadline(string kind, DateOnly due, int year)
    {
        if (!DeadlineKind.All.IsKnown(kind))
        {
            return $"Loại thời hạn phải là một trong: {DeadlineKind.All.Choices()}.";
        }

        return due.Year < year || due.Year > year + 1
            ? $"{DeadlineKind.All.NameOf(kind)} phải là một ngày trong năm {year} hoặc năm {year + 1}."
            : null;
    }

    private static Task UpsertDeadlineAsync(NpgsqlTransaction tx, Guid campaignId, string scopeCode, string kind, DateOnly due, string by, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO campaign_deadlines (campaign_id, scope_code, kind, due_before, closes_at, set_by)
            VALUES (@campaignId, @scopeCode, @kind, @due, @closesAt, @by)
            ON CONFLICT (campaign_id, scope_code, kind) DO UPDATE SET due_before = EXCLUDED.due_before, closes_at = EXCLUDED.closes_at,
                set_by = EXCLUDED.set_by, set_at = now()
            """,
            new { campaignId, scopeCode, kind, due = due.ToDateTime(TimeOnly.MinValue), closesAt = VietnamTime.ClosesBefore(due).UtcDateTime, by },
            tx, cancellationToken: ct));

    internal static async Task<CampaignResponse?> LoadAsync(NpgsqlConnection connection, Guid id) =>
        (await LoadManyAsync(connection, [id])).SingleOrDefault();

    /// <summary>Campaigns with their deadlines in two queries, in the order of <paramref name="ids"/>.</summary>
    internal static async Task<List<CampaignResponse>> LoadManyAsync(NpgsqlConnection connection, IReadOnlyList<Guid> ids)
    {
        var campaigns = (await connection.QueryAsync<Campaign>(
            """
            SELECT id AS Id, year AS Year, name AS Name, province_code AS ProvinceCode, phase_start_year AS PhaseStartYear, phase_end_year AS PhaseEndYear
            FROM campaigns WHERE id = ANY(@ids)
            """, new { ids = ids.ToArray() })).ToDictionary(c => c.Id);
        var deadlines = (await connection.QueryAsync<(Guid CampaignId, string Kind, string ScopeCode, DateTime DueBefore)>(
            "SELECT campaign_id, kind, scope_code, due_before FROM campaign_deadlines WHERE campaign_id = ANY(@ids) ORDER BY scope_code, due_before",
            new { ids = ids.ToArray() }))
            .ToLookup(d => d.CampaignId, d => new CampaignDeadline(d.Kind, d.ScopeCode, DateOnly.FromDateTime(d.DueBefore)));
        return ids.Where(campaigns.ContainsKey).Select(id =>
        {
            var campaign = campaigns[id];
            var own = deadlines[id]
                .Select(d => new DeadlineResponse(d.Kind, DeadlineKind.All.NameOf(d.Kind), d.ScopeCode, d.DueBefore, d.ClosesAt, d.LastDay))
                .ToList();
            var registration = own.FirstOrDefault(d => d.Kind == DeadlineKind.Registration && d.ScopeCode == Campaign.WholeCampaign);
            return new CampaignResponse(campaign.Id, campaign.Year, campaign.Name, campaign.ProvinceCode, campaign.PhaseStartYear, campaign.PhaseEndYear,
                registration?.ClosesAt, registration?.LastDay, own);
        }).ToList();
    }

    private sealed record OrganizationArea(string Name, string ProvinceCode, string? CommuneCode);

    private sealed class ExtensionRow
    {
        public Guid Id { get; init; }

        public Guid OrganizationId { get; init; }

        public string OrganizationName { get; init; } = string.Empty;

        public string Kind { get; init; } = string.Empty;

        public DateTime DueBefore { get; init; }

        public string Reason { get; init; } = string.Empty;

        public string GrantedBy { get; init; } = string.Empty;

        public DateTime GrantedAt { get; init; }

        public string ProvinceCode { get; init; } = string.Empty;

        public string? CommuneCode { get; init; }
    }
}

using Dapper;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Registration.API.Domain;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace DoanKetSangTao.Registration.API.Apis;

public sealed record AuthorResponse(string FullName, string? Email, bool IsLead, int ContributionPercent);

public sealed record InitiativeResponse(
    Guid Id,
    Guid CampaignId,
    string Title,
    string Kind,
    string? Summary,
    Guid OrganizationId,
    string ProvinceCode,
    string CommuneCode,
    string Status,
    DateTimeOffset RegisteredAt,
    IReadOnlyList<AuthorResponse> Authors);

public static class InitiativesApi
{
    public const int IdempotencyKeyMaxLength = 100;

    public static RouteGroupBuilder MapInitiativesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/initiatives").WithTags("Sáng kiến (initiatives)");
        api.MapPost("/", RegisterInitiative).RequireRoles(PlatformRoles.Author);
        api.MapGet("/{id:guid}", GetInitiative);
        return api;
    }

    /// <summary>
    /// Đăng ký sáng kiến (Mẫu 1). With an <c>Idempotency-Key</c> header, a retried request returns the
    /// initiative the first one created instead of creating a second.
    /// </summary>
    public static async Task<Results<Created<InitiativeResponse>, Ok<InitiativeResponse>, ProblemHttpResult>> RegisterInitiative(
        RegisterInitiativeRequest request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        [AsParameters] RegistrationServices services,
        CancellationToken ct)
    {
        if (idempotencyKey is { Length: 0 or > IdempotencyKeyMaxLength })
        {
            return Problems.Create(400, "invalid_idempotency_key", $"Idempotency-Key phải có từ 1 đến {IdempotencyKeyMaxLength} ký tự.");
        }

        var (registration, errors) = InitiativeRegistration.Validate(request);
        if (registration is null)
        {
            return Problems.Validation(errors);
        }

        var fingerprint = registration.Fingerprint();
        await using var connection = await services.Db.OpenConnectionAsync(ct);
        if (idempotencyKey is not null && await ReplayAsync(connection, services.User.Id, idempotencyKey, fingerprint) is { } replay)
        {
            return replay;
        }

        var campaign = await connection.QuerySingleOrDefaultAsync<Campaign>(
            "SELECT id, year, name, province_code, registration_closes_at FROM campaigns WHERE id = @CampaignId", new { registration.CampaignId });
        if (campaign is null)
        {
            return Problems.NotFound("campaign_not_found", "Không tìm thấy đợt thi đua. Vui lòng chọn một đợt thi đua đang mở.");
        }

        if (!campaign.IsRegistrationOpen(services.Clock.GetUtcNow()))
        {
            return Problems.Create(409, "registration_closed", campaign.RegistrationClosedMessage());
        }

        var provinceCode = await connection.QuerySingleOrDefaultAsync<string>(
            "SELECT parent_code FROM administrative_units WHERE code = @CommuneCode AND level = 'commune' AND retired_at IS NULL",
            new { registration.CommuneCode });
        if (provinceCode is null)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["communeCode"] = ["Mã xã/phường không có trong danh mục đơn vị hành chính hiện hành."] });
        }

        if (!campaign.Covers(provinceCode))
        {
            return Problems.Create(422, "commune_outside_campaign",
                "Xã/phường đã chọn không thuộc tỉnh/thành phố của đợt thi đua này. Vui lòng chọn đúng đợt thi đua của địa phương.");
        }

        var organizationProvince = await connection.QuerySingleOrDefaultAsync<string>(
            "SELECT province_code FROM organizations WHERE id = @OrganizationId", new { registration.OrganizationId });
        if (organizationProvince is null)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["organizationId"] = ["Không tìm thấy cơ quan, đơn vị đã chọn."] });
        }

        if (organizationProvince != provinceCode)
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["organizationId"] = ["Cơ quan, đơn vị đã chọn không thuộc tỉnh/thành phố của xã/phường nơi đăng ký sáng kiến."],
            });
        }

        var id = Guid.CreateVersion7();
        var now = services.Clock.GetUtcNow();
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO initiatives (id, campaign_id, title, kind, summary, organization_id, province_code, commune_code,
                                     status, registered_by, contact_name, contact_email, idempotency_key, idempotency_fingerprint, registered_at)
            VALUES (@Id, @CampaignId, @Title, @Kind, @Summary, @OrganizationId, @ProvinceCode, @CommuneCode,
                    @Status, @RegisteredBy, @ContactName, @ContactEmail, @IdempotencyKey, @Fingerprint, @RegisteredAt)
            ON CONFLICT (registered_by, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
            """,
            new
            {
                Id = id, registration.CampaignId, registration.Title, registration.Kind, registration.Summary, registration.OrganizationId,
                ProvinceCode = provinceCode, registration.CommuneCode, Status = InitiativeStatus.Registered, RegisteredBy = services.User.Id,
                ContactName = registration.Lead.FullName, ContactEmail = registration.Lead.Email ?? services.User.Email,
                IdempotencyKey = idempotencyKey, Fingerprint = fingerprint, RegisteredAt = now.UtcDateTime,
            }, transaction, cancellationToken: ct));
        if (inserted == 0)
        {
            // A concurrent retry with the same key won the race; answer with what it created.
            await transaction.RollbackAsync(ct);
            return (await ReplayAsync(connection, services.User.Id, idempotencyKey!, fingerprint))!;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO initiative_authors (initiative_id, ordinal, full_name, email, is_lead, contribution_percent)
            SELECT @Id, a.ordinal, a.full_name, a.email, a.is_lead, a.contribution_percent
            FROM unnest(@Ordinals, @Names, @Emails, @Leads, @Shares) AS a(ordinal, full_name, email, is_lead, contribution_percent);
            INSERT INTO initiative_status_history (initiative_id, status, changed_by) VALUES (@Id, @Status, @RegisteredBy);
            """,
            new
            {
                Id = id,
                Ordinals = registration.Authors.Select(a => a.Ordinal).ToArray(),
                Names = registration.Authors.Select(a => a.FullName).ToArray(),
                Emails = registration.Authors.Select(a => a.Email).ToArray(),
                Leads = registration.Authors.Select(a => a.IsLead).ToArray(),
                Shares = registration.Authors.Select(a => a.ContributionPercent).ToArray(),
                Status = InitiativeStatus.Registered,
                RegisteredBy = services.User.Id,
            }, transaction, cancellationToken: ct));

        await services.Outbox.EnqueueAsync(new InitiativeRegistered(
            Guid.CreateVersion7(), now, id, registration.CampaignId, registration.Title, registration.Kind, registration.OrganizationId,
            provinceCode, registration.CommuneCode, services.User.Id, registration.Lead.FullName,
            registration.Lead.Email ?? services.User.Email), transaction, ct);
        await transaction.CommitAsync(ct);

        var created = (await LoadAsync(connection, id))!;
        return TypedResults.Created($"/api/v1/initiatives/{id}", created);
    }

    /// <summary>An author reads their own initiatives; officers those filed inside their administrative scope.</summary>
    public static async Task<Results<Ok<InitiativeResponse>, ProblemHttpResult>> GetInitiative(Guid id, [AsParameters] RegistrationServices services)
    {
        await using var connection = await services.Db.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<AccessRow>(
            "SELECT registered_by AS RegisteredBy, province_code AS ProvinceCode, commune_code AS CommuneCode FROM initiatives WHERE id = @id", new { id });
        if (row is null)
        {
            return Problems.NotFound("initiative_not_found", "Không tìm thấy sáng kiến.");
        }

        var user = services.User;
        var isOwner = row.RegisteredBy == user.Id;
        var isOfficerInScope = (user.IsInRole(PlatformRoles.FrontOfficer) || user.IsInRole(PlatformRoles.Operator))
                               && user.CanAccess(row.ProvinceCode, row.CommuneCode);
        if (!isOwner && !isOfficerInScope)
        {
            return Problems.Forbidden("initiative_outside_scope", "Bạn không có quyền xem sáng kiến này: sáng kiến không thuộc phạm vi bạn phụ trách.");
        }

        return TypedResults.Ok((await LoadAsync(connection, id))!);
    }

    internal static async Task<InitiativeResponse?> LoadAsync(NpgsqlConnection connection, Guid id)
    {
        using var grid = await connection.QueryMultipleAsync(
            """
            SELECT id AS Id, campaign_id AS CampaignId, title AS Title, kind AS Kind, summary AS Summary, organization_id AS OrganizationId,
                   province_code AS ProvinceCode, commune_code AS CommuneCode, status AS Status, registered_at AS RegisteredAt
            FROM initiatives WHERE id = @id;
            SELECT full_name AS FullName, email AS Email, is_lead AS IsLead, contribution_percent AS ContributionPercent
            FROM initiative_authors WHERE initiative_id = @id ORDER BY ordinal;
            """, new { id });
        var head = await grid.ReadSingleOrDefaultAsync<InitiativeRow>();
        if (head is null)
        {
            return null;
        }

        var authors = (await grid.ReadAsync<AuthorResponse>()).ToList();
        return new InitiativeResponse(head.Id, head.CampaignId, head.Title, head.Kind, head.Summary, head.OrganizationId, head.ProvinceCode,
            head.CommuneCode, head.Status, new DateTimeOffset(head.RegisteredAt, TimeSpan.Zero), authors);
    }

    /// <summary>The answer to a retry: the initiative the key created, or 422 when the key came with another registration.</summary>
    private static async Task<Results<Created<InitiativeResponse>, Ok<InitiativeResponse>, ProblemHttpResult>?> ReplayAsync(
        NpgsqlConnection connection, string userId, string key, string fingerprint)
    {
        var first = await connection.QuerySingleOrDefaultAsync<KeyRow>(
            "SELECT id AS Id, idempotency_fingerprint AS Fingerprint FROM initiatives WHERE registered_by = @userId AND idempotency_key = @key",
            new { userId, key });
        if (first is null)
        {
            return null;
        }

        if (first.Fingerprint != fingerprint)
        {
            return Problems.Create(422, "idempotency_key_reused",
                "Mã Idempotency-Key này đã được dùng cho một phiếu đăng ký khác. Mỗi phiếu đăng ký mới cần một mã mới.");
        }

        return TypedResults.Ok((await LoadAsync(connection, first.Id))!);
    }

    private sealed record KeyRow(Guid Id, string? Fingerprint);

    private sealed record AccessRow(string RegisteredBy, string ProvinceCode, string CommuneCode);

    internal sealed class InitiativeRow
    {
        public Guid Id { get; init; }

        public Guid CampaignId { get; init; }

        public string Title { get; init; } = string.Empty;

        public string Kind { get; init; } = string.Empty;

        public string? Summary { get; init; }

        public Guid OrganizationId { get; init; }

        public string ProvinceCode { get; init; } = string.Empty;

        public string CommuneCode { get; init; } = string.Empty;

        public string Status { get; init; } = string.Empty;

        public DateTime RegisteredAt { get; init; }
    }
}

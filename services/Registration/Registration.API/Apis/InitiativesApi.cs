using Dapper;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Registration.API.Domain;
using DoanKetSangTao.Registration.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace DoanKetSangTao.Registration.API.Apis;

/// <summary>Filters of the initiative list; every one optional, all combined.</summary>
public sealed record InitiativeQuery(
    Guid? CampaignId,
    string? UnitCode,
    Guid? OrganizationId,
    string? Kind,
    string? MovementArea,
    string? Field,
    string? Status,
    string? Q,
    bool? Mine,
    string? Cursor,
    int? Limit);

/// <summary>Phiếu đăng ký sáng kiến (Mẫu 1): drafts, submission, editing, withdrawal, reading and finding.</summary>
public static class InitiativesApi
{
    public const int IdempotencyKeyMaxLength = 100;
    public const int MaxPageSize = 100;

    public static RouteGroupBuilder MapInitiativesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/initiatives").WithTags("Sáng kiến (initiatives)");
        api.MapPost("/", RegisterInitiative).RequireRoles(PlatformRoles.Author);
        api.MapGet("/", ListInitiatives);
        api.MapGet("/{id:guid}", GetInitiative);
        api.MapPut("/{id:guid}", UpdateInitiative).RequireRoles(PlatformRoles.Author);
        api.MapPost("/{id:guid}/submit", SubmitInitiative).RequireRoles(PlatformRoles.Author);
        api.MapPost("/{id:guid}/withdraw", WithdrawInitiative).RequireRoles(PlatformRoles.Author);
        api.MapGet("/{id:guid}/history", GetHistory);
        return api;
    }

    /// <summary>
    /// Đăng ký sáng kiến (Mẫu 1): saved as a draft (<c>saveAsDraft</c>) or registered at once, before the
    /// registration deadline. With an <c>Idempotency-Key</c> header, a retried request returns the initiative
    /// the first one created instead of creating a second.
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

        var fingerprint = registration.Fingerprint() + (request.SaveAsDraft ? ":draft" : string.Empty);
        await using var connection = await services.Db.OpenConnectionAsync(ct);
        if (idempotencyKey is not null && await ReplayAsync(connection, services.User.Id, idempotencyKey, fingerprint) is { } replay)
        {
            return replay;
        }

        var campaign = await RegistrationRules.CampaignAsync(connection, registration.CampaignId);
        var provinceCode = await RegistrationRules.ResolveAreaAsync(connection, campaign, registration, services.User);
        var now = services.Clock.GetUtcNow();
        if (!request.SaveAsDraft)
        {
            await RegistrationRules.EnsureWindowOpenAsync(connection, campaign, DeadlineKind.Registration, provinceCode, registration.OrganizationId, now);
        }

        var id = Guid.CreateVersion7();
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO initiatives (id, campaign_id, title, kind, content_type, movement_area, field, summary, expected_scope, organization_id,
                                     province_code, commune_code, status, registered_by, contact_name, contact_email, idempotency_key,
                                     idempotency_fingerprint, registered_at, updated_at, search_text)
            VALUES (@Id, @CampaignId, @Title, @Kind, @ContentType, @MovementArea, @Field, @Summary, @ExpectedScope, @OrganizationId,
                    @ProvinceCode, @CommuneCode, 'draft', @RegisteredBy, @ContactName, @ContactEmail, @IdempotencyKey,
                    @Fingerprint, @Now, @Now, @SearchText)
            ON CONFLICT (registered_by, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
            """,
            new
            {
                Id = id, registration.CampaignId, registration.Title, registration.Kind, registration.ContentType, registration.MovementArea,
                registration.Field, registration.Summary, registration.ExpectedScope, registration.OrganizationId, ProvinceCode = provinceCode,
                registration.CommuneCode, RegisteredBy = services.User.Id, ContactName = registration.Lead.FullName,
                ContactEmail = registration.Lead.Email ?? services.User.Email, IdempotencyKey = idempotencyKey, Fingerprint = fingerprint,
                Now = now.UtcDateTime, SearchText = registration.SearchText(),
            }, transaction, cancellationToken: ct));
        if (inserted == 0)
        {
            // A concurrent retry with the same key won the race; answer with what it created.
            await transaction.RollbackAsync(ct);
            return (await ReplayAsync(connection, services.User.Id, idempotencyKey!, fingerprint))!;
        }

        await WriteAuthorsAsync(transaction, id, registration, ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO initiative_status_history (initiative_id, status, changed_at, changed_by) VALUES (@id, 'draft', @now, @by)",
            new { id, now = now.UtcDateTime, by = services.User.Id }, transaction, cancellationToken: ct));
        if (!request.SaveAsDraft)
        {
            var row = (await InitiativeStore.LockAsync(transaction, id, ct))!;
            await RegisterAsync(transaction, services, row, now, ct);
        }

        await transaction.CommitAsync(ct);
        var created = (await InitiativeStore.LoadAsync(connection, id))!;
        return TypedResults.Created($"/api/v1/initiatives/{id}", created);
    }

    /// <summary>Sửa phiếu đăng ký: the author edits a draft, or a registration the upper-level unit returned.</summary>
    public static async Task<Results<Ok<InitiativeResponse>, ProblemHttpResult>> UpdateInitiative(
        Guid id, RegisterInitiativeRequest request, [AsParameters] RegistrationServices services, CancellationToken ct)
    {
        // Whose initiative it is comes before what was sent (403 before 400).
        await using var connection = await services.Db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var row = await OwnAsync(transaction, id, services.User, ct);
        if (!InitiativeLifecycle.RegistrationEditable.Contains(row.Status))
        {
            return Problems.Conflict("initiative_not_editable",
                $"Chỉ sửa được phiếu đăng ký đang là bản nháp hoặc bị trả lại; sáng kiến hiện ở trạng thái \"{InitiativeStatus.All.NameOf(row.Status)}\".");
        }

        var (registration, errors) = InitiativeRegistration.Validate(request with { SaveAsDraft = true });
        if (registration is null)
        {
            return Problems.Validation(errors);
        }

        if (registration.CampaignId != row.CampaignId)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["campaignId"] = ["Không thể chuyển sáng kiến sang đợt thi đua khác; vui lòng rút và đăng ký lại."] });
        }

        var campaign = await RegistrationRules.CampaignAsync(connection, registration.CampaignId, transaction);
        var provinceCode = await RegistrationRules.ResolveAreaAsync(connection, campaign, registration, services.User);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE initiatives SET title = @Title, kind = @Kind, content_type = @ContentType, movement_area = @MovementArea, field = @Field,
                summary = @Summary, expected_scope = @ExpectedScope, organization_id = @OrganizationId, province_code = @ProvinceCode,
                commune_code = @CommuneCode, contact_name = @ContactName, contact_email = @ContactEmail, search_text = @SearchText,
                updated_at = @Now, row_version = row_version + 1
            WHERE id = @Id;
            DELETE FROM initiative_authors WHERE initiative_id = @Id;
            """,
            new
            {
                Id = id, registration.Title, registration.Kind, registration.ContentType, registration.MovementArea, registration.Field,
                registration.Summary, registration.ExpectedScope, registration.OrganizationId, ProvinceCode = provinceCode, registration.CommuneCode,
                ContactName = registration.Lead.FullName, ContactEmail = registration.Lead.Email ?? services.User.Email,
                SearchText = registration.SearchText(), Now = services.Clock.GetUtcNow().UtcDateTime,
            }, transaction, cancellationToken: ct));
        await WriteAuthorsAsync(transaction, id, registration, ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok((await InitiativeStore.LoadAsync(connection, id))!);
    }

    /// <summary>Nộp phiếu đăng ký: a draft (or a returned registration) is registered, before the deadline.</summary>
    public static async Task<Results<Ok<InitiativeResponse>, ProblemHttpResult>> SubmitInitiative(
        Guid id, [AsParameters] RegistrationServices services, CancellationToken ct)
    {
        await using var connection = await services.Db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var row = await OwnAsync(transaction, id, services.User, ct);
        if (InitiativeLifecycle.Next(row.Status, LifecycleStep.Submit) is null)
        {
            return Problems.Conflict("invalid_transition", InitiativeLifecycle.RefusalMessage(row.Status, LifecycleStep.Submit));
        }

        // A draft may have been saved incomplete; a registration may not be.
        var current = (await InitiativeStore.LoadAsync(connection, id, transaction))!;
        var (_, errors) = InitiativeRegistration.Validate(ToRequest(current));
        if (errors.Count > 0)
        {
            return Problems.Create(422, "registration_incomplete",
                "Phiếu đăng ký chưa đủ thông tin để nộp. Vui lòng bổ sung các trường được nêu trong 'errors'.", errors);
        }

        var campaign = await RegistrationRules.CampaignAsync(connection, row.CampaignId, transaction);
        var now = services.Clock.GetUtcNow();
        await RegistrationRules.EnsureWindowOpenAsync(connection, campaign, DeadlineKind.Registration, row.ProvinceCode, row.OrganizationId, now, transaction);
        await RegisterAsync(transaction, services, row, now, ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok((await InitiativeStore.LoadAsync(connection, id))!);
    }

    /// <summary>Rút sáng kiến: the author withdraws at any point before the council's decision.</summary>
    public static async Task<Results<Ok<InitiativeResponse>, ProblemHttpResult>> WithdrawInitiative(
        Guid id, ReasonRequest request, [AsParameters] RegistrationServices services, CancellationToken ct)
    {
        await using var connection = await services.Db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var row = await OwnAsync(transaction, id, services.User, ct);
        var reason = RequiredReason(request.Reason, "rút sáng kiến");
        var now = services.Clock.GetUtcNow();
        await InitiativeStore.TransitionAsync(transaction, services.Outbox, row, LifecycleStep.Withdraw, services.User.Id, reason, now, ct);
        // Appraisal closes the initiative's open cases on this (docs/appraisal.md); in the same transaction as the withdrawal.
        await services.Outbox.EnqueueAsync(new InitiativeWithdrawn(Guid.CreateVersion7(), now, row.Id, row.CampaignId, row.Title, reason, services.User.Id),
            transaction, ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok((await InitiativeStore.LoadAsync(connection, id))!);
    }

    /// <summary>An initiative, to whoever may read it (see <see cref="InitiativeAccess"/>).</summary>
    public static async Task<Results<Ok<InitiativeResponse>, ProblemHttpResult>> GetInitiative(Guid id, [AsParameters] RegistrationServices services)
    {
        await using var connection = await services.Db.OpenConnectionAsync();
        await EnsureReadableAsync(connection, id, services.User);
        return TypedResults.Ok((await InitiativeStore.LoadAsync(connection, id))!);
    }

    /// <summary>Lịch sử trạng thái: every transition, with who and when.</summary>
    public static async Task<Ok<List<StatusHistoryEntry>>> GetHistory(Guid id, [AsParameters] RegistrationServices services)
    {
        await using var connection = await services.Db.OpenConnectionAsync();
        await EnsureReadableAsync(connection, id, services.User);
        var rows = await connection.QueryAsync<(string? From, string To, DateTime At, string By, string? Note)>(
            "SELECT from_status, status, changed_at, changed_by, note FROM initiative_status_history WHERE initiative_id = @id ORDER BY id", new { id });
        return TypedResults.Ok(rows.Select(r => new StatusHistoryEntry(r.From, r.To, InitiativeStatus.All.NameOf(r.To),
            new DateTimeOffset(DateTime.SpecifyKind(r.At, DateTimeKind.Utc)), r.By, r.Note)).ToList());
    }

    /// <summary>
    /// Tìm kiếm, lọc sáng kiến: by campaign, administrative unit (and every unit below it or merged into it),
    /// organization (and those under it), kind, area, field, status, and words ignoring diacritics; newest first,
    /// paged by cursor so that a page costs the same at a million initiatives as at a hundred.
    /// </summary>
    public static async Task<Results<Ok<Page<InitiativeResponse>>, ProblemHttpResult>> ListInitiatives(
        [AsParameters] InitiativeQuery query, [AsParameters] RegistrationServices services, CancellationToken ct)
    {
        var limit = query.Limit ?? 20;
        if (limit is < 1 or > MaxPageSize)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["limit"] = [$"Số dòng mỗi trang từ 1 đến {MaxPageSize}."] });
        }

        var unknown = new Dictionary<string, string[]>();
        foreach (var (field, value, catalog) in new[]
                 {
                     ("kind", query.Kind, InitiativeKind.All), ("movementArea", query.MovementArea, MovementArea.All),
                     ("field", query.Field, InitiativeField.All), ("status", query.Status, InitiativeStatus.All),
                 })
        {
            if (value is not null && !catalog.IsKnown(value))
            {
                unknown[field] = [$"{catalog.VietnameseName} phải là một trong: {catalog.Choices()}."];
            }
        }

        if (unknown.Count > 0)
        {
            return Problems.Validation(unknown);
        }

        await using var connection = await services.Db.OpenConnectionAsync(ct);
        // Resolved to constants first, so that the planner knows how much of the table the caller's reach covers.
        var access = await new InitiativeAccess(services.User).ResolveAsync(connection, ct);
        var parameters = new DynamicParameters();
        var where = new List<string> { "true" };
        void Equal(string column, string name, object? value)
        {
            if (value is not null)
            {
                where.Add($"i.{column} = @{name}");
                parameters.Add(name, value);
            }
        }

        Equal("campaign_id", "CampaignId", query.CampaignId);
        Equal("kind", "Kind", query.Kind);
        Equal("movement_area", "MovementArea", query.MovementArea);
        Equal("field", "Field", query.Field);
        Equal("status", "Status", query.Status);
        if (query.Mine == true)
        {
            where.Add("i.registered_by = @Me");
            parameters.Add("Me", services.User.Id);
        }

        if (query.UnitCode is { } unit)
        {
            if (!(unit.Length is 2 or 5) || !unit.All(char.IsAsciiDigit))
            {
                return Problems.Validation(new Dictionary<string, string[]> { ["unitCode"] = ["Mã đơn vị hành chính gồm 2 chữ số (tỉnh) hoặc 5 chữ số (xã/phường)."] });
            }

            where.Add($"i.{(unit.Length == 2 ? "province_code" : "commune_code")} IN {InitiativeAccess.UnitAndMerged("@UnitCode")}");
            parameters.Add("UnitCode", unit);
        }

        if (query.OrganizationId is { } organizationId)
        {
            where.Add($"i.organization_id IN {InitiativeAccess.OrganizationAndBelow("@FilterOrganization")}");
            parameters.Add("FilterOrganization", organizationId);
        }

        if (query.Q is { } q)
        {
            if (q.Length > InitiativeSearch.QueryMaxLength)
            {
                return Problems.Validation(new Dictionary<string, string[]> { ["q"] = [$"Từ khóa tìm kiếm dài tối đa {InitiativeSearch.QueryMaxLength} ký tự."] });
            }

            if (InitiativeSearch.ToTsQuery(q) is { } tsQuery)
            {
                where.Add("i.search_document @@ to_tsquery('simple', @TsQuery)");
                parameters.Add("TsQuery", tsQuery);
            }
        }

        if (query.Cursor is not null)
        {
            if (!TryDecodeCursor(query.Cursor, out var after))
            {
                return Problems.Validation(new Dictionary<string, string[]> { ["cursor"] = ["Con trỏ trang không hợp lệ; vui lòng tải lại danh sách từ trang đầu."] });
            }

            where.Add("i.id < @After");
            parameters.Add("After", after);
        }

        parameters.Add("Take", limit + 1);
        var ids = (await connection.QueryAsync<Guid>(new CommandDefinition(
            access.PageQuery(parameters, string.Join(" AND ", where)), parameters, cancellationToken: ct))).ToList();
        var next = ids.Count > limit ? EncodeCursor(ids[limit - 1]) : null;
        var items = await InitiativeStore.LoadManyAsync(connection, ids.Take(limit).ToList());
        return TypedResults.Ok(new Page<InitiativeResponse>(items, next));
    }

    /// <summary>404 when there is no such initiative, 403 when the caller may not read it.</summary>
    internal static async Task EnsureReadableAsync(NpgsqlConnection connection, Guid id, CurrentUser user, NpgsqlTransaction? tx = null)
    {
        var parameters = new DynamicParameters(new { id });
        var allowed = await connection.QuerySingleOrDefaultAsync<bool?>(new CommandDefinition(
            $"SELECT {new InitiativeAccess(user).ReadPredicate(parameters)} FROM initiatives i WHERE i.id = @id", parameters, tx));
        if (allowed is null)
        {
            throw new ProblemException(404, "initiative_not_found", "Không tìm thấy sáng kiến.");
        }

        if (allowed == false)
        {
            throw new ProblemException(403, "initiative_outside_scope", "Bạn không có quyền xem sáng kiến này: sáng kiến không thuộc phạm vi bạn phụ trách.");
        }
    }

    /// <summary>The author's own initiative, locked; others get 404 or 403 as for reading.</summary>
    internal static async Task<InitiativeRow> OwnAsync(NpgsqlTransaction tx, Guid id, CurrentUser user, CancellationToken ct)
    {
        var row = await InitiativeStore.LockAsync(tx, id, ct) ?? throw new ProblemException(404, "initiative_not_found", "Không tìm thấy sáng kiến.");
        if (row.RegisteredBy != user.Id)
        {
            throw new ProblemException(403, "not_initiative_author", "Chỉ tác giả đã đăng ký sáng kiến mới được thực hiện thao tác này.");
        }

        return row;
    }

    internal static string RequiredReason(string? value, string action)
    {
        var reason = DoanKetSangTao.Domain.VietnameseText.TryNormalize(value, allowNewLines: true);
        if (string.IsNullOrEmpty(reason) || reason.Length > 2000)
        {
            throw Problems.ValidationException("reason", $"Vui lòng nêu lý do {action} (tối đa 2.000 ký tự).");
        }

        return reason;
    }

    /// <summary>Registered: the transition, plus the event the thin flow's consumers (notification, reporting) act on.</summary>
    private static async Task RegisterAsync(NpgsqlTransaction tx, RegistrationServices services, InitiativeRow row, DateTimeOffset now, CancellationToken ct)
    {
        await InitiativeStore.TransitionAsync(tx, services.Outbox, row, LifecycleStep.Submit, services.User.Id, null, now, ct);
        await services.Outbox.EnqueueAsync(new InitiativeRegistered(
            Guid.CreateVersion7(), now, row.Id, row.CampaignId, row.Title, row.Kind, row.OrganizationId, row.ProvinceCode, row.CommuneCode,
            row.RegisteredBy, row.ContactName, row.ContactEmail), tx, ct);
    }

    private static Task WriteAuthorsAsync(NpgsqlTransaction tx, Guid id, ValidRegistration registration, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO initiative_authors (initiative_id, ordinal, full_name, email, is_lead, contribution_percent, organization_id, position)
            SELECT @Id, a.ordinal, a.full_name, a.email, a.is_lead, a.contribution_percent, coalesce(a.organization_id, @OrganizationId), a.position
            FROM unnest(@Ordinals, @Names, @Emails, @Leads, @Shares, @Organizations, @Positions)
                 AS a(ordinal, full_name, email, is_lead, contribution_percent, organization_id, position)
            """,
            new
            {
                Id = id,
                registration.OrganizationId,
                Ordinals = registration.Authors.Select(a => a.Ordinal).ToArray(),
                Names = registration.Authors.Select(a => a.FullName).ToArray(),
                Emails = registration.Authors.Select(a => a.Email).ToArray(),
                Leads = registration.Authors.Select(a => a.IsLead).ToArray(),
                Shares = registration.Authors.Select(a => a.ContributionPercent).ToArray(),
                Organizations = registration.Authors.Select(a => a.OrganizationId).ToArray(),
                Positions = registration.Authors.Select(a => a.Position).ToArray(),
            }, tx, cancellationToken: ct));

    private static RegisterInitiativeRequest ToRequest(InitiativeResponse i) => new(
        i.CampaignId, i.Title, i.Kind, i.OrganizationId, i.CommuneCode, i.Summary,
        i.Authors.Select(a => (AuthorInput?)new AuthorInput(a.FullName, a.Email, a.IsLead, a.ContributionPercent, a.OrganizationId, a.Position)).ToList(),
        i.ContentType, i.MovementArea, i.Field, i.ExpectedScope);

    private static string EncodeCursor(Guid id) => Convert.ToBase64String(id.ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryDecodeCursor(string cursor, out Guid id)
    {
        id = Guid.Empty;
        if (cursor.Length != 22)
        {
            return false;
        }

        var bytes = new byte[16];
        var ok = Convert.TryFromBase64String(cursor.Replace('-', '+').Replace('_', '/') + "==", bytes, out var written) && written == 16;
        if (ok)
        {
            id = new Guid(bytes);
        }

        return ok;
    }

    /// <summary>The answer to a retry: the initiative the key created, or 422 when the key came with another registration.</summary>
    private static async Task<Results<Created<InitiativeResponse>, Ok<InitiativeResponse>, ProblemHttpResult>?> ReplayAsync(
        NpgsqlConnection connection, string userId, string key, string fingerprint)
    {
        var found = await connection.QuerySingleOrDefaultAsync<KeyRow>(
            "SELECT id AS Id, idempotency_fingerprint AS Fingerprint FROM initiatives WHERE registered_by = @userId AND idempotency_key = @key",
            new { userId, key });
        if (found is null)
        {
            return null;
        }

        if (found.Fingerprint != fingerprint)
        {
            return Problems.Create(422, "idempotency_key_reused",
                "Mã Idempotency-Key này đã được dùng cho một phiếu đăng ký khác. Mỗi phiếu đăng ký mới cần một mã mới.");
        }

        return TypedResults.Ok((await InitiativeStore.LoadAsync(connection, found.Id))!);
    }

    private sealed record KeyRow(Guid Id, string? Fingerprint);
}

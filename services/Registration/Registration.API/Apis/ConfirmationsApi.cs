using Dapper;
using DoanKetSangTao.Registration.API.Domain;
using DoanKetSangTao.Registration.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace DoanKetSangTao.Registration.API.Apis;

public sealed record CreateConfirmationListRequest(Guid CampaignId, Guid OrganizationId, string? Note);

/// <summary>A list as the list of lists shows it: who forwarded what to whom, and how many initiatives.</summary>
public sealed record ConfirmationListSummary(
    Guid Id, Guid CampaignId, string CampaignName, Guid OrganizationId, string OrganizationName, Guid? ForwardedToId, string? ForwardedToName,
    string? Note, string CreatedBy, string? CreatedByName, DateTimeOffset CreatedAt, int ItemCount);

public sealed record ConfirmationListItem(int Ordinal, InitiativeResponse Initiative);

/// <summary>Danh sách tổng hợp đăng ký (Mẫu 2): what an organization confirmed and forwarded up.</summary>
public sealed record ConfirmationListResponse(
    Guid Id,
    Guid CampaignId,
    string CampaignName,
    Guid OrganizationId,
    string OrganizationName,
    Guid? ForwardedToId,
    string? ForwardedToName,
    string? Note,
    string CreatedBy,
    string? CreatedByName,
    DateTimeOffset CreatedAt,
    IReadOnlyList<ConfirmationListItem> Items);

/// <summary>
/// Xác nhận đăng ký (Mẫu 2): the officer of an upper-level organization (or the Front committee of the area)
/// confirms or returns each registration of the organizations under it, and forwards the confirmed list up.
/// </summary>
public static class ConfirmationsApi
{
    private static readonly string[] Confirmers = [PlatformRoles.UnitOfficer, PlatformRoles.MemberOrganizationOfficer, PlatformRoles.FrontOfficer];

    public static IEndpointRouteBuilder MapConfirmationsApi(this IEndpointRouteBuilder app)
    {
        var initiatives = app.MapGroup("/api/v1/initiatives").WithTags("Xác nhận đăng ký (Mẫu 2)");
        initiatives.MapPost("/{id:guid}/confirm", Confirm).RequireRoles(Confirmers);
        initiatives.MapPost("/{id:guid}/return", Return).RequireRoles(Confirmers);

        var lists = app.MapGroup("/api/v1/confirmation-lists").WithTags("Xác nhận đăng ký (Mẫu 2)");
        lists.MapPost("/", CreateList).RequireRoles(PlatformRoles.UnitOfficer, PlatformRoles.MemberOrganizationOfficer);
        lists.MapGet("/", ListLists).RequireRoles([.. Confirmers, PlatformRoles.Operator]);
        lists.MapGet("/{id:guid}", GetList).RequireRoles([.. Confirmers, PlatformRoles.Operator]);
        lists.MapGet("/{id:guid}/spreadsheet", DownloadList).RequireRoles([.. Confirmers, PlatformRoles.Operator]);
        return app;
    }

    /// <summary>Xác nhận: the registration is confirmed by the upper-level organization.</summary>
    public static Task<Results<Ok<InitiativeResponse>, ProblemHttpResult>> Confirm(Guid id, [AsParameters] RegistrationServices services, CancellationToken ct) =>
        ActAsync(id, LifecycleStep.Confirm, static () => null, services, ct);

    /// <summary>Trả lại: the registration goes back to its author with the reason, to be corrected and resubmitted.</summary>
    public static Task<Results<Ok<InitiativeResponse>, ProblemHttpResult>> Return(
        Guid id, ReasonRequest request, [AsParameters] RegistrationServices services, CancellationToken ct) =>
        ActAsync(id, LifecycleStep.Return, () => InitiativesApi.RequiredReason(request.Reason, "trả lại phiếu đăng ký"), services, ct);

    private static async Task<Results<Ok<InitiativeResponse>, ProblemHttpResult>> ActAsync(
        Guid id, LifecycleStep step, Func<string?> readReason, RegistrationServices services, CancellationToken ct)
    {
        await using var connection = await services.Db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var row = await InitiativeStore.LockAsync(transaction, id, ct);
        if (row is null)
        {
            return Problems.NotFound("initiative_not_found", "Không tìm thấy sáng kiến.");
        }

        var access = new InitiativeAccess(services.User);
        var parameters = new DynamicParameters(new { id });
        if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                $"SELECT {access.ConfirmPredicate(parameters)} FROM initiatives i WHERE i.id = @id", parameters, transaction, cancellationToken: ct)))
        {
            return Problems.Forbidden("not_upper_level",
                "Chỉ cán bộ của đơn vị cấp trên (hoặc cơ quan Mặt trận phụ trách địa bàn) mới được xác nhận hoặc trả lại phiếu đăng ký này.");
        }

        // The reason is read only once the caller is known to be allowed (403 before 400).
        var reason = readReason();
        await InitiativeStore.TransitionAsync(transaction, services.Outbox, row, step, services.User.Id, reason, services.Clock.GetUtcNow(), ct);
        if (step == LifecycleStep.Confirm && access.IsOrganizationOfficer)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE initiatives SET confirmed_by_org_id = @org WHERE id = @id",
                new { id, org = Guid.Parse(services.User.OrganizationId!) }, transaction, cancellationToken: ct));
        }

        await transaction.CommitAsync(ct);
        return TypedResults.Ok((await InitiativeStore.LoadAsync(connection, id))!);
    }

    /// <summary>
    /// Lập và gửi danh sách tổng hợp (Mẫu 2): every confirmed registration of the organization and those under
    /// it that this organization has not forwarded yet, sent to its parent (or to the Front committee when it
    /// has none). Sending twice forwards nothing twice.
    /// </summary>
    public static async Task<Results<Created<ConfirmationListResponse>, ProblemHttpResult>> CreateList(
        CreateConfirmationListRequest request, [AsParameters] RegistrationServices services, CancellationToken ct)
    {
        var access = new InitiativeAccess(services.User);
        await using var connection = await services.Db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await RegistrationRules.CampaignAsync(connection, request.CampaignId, transaction);
        var parameters = new DynamicParameters(new { request.OrganizationId });
        var org = await connection.QuerySingleOrDefaultAsync<OrgRow>(new CommandDefinition(
            $"SELECT id AS Id, parent_id AS ParentId, {(access.IsOrganizationOfficer ? access.OrganizationSubtree(parameters, "id") : "false")} AS Allowed FROM organizations WHERE id = @OrganizationId",
            parameters, transaction, cancellationToken: ct));
        if (org is null)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["organizationId"] = ["Không tìm thấy cơ quan, đơn vị đã chọn."] });
        }

        if (!org.Allowed)
        {
            return Problems.Forbidden("organization_outside_scope", "Bạn chỉ được lập danh sách tổng hợp của đơn vị mình hoặc đơn vị trực thuộc.");
        }

        var note = request.Note is null ? null : DoanKetSangTao.Domain.VietnameseText.TryNormalize(request.Note, allowNewLines: true);
        if ((request.Note is not null && note is null) || note is { Length: > 2000 })
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["note"] = ["Ghi chú chứa ký tự không hợp lệ hoặc dài quá 2.000 ký tự."] });
        }

        // Serialize the lists of one organization, so two clicks cannot forward the same registration twice.
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtextextended(@key, 0))",
            new { key = $"confirmation-list:{request.OrganizationId}" }, transaction, cancellationToken: ct));
        var items = (await connection.QueryAsync<Guid>(new CommandDefinition(
            $"""
            SELECT i.id FROM initiatives i
            WHERE i.campaign_id = @CampaignId AND i.status = 'confirmed'
              AND i.organization_id IN {InitiativeAccess.OrganizationAndBelow("@OrganizationId")}
              AND NOT EXISTS (SELECT 1 FROM confirmation_forwarded f WHERE f.organization_id = @OrganizationId AND f.initiative_id = i.id)
            ORDER BY i.id
            """, new { request.CampaignId, request.OrganizationId }, transaction, cancellationToken: ct))).ToList();
        if (items.Count == 0)
        {
            return Problems.Create(422, "nothing_to_forward",
                "Không có sáng kiến nào đã xác nhận mà chưa được gửi lên. Vui lòng xác nhận các phiếu đăng ký trước khi lập danh sách.");
        }

        var id = Guid.CreateVersion7();
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO confirmation_lists (id, campaign_id, organization_id, forwarded_to_id, note, created_by, created_by_name, created_at)
            VALUES (@id, @CampaignId, @OrganizationId, @ParentId, @note, @by, @name, @now);
            INSERT INTO confirmation_list_items (list_id, initiative_id, ordinal)
            SELECT @id, item, ordinal FROM unnest(@items) WITH ORDINALITY AS t(item, ordinal);
            INSERT INTO confirmation_forwarded (organization_id, initiative_id, list_id)
            SELECT @OrganizationId, item, @id FROM unnest(@items) AS t(item);
            """,
            new
            {
                id, request.CampaignId, request.OrganizationId, org.ParentId, note, by = services.User.Id, name = services.User.Name,
                now = services.Clock.GetUtcNow().UtcDateTime, items = items.ToArray(),
            }, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/confirmation-lists/{id}", (await LoadListAsync(connection, id))!);
    }

    /// <summary>The lists of the caller's organizations (theirs and those under them) or, for Front officers, of their area; items via GET /{id}.</summary>
    public static async Task<Ok<List<ConfirmationListSummary>>> ListLists(Guid? campaignId, [AsParameters] RegistrationServices services, CancellationToken ct)
    {
        var parameters = new DynamicParameters(new { campaignId });
        await using var connection = await services.Db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<ListHead>(new CommandDefinition(
            $"""
            SELECT {ListHeadColumns}, (SELECT count(*) FROM confirmation_list_items x WHERE x.list_id = l.id)::int AS ItemCount
            {ListHeadFrom} JOIN organizations i ON i.id = l.organization_id
            WHERE (@campaignId::uuid IS NULL OR l.campaign_id = @campaignId) AND {VisibleList(services.User, parameters)}
            ORDER BY l.created_at DESC LIMIT 200
            """, parameters, cancellationToken: ct));
        return TypedResults.Ok(rows.Select(h => new ConfirmationListSummary(h.Id, h.CampaignId, h.CampaignName, h.OrganizationId, h.OrganizationName,
            h.ForwardedToId, h.ForwardedToName, h.Note, h.CreatedBy, h.CreatedByName, Utc(h.CreatedAt), h.ItemCount)).ToList());
    }

    public static async Task<Results<Ok<ConfirmationListResponse>, ProblemHttpResult>> GetList(Guid id, [AsParameters] RegistrationServices services, CancellationToken ct)
    {
        await using var connection = await services.Db.OpenConnectionAsync(ct);
        await EnsureListVisibleAsync(connection, id, services.User, ct);
        return TypedResults.Ok((await LoadListAsync(connection, id))!);
    }

    /// <summary>Tải danh sách Mẫu 2 dạng Excel, with the Vietnamese text as typed.</summary>
    public static async Task<IResult> DownloadList(Guid id, [AsParameters] RegistrationServices services, CancellationToken ct)
    {
        await using var connection = await services.Db.OpenConnectionAsync(ct);
        await EnsureListVisibleAsync(connection, id, services.User, ct);
        var list = (await LoadListAsync(connection, id))!;
        return ConfirmationListSheet.Build(list, services.Clock.GetUtcNow());
    }

    private static async Task EnsureListVisibleAsync(NpgsqlConnection connection, Guid id, CurrentUser user, CancellationToken ct)
    {
        var parameters = new DynamicParameters(new { id });
        var visible = await connection.QuerySingleOrDefaultAsync<bool?>(new CommandDefinition(
            $"SELECT {VisibleList(user, parameters)} FROM confirmation_lists l JOIN organizations i ON i.id = l.organization_id WHERE l.id = @id",
            parameters, cancellationToken: ct));
        if (visible is null)
        {
            throw new ProblemException(404, "confirmation_list_not_found", "Không tìm thấy danh sách tổng hợp.");
        }

        if (visible == false)
        {
            throw new ProblemException(403, "confirmation_list_outside_scope", "Danh sách tổng hợp này không thuộc đơn vị hoặc địa bàn bạn phụ trách.");
        }
    }

    /// <summary>Over <c>l</c> (the list) and <c>i</c> (its organization): lists of the officer's organizations, or of the officer's area.</summary>
    private static string VisibleList(CurrentUser user, DynamicParameters parameters)
    {
        var access = new InitiativeAccess(user);
        var terms = new List<string> { "false" };
        if (access.IsOrganizationOfficer)
        {
            terms.Add(access.OrganizationSubtree(parameters, "l.organization_id"));
        }

        if (access.IsAreaOfficer)
        {
            terms.Add(InitiativeAccess.AreaPredicate(user.Scope!, parameters));
        }

        return "(" + string.Join(" OR ", terms) + ")";
    }

    internal static async Task<ConfirmationListResponse?> LoadListAsync(NpgsqlConnection connection, Guid id)
    {
        var head = await connection.QuerySingleOrDefaultAsync<ListHead>($"SELECT {ListHeadColumns} {ListHeadFrom} WHERE l.id = @id", new { id });
        if (head is null)
        {
            return null;
        }

        var itemIds = (await connection.QueryAsync<Guid>(
            "SELECT initiative_id FROM confirmation_list_items WHERE list_id = @id ORDER BY ordinal", new { id })).ToList();
        var initiatives = await InitiativeStore.LoadManyAsync(connection, itemIds);
        return new ConfirmationListResponse(head.Id, head.CampaignId, head.CampaignName, head.OrganizationId, head.OrganizationName, head.ForwardedToId,
            head.ForwardedToName, head.Note, head.CreatedBy, head.CreatedByName, Utc(head.CreatedAt),
            initiatives.Select((initiative, i) => new ConfirmationListItem(i + 1, initiative)).ToList());
    }

    private const string ListHeadColumns = """
        l.id AS Id, l.campaign_id AS CampaignId, c.name AS CampaignName, l.organization_id AS OrganizationId, o.name AS OrganizationName,
        l.forwarded_to_id AS ForwardedToId, p.name AS ForwardedToName, l.note AS Note, l.created_by AS CreatedBy,
        l.created_by_name AS CreatedByName, l.created_at AS CreatedAt
        """;

    private const string ListHeadFrom = """
        FROM confirmation_lists l JOIN campaigns c ON c.id = l.campaign_id JOIN organizations o ON o.id = l.organization_id
        LEFT JOIN organizations p ON p.id = l.forwarded_to_id
        """;

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private sealed class OrgRow
    {
        public Guid Id { get; init; }

        public Guid? ParentId { get; init; }

        public bool Allowed { get; init; }
    }

    private sealed class ListHead
    {
        public Guid Id { get; init; }

        public Guid CampaignId { get; init; }

        public string CampaignName { get; init; } = string.Empty;

        public Guid OrganizationId { get; init; }

        public string OrganizationName { get; init; } = string.Empty;

        public Guid? ForwardedToId { get; init; }

        public string? ForwardedToName { get; init; }

        public string? Note { get; init; }

        public string CreatedBy { get; init; } = string.Empty;

        public string? CreatedByName { get; init; }

        public DateTime CreatedAt { get; init; }

        public int ItemCount { get; init; }
    }
}

using DoanKetSangTao.Messaging;
using Dapper;
using DoanKetSangTao.ServiceDefaults.Security;

namespace DoanKetSangTao.Registration.API.Infrastructure;

/// <summary>A consolidated list (Mẫu 2) as the list of lists shows it: who forwarded what to whom, and how many initiatives.</summary>
public sealed class ConfirmationListHead
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

/// <summary>A consolidated list with its initiatives, in the order they were listed.</summary>
public sealed record ConfirmationListDetails(ConfirmationListHead Head, IReadOnlyList<InitiativeDetails> Initiatives);

/// <summary>The organization a list is made for: where it forwards to (its parent, or none: the Front committee) and whether the caller may.</summary>
public sealed record ListingOrganization(Guid Id, Guid? ParentId, bool Allowed);

/// <summary>A list to forward: the confirmed registrations of an organization and those under it, sent to its parent.</summary>
public sealed record NewConfirmationList(
    Guid Id, Guid CampaignId, Guid OrganizationId, Guid? ForwardedToId, string? Note, string CreatedBy, string? CreatedByName, DateTimeOffset CreatedAt);

/// <summary>Danh sách tổng hợp đăng ký (Mẫu 2): what an organization confirmed and forwarded up, each registration once.</summary>
public sealed class ConfirmationListStore(ServiceDatabase db, InitiativeQueries initiatives)
{
    private const string HeadColumns = """
        l.id AS Id, l.campaign_id AS CampaignId, c.name AS CampaignName, l.organization_id AS OrganizationId, o.name AS OrganizationName,
        l.forwarded_to_id AS ForwardedToId, p.name AS ForwardedToName, l.note AS Note, l.created_by AS CreatedBy,
        l.created_by_name AS CreatedByName, l.created_at AS CreatedAt
        """;

    private const string HeadFrom = """
        FROM confirmation_lists l JOIN campaigns c ON c.id = l.campaign_id JOIN organizations o ON o.id = l.organization_id
        LEFT JOIN organizations p ON p.id = l.forwarded_to_id
        """;

    /// <summary>The organization, and whether the caller (an officer of it or of one above it) may list for it; null when there is none.</summary>
    public Task<ListingOrganization?> OrganizationAsync(DatabaseSession tx, Guid organizationId, CurrentUser user, CancellationToken ct)
    {
        var access = new InitiativeAccess(user);
        var parameters = new DynamicParameters(new { organizationId });
        return tx.Connection.QuerySingleOrDefaultAsync<ListingOrganization>(new CommandDefinition(
            $"SELECT id AS Id, parent_id AS ParentId, {(access.IsOrganizationOfficer ? access.OrganizationSubtree(parameters, "id") : "false")} AS Allowed FROM organizations WHERE id = @organizationId",
            parameters, tx.Transaction, cancellationToken: ct));
    }

    /// <summary>
    /// Lists every confirmed registration of the organization and those under it that it has not forwarded yet, and
    /// marks them forwarded; false (nothing written) when there is none. The lists of one organization are made one
    /// at a time, so two clicks cannot forward the same registration twice.
    /// </summary>
    public async Task<bool> ForwardAsync(DatabaseSession tx, NewConfirmationList list, CancellationToken ct)
    {
        await tx.Connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtextextended(@key, 0))",
            new { key = $"confirmation-list:{list.OrganizationId}" }, tx.Transaction, cancellationToken: ct));
        var items = (await tx.Connection.QueryAsync<Guid>(new CommandDefinition(
            $"""
            SELECT i.id FROM initiatives i
            WHERE i.campaign_id = @CampaignId AND i.status = 'confirmed'
              AND i.organization_id IN {InitiativeAccess.OrganizationAndBelow("@OrganizationId")}
              AND NOT EXISTS (SELECT 1 FROM confirmation_forwarded f WHERE f.organization_id = @OrganizationId AND f.initiative_id = i.id)
            ORDER BY i.id
            """, new { list.CampaignId, list.OrganizationId }, tx.Transaction, cancellationToken: ct))).ToArray();
        if (items.Length == 0)
        {
            return false;
        }

        await tx.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO confirmation_lists (id, campaign_id, organization_id, forwarded_to_id, note, created_by, created_by_name, created_at)
            VALUES (@Id, @CampaignId, @OrganizationId, @ForwardedToId, @Note, @CreatedBy, @CreatedByName, @now);
            INSERT INTO confirmation_list_items (list_id, initiative_id, ordinal)
            SELECT @Id, item, ordinal FROM unnest(@items) WITH ORDINALITY AS t(item, ordinal);
            INSERT INTO confirmation_forwarded (organization_id, initiative_id, list_id)
            SELECT @OrganizationId, item, @Id FROM unnest(@items) AS t(item);
            """,
            new
            {
                list.Id, list.CampaignId, list.OrganizationId, list.ForwardedToId, list.Note, list.CreatedBy, list.CreatedByName,
                now = list.CreatedAt.UtcDateTime, items,
            }, tx.Transaction, cancellationToken: ct));
        return true;
    }

    /// <summary>Null when there is no such list; otherwise whether the caller may see it (<see cref="VisibleList"/>).</summary>
    public Task<bool?> VisibleAsync(Guid id, CurrentUser user, CancellationToken ct) =>
        db.ReadAsync(null, (connection, _) =>
        {
            var parameters = new DynamicParameters(new { id });
            return connection.QuerySingleOrDefaultAsync<bool?>(new CommandDefinition(
                $"SELECT {VisibleList(user, parameters)} FROM confirmation_lists l JOIN organizations i ON i.id = l.organization_id WHERE l.id = @id",
                parameters, cancellationToken: ct));
        }, ct);

    /// <summary>The lists the caller may see (of one campaign, when given), newest first, at most 200.</summary>
    public Task<List<ConfirmationListHead>> ListAsync(Guid? campaignId, CurrentUser user, CancellationToken ct) =>
        db.ReadAsync(null, async (connection, _) =>
        {
            var parameters = new DynamicParameters(new { campaignId });
            return (await connection.QueryAsync<ConfirmationListHead>(new CommandDefinition(
                $"""
                SELECT {HeadColumns}, (SELECT count(*) FROM confirmation_list_items x WHERE x.list_id = l.id)::int AS ItemCount
                {HeadFrom} JOIN organizations i ON i.id = l.organization_id
                WHERE (@campaignId::uuid IS NULL OR l.campaign_id = @campaignId) AND {VisibleList(user, parameters)}
                ORDER BY l.created_at DESC LIMIT 200
                """, parameters, cancellationToken: ct))).ToList();
        }, ct);

    public async Task<ConfirmationListDetails?> LoadAsync(Guid id, CancellationToken ct, DatabaseSession? tx = null)
    {
        var (head, itemIds) = await db.ReadAsync(tx, async (connection, transaction) =>
        {
            var head = await connection.QuerySingleOrDefaultAsync<ConfirmationListHead>(new CommandDefinition(
                $"SELECT {HeadColumns} {HeadFrom} WHERE l.id = @id", new { id }, transaction, cancellationToken: ct));
            var itemIds = head is null ? [] : (await connection.QueryAsync<Guid>(new CommandDefinition(
                "SELECT initiative_id FROM confirmation_list_items WHERE list_id = @id ORDER BY ordinal", new { id }, transaction,
                cancellationToken: ct))).ToList();
            return (head, itemIds);
        }, ct);
        return head is null ? null : new ConfirmationListDetails(head, await initiatives.LoadManyAsync(itemIds, ct, tx));
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
}

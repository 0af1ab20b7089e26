using DoanKetSangTao.Messaging;
using Dapper;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Registration.API.Domain;

namespace DoanKetSangTao.Registration.API.Infrastructure;

/// <summary>A campaign with the deadlines set for it (the campaign's own and each province's).</summary>
public sealed record CampaignSchedule(Campaign Campaign, IReadOnlyList<CampaignDeadline> Deadlines);

/// <summary>A window reopened for an organization, with who granted it, when, and where the organization is.</summary>
public sealed record GrantedExtension(
    Guid Id, Guid OrganizationId, string OrganizationName, string Kind, DateOnly DueBefore, string Reason, string GrantedBy, DateTimeOffset GrantedAt,
    string ProvinceCode = "", string? CommuneCode = null);

/// <summary>Đợt thi đua: campaigns, their deadlines per scope, and the windows reopened for one organization.</summary>
public sealed class CampaignStore(ServiceDatabase db, TimeProvider clock)
{
    private const string CampaignColumns =
        "id AS Id, year AS Year, name AS Name, province_code AS ProvinceCode, phase_start_year AS PhaseStartYear, phase_end_year AS PhaseEndYear";

    public Task<Campaign?> FindAsync(Guid id, CancellationToken ct, DatabaseSession? tx = null) =>
        db.ReadAsync(tx, (connection, transaction) => connection.QuerySingleOrDefaultAsync<Campaign>(new CommandDefinition(
            $"SELECT {CampaignColumns} FROM campaigns WHERE id = @id", new { id }, transaction, cancellationToken: ct)), ct);

    public async Task<CampaignSchedule?> LoadAsync(Guid id, CancellationToken ct) => (await LoadManyAsync([id], ct)).SingleOrDefault();

    /// <summary>The campaigns of a year and province (national ones included), newest first, at most 200.</summary>
    public async Task<List<CampaignSchedule>> ListAsync(int? year, string? provinceCode, CancellationToken ct)
    {
        var ids = await db.ReadAsync(null, (connection, _) => connection.QueryAsync<Guid>(new CommandDefinition(
            """
            SELECT id FROM campaigns
            WHERE (@year::int IS NULL OR year = @year) AND (@provinceCode::text IS NULL OR province_code IS NULL OR province_code = @provinceCode)
            ORDER BY year DESC, name LIMIT 200
            """, new { year, provinceCode }, cancellationToken: ct)), ct);
        return await LoadManyAsync(ids.ToList(), ct);
    }

    /// <summary>Campaigns with their deadlines in two queries, in the order of <paramref name="ids"/>.</summary>
    public Task<List<CampaignSchedule>> LoadManyAsync(IReadOnlyList<Guid> ids, CancellationToken ct) =>
        db.ReadAsync(null, async (connection, _) =>
        {
            var campaigns = (await connection.QueryAsync<Campaign>(new CommandDefinition(
                $"SELECT {CampaignColumns} FROM campaigns WHERE id = ANY(@ids)", new { ids = ids.ToArray() }, cancellationToken: ct))).ToDictionary(c => c.Id);
            var deadlines = (await connection.QueryAsync<(Guid CampaignId, string Kind, string ScopeCode, DateTime DueBefore)>(new CommandDefinition(
                "SELECT campaign_id, kind, scope_code, due_before FROM campaign_deadlines WHERE campaign_id = ANY(@ids) ORDER BY scope_code, due_before",
                new { ids = ids.ToArray() }, cancellationToken: ct)))
                .ToLookup(d => d.CampaignId, d => new CampaignDeadline(d.Kind, d.ScopeCode, DateOnly.FromDateTime(d.DueBefore)));
            return ids.Where(campaigns.ContainsKey).Select(id => new CampaignSchedule(campaigns[id], deadlines[id].ToList())).ToList();
        }, ct);

    /// <summary>Opens a campaign with its campaign-wide deadlines, in one transaction.</summary>
    public async Task CreateAsync(Campaign campaign, IEnumerable<KeyValuePair<string, DateOnly>> deadlines, string by, CancellationToken ct)
    {
        await using var tx = await db.BeginAsync(ct);
        await tx.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO campaigns (id, year, name, province_code, phase_start_year, phase_end_year, created_by)
            VALUES (@Id, @Year, @Name, @ProvinceCode, @PhaseStartYear, @PhaseEndYear, @by)
            """,
            new { campaign.Id, campaign.Year, campaign.Name, campaign.ProvinceCode, campaign.PhaseStartYear, campaign.PhaseEndYear, by },
            tx.Transaction, cancellationToken: ct));
        foreach (var (kind, due) in deadlines)
        {
            await UpsertDeadlineAsync(tx, campaign.Id, Campaign.WholeCampaign, kind, due, by, ct);
            await PublishDeadlineAsync(tx, campaign.Id, campaign.Name, kind, Campaign.WholeCampaign, due, null, ct);
        }

        await tx.CommitAsync(ct);
    }

    /// <summary>Sets (or moves) one deadline of the campaign, for the whole campaign or one province.</summary>
    public async Task SetDeadlineAsync(Guid campaignId, string scopeCode, string kind, DateOnly due, string by, CancellationToken ct)
    {
        await using var tx = await db.BeginAsync(ct);
        await UpsertDeadlineAsync(tx, campaignId, scopeCode, kind, due, by, ct);
        var name = await tx.Connection.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT name FROM campaigns WHERE id = @campaignId", new { campaignId }, tx.Transaction, cancellationToken: ct));
        await PublishDeadlineAsync(tx, campaignId, name ?? string.Empty, kind, scopeCode, due, null, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The deadlines of <paramref name="kind"/> and the organization's extensions of it.</summary>
    public Task<CampaignWindow> WindowAsync(Guid campaignId, string kind, Guid organizationId, CancellationToken ct, DatabaseSession? tx = null) =>
        db.ReadAsync(tx, async (connection, transaction) =>
        {
            var deadlines = await connection.QueryAsync<(string Kind, string ScopeCode, DateTime DueBefore)>(new CommandDefinition(
                "SELECT kind, scope_code, due_before FROM campaign_deadlines WHERE campaign_id = @campaignId AND kind = @kind",
                new { campaignId, kind }, transaction, cancellationToken: ct));
            var extensions = await connection.QueryAsync<(string Kind, DateTime DueBefore, string? Reason)>(new CommandDefinition(
                """
                SELECT kind, due_before, reason
                FROM deadline_extensions WHERE campaign_id = @campaignId AND kind = @kind AND organization_id = @organizationId
                """, new { campaignId, kind, organizationId }, transaction, cancellationToken: ct));
            return new CampaignWindow(
                kind,
                deadlines.Select(d => new CampaignDeadline(d.Kind, d.ScopeCode, DateOnly.FromDateTime(d.DueBefore))).ToList(),
                extensions.Select(e => new DeadlineExtension(e.Kind, organizationId, DateOnly.FromDateTime(e.DueBefore), e.Reason ?? string.Empty)).ToList());
        }, ct);

    /// <summary>
    /// Mở lại thời hạn: records the extension with its reason, who granted it and when, and announces the unit's new
    /// deadline (reminders follow it) in the same transaction.
    /// </summary>
    public async Task GrantExtensionAsync(Guid campaignId, GrantedExtension extension, CancellationToken ct)
    {
        await using var tx = await db.BeginAsync(ct);
        await tx.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO deadline_extensions (id, campaign_id, organization_id, kind, due_before, closes_at, reason, granted_by, granted_at)
            VALUES (@Id, @campaignId, @OrganizationId, @Kind, @DueBefore, @closesAt, @Reason, @GrantedBy, @grantedAt)
            """,
            new
            {
                extension.Id, campaignId, extension.OrganizationId, extension.Kind, DueBefore = extension.DueBefore.ToDateTime(TimeOnly.MinValue),
                closesAt = VietnamTime.ClosesBefore(extension.DueBefore).UtcDateTime, extension.Reason, extension.GrantedBy,
                grantedAt = extension.GrantedAt.UtcDateTime,
            }, tx.Transaction, cancellationToken: ct));
        var (name, province) = await tx.Connection.QuerySingleAsync<(string, string)>(new CommandDefinition(
            "SELECT c.name, o.province_code FROM campaigns c, organizations o WHERE c.id = @campaignId AND o.id = @OrganizationId",
            new { campaignId, extension.OrganizationId }, tx.Transaction, cancellationToken: ct));
        await PublishDeadlineAsync(tx, campaignId, name, extension.Kind, province, extension.DueBefore, extension.OrganizationId, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The campaign's extensions (of one organization, when given), oldest first, with where each organization is.</summary>
    public Task<List<GrantedExtension>> ExtensionsAsync(Guid campaignId, Guid? organizationId, CancellationToken ct) =>
        db.ReadAsync(null, async (connection, _) => (await connection.QueryAsync<ExtensionRow>(new CommandDefinition(
            """
            SELECT e.id AS Id, e.organization_id AS OrganizationId, o.name AS OrganizationName, e.kind AS Kind, e.due_before AS DueBefore,
                   e.reason AS Reason, e.granted_by AS GrantedBy, e.granted_at AS GrantedAt, o.province_code AS ProvinceCode, o.commune_code AS CommuneCode
            FROM deadline_extensions e JOIN organizations o ON o.id = e.organization_id
            WHERE e.campaign_id = @campaignId AND (@organizationId::uuid IS NULL OR e.organization_id = @organizationId)
            ORDER BY e.granted_at
            """, new { campaignId, organizationId }, cancellationToken: ct)))
            .Select(r => new GrantedExtension(r.Id, r.OrganizationId, r.OrganizationName, r.Kind, DateOnly.FromDateTime(r.DueBefore), r.Reason, r.GrantedBy,
                new DateTimeOffset(DateTime.SpecifyKind(r.GrantedAt, DateTimeKind.Utc)), r.ProvinceCode, r.CommuneCode))
            .ToList(), ct);

    /// <summary>CampaignDeadlineSet: notification schedules the deadline's reminders from it (docs/notification-reminders.md).</summary>
    private Task PublishDeadlineAsync(
        DatabaseSession tx, Guid campaignId, string campaignName, string kind, string scopeCode, DateOnly due, Guid? organizationId, CancellationToken ct) =>
        tx.PublishAsync(new CampaignDeadlineSet(
            Guid.CreateVersion7(), clock.GetUtcNow(), campaignId, campaignName, kind, scopeCode, due, VietnamTime.ClosesBefore(due), organizationId), ct);

    private static Task UpsertDeadlineAsync(DatabaseSession tx, Guid campaignId, string scopeCode, string kind, DateOnly due, string by, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO campaign_deadlines (campaign_id, scope_code, kind, due_before, closes_at, set_by)
            VALUES (@campaignId, @scopeCode, @kind, @due, @closesAt, @by)
            ON CONFLICT (campaign_id, scope_code, kind) DO UPDATE SET due_before = EXCLUDED.due_before, closes_at = EXCLUDED.closes_at,
                set_by = EXCLUDED.set_by, set_at = now()
            """,
            new { campaignId, scopeCode, kind, due = due.ToDateTime(TimeOnly.MinValue), closesAt = VietnamTime.ClosesBefore(due).UtcDateTime, by },
            tx.Transaction, cancellationToken: ct));

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

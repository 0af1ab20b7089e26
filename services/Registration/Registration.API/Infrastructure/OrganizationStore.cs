using DoanKetSangTao.Messaging;
using Dapper;
using DoanKetSangTao.ServiceDefaults.Security;

namespace DoanKetSangTao.Registration.API.Infrastructure;

/// <summary>A cơ quan, đơn vị: seated in a commune, or a province-level organization with no commune, under an optional parent.</summary>
public sealed record Organization(Guid Id, string Name, string? ShortName, string Kind, string ProvinceCode, string? CommuneCode, Guid? ParentId);

/// <summary>Kế hoạch hưởng ứng: an organization's movement plan for a campaign, with who recorded it.</summary>
public sealed record MovementPlan(Guid OrganizationId, Guid CampaignId, string DocumentNumber, DateOnly IssuedOn, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>An organization with its ancestors (nearest first) and its movement plan in a campaign, for appraisal's checks.</summary>
public sealed class OrganizationAncestry
{
    public Guid Id { get; init; }

    public string Name { get; init; } = string.Empty;

    public string Kind { get; init; } = string.Empty;

    public string ProvinceCode { get; init; } = string.Empty;

    public string? CommuneCode { get; init; }

    public Guid? ParentId { get; init; }

    public Guid[] AncestorIds { get; set; } = [];

    public string? MovementPlanNumber { get; init; }
}

/// <summary>Cơ quan, đơn vị and their movement plans.</summary>
public sealed class OrganizationStore(ServiceDatabase db)
{
    private const string OrganizationColumns = """
        id AS Id, name AS Name, short_name AS ShortName, kind AS Kind, province_code AS ProvinceCode, commune_code AS CommuneCode, parent_id AS ParentId
        """;

    public Task<Organization?> FindAsync(Guid id, CancellationToken ct, DatabaseSession? tx = null) =>
        db.ReadAsync(tx, (connection, transaction) => connection.QuerySingleOrDefaultAsync<Organization>(new CommandDefinition(
            $"SELECT {OrganizationColumns} FROM organizations WHERE id = @id", new { id }, transaction, cancellationToken: ct)), ct);

    /// <summary>Organizations by parent or area, by name; the caller filters by name words and cuts the page.</summary>
    public Task<List<Organization>> ListAsync(Guid? parentId, string? provinceCode, string? communeCode, CancellationToken ct) =>
        db.ReadAsync(null, async (connection, _) => (await connection.QueryAsync<Organization>(new CommandDefinition(
            $"""
            SELECT {OrganizationColumns} FROM organizations
            WHERE (@parentId::uuid IS NULL OR parent_id = @parentId) AND (@provinceCode::text IS NULL OR province_code = @provinceCode)
              AND (@communeCode::text IS NULL OR commune_code = @communeCode)
            ORDER BY name
            """, new { parentId, provinceCode, communeCode }, cancellationToken: ct))).ToList(), ct);

    public Task CreateAsync(Organization org, string createdBy, CancellationToken ct) =>
        db.ExecuteAsync(
            """
            INSERT INTO organizations (id, name, short_name, kind, province_code, commune_code, parent_id, created_by)
            VALUES (@Id, @Name, @ShortName, @Kind, @ProvinceCode, @CommuneCode, @ParentId, @createdBy)
            """, new { org.Id, org.Name, org.ShortName, org.Kind, org.ProvinceCode, org.CommuneCode, org.ParentId, createdBy }, ct);

    /// <summary>How many of <paramref name="ids"/> exist.</summary>
    public Task<int> CountExistingAsync(IReadOnlyList<Guid> ids, CancellationToken ct, DatabaseSession? tx = null) => ids.Count == 0
        ? Task.FromResult(0)
        : db.ReadAsync(tx, (connection, transaction) => connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*) FROM organizations WHERE id = ANY(@ids)", new { ids = ids.ToArray() }, transaction, cancellationToken: ct)), ct);

    /// <summary>Null when there is no such organization; else whether the caller reaches it (<see cref="InitiativeAccess.OrganizationPredicate"/>).</summary>
    public Task<bool?> VisibleAsync(Guid id, CurrentUser user, CancellationToken ct) =>
        db.ReadAsync(null, (connection, _) =>
        {
            var parameters = new DynamicParameters(new { id });
            return connection.QuerySingleOrDefaultAsync<bool?>(new CommandDefinition(
                $"SELECT {new InitiativeAccess(user).OrganizationPredicate(parameters)} FROM organizations o WHERE o.id = @id", parameters,
                cancellationToken: ct));
        }, ct);

    /// <summary>Records (or replaces) the organization's plan for the campaign.</summary>
    public Task RecordPlanAsync(MovementPlan plan, CancellationToken ct) =>
        db.ExecuteAsync(
            """
            INSERT INTO movement_plans (organization_id, campaign_id, document_number, issued_on, recorded_by, recorded_at)
            VALUES (@OrganizationId, @CampaignId, @DocumentNumber, @issuedOn, @RecordedBy, @recordedAt)
            ON CONFLICT (organization_id, campaign_id) DO UPDATE SET document_number = EXCLUDED.document_number, issued_on = EXCLUDED.issued_on,
                recorded_by = EXCLUDED.recorded_by, recorded_at = EXCLUDED.recorded_at
            """,
            new
            {
                plan.OrganizationId, plan.CampaignId, plan.DocumentNumber, issuedOn = plan.IssuedOn.ToDateTime(TimeOnly.MinValue), plan.RecordedBy,
                recordedAt = plan.RecordedAt.UtcDateTime,
            }, ct);

    /// <summary>The organization's plans, latest issued first.</summary>
    public Task<List<MovementPlan>> PlansAsync(Guid id, CancellationToken ct) =>
        db.ReadAsync(null, async (connection, _) => (await connection.QueryAsync<(Guid OrganizationId, Guid CampaignId, string DocumentNumber, DateTime IssuedOn,
            string RecordedBy, DateTime RecordedAt)>(new CommandDefinition(
            """
            SELECT organization_id, campaign_id, document_number, issued_on, recorded_by, recorded_at
            FROM movement_plans WHERE organization_id = @id ORDER BY issued_on DESC
            """, new { id }, cancellationToken: ct)))
            .Select(r => new MovementPlan(r.OrganizationId, r.CampaignId, r.DocumentNumber, DateOnly.FromDateTime(r.IssuedOn), r.RecordedBy,
                new DateTimeOffset(DateTime.SpecifyKind(r.RecordedAt, DateTimeKind.Utc))))
            .ToList(), ct);

    /// <summary>The organizations with their ancestry (at most 20 levels up) and, when a campaign is named, their plan in it.</summary>
    public Task<List<OrganizationAncestry>> WithAncestryAsync(IReadOnlyList<Guid> ids, Guid? campaignId, CancellationToken ct) =>
        db.ReadAsync(null, async (connection, _) => (await connection.QueryAsync<OrganizationAncestry>(new CommandDefinition(
            """
            WITH RECURSIVE up(start_id, id, depth) AS (
                SELECT o.id, o.parent_id, 1 FROM organizations o WHERE o.id = ANY(@ids) AND o.parent_id IS NOT NULL
                UNION ALL SELECT up.start_id, p.parent_id, up.depth + 1 FROM up JOIN organizations p ON p.id = up.id
                WHERE p.parent_id IS NOT NULL AND up.depth < 20)
            SELECT o.id AS Id, o.name AS Name, o.kind AS Kind, o.province_code AS ProvinceCode, o.commune_code AS CommuneCode, o.parent_id AS ParentId,
                   coalesce((SELECT array_agg(up.id ORDER BY up.depth) FROM up WHERE up.start_id = o.id), '{}') AS AncestorIds,
                   m.document_number AS MovementPlanNumber
            FROM organizations o
            LEFT JOIN movement_plans m ON m.organization_id = o.id AND m.campaign_id = @campaignId
            WHERE o.id = ANY(@ids)
            """, new { ids = ids.ToArray(), campaignId }, cancellationToken: ct))).ToList(), ct);
}

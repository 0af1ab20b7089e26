using DoanKetSangTao.Messaging;
using Dapper;
using DoanKetSangTao.Contracts.Paging;
using DoanKetSangTao.Registration.API.Domain;
using DoanKetSangTao.ServiceDefaults.Security;

namespace DoanKetSangTao.Registration.API.Infrastructure;

/// <summary>One author of an initiative as it is read back, with the name of their organization.</summary>
public sealed record AuthorDetails(
    string FullName, string? Email, bool IsLead, int ContributionPercent, Guid? OrganizationId, string? OrganizationName, string? Position);

/// <summary>An initiative as it is read: Mẫu 1, where it was filed, its lifecycle status and where it stands in appraisal.</summary>
public sealed record InitiativeDetails(
    Guid Id,
    Guid CampaignId,
    string Title,
    string Kind,
    string? ContentType,
    string? MovementArea,
    string? Field,
    string? Summary,
    string? ExpectedScope,
    Guid OrganizationId,
    string OrganizationName,
    string ProvinceCode,
    string CommuneCode,
    string CommuneName,
    string Status,
    string? RecognizedLevel,
    string RegisteredBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RegisteredAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<AuthorDetails> Authors,
    AppraisalStanding? Standing);

/// <summary>One line of an initiative's status history.</summary>
public sealed record StatusChange(string? FromStatus, string Status, DateTimeOffset ChangedAt, string ChangedBy, string? Note);

/// <summary>The filters of the initiative list, already checked: every one optional, all combined.</summary>
public sealed record InitiativeFilter(
    Guid? CampaignId, string? UnitCode, Guid? OrganizationId, string? Kind, string? MovementArea, string? Field, string? Status, string? Words, bool Mine);

/// <summary>Reads of initiatives: one or many with their authors and appraisal standing, the history, who may read, and the list.</summary>
public sealed class InitiativeQueries(ServiceDatabase db)
{
    /// <summary>Null when the initiative does not exist; otherwise whether the caller may read it (<see cref="InitiativeAccess"/>).</summary>
    public Task<bool?> ReadableAsync(Guid id, CurrentUser user, bool councilByArea, CancellationToken ct) =>
        db.ReadAsync(null, (connection, _) =>
        {
            var parameters = new DynamicParameters(new { id });
            return connection.QuerySingleOrDefaultAsync<bool?>(new CommandDefinition(
                $"SELECT {new InitiativeAccess(user, councilByArea).ReadPredicate(parameters)} FROM initiatives i WHERE i.id = @id", parameters,
                cancellationToken: ct));
        }, ct);

    /// <summary>Whether the caller may confirm or return this registration (<see cref="InitiativeAccess.ConfirmPredicate"/>).</summary>
    public Task<bool> ConfirmableAsync(DatabaseSession tx, Guid id, CurrentUser user, CancellationToken ct)
    {
        var parameters = new DynamicParameters(new { id });
        return tx.Connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            $"SELECT {new InitiativeAccess(user).ConfirmPredicate(parameters)} FROM initiatives i WHERE i.id = @id", parameters, tx.Transaction,
            cancellationToken: ct));
    }

    public async Task<InitiativeDetails?> LoadAsync(Guid id, CancellationToken ct, DatabaseSession? tx = null) =>
        (await LoadManyAsync([id], ct, tx)).SingleOrDefault();

    /// <summary>Initiatives with their authors and appraisal facts in one round trip, in the order of <paramref name="ids"/>.</summary>
    public Task<List<InitiativeDetails>> LoadManyAsync(IReadOnlyList<Guid> ids, CancellationToken ct, DatabaseSession? tx = null) =>
        db.ReadAsync(tx, async (connection, transaction) =>
        {
            using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
                """
                SELECT i.id AS Id, i.campaign_id AS CampaignId, i.title AS Title, i.kind AS Kind, i.content_type AS ContentType,
                       i.movement_area AS MovementArea, i.field AS Field, i.summary AS Summary, i.expected_scope AS ExpectedScope,
                       i.organization_id AS OrganizationId, o.name AS OrganizationName, i.province_code AS ProvinceCode,
                       i.commune_code AS CommuneCode, u.name AS CommuneName, i.status AS Status, i.recognized_level AS RecognizedLevel,
                       i.registered_by AS RegisteredBy, i.registered_at AS CreatedAt, i.submitted_at AS SubmittedAt, i.updated_at AS UpdatedAt
                FROM initiatives i JOIN organizations o ON o.id = i.organization_id JOIN administrative_units u ON u.code = i.commune_code
                WHERE i.id = ANY(@ids);
                SELECT a.initiative_id AS InitiativeId, a.full_name AS FullName, a.email AS Email, a.is_lead AS IsLead,
                       a.contribution_percent AS ContributionPercent, a.organization_id AS OrganizationId, o.name AS OrganizationName, a.position AS Position
                FROM initiative_authors a LEFT JOIN organizations o ON o.id = a.organization_id
                WHERE a.initiative_id = ANY(@ids) ORDER BY a.initiative_id, a.ordinal;
                SELECT initiative_id AS InitiativeId, level AS Level, nominated_at IS NOT NULL AS Nominated, opened_version AS OpenedVersion,
                       returned_version AS ReturnedVersion, decision AS Decision
                FROM initiative_appraisal WHERE initiative_id = ANY(@ids);
                """, new { ids = ids.ToArray() }, transaction, cancellationToken: ct));
            var heads = (await grid.ReadAsync<InitiativeHead>()).ToDictionary(h => h.Id);
            var authors = (await grid.ReadAsync<AuthorRow>()).ToLookup(a => a.InitiativeId);
            var standings = (await grid.ReadAsync<LevelRow>()).ToLookup(l => l.InitiativeId,
                l => new LevelFacts(l.Level, l.Nominated, l.OpenedVersion, l.ReturnedVersion, l.Decision));
            return ids.Where(heads.ContainsKey).Select(id =>
            {
                var h = heads[id];
                return new InitiativeDetails(h.Id, h.CampaignId, h.Title, h.Kind, h.ContentType, h.MovementArea, h.Field, h.Summary, h.ExpectedScope,
                    h.OrganizationId, h.OrganizationName, h.ProvinceCode, h.CommuneCode, h.CommuneName, h.Status, h.RecognizedLevel, h.RegisteredBy,
                    Utc(h.CreatedAt), h.SubmittedAt is { } s ? Utc(s) : null, Utc(h.UpdatedAt),
                    authors[id].Select(a => new AuthorDetails(a.FullName, a.Email, a.IsLead, a.ContributionPercent, a.OrganizationId, a.OrganizationName,
                        a.Position)).ToList(),
                    AppraisalPosition.Of(standings[id]));
            }).ToList();
        }, ct);

    /// <summary>Lịch sử trạng thái: every transition, oldest first.</summary>
    public Task<List<StatusChange>> HistoryAsync(Guid id, CancellationToken ct) =>
        db.ReadAsync(null, async (connection, _) =>
            (await connection.QueryAsync<(string? From, string To, DateTime At, string By, string? Note)>(new CommandDefinition(
                "SELECT from_status, status, changed_at, changed_by, note FROM initiative_status_history WHERE initiative_id = @id ORDER BY id", new { id },
                cancellationToken: ct)))
            .Select(r => new StatusChange(r.From, r.To, Utc(r.At), r.By, r.Note)).ToList(), ct);

    /// <summary>
    /// A page of the initiatives the caller may read that match <paramref name="filter"/>, newest first, after the
    /// cursor's id: the caller's reach is resolved to constants first, so that the planner knows how much of the table
    /// it covers, then walked part by part (<see cref="InitiativeAccess.PageQuery"/>).
    /// </summary>
    public async Task<Page<InitiativeDetails>> PageAsync(InitiativeFilter filter, CurrentUser user, Guid? after, int limit, CancellationToken ct)
    {
        var ids = await db.ReadAsync(null, async (connection, _) =>
        {
            var access = await new InitiativeAccess(user).ResolveAsync(connection, ct);
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

            Equal("campaign_id", "CampaignId", filter.CampaignId);
            Equal("kind", "Kind", filter.Kind);
            Equal("movement_area", "MovementArea", filter.MovementArea);
            Equal("field", "Field", filter.Field);
            Equal("status", "Status", filter.Status);
            if (filter.Mine)
            {
                where.Add("i.registered_by = @Me");
                parameters.Add("Me", user.Id);
            }

            if (filter.UnitCode is { } unit)
            {
                where.Add($"i.{(unit.Length == 2 ? "province_code" : "commune_code")} IN {InitiativeAccess.UnitAndMerged("@UnitCode")}");
                parameters.Add("UnitCode", unit);
            }

            if (filter.OrganizationId is { } organizationId)
            {
                where.Add($"i.organization_id IN {InitiativeAccess.OrganizationAndBelow("@FilterOrganization")}");
                parameters.Add("FilterOrganization", organizationId);
            }

            if (InitiativeSearch.ToTsQuery(filter.Words) is { } tsQuery)
            {
                where.Add("i.search_document @@ to_tsquery('simple', @TsQuery)");
                parameters.Add("TsQuery", tsQuery);
            }

            if (after is { } last)
            {
                where.Add("i.id < @After");
                parameters.Add("After", last);
            }

            parameters.Add("Take", limit + 1);
            return (await connection.QueryAsync<Guid>(new CommandDefinition(
                access.PageQuery(parameters, string.Join(" AND ", where)), parameters, cancellationToken: ct))).ToList();
        }, ct);
        var next = ids.Count > limit ? Cursor.From(ids[limit - 1]) : null;
        return new Page<InitiativeDetails>(await LoadManyAsync(ids.Take(limit).ToList(), ct), next);
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private sealed class InitiativeHead
    {
        public Guid Id { get; init; }

        public Guid CampaignId { get; init; }

        public string Title { get; init; } = string.Empty;

        public string Kind { get; init; } = string.Empty;

        public string? ContentType { get; init; }

        public string? MovementArea { get; init; }

        public string? Field { get; init; }

        public string? Summary { get; init; }

        public string? ExpectedScope { get; init; }

        public Guid OrganizationId { get; init; }

        public string OrganizationName { get; init; } = string.Empty;

        public string ProvinceCode { get; init; } = string.Empty;

        public string CommuneCode { get; init; } = string.Empty;

        public string CommuneName { get; init; } = string.Empty;

        public string Status { get; init; } = string.Empty;

        public string? RecognizedLevel { get; init; }

        public string RegisteredBy { get; init; } = string.Empty;

        public DateTime CreatedAt { get; init; }

        public DateTime? SubmittedAt { get; init; }

        public DateTime UpdatedAt { get; init; }
    }

    private sealed class LevelRow
    {
        public Guid InitiativeId { get; init; }

        public string Level { get; init; } = string.Empty;

        public bool Nominated { get; init; }

        public int? OpenedVersion { get; init; }

        public int? ReturnedVersion { get; init; }

        public string? Decision { get; init; }
    }

    private sealed class AuthorRow
    {
        public Guid InitiativeId { get; init; }

        public string FullName { get; init; } = string.Empty;

        public string? Email { get; init; }

        public bool IsLead { get; init; }

        public int ContributionPercent { get; init; }

        public Guid? OrganizationId { get; init; }

        public string? OrganizationName { get; init; }

        public string? Position { get; init; }
    }
}

using Dapper;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Registration.API.Domain;

namespace DoanKetSangTao.Registration.API.Infrastructure;

/// <summary>A published initiative as the gallery shows it: only what the authors agreed to publish.</summary>
public sealed class GalleryRow
{
    public Guid Id { get; init; }

    public string Title { get; init; } = string.Empty;

    public string? Summary { get; init; }

    public string[] Authors { get; init; } = [];

    public string UnitName { get; init; } = string.Empty;

    public string ProvinceCode { get; init; } = string.Empty;

    public string ProvinceName { get; init; } = string.Empty;

    public string Level { get; init; } = string.Empty;

    public int Year { get; init; }

    public string? Field { get; init; }

    public long ReplicationCount { get; init; }
}

/// <summary>A replication report as the gallery shows it.</summary>
public sealed class ReplicationRow
{
    public Guid Id { get; init; }

    public string UnitName { get; init; } = string.Empty;

    public string ProvinceCode { get; init; } = string.Empty;

    public string ProvinceName { get; init; } = string.Empty;

    public string CommuneCode { get; init; } = string.Empty;

    public string CommuneName { get; init; } = string.Empty;

    public DateTime Since { get; init; }

    public string Results { get; init; } = string.Empty;

    public DateTime ReportedAt { get; init; }
}

/// <summary>The count of replications in one province (the gallery's map).</summary>
public sealed record ProvinceCount(string ProvinceCode, string ProvinceName, long Count);

/// <summary>An initiative's publication consent as stored.</summary>
public sealed record ConsentState(Guid InitiativeId, bool PublicationConsent, DateTime? ChangedAt, bool Published);

/// <summary>A replication report already made under an Idempotency-Key: the initiative it was for and the digest of what was sent.</summary>
public sealed record KeyedReplication(Guid Id, Guid InitiativeId, string? Fingerprint);

/// <summary>A replication report as written.</summary>
public sealed record NewReplication(
    Guid Id, Guid InitiativeId, ReportingUnit Unit, string ProvinceCode, string CommuneCode, ValidReplication Report, string ReportedBy,
    string? IdempotencyKey, string Fingerprint, DateTimeOffset Now);

/// <summary>
/// Thư viện sáng kiến công khai: the reads of the public gallery and the writes of consent and replication reports.
/// Published means consented (<c>publication_consent</c>), recognized at some council level by a decision appraisal
/// announced (<c>initiative_appraisal.decision</c>), and not withdrawn; the one definition every read shares
/// (<see cref="Published"/>), so the list, the page, the open data and the replication check never disagree.
/// </summary>
public sealed class GalleryStore(ServiceDatabase db)
{
    /// <summary>
    /// The published initiatives, aliased <c>p</c>: the highest level recognized (<c>level</c>) and the year of that
    /// decision in Vietnam (<c>year</c>, from the time the decision's event says it was made). Filters go in <c>{0}</c>.
    /// </summary>
    private const string Published = """
        SELECT i.id, i.title, i.summary, i.field, i.organization_id, i.province_code, r.level, r.year
        FROM initiatives i
        CROSS JOIN LATERAL (
            SELECT a.level, extract(year FROM a.updated_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::int AS year
            FROM initiative_appraisal a WHERE a.initiative_id = i.id AND a.decision = 'recognized'
            ORDER BY array_position(@Levels, a.level) DESC LIMIT 1) r
        WHERE i.publication_consent AND i.status NOT IN ('draft', 'withdrawn')
        """;

    private const string Columns = """
        p.id AS Id, p.title AS Title, p.summary AS Summary,
        ARRAY(SELECT full_name FROM initiative_authors WHERE initiative_id = p.id ORDER BY ordinal) AS Authors,
        o.name AS UnitName, p.province_code AS ProvinceCode, pu.name AS ProvinceName, p.level AS Level, p.year AS Year, p.field AS Field,
        (SELECT count(*) FROM initiative_replications WHERE initiative_id = p.id) AS ReplicationCount
        """;

    /// <summary>A page of the gallery, newest first, after <paramref name="after"/>; one more row than asked tells there is a next page.</summary>
    public Task<List<GalleryRow>> PageAsync(GalleryFilter filter, Guid? after, int take, CancellationToken ct) =>
        db.ReadAsync(null, async (connection, _) =>
        {
            var parameters = new DynamicParameters(new { Levels = GalleryLevel.Ordered(), Take = take });
            var where = new List<string>();
            if (filter.ProvinceCode is { } province)
            {
                // A province merged into another since is found under the one it merged into.
                where.Add($"i.province_code IN {InitiativeAccess.UnitAndMerged("@Province")}");
                parameters.Add("Province", province);
            }

            if (filter.Field is { } field)
            {
                where.Add("i.field = @Field");
                parameters.Add("Field", field);
            }

            if (InitiativeSearch.ToTsQuery(filter.Words) is { } tsQuery)
            {
                // The registration search's own document and query (diacritics folded, prefixes): one search, not two.
                where.Add("i.search_document @@ to_tsquery('simple', @TsQuery)");
                parameters.Add("TsQuery", tsQuery);
            }

            if (filter.Level is { } level)
            {
                where.Add("r.level = @Level");
                parameters.Add("Level", level);
            }

            if (filter.Year is { } year)
            {
                where.Add("r.year = @Year");
                parameters.Add("Year", year);
            }

            if (after is { } last)
            {
                where.Add("i.id < @After");
                parameters.Add("After", last);
            }

            var filters = string.Concat(where.Select(w => " AND " + w));
            return (await connection.QueryAsync<GalleryRow>(new CommandDefinition(
                $"""
                SELECT {Columns}
                FROM ({Published}{filters} ORDER BY i.id DESC LIMIT @Take) p
                JOIN organizations o ON o.id = p.organization_id JOIN administrative_units pu ON pu.code = p.province_code
                ORDER BY p.id DESC
                """, parameters, cancellationToken: ct))).ToList();
        }, ct);

    /// <summary>One published initiative; null when it is not published (or does not exist).</summary>
    public Task<GalleryRow?> FindAsync(Guid id, CancellationToken ct, DatabaseSession? tx = null) =>
        db.ReadAsync(tx, (connection, transaction) => connection.QuerySingleOrDefaultAsync<GalleryRow>(new CommandDefinition(
            $"""
            SELECT {Columns}
            FROM ({Published} AND i.id = @id) p
            JOIN organizations o ON o.id = p.organization_id JOIN administrative_units pu ON pu.code = p.province_code
            """, new { id, Levels = GalleryLevel.Ordered() }, transaction, cancellationToken: ct)), ct);

    private const string ReplicationColumns = """
        SELECT r.id AS Id, r.unit_name AS UnitName, r.province_code AS ProvinceCode, pu.name AS ProvinceName, r.commune_code AS CommuneCode,
               cu.name AS CommuneName, r.since AS Since, r.results AS Results, r.reported_at AS ReportedAt
        FROM initiative_replications r
        JOIN administrative_units pu ON pu.code = r.province_code JOIN administrative_units cu ON cu.code = r.commune_code
        """;

    /// <summary>One replication report by its id.</summary>
    public Task<ReplicationRow?> ReplicationAsync(Guid replicationId, CancellationToken ct, DatabaseSession? tx = null) =>
        db.ReadAsync(tx, (connection, transaction) => connection.QuerySingleOrDefaultAsync<ReplicationRow>(new CommandDefinition(
            $"{ReplicationColumns} WHERE r.id = @replicationId", new { replicationId }, transaction, cancellationToken: ct)), ct);

    /// <summary>The replications of an initiative, most recent first, and their count per province.</summary>
    public Task<(List<ReplicationRow> Replications, List<ProvinceCount> Map)> ReplicationsAsync(Guid id, CancellationToken ct) =>
        db.ReadAsync(null, async (connection, _) =>
        {
            using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
                $"""
                {ReplicationColumns}
                WHERE r.initiative_id = @id ORDER BY r.reported_at DESC, r.id DESC;
                SELECT r.province_code AS ProvinceCode, pu.name AS ProvinceName, count(*) AS Count
                FROM initiative_replications r JOIN administrative_units pu ON pu.code = r.province_code
                WHERE r.initiative_id = @id GROUP BY r.province_code, pu.name ORDER BY r.province_code;
                """, new { id }, cancellationToken: ct));
            var replications = (await grid.ReadAsync<ReplicationRow>()).ToList();
            var map = (await grid.ReadAsync<ProvinceCount>()).ToList();
            return (replications, map);
        }, ct);

    /// <summary>
    /// When the published data last changed: a consent given or withdrawn, a recognition of a consented initiative, a
    /// replication reported; null when nothing was ever published.
    /// </summary>
    public Task<DateTime?> LastModifiedAsync(CancellationToken ct) =>
        db.ReadAsync(null, (connection, _) => connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(
            """
            SELECT greatest(
                (SELECT max(publication_consent_changed_at) FROM initiatives WHERE publication_consent_changed_at IS NOT NULL),
                (SELECT max(a.updated_at) FROM initiatives i JOIN initiative_appraisal a ON a.initiative_id = i.id AND a.decision = 'recognized'
                 WHERE i.publication_consent),
                (SELECT max(reported_at) FROM initiative_replications))
            """, cancellationToken: ct)), ct);

    /// <summary>The consent and whether the initiative is published now; null when there is no such initiative.</summary>
    public Task<ConsentState?> ConsentAsync(Guid id, CancellationToken ct, DatabaseSession? tx = null) =>
        db.ReadAsync(tx, (connection, transaction) => connection.QuerySingleOrDefaultAsync<ConsentState>(new CommandDefinition(
            $"""
            SELECT i.id AS InitiativeId, i.publication_consent AS PublicationConsent, i.publication_consent_changed_at AS ChangedAt,
                   EXISTS ({Published} AND i.id = @id) AS Published
            FROM initiatives i WHERE i.id = @id
            """, new { id, Levels = GalleryLevel.Ordered() }, transaction, cancellationToken: ct)), ct);

    /// <summary>Gives or withdraws the consent (the caller holds the initiative's row lock); the time changes only when the consent does.</summary>
    public Task SetConsentAsync(DatabaseSession tx, Guid id, bool consent, string by, DateTimeOffset now, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE initiatives SET publication_consent = @consent, publication_consent_changed_at = @now, publication_consent_changed_by = @by
            WHERE id = @id AND publication_consent IS DISTINCT FROM @consent
            """, new { id, consent, by, now = now.UtcDateTime }, tx.Transaction, cancellationToken: ct));

    /// <summary>The report this person made with this key, if any.</summary>
    public Task<KeyedReplication?> FindByKeyAsync(string reportedBy, string key, CancellationToken ct, DatabaseSession? tx = null) =>
        db.ReadAsync(tx, (connection, transaction) => connection.QuerySingleOrDefaultAsync<KeyedReplication>(new CommandDefinition(
            """
            SELECT id AS Id, initiative_id AS InitiativeId, idempotency_fingerprint AS Fingerprint
            FROM initiative_replications WHERE reported_by = @reportedBy AND idempotency_key = @key
            """, new { reportedBy, key }, transaction, cancellationToken: ct)), ct);

    /// <summary>
    /// Writes the report and announces it (<see cref="InitiativeReplicated"/>: reporting counts it, nhân rộng) in the same
    /// transaction; false (nothing written) when the unit already reported on this initiative or a concurrent retry with the
    /// same key got there first (the caller tells which).
    /// </summary>
    public async Task<bool> InsertReplicationAsync(DatabaseSession tx, NewReplication r, CancellationToken ct)
    {
        if (!await WriteReplicationAsync(tx, r, ct))
        {
            return false;
        }

        await tx.PublishAsync(new InitiativeReplicated(Guid.CreateVersion7(), r.Now, r.Id, r.InitiativeId, r.Unit.Name, r.Unit.OrganizationId,
            r.ProvinceCode, r.CommuneCode, r.Report.Since), ct);
        return true;
    }

    private static async Task<bool> WriteReplicationAsync(DatabaseSession tx, NewReplication r, CancellationToken ct) =>
        await tx.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO initiative_replications (id, initiative_id, unit_key, organization_id, unit_name, province_code, commune_code, since, results,
                                                 reported_by, reported_at, idempotency_key, idempotency_fingerprint)
            VALUES (@Id, @InitiativeId, @UnitKey, @OrganizationId, @UnitName, @ProvinceCode, @CommuneCode, @Since, @Results,
                    @ReportedBy, @Now, @IdempotencyKey, @Fingerprint)
            ON CONFLICT DO NOTHING
            """,
            new
            {
                r.Id, r.InitiativeId, UnitKey = r.Unit.Key, r.Unit.OrganizationId, UnitName = r.Unit.Name, r.ProvinceCode, r.CommuneCode,
                Since = r.Report.Since.ToDateTime(TimeOnly.MinValue), r.Report.Results, r.ReportedBy, Now = r.Now.UtcDateTime, r.IdempotencyKey, r.Fingerprint,
            }, tx.Transaction, cancellationToken: ct)) > 0;

    /// <summary>The initiative's row locked while a report is written, so that a consent withdrawn meanwhile is seen.</summary>
    public Task<bool> LockPublishedAsync(DatabaseSession tx, Guid id, CancellationToken ct) =>
        tx.Connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            $"SELECT count(*) > 0 FROM ({Published} AND i.id = @id FOR SHARE OF i) p",
            new { id, Levels = GalleryLevel.Ordered() }, tx.Transaction, cancellationToken: ct));

    /// <summary>The name of an administrative unit, retired or not.</summary>
    public Task<string?> UnitNameAsync(string code, CancellationToken ct) =>
        db.ReadAsync(null, (connection, _) => connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT name FROM administrative_units WHERE code = @code", new { code }, cancellationToken: ct)), ct);
}

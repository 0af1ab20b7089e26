using DoanKetSangTao.Messaging;
using System.Text.Json;
using Dapper;
using DoanKetSangTao.Appraisal.API.Domain;
using DoanKetSangTao.Domain;
using DoanKetSangTao.ServiceDefaults.Security;

namespace DoanKetSangTao.Appraisal.API.Infrastructure;

/// <summary>A council's row (settable properties: Dapper binds through setters).</summary>
public class CouncilRow
{
    public Guid Id { get; set; }

    public Guid CampaignId { get; set; }

    public string Level { get; set; } = string.Empty;

    public string ScopeCode { get; set; } = string.Empty;

    public string? ProvinceCode { get; set; }

    public string Name { get; set; } = string.Empty;

    public string DecisionNumber { get; set; } = string.Empty;

    public DateTime DecisionDate { get; set; }

    public string DecisionSigner { get; set; } = string.Empty;

    public int? NominationQuota { get; set; }

    public int QuorumNumerator { get; set; }

    public int QuorumDenominator { get; set; }

    public string Rubric { get; set; } = string.Empty;

    public string GradeBands { get; set; } = string.Empty;

    public DateTime? ScoringStartedAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    /// <summary>The campaign's year when the council was set up; null for councils older than the column.</summary>
    public int? CampaignYear { get; set; }
}

/// <summary>One tenure of a person on a council.</summary>
public sealed class MemberRow
{
    public long Id { get; set; }

    public Guid PersonId { get; set; }

    public string UserId { get; set; } = string.Empty;

    public string FullName { get; set; } = string.Empty;

    public string? Email { get; set; }

    public string Role { get; set; } = string.Empty;

    public Guid OrganizationId { get; set; }

    public DateTime JoinedAt { get; set; }

    public DateTime? LeftAt { get; set; }

    public string? ChangeReason { get; set; }

    public CouncilMember ToDomain() => new(PersonId, FullName, CouncilCodes.Role(Role), OrganizationId,
        new DateTimeOffset(JoinedAt, TimeSpan.Zero), LeftAt is { } left ? new DateTimeOffset(left, TimeSpan.Zero) : null);
}

/// <summary>The codes stored and sent for council roles (the level codes are the contracts' vocabulary: <see cref="CouncilLevels"/>).</summary>
public static class CouncilCodes
{
    public static CouncilRole Role(string code) => TryRole(code) ?? throw new InvalidOperationException($"Unknown council role '{code}'.");

    public static CouncilRole? TryRole(string? code) => code switch
    {
        "chair" => CouncilRole.Chair,
        "vice_chair" => CouncilRole.ViceChair,
        "secretary" => CouncilRole.Secretary,
        "member" => CouncilRole.Member,
        "expert" => CouncilRole.Expert,
        _ => null,
    };
}

/// <summary>A row of the council list: the council's own columns and its counts.</summary>
public sealed class CouncilSummaryRow : CouncilRow
{
    public int Members { get; set; }

    public int Cases { get; set; }

    public int Decided { get; set; }
}

/// <summary>A new council as its founding decision sets it up (quyết định thành lập), before its members are added.</summary>
public sealed record NewCouncil(
    Guid Id, Guid CampaignId, CouncilLevel Level, AdministrativeScope Scope, string? Name, string? DecisionNumber, DateOnly DecisionDate,
    string? DecisionSigner, int? NominationQuota, QuorumRule Quorum, ScoringScheme Scheme, int CampaignYear);

/// <summary>Hội đồng thẩm định: the councils' rows and their tenures, and the councils' lists.</summary>
public static class CouncilStore
{
    private const string CouncilColumns = """
        id AS Id, campaign_id AS CampaignId, level AS Level, scope_code AS ScopeCode, province_code AS ProvinceCode, name AS Name,
        decision_number AS DecisionNumber, decision_date AS DecisionDate, decision_signer AS DecisionSigner, nomination_quota AS NominationQuota,
        quorum_numerator AS QuorumNumerator, quorum_denominator AS QuorumDenominator, rubric::text AS Rubric, grade_bands::text AS GradeBands,
        scoring_started_at AS ScoringStartedAt, created_at AS CreatedAt, created_by AS CreatedBy, campaign_year AS CampaignYear
        """;

    private const string MemberColumns = """
        id AS Id, person_id AS PersonId, user_id AS UserId, full_name AS FullName, email AS Email, role AS Role, organization_id AS OrganizationId,
        joined_at AS JoinedAt, left_at AS LeftAt, change_reason AS ChangeReason
        """;

    /// <summary>The council with its tenures, or null when there is none.</summary>
    public static Task<CouncilState?> LoadAsync(DatabaseSession db, Guid id, CancellationToken ct) => LoadAsync(db, id, forUpdate: false, ct);

    /// <summary>
    /// The council with its tenures, its row locked until the session ends (NO KEY UPDATE, so cases can still be opened
    /// under it), or null when there is none. Lock order everywhere: the council first, then its cases.
    /// </summary>
    public static Task<CouncilState?> LockAsync(DatabaseSession db, Guid id, CancellationToken ct) => LoadAsync(db, id, forUpdate: true, ct);

    private static async Task<CouncilState?> LoadAsync(DatabaseSession db, Guid id, bool forUpdate, CancellationToken ct)
    {
        var row = await db.Connection.QuerySingleOrDefaultAsync<CouncilRow>(new CommandDefinition(
            $"SELECT {CouncilColumns} FROM councils WHERE id = @id{(forUpdate ? " FOR NO KEY UPDATE" : string.Empty)}", new { id }, db.Transaction, cancellationToken: ct));
        if (row is null)
        {
            return null;
        }

        var tenures = await db.Connection.QueryAsync<MemberRow>(new CommandDefinition(
            $"SELECT {MemberColumns} FROM council_members WHERE council_id = @id ORDER BY joined_at, id", new { id }, db.Transaction, cancellationToken: ct));
        return new CouncilState(row, tenures.ToList());
    }

    /// <summary>Inserts the council; false when the campaign already has one for that level and scope.</summary>
    public static async Task<bool> CreateAsync(DatabaseSession db, NewCouncil council, string by, DateTimeOffset now, CancellationToken ct) =>
        await db.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO councils (id, campaign_id, level, scope_code, province_code, name, decision_number, decision_date, decision_signer,
                                  nomination_quota, quorum_numerator, quorum_denominator, rubric, grade_bands, created_at, created_by, campaign_year)
            VALUES (@Id, @CampaignId, @level, @scopeCode, @province, @name, @number, @date, @signer, @NominationQuota, @num, @den,
                    @rubric::jsonb, @bands::jsonb, @now, @by, @CampaignYear)
            ON CONFLICT (campaign_id, level, scope_code) DO NOTHING
            """,
            new
            {
                council.Id, council.CampaignId, level = council.Level.Code(), scopeCode = ScopeCode(council.Scope), province = council.Scope.ProvinceCode,
                name = VietnameseText.TryNormalize(council.Name), number = VietnameseText.TryNormalize(council.DecisionNumber),
                date = council.DecisionDate.ToDateTime(TimeOnly.MinValue), signer = VietnameseText.TryNormalize(council.DecisionSigner),
                council.NominationQuota, num = council.Quorum.Numerator, den = council.Quorum.Denominator,
                rubric = JsonSerializer.Serialize(council.Scheme.Rubric.Criteria, CouncilState.Json),
                bands = JsonSerializer.Serialize(council.Scheme.Bands.Bands, CouncilState.Json), now = now.UtcDateTime, by, council.CampaignYear,
            }, db.Tx, cancellationToken: ct)) > 0;

    /// <summary>Replaces the council's rubric and grade bands.</summary>
    public static Task SaveSchemeAsync(DatabaseSession db, Guid id, ScoringScheme scheme, CancellationToken ct) =>
        db.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE councils SET rubric = @rubric::jsonb, grade_bands = @bands::jsonb WHERE id = @id",
            new { id, rubric = JsonSerializer.Serialize(scheme.Rubric.Criteria, CouncilState.Json), bands = JsonSerializer.Serialize(scheme.Bands.Bands, CouncilState.Json) },
            db.Tx, cancellationToken: ct));

    /// <summary>
    /// The councils the account sits on, and (for an officer) those of the area they oversee, newest first, at most 500,
    /// with their current members and cases counted.
    /// </summary>
    public static async Task<IReadOnlyList<CouncilSummaryRow>> ListAsync(DatabaseSession db, Guid? campaignId, string me, bool officer,
        AdministrativeScope? scope, CancellationToken ct) =>
        (await db.Connection.QueryAsync<CouncilSummaryRow>(new CommandDefinition(
            """
            SELECT k.id AS Id, k.campaign_id AS CampaignId, k.level AS Level, k.scope_code AS ScopeCode, k.province_code AS ProvinceCode, k.name AS Name,
                   k.decision_number AS DecisionNumber, k.decision_date AS DecisionDate,
                   (SELECT count(*)::int FROM council_members m WHERE m.council_id = k.id AND m.left_at IS NULL) AS Members,
                   (SELECT count(*)::int FROM appraisal_cases c WHERE c.council_id = k.id) AS Cases,
                   (SELECT count(*)::int FROM appraisal_cases c WHERE c.council_id = k.id AND c.state = 'decided') AS Decided
            FROM councils k
            WHERE (@campaignId::uuid IS NULL OR k.campaign_id = @campaignId)
              AND (k.id IN (SELECT council_id FROM council_members WHERE user_id = @me AND left_at IS NULL)
                   OR (@officer AND (@province::text IS NULL
                        OR (@commune::text IS NULL AND k.province_code = @province)
                        OR (k.level = 'commune' AND k.scope_code = @commune))))
            ORDER BY k.created_at DESC
            LIMIT 500
            """,
            new { campaignId, me, officer = officer && scope is not null, province = scope?.ProvinceCode, commune = scope?.CommuneCode },
            db.Transaction, cancellationToken: ct))).AsList();

    /// <summary>How many of the council's cases are in each state.</summary>
    public static async Task<Dictionary<string, int>> CasesByStateAsync(DatabaseSession db, Guid id, CancellationToken ct) =>
        (await db.Connection.QueryAsync<(string State, int Count)>(new CommandDefinition(
            "SELECT state, count(*)::int FROM appraisal_cases WHERE council_id = @id GROUP BY state", new { id }, db.Transaction, cancellationToken: ct)))
        .ToDictionary(x => x.State, x => x.Count);

    /// <summary>Councils of a campaign and level whose scope covers an area, nearest scope first.</summary>
    public static Task<Guid?> FindCoveringAsync(DatabaseSession db, Guid campaignId, CouncilLevel level, string provinceCode, string communeCode,
        CancellationToken ct) =>
        db.Connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            """
            SELECT id FROM councils
            WHERE campaign_id = @campaignId AND level = @level
              AND scope_code = CASE @level WHEN 'central' THEN 'VN' WHEN 'province' THEN @provinceCode ELSE @communeCode END
            """,
            new { campaignId, level = level.Code(), provinceCode, communeCode }, db.Transaction, cancellationToken: ct));

    /// <summary>
    /// The council above for a nomination: the next level, covering the case's area; the same campaign's council first, else
    /// one of another campaign of the same year (a province campaign nominates to the centre's national campaign), the
    /// most recently set up.
    /// </summary>
    public static Task<Guid?> FindAboveAsync(DatabaseSession db, CouncilRow from, CouncilLevel above, string provinceCode, CancellationToken ct) =>
        db.Connection.QueryFirstOrDefaultAsync<Guid?>(new CommandDefinition(
            """
            SELECT id FROM councils
            WHERE level = @level AND scope_code = CASE @level WHEN 'central' THEN 'VN' ELSE @provinceCode END
              AND (campaign_id = @CampaignId OR campaign_year = @CampaignYear)
            ORDER BY (campaign_id = @CampaignId) DESC, created_at DESC
            LIMIT 1
            """,
            new { from.CampaignId, from.CampaignYear, level = above.Code(), provinceCode }, db.Transaction, cancellationToken: ct));

    /// <summary>The scope code stored for a council: "VN", the province's code or the commune's.</summary>
    private static string ScopeCode(AdministrativeScope scope) => scope.Level switch
    {
        AdministrativeLevel.Central => "VN",
        AdministrativeLevel.Province => scope.ProvinceCode!,
        _ => scope.CommuneCode!,
    };
}

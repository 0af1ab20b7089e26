using System.Text.Json;
using Dapper;
using DoanKetSangTao.Appraisal.API.Domain;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Npgsql;

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

/// <summary>The codes stored and sent for council levels and roles.</summary>
public static class CouncilCodes
{
    public static string Of(CouncilLevel level) => level switch
    {
        CouncilLevel.Commune => "commune",
        CouncilLevel.Province => "province",
        CouncilLevel.Central => "central",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown council level."),
    };

    public static CouncilLevel Level(string code) => TryLevel(code) ?? throw new InvalidOperationException($"Unknown council level '{code}'.");

    public static CouncilLevel? TryLevel(string? code) => code switch
    {
        "commune" => CouncilLevel.Commune,
        "province" => CouncilLevel.Province,
        "central" => CouncilLevel.Central,
        _ => null,
    };

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

/// <summary>
/// A council as loaded: its row, every tenure, and the domain objects the rules work on. Who may do what is answered
/// here once: the Front officers of the council's area set it up and see its results; its current secretary or chair
/// runs it (hội đồng do Thư ký điều hành); its current members score what they are assigned.
/// </summary>
public sealed class CouncilState(CouncilRow row, IReadOnlyList<MemberRow> tenures)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public CouncilRow Row { get; } = row;

    public IReadOnlyList<MemberRow> Tenures { get; } = tenures;

    public CouncilLevel Level => CouncilCodes.Level(Row.Level);

    public AppraisalCouncil Council => new(Row.Id, Row.Name, Level, Tenures.Select(t => t.ToDomain()).ToList(), Row.NominationQuota);

    public ScoringScheme Scheme
    {
        get
        {
            var rubric = Domain.Rubric.Create(JsonSerializer.Deserialize<List<RubricCriterion?>>(Row.Rubric, Json));
            var bands = Domain.GradeBands.Create(JsonSerializer.Deserialize<List<GradeBand?>>(Row.GradeBands, Json), rubric.MaxTotal);
            return ScoringScheme.Restore(rubric, bands, Row.ScoringStartedAt is { } at ? new DateTimeOffset(at, TimeSpan.Zero) : null);
        }
    }

    public QuorumRule Quorum => QuorumRule.Create(Row.QuorumNumerator, Row.QuorumDenominator);

    /// <summary>The area the council covers, as a scope: the centre, a province or a commune.</summary>
    public AdministrativeScope Scope => Level switch
    {
        CouncilLevel.Central => AdministrativeScope.Central,
        CouncilLevel.Province => new AdministrativeScope(Row.ScopeCode, null),
        _ => new AdministrativeScope(Row.ProvinceCode, Row.ScopeCode),
    };

    /// <summary>The caller's tenure current at the instant, or null.</summary>
    public MemberRow? TenureOf(CurrentUser user, DateTimeOffset at) => TenureOf(user.Id, at);

    /// <summary>The tenure of the account <paramref name="userId"/> current at the instant, or null.</summary>
    public MemberRow? TenureOf(string userId, DateTimeOffset at) =>
        Tenures.FirstOrDefault(t => t.UserId == userId && t.ToDomain().IsMemberAt(at));

    /// <summary>Runs the council: its current secretary or chair.</summary>
    public bool IsRunBy(CurrentUser user, DateTimeOffset at) =>
        TenureOf(user, at) is { } t && CouncilCodes.Role(t.Role) is CouncilRole.Secretary or CouncilRole.Chair;

    /// <summary>A Front officer (or operator) whose area covers the council's: they set it up and see its results.</summary>
    public bool IsOverseenBy(CurrentUser user) =>
        (user.IsInRole(PlatformRoles.FrontOfficer) || user.IsInRole(PlatformRoles.Operator)) && user.Scope is { } scope && Level switch
        {
            CouncilLevel.Central => scope.Level == AdministrativeLevel.Central,
            CouncilLevel.Province => scope.Covers(Row.ScopeCode),
            _ => scope.Covers(Row.ProvinceCode!, Row.ScopeCode),
        };

    /// <summary>403 unless the caller runs the council (or, with <paramref name="orOverseer"/>, oversees it).</summary>
    public void EnsureRunBy(CurrentUser user, DateTimeOffset at, bool orOverseer = false)
    {
        if (!IsRunBy(user, at) && !(orOverseer && IsOverseenBy(user)))
        {
            throw AppraisalErrors.Forbidden("council_not_yours",
                $"Chỉ Thư ký hoặc Chủ tịch đương nhiệm của {Row.Name}{(orOverseer ? " hoặc cán bộ Mặt trận phụ trách địa bàn" : string.Empty)} được thực hiện thao tác này.");
        }
    }

    /// <summary>403 unless the caller runs, oversees or sits on the council.</summary>
    public void EnsureCanRead(CurrentUser user, DateTimeOffset at)
    {
        if (TenureOf(user, at) is null && !IsOverseenBy(user))
        {
            throw AppraisalErrors.Forbidden("council_not_yours", $"Bạn không phải thành viên của {Row.Name} và không phụ trách địa bàn của hội đồng.");
        }
    }
}

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

    /// <summary>
    /// The council with its tenures; 404 when there is none. With a transaction, the council row is locked (NO KEY UPDATE,
    /// so cases can still be opened under it). Lock order everywhere: the council first, then its cases.
    /// </summary>
    public static async Task<CouncilState> LoadAsync(NpgsqlConnection connection, Guid id, NpgsqlTransaction? tx = null, CancellationToken ct = default)
    {
        var row = await connection.QuerySingleOrDefaultAsync<CouncilRow>(new CommandDefinition(
            $"SELECT {CouncilColumns} FROM councils WHERE id = @id{(tx is null ? string.Empty : " FOR NO KEY UPDATE")}", new { id }, tx, cancellationToken: ct))
            ?? throw new ProblemException(StatusCodes.Status404NotFound, "council_not_found", "Không tìm thấy hội đồng thẩm định.");
        var tenures = await connection.QueryAsync<MemberRow>(new CommandDefinition(
            $"SELECT {MemberColumns} FROM council_members WHERE council_id = @id ORDER BY joined_at, id", new { id }, tx, cancellationToken: ct));
        return new CouncilState(row, tenures.ToList());
    }

    /// <summary>Councils of a campaign and level whose scope covers an area, nearest scope first.</summary>
    public static Task<Guid?> FindCoveringAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, Guid campaignId, CouncilLevel level,
        string provinceCode, string communeCode, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            """
            SELECT id FROM councils
            WHERE campaign_id = @campaignId AND level = @level
              AND scope_code = CASE @level WHEN 'central' THEN 'VN' WHEN 'province' THEN @provinceCode ELSE @communeCode END
            """,
            new { campaignId, level = CouncilCodes.Of(level), provinceCode, communeCode }, tx, cancellationToken: ct));

    /// <summary>
    /// The council above for a nomination: the next level, covering the case's area; the same campaign's council first, else
    /// one of another campaign of the same year (a province campaign nominates to the centre's national campaign), the
    /// most recently set up.
    /// </summary>
    public static Task<Guid?> FindAboveAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CouncilRow from, CouncilLevel above,
        string provinceCode, CancellationToken ct) =>
        connection.QueryFirstOrDefaultAsync<Guid?>(new CommandDefinition(
            """
            SELECT id FROM councils
            WHERE level = @level AND scope_code = CASE @level WHEN 'central' THEN 'VN' ELSE @provinceCode END
              AND (campaign_id = @CampaignId OR campaign_year = @CampaignYear)
            ORDER BY (campaign_id = @CampaignId) DESC, created_at DESC
            LIMIT 1
            """,
            new { from.CampaignId, from.CampaignYear, level = CouncilCodes.Of(above), provinceCode }, tx, cancellationToken: ct));
}

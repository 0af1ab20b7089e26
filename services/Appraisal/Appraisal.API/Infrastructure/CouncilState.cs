using DoanKetSangTao.Domain;
using System.Text.Json;
using DoanKetSangTao.Appraisal.API.Domain;
using DoanKetSangTao.ServiceDefaults.Security;

namespace DoanKetSangTao.Appraisal.API.Infrastructure;

/// <summary>
/// A council as loaded: its row, every tenure, and the domain objects the rules work on, among them who the caller is to
/// it (<see cref="AccessOf"/>): the Front officers of the council's area set it up and see its results; its current
/// secretary or chair runs it (hội đồng do Thư ký điều hành); its current members score what they are assigned. What that
/// lets them do is the rule of <see cref="CouncilAccess"/>.
/// </summary>
public sealed class CouncilState(CouncilRow row, IReadOnlyList<MemberRow> tenures)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public CouncilRow Row { get; } = row;

    public IReadOnlyList<MemberRow> Tenures { get; } = tenures;

    public CouncilLevel Level => CouncilLevels.Parse(Row.Level);

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

    /// <summary>Who the caller is to the council at the instant, for the rules of <see cref="CouncilAccess"/>.</summary>
    public CouncilAccess AccessOf(CurrentUser user, DateTimeOffset at) => new(Row.Name, IsRunBy(user, at), IsOverseenBy(user), TenureOf(user, at) is not null);
}

using DoanKetSangTao.Domain;
using Dapper;
using DoanKetSangTao.ServiceDefaults.Security;
using Npgsql;

namespace DoanKetSangTao.Registration.API.Infrastructure;

/// <summary>
/// Quyền truy cập sáng kiến, as SQL over the <c>initiatives</c> row aliased <c>i</c>, so that lists and single
/// reads apply the same rule: authors see their own; unit and member-organization officers the initiatives of
/// their organization and every organization under it; Front officers those filed in their administrative
/// unit and below (including units since merged into it); the centre everything. Council members and
/// secretaries see submitted initiatives in their scope; which dossiers they read is appraisal's rule
/// (<see cref="DossierReaders"/>), so dossier reads leave this part out (<paramref name="councilByArea"/>).
/// </summary>
public sealed class InitiativeAccess(CurrentUser user, bool councilByArea = true)
{
    /// <summary>Statuses a council sees: the dossier has been submitted.</summary>
    private const string AppraisalStatuses = "('dossier_submitted','dossier_returned','under_appraisal','recognized','not_recognized','nominated')";

    /// <summary>Up to this many organizations, a list walks each organization's index separately.</summary>
    private const int PerOrganizationWalks = 200;

    // Set by ResolveAsync: the caller's reach as constants rather than subqueries.
    private Guid[]? organizationIds;
    private string[]? areaCodes;

    public CurrentUser User { get; } = user;

    public bool IsOrganizationOfficer =>
        (User.IsInRole(PlatformRoles.UnitOfficer) || User.IsInRole(PlatformRoles.MemberOrganizationOfficer))
        && Guid.TryParse(User.OrganizationId, out _);

    public bool IsAreaOfficer => (User.IsInRole(PlatformRoles.FrontOfficer) || User.IsInRole(PlatformRoles.Operator)) && User.Scope is not null;

    public bool IsCouncil => (User.IsInRole(PlatformRoles.CouncilSecretary) || User.IsInRole(PlatformRoles.CouncilMember)) && User.Scope is not null;

    /// <summary>
    /// Looks up once, before a list query, the organizations and administrative units the caller's reach covers, so
    /// that <see cref="ReadPredicate"/> compares with constants (<c>= ANY(@…)</c>) instead of recursive subqueries. The
    /// rows are the same; what changes is what PostgreSQL knows when it plans: a subquery inside the OR is assumed to
    /// match half the table, so for a commune, a small province or an organization it walked the primary key
    /// backwards over most of the table looking for a page (0.3–2.5 s at a million initiatives, docs/benchmarks.md);
    /// with constants it estimates from the column statistics and uses the area's index.
    /// </summary>
    public async Task<InitiativeAccess> ResolveAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        if (IsOrganizationOfficer)
        {
            var parameters = new DynamicParameters();
            var subtree = OrganizationSubtree(parameters, "id");
            organizationIds = [.. await connection.QueryAsync<Guid>(new CommandDefinition(
                $"SELECT id FROM organizations WHERE {subtree}", parameters, cancellationToken: ct))];
        }

        if ((IsAreaOfficer || IsCouncil) && User.Scope!.Level != AdministrativeLevel.Central)
        {
            var unit = User.Scope.Level == AdministrativeLevel.Province ? User.Scope.ProvinceCode : User.Scope.CommuneCode;
            areaCodes = [.. await connection.QueryAsync<string>(new CommandDefinition(
                $"SELECT code FROM {UnitAndMerged("@Unit")} AS m", new { Unit = unit }, cancellationToken: ct))];
        }

        return this;
    }

    /// <summary>Who may read: a boolean SQL expression over <c>i</c>.</summary>
    public string ReadPredicate(DynamicParameters parameters) =>
        "(" + string.Join(" OR ", ReachParts(parameters).Select(part => part.Sql)) + ")";

    /// <summary>
    /// A page of readable ids: each part of the caller's reach (their own registrations, each of their organizations,
    /// their area, their council's dossiers) is walked along its own <c>(column, id)</c> index for at most a page, and
    /// the walks are merged. One query with the parts OR-ed together made PostgreSQL guess how many rows the reach
    /// holds; for an officer of a small organization it guessed an average one and walked the primary key over most of
    /// a million rows (0.4 s, docs/benchmarks.md). <paramref name="filters"/> is a boolean SQL expression over <c>i</c>;
    /// <c>@Take</c> is the page size plus one.
    /// </summary>
    public string PageQuery(DynamicParameters parameters, string filters)
    {
        if (IsAreaOfficer && User.Scope!.Level == AdministrativeLevel.Central)
        {
            return $"SELECT i.id FROM initiatives i WHERE {filters} ORDER BY i.id DESC LIMIT @Take";
        }

        var walks = ReachParts(parameters).Select(part => part.IsOrganizations && organizationIds is { Length: <= PerOrganizationWalks }
            // One short walk per organization; a federation with more organizations than this is better served by one walk over all.
            ? $"""
               (SELECT w.id FROM unnest(@AccessOrganizations) AS o(id)
                CROSS JOIN LATERAL (SELECT i.id FROM initiatives i WHERE i.organization_id = o.id AND {filters}
                                    ORDER BY i.id DESC LIMIT @Take) AS w)
               """
            : $"(SELECT i.id FROM initiatives i WHERE {part.Sql} AND {filters} ORDER BY i.id DESC LIMIT @Take)");
        return $"SELECT u.id FROM ({string.Join(" UNION ", walks)}) AS u ORDER BY u.id DESC LIMIT @Take";
    }

    /// <summary>The parts of the caller's reach, each a boolean SQL expression over <c>i</c>: the one rule lists and reads share.</summary>
    private List<(string Sql, bool IsOrganizations)> ReachParts(DynamicParameters parameters)
    {
        parameters.Add("AccessUser", User.Id);
        var parts = new List<(string, bool)> { ("i.registered_by = @AccessUser", false) };
        if (IsOrganizationOfficer)
        {
            parts.Add((organizationIds is null ? OrganizationSubtree(parameters, "i.organization_id")
                : Add(parameters, "AccessOrganizations", organizationIds, "i.organization_id = ANY(@AccessOrganizations)"), true));
        }

        if (IsAreaOfficer)
        {
            parts.Add((ReadArea(parameters), false));
        }

        if (IsCouncil && councilByArea)
        {
            parts.Add(($"(i.status IN {AppraisalStatuses} AND {ReadArea(parameters)})", false));
        }

        return parts;
    }

    /// <summary>
    /// Who may confirm or return a registration (Mẫu 2): an officer of the initiative's organization or of an
    /// organization above it, or a Front officer whose area covers it.
    /// </summary>
    public string ConfirmPredicate(DynamicParameters parameters)
    {
        var terms = new List<string> { "false" };
        if (IsOrganizationOfficer)
        {
            terms.Add(OrganizationSubtree(parameters, "i.organization_id"));
        }

        if (User.IsInRole(PlatformRoles.FrontOfficer) && User.Scope is not null)
        {
            terms.Add(AreaPredicate(User.Scope, parameters));
        }

        return "(" + string.Join(" OR ", terms) + ")";
    }

    /// <summary>
    /// Who may see an organization's own records (its movement plans) and record them: an officer of the organization or
    /// of one above it, or a Front officer (or operator) whose area covers it; the reach of the initiative lists, over the
    /// <c>organizations</c> row aliased <paramref name="alias"/>.
    /// </summary>
    public string OrganizationPredicate(DynamicParameters parameters, string alias = "o")
    {
        var terms = new List<string> { "false" };
        if (IsOrganizationOfficer)
        {
            terms.Add(OrganizationSubtree(parameters, $"{alias}.id"));
        }

        if (IsAreaOfficer)
        {
            terms.Add(AreaPredicate(User.Scope!, parameters, alias));
        }

        return "(" + string.Join(" OR ", terms) + ")";
    }

    /// <summary>True when <paramref name="column"/> (an organization id) is the officer's organization or one under it.</summary>
    public string OrganizationSubtree(DynamicParameters parameters, string column)
    {
        parameters.Add("AccessOrganization", Guid.Parse(User.OrganizationId!));
        return $"{column} IN {OrganizationAndBelow("@AccessOrganization")}";
    }

    /// <summary>An organization's id and, recursively, those of the organizations under it (a subquery).</summary>
    public static string OrganizationAndBelow(string parameter) => $"""
        (WITH RECURSIVE sub(id) AS (
            SELECT id FROM organizations WHERE id = {parameter}
            UNION SELECT o.id FROM organizations o JOIN sub ON o.parent_id = sub.id)
          SELECT id FROM sub)
        """;

    /// <summary>The records filed in an administrative unit or one merged into it, over <c>i</c>'s codes.</summary>
    public static string AreaPredicate(AdministrativeScope scope, DynamicParameters parameters, string alias = "i") => scope.Level switch
    {
        AdministrativeLevel.Central => "true",
        AdministrativeLevel.Province => Add(parameters, "AccessProvince", scope.ProvinceCode!, $"{alias}.province_code IN {UnitAndMerged("@AccessProvince")}"),
        _ => Add(parameters, "AccessCommune", scope.CommuneCode!, $"{alias}.commune_code IN {UnitAndMerged("@AccessCommune")}"),
    };

    /// <summary>A unit's code and, recursively, the codes of units merged into it (a subquery).</summary>
    public static string UnitAndMerged(string parameter) => $"""
        (WITH RECURSIVE merged(code) AS (
            SELECT code FROM administrative_units WHERE code = {parameter}
            UNION SELECT a.code FROM administrative_units a JOIN merged ON a.merged_into_code = merged.code)
          SELECT code FROM merged)
        """;

    private static string Add(DynamicParameters parameters, string name, object value, string sql)
    {
        parameters.Add(name, value);
        return sql;
    }

    /// <summary>The caller's area over <c>i</c>: resolved codes when <see cref="ResolveAsync"/> ran, the subquery otherwise.</summary>
    private string ReadArea(DynamicParameters parameters) => areaCodes is null
        ? AreaPredicate(User.Scope!, parameters)
        : Add(parameters, "AccessAreaCodes", areaCodes,
            $"i.{(User.Scope!.Level == AdministrativeLevel.Province ? "province_code" : "commune_code")} = ANY(@AccessAreaCodes)");
}

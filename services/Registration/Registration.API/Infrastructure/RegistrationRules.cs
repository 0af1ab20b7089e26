using Dapper;
using DoanKetSangTao.Registration.API.Domain;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Npgsql;

namespace DoanKetSangTao.Registration.API.Infrastructure;

/// <summary>The checks of a registration that need the database: campaign, deadlines, area and organizations.</summary>
public static class RegistrationRules
{
    public static async Task<Campaign> CampaignAsync(NpgsqlConnection connection, Guid campaignId, NpgsqlTransaction? tx = null) =>
        await connection.QuerySingleOrDefaultAsync<Campaign>(new CommandDefinition(
            """
            SELECT id AS Id, year AS Year, name AS Name, province_code AS ProvinceCode, phase_start_year AS PhaseStartYear, phase_end_year AS PhaseEndYear
            FROM campaigns WHERE id = @campaignId
            """, new { campaignId }, tx))
        ?? throw new ProblemException(404, "campaign_not_found", "Không tìm thấy đợt thi đua. Vui lòng chọn một đợt thi đua đang mở.");

    /// <summary>
    /// The province the registration is filed in, after checking the commune, that the organization is the filer's
    /// (<see cref="FilingRights"/>), the campaign's scope and the authors' organizations.
    /// </summary>
    public static async Task<string> ResolveAreaAsync(NpgsqlConnection connection, Campaign campaign, ValidRegistration registration, CurrentUser user)
    {
        var provinceCode = await connection.QuerySingleOrDefaultAsync<string>(
            "SELECT parent_code FROM administrative_units WHERE code = @CommuneCode AND level = 'commune' AND retired_at IS NULL",
            new { registration.CommuneCode })
            ?? throw Invalid("communeCode", "Mã xã/phường không có trong danh mục đơn vị hành chính hiện hành.");

        var organization = await connection.QuerySingleOrDefaultAsync<FilingOrganization>(
            "SELECT id AS Id, kind AS Kind, province_code AS ProvinceCode, commune_code AS CommuneCode FROM organizations WHERE id = @OrganizationId",
            new { registration.OrganizationId })
            ?? throw Invalid("organizationId", "Không tìm thấy cơ quan, đơn vị đã chọn.");
        if (FilingRights.Check(await FilerAsync(connection, user), organization, campaign, registration.CommuneCode) is { } refusal)
        {
            throw new ProblemException(refusal.Status, refusal.Code, refusal.Message);
        }

        if (!campaign.Covers(provinceCode))
        {
            throw new ProblemException(422, "commune_outside_campaign",
                "Xã/phường đã chọn không thuộc tỉnh/thành phố của đợt thi đua này. Vui lòng chọn đúng đợt thi đua của địa phương.");
        }

        if (organization.ProvinceCode != provinceCode)
        {
            throw Invalid("organizationId", "Cơ quan, đơn vị đã chọn không thuộc tỉnh/thành phố của xã/phường nơi đăng ký sáng kiến.");
        }

        var authorOrganizations = registration.Authors.Where(a => a.OrganizationId is not null).Select(a => a.OrganizationId!.Value).Distinct().ToArray();
        if (authorOrganizations.Length > 0)
        {
            var known = await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM organizations WHERE id = ANY(@authorOrganizations)", new { authorOrganizations });
            if (known != authorOrganizations.Length)
            {
                throw Invalid("authors", "Có tác giả khai cơ quan, đơn vị không có trong danh mục. Vui lòng chọn lại đơn vị công tác của từng tác giả.");
            }
        }

        return provinceCode;
    }

    /// <summary>Refuses (409 <c>registration_closed</c> / <c>dossier_closed</c>) when the window is shut for this organization.</summary>
    public static async Task EnsureWindowOpenAsync(
        NpgsqlConnection connection, Campaign campaign, string kind, string provinceCode, Guid organizationId, DateTimeOffset now, NpgsqlTransaction? tx = null)
    {
        var deadlines = await connection.QueryAsync<DeadlineRow>(new CommandDefinition(
            "SELECT kind AS Kind, scope_code AS ScopeCode, due_before AS DueBefore FROM campaign_deadlines WHERE campaign_id = @Id AND kind = @kind",
            new { campaign.Id, kind }, tx));
        var extensions = await connection.QueryAsync<DeadlineRow>(new CommandDefinition(
            """
            SELECT kind AS Kind, organization_id::text AS ScopeCode, due_before AS DueBefore, reason AS Reason
            FROM deadline_extensions WHERE campaign_id = @Id AND kind = @kind AND organization_id = @organizationId
            """, new { campaign.Id, kind, organizationId }, tx));
        var deadline = CampaignWindows.Effective(deadlines.Select(d => new CampaignDeadline(d.Kind, d.ScopeCode, DateOnly.FromDateTime(d.DueBefore))), kind, provinceCode);
        var refusal = CampaignWindows.Refusal(campaign, deadline,
            extensions.Select(e => new DeadlineExtension(e.Kind, organizationId, DateOnly.FromDateTime(e.DueBefore), e.Reason ?? string.Empty)), now);
        if (refusal is not null)
        {
            throw new ProblemException(409, kind == DeadlineKind.Registration ? "registration_closed" : "dossier_closed", refusal);
        }
    }

    /// <summary>
    /// Who files, from the token: the account's organization, or, for a person who belongs to none, the commune they live
    /// in and the communes it has since been merged into (a Front committee of the merged commune takes their filings).
    /// </summary>
    public static async Task<Filer> FilerAsync(NpgsqlConnection connection, CurrentUser user)
    {
        if (Guid.TryParse(user.OrganizationId, out var organization))
        {
            return new Filer(organization, []);
        }

        if (user.Scope?.CommuneCode is not { } commune)
        {
            return new Filer(null, []);
        }

        var communes = await connection.QueryAsync<string>(
            """
            WITH RECURSIVE up(code) AS (
                SELECT @commune::text
                UNION SELECT a.merged_into_code FROM administrative_units a JOIN up ON a.code = up.code WHERE a.merged_into_code IS NOT NULL)
            SELECT code FROM up
            """, new { commune });
        return new Filer(null, [.. communes]);
    }

    private static ProblemException Invalid(string field, string message) => Problems.ValidationException(field, message);

    private sealed class DeadlineRow
    {
        public string Kind { get; init; } = string.Empty;

        public string ScopeCode { get; init; } = string.Empty;

        public DateTime DueBefore { get; init; }

        public string? Reason { get; init; }
    }
}

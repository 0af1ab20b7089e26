using Dapper;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;

namespace DoanKetSangTao.Reporting.API.Infrastructure;

/// <summary>One figure: commendations of a level and form in an area (a province, or a commune of one), by kind.</summary>
public sealed record CommendationCountRow(string Level, string AwardTypeCode, string AwardTypeName, string? AreaCode, string? Organization, int Individuals, int Collectives);

/// <summary>
/// Số khen thưởng: recipients of issued decisions by level, form and area, from <c>CommendationDecided</c>; a revoked
/// or superseded decision's recipients are taken out by <c>CertificateRevoked</c>.
/// </summary>
public sealed class CommendationCountStore(ServiceDatabase db)
{
    public Task RecordAsync(DatabaseSession session, CommendationDecided decided, CancellationToken ct) =>
        session.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO commendation_facts (recipient_id, decision_id, level, award_type_code, award_type_name, kind, province_code,
                                            commune_code, organization_name, decision_date, initiative_id)
            VALUES (@RecipientId, @DecisionId, @Level, @AwardTypeCode, @AwardTypeName, @Kind, @ProvinceCode, @CommuneCode, @OrganizationName, @DecisionDate,
                    @InitiativeId)
            ON CONFLICT (recipient_id) DO NOTHING
            """,
            decided.Recipients.Select(r => new
            {
                r.RecipientId, decided.DecisionId, decided.Level, decided.AwardTypeCode, decided.AwardTypeName, r.Kind, r.ProvinceCode, r.CommuneCode,
                r.OrganizationName, decided.DecisionDate, r.InitiativeId,
            }), session.Tx, cancellationToken: ct));

    public Task RevokeAsync(DatabaseSession session, CertificateRevoked revoked, CancellationToken ct) =>
        session.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE commendation_facts SET revoked = true WHERE recipient_id = @RecipientId", new { revoked.RecipientId }, session.Tx, cancellationToken: ct));

    /// <summary>
    /// The year's figures: the nation by province, or a province by commune (a commune officer: theirs only); or, with
    /// <paramref name="byOrganization"/>, the same area's figures by the recipients' organization.
    /// </summary>
    public Task<IReadOnlyList<CommendationCountRow>> CountAsync(int year, string? provinceCode, string? communeCode, bool byOrganization, CancellationToken ct) =>
        db.ReadAsync<IReadOnlyList<CommendationCountRow>>(null, async (c, _) => (await c.QueryAsync<CommendationCountRow>(new CommandDefinition(
            """
            SELECT level AS Level, award_type_code AS AwardTypeCode, min(award_type_name) AS AwardTypeName,
                   CASE WHEN @byOrganization THEN NULL WHEN @province::text IS NULL THEN province_code ELSE coalesce(commune_code, '') END AS AreaCode,
                   CASE WHEN @byOrganization THEN coalesce(organization_name, '') END AS Organization,
                   count(*) FILTER (WHERE kind = 'individual')::int AS Individuals,
                   count(*) FILTER (WHERE kind = 'collective')::int AS Collectives
            FROM commendation_facts
            WHERE NOT revoked AND decision_date >= make_date(@year, 1, 1) AND decision_date < make_date(@year + 1, 1, 1)
              AND (@province::text IS NULL OR province_code = @province)
              AND (@commune::text IS NULL OR commune_code = @commune)
            GROUP BY 1, 2, 4, 5
            ORDER BY 4, 5, 1, 2
            """, new { year, province = provinceCode, commune = communeCode, byOrganization }, cancellationToken: ct))).ToList(), ct);
}

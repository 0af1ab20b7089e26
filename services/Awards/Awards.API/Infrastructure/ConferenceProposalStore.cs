using System.Globalization;
using Dapper;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Contracts.Vocabulary;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Messaging;

namespace DoanKetSangTao.Awards.API.Infrastructure;

/// <summary>
/// Đề nghị khen thưởng từ hội nghị sơ kết, tổng kết: a conference's forwarded proposals become a call of the host's Front
/// committee (<c>mttq:{area}</c>) with one submitted proposal per organization, so the host returns or accepts them and
/// draws a decision from them as from any other. The call's id is the conference's: a second delivery files nothing.
/// </summary>
public sealed class ConferenceProposalStore
{
    /// <summary>The form a Front committee of each level gives by default (seed 004: the city's giấy khen); the host may decide on another in the decision.</summary>
    public static string DefaultAwardType(string level) => level switch
    {
        CouncilLevels.Central => "bang_khen_trung_uong",
        CouncilLevels.Province => "bang_khen_tinh",
        _ => "giay_khen",
    };

    public async Task FileAsync(DatabaseSession session, ConferenceCommendationsProposed proposed, CancellationToken ct)
    {
        var area = new AdministrativeScope(proposed.HostProvinceCode, proposed.HostCommuneCode);
        var level = area.Level switch
        {
            AdministrativeLevel.Central => CouncilLevels.Central,
            AdministrativeLevel.Province => CouncilLevels.Province,
            _ => CouncilLevels.Commune,
        };
        var year = VietnamTime.ToLocal(proposed.StartsAt).Year;
        var callId = proposed.ConferenceId;
        var inserted = await session.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO proposal_calls (id, body_key, body_name, body_province, body_commune, year, title, award_type_code, due_at, created_by, conference_id)
            VALUES (@callId, @key, @HostName, @HostProvinceCode, @HostCommuneCode, @year, @title, @awardType, @dueAt, @ForwardedBy, @callId)
            ON CONFLICT DO NOTHING
            """, new
            {
                callId, key = $"mttq:{area.Path}", proposed.HostName, proposed.HostProvinceCode, proposed.HostCommuneCode, year,
                title = $"Khen thưởng tại {proposed.Title}", awardType = DefaultAwardType(level), dueAt = proposed.StartsAt.UtcDateTime, proposed.ForwardedBy,
            }, session.Tx, cancellationToken: ct));
        if (inserted == 0)
        {
            return; // filed already (the same conference forwarded once; a redelivery under a new id changes nothing)
        }

        foreach (var group in proposed.Organizations.Where(g => g.Nominees.Count > 0))
        {
            var proposerKey = $"org:{group.OrganizationId:D}";
            var proposalId = Guid.CreateVersion7();
            await session.Connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO proposal_quotas (call_id, proposer_key, proposer_name, quota) VALUES (@callId, @proposerKey, @OrganizationName, @quota);
                INSERT INTO proposals (id, call_id, proposer_key, proposer_name, status, submitted_by, submitted_at)
                VALUES (@proposalId, @callId, @proposerKey, @OrganizationName, 'submitted', @ForwardedBy, @at);
                """, new
                {
                    callId, proposerKey, group.OrganizationName, quota = Math.Max(group.Quota, group.Nominees.Count), proposalId, proposed.ForwardedBy,
                    at = proposed.OccurredAt.UtcDateTime,
                }, session.Tx, cancellationToken: ct));
            await session.Connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO proposal_recipients (proposal_id, ordinal, kind, full_name, organization_name, province_code, commune_code, achievement)
                VALUES (@proposalId, @Ordinal, @Kind, @FullName, @OrganizationName, @ProvinceCode, @CommuneCode, @Achievement)
                """, group.Nominees.Select((n, i) => new
                {
                    proposalId, Ordinal = i + 1, n.Kind, n.FullName, OrganizationName = UnitOf(n), n.ProvinceCode, n.CommuneCode, n.Achievement,
                }), session.Tx, cancellationToken: ct));
        }

        await AwardsAudit.RecordAsync(session, proposed.ForwardedBy, "call.opened_from_conference", callId,
            new { proposed.ConferenceId, organizations = proposed.Organizations.Count, year = year.ToString(CultureInfo.InvariantCulture) }, ct);
    }

    /// <summary>"Chủ nhiệm, Tổ hợp tác rau an toàn": the position and unit as one line, as a decision lists them.</summary>
    private static string? UnitOf(ConferenceNominee n) =>
        string.Join(", ", new[] { n.Position, n.UnitName }.Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } text ? text : null;
}

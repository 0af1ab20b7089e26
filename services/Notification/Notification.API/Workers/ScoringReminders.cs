using DoanKetSangTao.Contracts.Appraisal.V1;
using DoanKetSangTao.Notification.API.Domain;
using DoanKetSangTao.Notification.API.Domain.Reminders;

namespace DoanKetSangTao.Notification.API.Workers;

/// <summary>
/// Nhắc hạn chấm điểm: for a campaign's scoring deadline (kind <c>appraisal</c>), appraisal answers at send time which
/// council members still owe score sheets. Each is reminded in person (not a unit's inbox: the sheet is theirs), and at
/// D+1 the Front officers of the council's province (the centre's for the central council) get the list of members
/// who are late, by name and council.
/// </summary>
public static class ScoringReminders
{
    /// <summary>A member who owes sheets, as the reminder names them: the council stands where a unit would.</summary>
    public sealed record PendingScorer(LateUnit Council, Officer Member);

    public static async Task<List<PendingScorer>> PendingAsync(ScoringProgress.ScoringProgressClient appraisal, AnnouncedDeadline deadline, CancellationToken ct)
    {
        var reply = await appraisal.GetPendingScorersAsync(
            new GetPendingScorersRequest { CampaignId = deadline.CampaignId.ToString(), ScopeCode = deadline.ScopeCode }, cancellationToken: ct);
        return reply.Scorers.Select(s => new PendingScorer(
            new LateUnit(Guid.Parse(s.CouncilId), $"{s.FullName} ({s.CouncilName})", s.ProvinceCode, null),
            new Officer(s.UserId, s.FullName, string.IsNullOrWhiteSpace(s.Email) ? null : s.Email, null))).ToList();
    }

    /// <summary>The administrative unit whose Front officers supervise a council: its province, or the centre.</summary>
    public static string SupervisorUnitOf(string provinceCode) => string.IsNullOrEmpty(provinceCode) ? "VN" : $"VN/{provinceCode}";
}

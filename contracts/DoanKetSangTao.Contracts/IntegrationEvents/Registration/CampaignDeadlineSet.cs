namespace DoanKetSangTao.Contracts.IntegrationEvents;

/// <summary>
/// Một thời hạn của đợt thi đua được đặt, dời, hoặc mở lại cho một đơn vị: published whenever a campaign's deadline is set
/// or changed for a scope (<see cref="ScopeCode"/> 'VN' for the campaign's own, or a province code), and when a window is
/// reopened for one organization (<see cref="OrganizationId"/> set, <see cref="ScopeCode"/> its province). Notification
/// schedules its reminders (D-7, D-3, D-1, D+1) from it; the latest event for a key (campaign, kind, scope, organization)
/// is the deadline in force. <see cref="Kind"/> is one of registration, dossier, appraisal, honouring, report_half_year,
/// report_annual; <see cref="DueBefore"/> is "trước ngày" (the window closes when that day begins in Vietnam, <see cref="ClosesAt"/>).
/// </summary>
public sealed record CampaignDeadlineSet(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CampaignId,
    string CampaignName,
    string Kind,
    string ScopeCode,
    DateOnly DueBefore,
    DateTimeOffset ClosesAt,
    Guid? OrganizationId = null) : IIntegrationEvent;

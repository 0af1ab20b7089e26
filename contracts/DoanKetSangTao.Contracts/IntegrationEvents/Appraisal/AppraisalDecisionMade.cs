using System.Diagnostics.CodeAnalysis;
using DoanKetSangTao.Contracts.Vocabulary;

namespace DoanKetSangTao.Contracts.IntegrationEvents;

/// <summary>
/// The council's decision (quyết định công nhận): recognized at its level or not, with its number and date.
/// A central council's recognition is the national one ("Người Việt đoàn kết sáng tạo"). A dossier the council rejects
/// at screening (an exclusion, a missing condition, a duplicate) is announced the same way, not recognized, with the
/// council's minutes number and the ground in <see cref="PublishedComment"/>. The campaign, area and title are carried
/// so that reporting and awards need not ask registration.
/// </summary>
public sealed record AppraisalDecisionMade(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CaseId,
    Guid CouncilId,
    string CouncilLevel,
    Guid InitiativeId,
    bool Recognized,
    decimal? AggregateScore,
    string? Grade,
    string DecisionNumber,
    DateOnly DecisionDate,
    string? PublishedComment,
    Guid? CampaignId = null,
    string? ProvinceCode = null,
    string? CommuneCode = null,
    string? Title = null) : IIntegrationEvent
{
    /// <summary>
    /// Whether the decision can be filed under its campaign, area and a known council level. Appraisal code older than
    /// the campaign and area fields published without them; a consumer that files decisions by area (reports, the
    /// commendation candidates) sets such an event aside, since retrying would not change it. A method, not a property,
    /// so that it never travels on the wire.
    /// </summary>
    [MemberNotNullWhen(true, nameof(ProvinceCode), nameof(CommuneCode))]
    public bool CanBeFiledByArea() =>
        CampaignId is not null && !string.IsNullOrEmpty(ProvinceCode) && !string.IsNullOrEmpty(CommuneCode) && CouncilLevels.IsKnown(CouncilLevel);
}

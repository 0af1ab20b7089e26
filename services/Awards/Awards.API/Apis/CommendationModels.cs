using DoanKetSangTao.Contracts.Paging;

namespace DoanKetSangTao.Awards.API.Apis;

/// <summary>Một hình thức khen thưởng mà sáng kiến đủ điều kiện đề nghị.</summary>
public sealed record EligibleAwardType(string Code, string Name);

/// <summary>Một sáng kiến trong danh sách đề nghị khen thưởng: the recognition and the award types it makes it eligible for.</summary>
public sealed record CommendationCandidateResponse(
    Guid InitiativeId,
    string? Title,
    string Level,
    Guid CampaignId,
    string ProvinceCode,
    string CommuneCode,
    Guid CaseId,
    string DecisionNumber,
    DateOnly DecisionDate,
    decimal? AggregateScore,
    string? Grade,
    IReadOnlyList<EligibleAwardType> EligibleAwardTypes);

/// <summary>
/// One page; <c>NextCursor</c> is passed back as <c>cursor</c> for the next page, null on the last. The platform's
/// <see cref="Page{T}"/> under the schema name integrators already know.
/// </summary>
public sealed record CandidatesPage(IReadOnlyList<CommendationCandidateResponse> Items, string? NextCursor)
    : Page<CommendationCandidateResponse>(Items, NextCursor);

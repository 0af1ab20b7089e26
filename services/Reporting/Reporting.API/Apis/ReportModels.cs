using DoanKetSangTao.Reporting.API.Domain;

namespace DoanKetSangTao.Reporting.API.Apis;

/// <summary>Số sáng kiến đã đăng ký trong một địa bàn (a province, or a commune).</summary>
public sealed record AreaCount(string Code, long Registered);

/// <summary>Số sáng kiến đã đăng ký: the total for the area asked for and its breakdown one level down.</summary>
public sealed record InitiativeCountsResponse(Guid CampaignId, string? ProvinceCode, long Registered, IReadOnlyList<AreaCount> Breakdown);

/// <summary>
/// Kết quả thẩm định: per council level, initiatives recognized, not recognized and nominated upward, for the area
/// asked for (the sum of its breakdown) and for each area one level down.
/// </summary>
public sealed record AppraisalResultsResponse(Guid CampaignId, string? ProvinceCode, IReadOnlyList<LevelResult> Totals, IReadOnlyList<AreaResult> Breakdown);

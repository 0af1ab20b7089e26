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

/// <summary>
/// Số khen thưởng của một cấp và hình thức trong một địa bàn (tỉnh, hoặc xã của tỉnh) hoặc một tổ chức (<c>by=organization</c>),
/// theo cá nhân và tập thể.
/// </summary>
public sealed record CommendationCount(string Level, string AwardTypeCode, string AwardTypeName, string? AreaCode, string? Organization, int Individuals, int Collectives);

/// <summary>Khen thưởng trong năm: totals and the breakdown by level, form and area; revoked decisions not counted.</summary>
public sealed record CommendationCountsResponse(int Year, string? ProvinceCode, int Individuals, int Collectives, IReadOnlyList<CommendationCount> Breakdown);

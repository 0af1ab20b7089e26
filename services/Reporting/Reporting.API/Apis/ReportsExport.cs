using DoanKetSangTao.Contracts.Vocabulary;

namespace DoanKetSangTao.Reporting.API.Apis;

/// <summary>The three older reports as tables to download (.xlsx, CSV), with the same rows and totals as their JSON answers.</summary>
public static class ReportsExport
{
    private static readonly Dictionary<string, string> LevelNames = new()
    {
        [CouncilLevels.Commune] = "Cấp xã", [CouncilLevels.Province] = "Cấp tỉnh", [CouncilLevels.Central] = "Cấp Trung ương",
    };

    public static ExportTable InitiativeCounts(InitiativeCountsResponse r) =>
        new("SỐ SÁNG KIẾN ĐÃ ĐĂNG KÝ", [AreaLine(r.ProvinceCode), $"Đợt thi đua {r.CampaignId}"], ["Địa bàn", "Số sáng kiến đăng ký"], 1,
            [.. r.Breakdown.Select(a => new object?[] { a.Code, a.Registered })], TableExport.Totals(1, [r.Registered]));

    public static ExportTable AppraisalResults(AppraisalResultsResponse r)
    {
        string[] figures = ["công nhận", "không công nhận", "đề cử lên cấp trên"];
        return new("KẾT QUẢ THẨM ĐỊNH SÁNG KIẾN", [AreaLine(r.ProvinceCode), $"Đợt thi đua {r.CampaignId}"],
            ["Địa bàn", .. r.Totals.SelectMany(l => figures.Select(f => $"{LevelNames.GetValueOrDefault(l.Level, l.Level)}: {f}"))], 1,
            [.. r.Breakdown.Select(a => (object?[])[a.Code, .. a.Levels.SelectMany(l => new object?[] { l.Recognized, l.NotRecognized, l.NominatedUpward })])],
            TableExport.Totals(1, r.Totals.SelectMany(l => new[] { l.Recognized, l.NotRecognized, l.NominatedUpward })));
    }

    public static ExportTable Commendations(CommendationCountsResponse r, bool byOrganization) =>
        new("SỐ LIỆU KHEN THƯỞNG", [AreaLine(r.ProvinceCode), $"Năm {r.Year}"],
            ["Cấp", "Hình thức", byOrganization ? "Tổ chức" : "Địa bàn", "Cá nhân", "Tập thể"], 3,
            [.. r.Breakdown.Select(c => new object?[] { c.Level, c.AwardTypeName, byOrganization ? c.Organization : c.AreaCode, (long)c.Individuals, (long)c.Collectives })],
            TableExport.Totals(3, [r.Individuals, r.Collectives]));

    private static string AreaLine(string? provinceCode) =>
        provinceCode is null ? "Toàn quốc, theo tỉnh/thành phố" : $"Tỉnh/thành phố mã {provinceCode}, theo xã/phường";
}

using System.Globalization;

namespace DoanKetSangTao.Reporting.API.Domain.Statistics;

/// <summary>
/// Chỉ tiêu thống kê (measures): what is counted, each on the day an initiative reached it (Vietnam's day). An initiative is
/// counted once per measure, however often the event that moved it was delivered.
/// </summary>
public static class StatisticsMeasures
{
    public static readonly IReadOnlyList<(string Code, string Name)> All =
    [
        ("registered", "Đăng ký"),
        ("confirmed", "Được xác nhận"),
        ("dossier", "Nộp hồ sơ đề nghị công nhận"),
        ("recognized_commune", "Công nhận cấp xã"),
        ("recognized_province", "Công nhận cấp tỉnh"),
        ("recognized_central", "Công nhận cấp Trung ương"),
        ("nominated", "Được đề cử lên cấp trên"),
        ("commended", "Được khen thưởng"),
        ("replicated", "Nhân rộng (áp dụng nơi khác)"),
        ("models_built", "Mô hình \"Đoàn kết sáng tạo\" xây dựng"),
    ];

    public static string NameOf(string code) => All.FirstOrDefault(m => m.Code == code).Name ?? code;
}

/// <summary>Chiều phân tổ (breakdown dimensions) and the filter each one has.</summary>
public static class StatisticsDimensions
{
    public const string Area = "area";
    public const string Organization = "organization";

    public static readonly IReadOnlyList<(string Code, string Name)> All =
    [
        (Area, "Địa bàn"),
        ("campaign", "Đợt thi đua"),
        ("kind", "Loại sáng kiến"),
        ("content_type", "Loại nội dung"),
        ("movement_area", "Khối phong trào"),
        ("field", "Lĩnh vực"),
        ("status", "Trạng thái"),
        (Organization, "Đơn vị"),
        ("member_organization", "Tổ chức thành viên"),
    ];

    public static bool IsKnown(string code) => All.Any(d => d.Code == code);

    public static string NameOf(string code) => code == "period" ? "Kỳ" : All.FirstOrDefault(d => d.Code == code).Name ?? code;
}

/// <summary>Kỳ thống kê: month, quarter, half-year, year; a day falls in exactly one period of each kind.</summary>
public static class StatisticsPeriods
{
    public static readonly IReadOnlyList<string> All = ["month", "quarter", "half_year", "year"];

    /// <summary>The period's key, sortable as text: "2026-03", "2026-Q1", "2026-H1", "2026".</summary>
    public static string KeyOf(string period, DateOnly day) => period switch
    {
        "month" => day.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        "quarter" => string.Create(CultureInfo.InvariantCulture, $"{day.Year}-Q{((day.Month - 1) / 3) + 1}"),
        "half_year" => string.Create(CultureInfo.InvariantCulture, $"{day.Year}-H{(day.Month <= 6 ? 1 : 2)}"),
        _ => day.Year.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The Vietnamese name of a key from <see cref="KeyOf"/>: "Tháng 03/2026", "Quý I/2026", "6 tháng đầu năm 2026", "Năm 2026".</summary>
    public static string NameOf(string key) => key.Length switch
    {
        7 when key[5] == 'Q' => $"Quý {new[] { "I", "II", "III", "IV" }[key[6] - '1']}/{key[..4]}",
        7 when key[5] == 'H' => key[6] == '1' ? $"6 tháng đầu năm {key[..4]}" : $"6 tháng cuối năm {key[..4]}",
        7 => $"Tháng {key[5..]}/{key[..4]}",
        _ => $"Năm {key}",
    };
}

/// <summary>
/// Cơ cấu đơn vị hành chính (structure): a figure filed under a unit is read either as filed (the structure in force when it was
/// registered) or rolled into the 2025 units (a pre-2025 unit's figures go to its primary successor, the hierarchy's rule).
/// </summary>
public static class StatisticsStructure
{
    public const string AsFiled = "as_filed";
    public const string Units2025 = "2025";

    /// <summary>The day the 2025 structure took force (Nghị quyết 202/2025/QH15): codes filed before it are pre-2025 codes.</summary>
    public static readonly DateOnly Reform2025 = new(2025, 7, 1);

    /// <summary>Which structure a code filed on this day belongs to: its start day.</summary>
    public static DateOnly StructureOf(DateOnly filedOn) => filedOn < Reform2025 ? new DateOnly(2000, 1, 1) : Reform2025;
}

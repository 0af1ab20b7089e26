using System.Globalization;
using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Reporting.API.Domain.Statistics;

/// <summary>The query string of <c>GET /api/v1/reports/statistics</c> as sent (every value text, so each gets a Vietnamese answer).</summary>
public sealed record StatisticsInput(
    string? Measures, string? By, string? CampaignId, string? Kind, string? ContentType, string? MovementArea, string? Field, string? Status,
    string? OrganizationId, string? MemberOrganizationId, string? From, string? To, string? Period, string? Area, string? Structure,
    string? CompareFrom, string? CompareTo, string? Format);

/// <summary>Bộ lọc: every slice a figure can be narrowed to; null = all.</summary>
public sealed record StatisticsFilters(
    Guid? CampaignId, string? Kind, string? ContentType, string? MovementArea, string? Field, string? Status, Guid? OrganizationId,
    Guid? MemberOrganizationId);

/// <summary>A date range, both ends included (Vietnam's days).</summary>
public sealed record DayRange(DateOnly From, DateOnly To);

/// <summary>
/// Truy vấn thống kê, validated: which measures, broken down by at most two dimensions (and the period, when one is asked),
/// narrowed by the filters, over a date range, for an area (null = the nation; 2 digits = a province; 5 = a commune) read in a
/// structure, optionally against a comparison range (so sánh kỳ: the reviews after 1, 2 and 3 years).
/// </summary>
public sealed record StatisticsQuery(
    IReadOnlyList<string> Measures, IReadOnlyList<string> By, StatisticsFilters Filters, DayRange Range, string? Period, string? Area,
    string Structure, DayRange? Compare, string Format)
{
    public const int MaxBreakdowns = 2;

    /// <summary>No from = the first day the platform can hold; no to = far enough ahead for any figure.</summary>
    public static readonly DateOnly Earliest = new(2000, 1, 1);
    public static readonly DateOnly Latest = new(2099, 12, 31);

    /// <summary>The nation's view (by province), which only the centre may read.</summary>
    public bool IsNation => Area is null;

    /// <summary>Whether the area column lists provinces (the nation) or communes (a province, a commune).</summary>
    public bool AreaIsProvince => Area is null;

    public static (StatisticsQuery? Query, Refusal? Refusal) Parse(StatisticsInput input)
    {
        var errors = new FieldErrors();
        var measures = List(input.Measures) ?? StatisticsMeasures.All.Select(m => m.Code).ToList();
        foreach (var m in measures.Where(m => StatisticsMeasures.All.All(k => k.Code != m)))
        {
            errors.Add("measures", $"Chỉ tiêu '{m}' không có. Chọn trong: {string.Join(", ", StatisticsMeasures.All.Select(k => k.Code))}.");
        }

        var by = List(input.By) ?? [StatisticsDimensions.Area];
        if (by.Count > MaxBreakdowns || by.Distinct().Count() != by.Count)
        {
            errors.Add("by", $"Phân tổ theo tối đa {MaxBreakdowns} chiều khác nhau.");
        }

        foreach (var d in by.Where(d => !StatisticsDimensions.IsKnown(d)))
        {
            errors.Add("by", $"Chiều '{d}' không có. Chọn trong: {string.Join(", ", StatisticsDimensions.All.Select(k => k.Code))}.");
        }

        var filters = new StatisticsFilters(
            Id(input.CampaignId, "campaignId", errors), Code(input.Kind, "kind", errors), Code(input.ContentType, "contentType", errors),
            Code(input.MovementArea, "movementArea", errors), Code(input.Field, "field", errors), Code(input.Status, "status", errors),
            Id(input.OrganizationId, "organizationId", errors), Id(input.MemberOrganizationId, "memberOrganizationId", errors));

        var range = ParseRange(input.From, input.To, "from", "to", errors) ?? new DayRange(Earliest, Latest);
        DayRange? compare = null;
        if (input.CompareFrom is not null || input.CompareTo is not null)
        {
            if (input.CompareFrom is null || input.CompareTo is null)
            {
                errors.Add("compareFrom", "So sánh kỳ cần cả compareFrom và compareTo (yyyy-mm-dd).");
            }
            else
            {
                compare = ParseRange(input.CompareFrom, input.CompareTo, "compareFrom", "compareTo", errors);
            }
        }

        if (input.Period is not null && !StatisticsPeriods.All.Contains(input.Period))
        {
            errors.Add("period", "Kỳ thống kê là month (tháng), quarter (quý), half_year (6 tháng) hoặc year (năm).");
        }
        else if (input.Period is not null && compare is not null)
        {
            errors.Add("period", "Khi so sánh hai kỳ, không chia nhỏ theo kỳ: bỏ tham số period hoặc bỏ so sánh.");
        }

        var area = string.IsNullOrWhiteSpace(input.Area) ? null : input.Area.Trim();
        if (area is not null && (!(area.Length is 2 or 5) || !area.All(char.IsAsciiDigit)))
        {
            errors.Add("area", "Địa bàn là mã tỉnh/thành phố (2 chữ số) hoặc mã xã/phường (5 chữ số); bỏ trống để xem toàn quốc.");
        }

        var structure = input.Structure ?? StatisticsStructure.AsFiled;
        if (structure is not (StatisticsStructure.AsFiled or StatisticsStructure.Units2025))
        {
            errors.Add("structure", "Cơ cấu đơn vị là as_filed (theo đơn vị tại thời điểm đăng ký) hoặc 2025 (quy về đơn vị hành chính 2025).");
        }

        var format = input.Format ?? "json";
        if (format is not ("json" or "xlsx" or "csv"))
        {
            errors.Add("format", "Định dạng là json, xlsx (Excel) hoặc csv.");
        }

        return errors.ToRefusal() is { } refusal
            ? (null, refusal)
            : (new StatisticsQuery(measures, by, filters, range, input.Period, area, structure, compare, format), null);
    }

    private static List<string>? List(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    private static Guid? Id(string? text, string name, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (Guid.TryParse(text, out var id))
        {
            return id;
        }

        errors.Add(name, "Mã định danh không hợp lệ (dạng xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).");
        return null;
    }

    /// <summary>A catalogue code as the platform writes them (lower-case letters, digits, underscores); anything else matches nothing.</summary>
    private static string? Code(string? text, string name, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (text.Length > 64 || !text.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            errors.Add(name, "Mã danh mục gồm chữ thường không dấu, chữ số và dấu gạch dưới (tối đa 64 ký tự).");
            return null;
        }

        return text;
    }

    private static DayRange? ParseRange(string? from, string? to, string fromName, string toName, FieldErrors errors)
    {
        if (from is null && to is null)
        {
            return null;
        }

        var start = Day(from, fromName, errors) ?? Earliest;
        var end = Day(to, toName, errors) ?? Latest;
        if (start > end)
        {
            errors.Add(toName, $"Ngày kết thúc ({end:dd/MM/yyyy}) không được trước ngày bắt đầu ({start:dd/MM/yyyy}).");
        }

        return new DayRange(start, end);
    }

    private static DateOnly? Day(string? text, string name, FieldErrors errors)
    {
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day >= Earliest && day <= Latest)
        {
            return day;
        }

        errors.Add(name, $"Ngày theo dạng yyyy-mm-dd, từ {Earliest:dd/MM/yyyy} đến {Latest:dd/MM/yyyy}.");
        return null;
    }
}

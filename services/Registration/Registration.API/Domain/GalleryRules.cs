using System.Globalization;
using DoanKetSangTao.Contracts.Vocabulary;
using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Registration.API.Domain;

/// <summary>
/// Cấp công nhận in the gallery: the highest council level at which an initiative was recognized (a later "not
/// recognized" above does not undo a recognition below).
/// </summary>
public static class GalleryLevel
{
    public static readonly Catalog All = new("Cấp công nhận",
    [
        (CouncilLevels.Commune, "Cấp xã"),
        (CouncilLevels.Province, "Cấp tỉnh"),
        (CouncilLevels.Central, "Trung ương"),
    ]);

    /// <summary>The levels lowest first, as SQL's <c>array_position</c> ranks them.</summary>
    public static string[] Ordered() => [CouncilLevels.Commune, CouncilLevels.Province, CouncilLevels.Central];

    /// <summary>The highest of <paramref name="recognizedAt"/>; null when there is none.</summary>
    public static string? Highest(IEnumerable<string> recognizedAt) =>
        recognizedAt.Where(All.IsKnown).OrderByDescending(l => Array.IndexOf(Ordered(), l)).FirstOrDefault();
}

/// <summary>The gallery list's filters, checked: every one optional, all combined.</summary>
public sealed record GalleryFilter(string? Words, string? ProvinceCode, string? Field, int? Year, string? Level, int Limit);

/// <summary>
/// The query of the public gallery as typed in an address bar: every parameter is read as text and checked here, so
/// that a misspelt or repeated parameter, or a value of the wrong form, is refused in Vietnamese rather than ignored
/// (an open-data user who typed <c>provice=01</c> would otherwise get the whole country and not know it).
/// </summary>
public static class GalleryQuery
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    public const int EarliestYear = 1945;

    /// <summary>The parameters of the list.</summary>
    public static readonly IReadOnlyList<string> ListParameters = ["q", "provinceCode", "field", "year", "level", "cursor", "limit"];

    /// <summary>
    /// 400 <c>unknown_query_parameter</c> for a parameter the endpoint does not take, 400 <c>repeated_query_parameter</c>
    /// for one given twice; null when every parameter is known and given once. Names compare case-insensitively, as the
    /// binding does.
    /// </summary>
    public static Refusal? CheckNames(IEnumerable<(string Name, int Count)> given, IReadOnlyList<string> allowed)
    {
        var list = given.ToList();
        var unknown = list.Where(p => !allowed.Contains(p.Name, StringComparer.OrdinalIgnoreCase)).Select(p => p.Name).ToList();
        if (unknown.Count > 0)
        {
            return Refusal.InvalidInput("unknown_query_parameter",
                $"Tham số không được hỗ trợ: {string.Join(", ", unknown.Select(Quote))}. Các tham số hợp lệ: "
                + (allowed.Count == 0 ? "không có" : string.Join(", ", allowed)) + ".");
        }

        var repeated = list.Where(p => p.Count > 1).Select(p => p.Name).ToList();
        return repeated.Count > 0
            ? Refusal.InvalidInput("repeated_query_parameter", $"Mỗi tham số chỉ được nêu một lần: {string.Join(", ", repeated.Select(Quote))}.")
            : null;
    }

    /// <summary>The filters, or the field errors (400 <c>validation_failed</c>); <paramref name="thisYear"/> bounds the year.</summary>
    public static (GalleryFilter? Filter, Refusal? Refusal) Validate(
        string? q, string? provinceCode, string? field, string? year, string? level, string? limit, int thisYear)
    {
        var errors = new FieldErrors();
        var words = VietnameseText.TryNormalize(q);
        if (q is not null && words is null)
        {
            errors.Add("q", "Từ khóa tìm kiếm chứa ký tự không hợp lệ.");
        }
        else if (words is { Length: > InitiativeSearch.QueryMaxLength })
        {
            errors.Add("q", $"Từ khóa tìm kiếm dài tối đa {InitiativeSearch.QueryMaxLength} ký tự.");
        }

        if (provinceCode is not null && (provinceCode.Length != 2 || !provinceCode.All(char.IsAsciiDigit)))
        {
            errors.Add("provinceCode", "Mã tỉnh/thành phố gồm 2 chữ số theo danh mục đơn vị hành chính 2025 (ví dụ 01: Hà Nội).");
        }

        if (field is not null && !InitiativeField.All.IsKnown(field))
        {
            errors.Add("field", $"{InitiativeField.All.VietnameseName} phải là một trong: {InitiativeField.All.Choices()}.");
        }

        int? yearValue = null;
        if (year is not null)
        {
            if (int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y >= EarliestYear && y <= thisYear)
            {
                yearValue = y;
            }
            else
            {
                errors.Add("year", $"Năm công nhận là một năm từ {EarliestYear} đến {thisYear}, viết bằng 4 chữ số.");
            }
        }

        if (level is not null && !GalleryLevel.All.IsKnown(level))
        {
            errors.Add("level", $"{GalleryLevel.All.VietnameseName} phải là một trong: {GalleryLevel.All.Choices()}.");
        }

        var take = DefaultLimit;
        if (limit is not null && !(int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out take) && take is >= 1 and <= MaxLimit))
        {
            errors.Add("limit", $"Số dòng mỗi trang từ 1 đến {MaxLimit}.");
        }

        return errors.ToRefusal() is { } invalid
            ? (null, invalid)
            : (new GalleryFilter(string.IsNullOrWhiteSpace(words) ? null : words, provinceCode, field, yearValue, level, take), null);
    }

    private static string Quote(string name) => $"'{(name.Length > 50 ? name[..50] + "…" : name)}'";
}

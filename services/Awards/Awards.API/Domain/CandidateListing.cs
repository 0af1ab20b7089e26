using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using DoanKetSangTao.Contracts.Paging;
using DoanKetSangTao.Contracts.Vocabulary;
using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Awards.API.Domain;

/// <summary>The last candidate of a page, by the list's sort key: decision date, then arrival order.</summary>
public sealed record CandidateCursor(DateOnly DecisionDate, long Id)
{
    private const string DateFormat = "yyyy-MM-dd";

    public string Encode() => Cursor.From(
        DecisionDate.ToString(DateFormat, CultureInfo.InvariantCulture),
        Id.ToString(CultureInfo.InvariantCulture));

    /// <summary>The format of earlier releases (<c>yyyyMMdd-id</c>), still read so that their cursors keep working.</summary>
    private const string EarlierDateFormat = "yyyyMMdd";

    /// <summary>Null when the text is not a cursor this list handed out (now, or in the format of earlier releases).</summary>
    public static CandidateCursor? TryDecode(string cursor) =>
        Cursor.TryRead(cursor, 2) is [var date, var id]
            ? Parse(date, DateFormat, id)
            : cursor.Split('-') is [var earlierDate, var earlierId] ? Parse(earlierDate, EarlierDateFormat, earlierId) : null;

    private static CandidateCursor? Parse(string date, string format, string id) =>
        DateOnly.TryParseExact(date, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
        && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            ? new CandidateCursor(d, i)
            : null;
}

/// <summary>What to list: the area the caller may see, the filters asked for, and where the page starts.</summary>
public sealed record CandidateFilter(
    Guid? CampaignId, string? ProvinceCode, string? CommuneCode, string? Level, CandidateCursor? After, int Take);

/// <summary>Danh sách đề nghị khen thưởng: the rules of reading it (who sees which area, what a request may ask).</summary>
public static class CandidateListing
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 100;

    /// <summary>Asked for an area outside the caller's reach, or the caller has no reach at all.</summary>
    public static readonly Refusal OutsideScope = Refusal.Forbidden("commendation_outside_scope",
        "Bạn chỉ được xem danh sách đề nghị khen thưởng của địa bàn mình phụ trách. Vui lòng chọn đúng tỉnh/thành phố của bạn.");

    /// <summary>
    /// The filter for a request already confined to the caller's area; or, when a field is wrong (an unknown level,
    /// a page size out of range, a cursor this list did not hand out), the refusal naming every such field.
    /// </summary>
    public static bool TryRead(
        Guid? campaignId, string? provinceCode, string? communeCode, string? level, string? cursor, int? limit,
        [NotNullWhen(true)] out CandidateFilter? filter, [NotNullWhen(false)] out Refusal? refusal)
    {
        var errors = new FieldErrors();
        if (level is not null && !CouncilLevels.IsKnown(level))
        {
            errors.Add("level", "Cấp công nhận phải là một trong: commune (cấp xã), province (cấp tỉnh), central (Trung ương).");
        }

        var take = limit ?? DefaultPageSize;
        if (take is < 1 or > MaxPageSize)
        {
            errors.Add("limit", $"Số dòng mỗi trang từ 1 đến {MaxPageSize}.");
        }

        CandidateCursor? after = null;
        if (cursor is not null && (after = CandidateCursor.TryDecode(cursor)) is null)
        {
            errors.Add("cursor", "Con trỏ trang không hợp lệ; vui lòng tải lại danh sách từ trang đầu.");
        }

        refusal = errors.ToRefusal();
        filter = refusal is null ? new CandidateFilter(campaignId, provinceCode, communeCode, level, after, take) : null;
        return refusal is null;
    }
}

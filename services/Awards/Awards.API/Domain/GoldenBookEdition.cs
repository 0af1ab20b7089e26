using System.Diagnostics.CodeAnalysis;
using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Awards.API.Domain;

/// <summary>
/// Trạng thái ấn bản Sách vàng (edition state): nominating (nhận đề cử) → balloting (đang bỏ phiếu) → counted (đã kiểm
/// phiếu) → published (đã công bố). Each step is one act of the central office, recorded in the audit trail.
/// </summary>
public static class GoldenBookStates
{
    public const string Nominating = "nominating";
    public const string Balloting = "balloting";
    public const string Counted = "counted";
    public const string Published = "published";

    public static string VietnameseName(string state) => state switch
    {
        Nominating => "Đang nhận đề cử",
        Balloting => "Đang bỏ phiếu",
        Counted => "Đã kiểm phiếu",
        Published => "Đã công bố",
        _ => state,
    };
}

/// <summary>What an edition is created or amended with, once read.</summary>
public sealed record EditionTerms(int Year, DateOnly NominationDue, int Entries);

/// <summary>
/// Ấn bản Sách vàng Sáng tạo Việt Nam (the Golden Book's edition of a year): who keeps it, how many entries (số mục) it
/// has, and when nominations (đề cử) close.
/// </summary>
public static class GoldenBookEdition
{
    /// <summary>Quốc khánh (National Day), 2 September 1945: the Front counts the book's entries from it.</summary>
    public static readonly DateOnly NationalDay = new(1945, 9, 2);

    public const int FirstYear = 1946;
    public const int LastYear = 2100;
    public const int MaxEntries = 1000;

    /// <summary>
    /// Số mục mặc định (default number of entries): the years since National Day, by the Front's practice of one entry
    /// per year of the Republic. The edition of a year is published around its National Day, so the count is the year
    /// less 1945 (2026 → 81). The setting <c>GoldenBook:Entries</c> replaces this for every edition, and an edition's own
    /// number replaces both.
    /// </summary>
    public static int DefaultEntries(int year) => year - NationalDay.Year;

    /// <summary>The entries an edition gets: the one asked for, else the setting, else the years since National Day.</summary>
    public static int EntriesFor(int year, int? requested, int? setting) => requested ?? setting ?? DefaultEntries(year);

    /// <summary>
    /// Hạn đề cử (nomination due date) is the last day nominations are taken, in Vietnam's time: they close when the
    /// next day begins there (a province sending on the evening of the due date is on time).
    /// </summary>
    public static DateTimeOffset NominationsCloseAt(DateOnly due) => VietnamTime.StartOfDay(due.AddDays(1));

    public static bool NominationsOpen(string state, DateOnly due, DateTimeOffset now) =>
        state == GoldenBookStates.Nominating && now < NominationsCloseAt(due);

    /// <summary>
    /// Reads a new edition's terms: a year of the Republic, a due date from today to the end of that year (a date
    /// already past would close nominations before any came; a later year's date belongs to a later edition), and a
    /// number of entries from 1 to <see cref="MaxEntries"/> (the default when none is asked for).
    /// </summary>
    public static bool TryCreate(int? year, DateOnly? due, int? entries, int? setting, DateTimeOffset now,
        [NotNullWhen(true)] out EditionTerms? terms, [NotNullWhen(false)] out Refusal? refusal)
    {
        var errors = new FieldErrors();
        if (year is not (>= FirstYear and <= LastYear))
        {
            errors.Add("year", $"Năm của ấn bản phải từ {FirstYear} đến {LastYear}.");
        }

        var today = DateOnly.FromDateTime(VietnamTime.ToLocal(now).DateTime);
        if (due is null)
        {
            errors.Add("nominationDue", "Vui lòng nhập hạn nhận đề cử (dạng yyyy-MM-dd).");
        }
        else if (due < today)
        {
            errors.Add("nominationDue", $"Hạn nhận đề cử không được trước ngày hôm nay ({today:dd/MM/yyyy}).");
        }
        else if (year is { } y && due.Value.Year > y)
        {
            errors.Add("nominationDue", $"Hạn nhận đề cử phải trong năm {y} của ấn bản.");
        }

        CheckEntries(entries, errors);
        refusal = errors.ToRefusal("Thông tin ấn bản Sách vàng chưa hợp lệ. Vui lòng sửa các trường được nêu.");
        terms = refusal is null ? new EditionTerms(year!.Value, due!.Value, EntriesFor(year.Value, entries, setting)) : null;
        return refusal is null;
    }

    /// <summary>
    /// Amends an edition still taking nominations: a new due date (an earlier one, even today or past, closes
    /// nominations sooner: the central office's call, recorded) within the edition's year, and/or a new number of entries.
    /// </summary>
    public static bool TryAmend(EditionTerms current, DateOnly? due, int? entries,
        [NotNullWhen(true)] out EditionTerms? terms, [NotNullWhen(false)] out Refusal? refusal)
    {
        var errors = new FieldErrors();
        if (due is null && entries is null)
        {
            errors.Add("nominationDue", "Vui lòng nhập hạn nhận đề cử mới và/hoặc số mục mới của ấn bản.");
        }
        else if (due is { } d && d.Year > current.Year)
        {
            errors.Add("nominationDue", $"Hạn nhận đề cử phải trong năm {current.Year} của ấn bản.");
        }

        CheckEntries(entries, errors);
        refusal = errors.ToRefusal("Thông tin sửa đổi ấn bản Sách vàng chưa hợp lệ. Vui lòng sửa các trường được nêu.");
        terms = refusal is null ? current with { NominationDue = due ?? current.NominationDue, Entries = entries ?? current.Entries } : null;
        return refusal is null;
    }

    private static void CheckEntries(int? entries, FieldErrors errors)
    {
        if (entries is { } n && n is < 1 or > MaxEntries)
        {
            errors.Add("entries", $"Số mục của ấn bản từ 1 đến {MaxEntries}.");
        }
    }
}

using System.Globalization;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.Domain;
using Microsoft.AspNetCore.Http;

namespace DoanKetSangTao.Files;

/// <summary>Stable codes of the errors an upload can end with; clients match on these.</summary>
public static class FileProblemCodes
{
    public const string TooLarge = "file_too_large";
    public const string Empty = "file_empty";
    public const string NameInvalid = "file_name_invalid";
    public const string TypeNotAllowed = "file_type_not_allowed";
    public const string ExtensionMismatch = "file_extension_mismatch";
    public const string Corrupt = "file_corrupt";
}

internal static class FileProblems
{
    private const string AcceptedList = "PDF, Word (.doc, .docx), Excel (.xls, .xlsx) và ảnh PNG/JPEG";

    public static ProblemException TooLarge(string fileName, long maxBytes) => new(StatusCodes.Status413PayloadTooLarge, FileProblemCodes.TooLarge,
        $"Tệp “{fileName}” vượt quá dung lượng cho phép (tối đa {FormatSize(maxBytes)}). " +
        "Vui lòng giảm dung lượng (ví dụ nén ảnh, xuất PDF ở chất lượng thấp hơn) hoặc tách thành nhiều tệp rồi tải lên lại.");

    public static ProblemException Empty(string fileName) => new(StatusCodes.Status400BadRequest, FileProblemCodes.Empty,
        $"Tệp “{fileName}” không có nội dung (0 byte). Vui lòng kiểm tra lại tệp trên máy rồi tải lên lại.");

    public static ProblemException NameInvalid() => new(StatusCodes.Status400BadRequest, FileProblemCodes.NameInvalid,
        "Tên tệp chứa ký tự không hợp lệ (ký tự điều khiển, ký tự ẩn hoặc lỗi mã hoá). Vui lòng đổi tên tệp chỉ dùng chữ, số và dấu câu thông thường rồi tải lên lại.");

    public static ProblemException TypeNotAllowed(string? hint = null) => new(StatusCodes.Status415UnsupportedMediaType, FileProblemCodes.TypeNotAllowed,
        $"Loại tệp này không được chấp nhận. Hệ thống chỉ nhận tệp {AcceptedList}.{(hint is null ? "" : " " + hint)} " +
        "Vui lòng chuyển tệp sang một trong các định dạng trên rồi tải lên lại.");

    public static ProblemException ExtensionMismatch(string fileName, string actually, string extension, string expected) =>
        new(StatusCodes.Status415UnsupportedMediaType, FileProblemCodes.ExtensionMismatch,
            $"Tệp “{fileName}” thực chất là {actually} nhưng tên tệp lại có đuôi {extension}. " +
            $"Vui lòng đổi đuôi tên tệp thành {expected} (hoặc chọn đúng tệp cần gửi) rồi tải lên lại.");

    public static ProblemException Corrupt() => new(StatusCodes.Status415UnsupportedMediaType, FileProblemCodes.Corrupt,
        "Tệp Word/Excel bị hỏng nên không đọc được. Vui lòng mở tệp trên máy, lưu lại (Lưu thành .docx hoặc .xlsx) rồi tải lên lại.");

    /// <summary>A size the way a Vietnamese reader writes it: "20 MB", "1,5 MB", "1.024 MB", "500 KB".</summary>
    public static string FormatSize(long bytes)
    {
        const double KiB = 1024, MiB = 1024 * 1024;
        return bytes switch
        {
            >= 1024 * 1024 => (bytes / MiB).ToString("#,##0.#", VietnameseText.Culture) + " MB",
            >= 1024 => (bytes / KiB).ToString("#,##0.#", VietnameseText.Culture) + " KB",
            _ => bytes.ToString("#,##0", VietnameseText.Culture) + " byte",
        };
    }

    internal static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}

using DoanKetSangTao.Registration.API.Domain;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Spreadsheets;

namespace DoanKetSangTao.Registration.API.Apis;

/// <summary>Mẫu số 2 as officers file it: the consolidated list of registrations an organization confirmed, one row per initiative.</summary>
public static class ConfirmationListSheet
{
    public static IResult Build(ConfirmationListResponse list, DateTimeOffset now)
    {
        var book = new SpreadsheetBook();
        var sheet = book.AddSheet("Mẫu 2");
        var local = VietnamTime.ToLocal(now);
        sheet.Title(list.OrganizationName.ToUpper(VietnameseText.Culture))
            .Title("DANH SÁCH ĐĂNG KÝ SÁNG KIẾN, Ý TƯỞNG MỚI THỰC HIỆN PHONG TRÀO \"ĐOÀN KẾT SÁNG TẠO\" (Mẫu số 2)")
            .Title(list.CampaignName, bold: false, italic: true)
            .Columns(
                new SpreadsheetColumn("STT", 6),
                new SpreadsheetColumn("Tên sáng kiến, ý tưởng mới", 45),
                new SpreadsheetColumn("Loại", 14),
                new SpreadsheetColumn("Lĩnh vực", 20),
                new SpreadsheetColumn("Tác giả / nhóm tác giả (tỷ lệ đóng góp)", 40),
                new SpreadsheetColumn("Đơn vị", 30),
                new SpreadsheetColumn("Xã/phường", 20),
                new SpreadsheetColumn("Tóm tắt nội dung", 60),
                new SpreadsheetColumn("Phạm vi áp dụng dự kiến", 35),
                new SpreadsheetColumn("Ngày đăng ký", 14));
        foreach (var item in list.Items)
        {
            var i = item.Initiative;
            var authors = string.Join("; ", i.Authors.Select(a => $"{a.FullName}{(a.IsLead ? " (chủ nhiệm)" : string.Empty)} – {a.ContributionPercent}%"));
            sheet.AddRow(
                SpreadsheetCell.Number(item.Ordinal),
                SpreadsheetCell.Text(i.Title),
                SpreadsheetCell.Text(InitiativeKind.All.NameOf(i.Kind)),
                SpreadsheetCell.Text(i.Field is null ? null : InitiativeField.All.NameOf(i.Field)),
                SpreadsheetCell.Text(authors),
                SpreadsheetCell.Text(i.OrganizationName),
                SpreadsheetCell.Text(i.CommuneName),
                SpreadsheetCell.Text(i.Summary),
                SpreadsheetCell.Text(i.ExpectedScope),
                i.RegisteredAt is { } at ? SpreadsheetCell.Date(DateOnly.FromDateTime(VietnamTime.ToLocal(at).DateTime)) : SpreadsheetCell.Empty);
        }

        sheet.Footer($"Tổng số: {list.Items.Count} sáng kiến, ý tưởng mới.")
            .Footer($"Ngày {local.Day:00} tháng {local.Month:00} năm {local.Year}", italic: true)
            .Footer($"Người lập danh sách: {list.CreatedByName ?? list.CreatedBy}", bold: true);
        return SpreadsheetResults.Xlsx(book, $"Mau-2 {list.OrganizationName} {local:yyyy-MM-dd}.xlsx");
    }
}

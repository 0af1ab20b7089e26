using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DoanKetSangTao.Spreadsheets;

namespace DoanKetSangTao.Tests.ServiceDefaultsUnitTests.Spreadsheets;

public sealed class SpreadsheetBookTests
{
    private const string Sheet = "Mẫu 2";

    /// <summary>The consolidated registration list (Mẫu số 2) as a ward would download it.</summary>
    private static SpreadsheetBook Mau2()
    {
        var book = new SpreadsheetBook();
        book.AddSheet(Sheet)
            .Title("ỦY BAN MTTQ VIỆT NAM TỈNH QUẢNG TRỊ")
            .Title("DANH SÁCH ĐĂNG KÝ SÁNG KIẾN, Ý TƯỞNG MỚI (Mẫu số 2)")
            .Title("(Kèm theo Kế hoạch số 12/KH-MTTQ)", bold: false, italic: true)
            .Columns(
                new SpreadsheetColumn("STT", 6),
                new SpreadsheetColumn("Họ và tên", 25),
                new SpreadsheetColumn("Tên sáng kiến, ý tưởng", 50),
                new SpreadsheetColumn("Ngày đăng ký", 14),
                new SpreadsheetColumn("Thời điểm nộp", 18),
                new SpreadsheetColumn("Điểm", 10),
                new SpreadsheetColumn("Tỷ lệ phiếu", 12),
                new SpreadsheetColumn("Ghi chú", 20))
            .AddRow(
                SpreadsheetCell.Number(1),
                SpreadsheetCell.Text("Nguyễn Thị Ánh Tuyết"),
                SpreadsheetCell.Text("Ủy ban MTTQ Việt Nam tỉnh Quảng Trị: số hóa sổ hộ nghèo"),
                SpreadsheetCell.Date(new DateOnly(2026, 1, 15)),
                SpreadsheetCell.DateTime(new DateTimeOffset(2026, 1, 14, 17, 30, 0, TimeSpan.Zero)),
                SpreadsheetCell.Number(85.5m, 2),
                SpreadsheetCell.Percent(0.6667m),
                SpreadsheetCell.Empty)
            .AddRow(2, "Trần Văn Đức", "=1+1", SpreadsheetCell.Date(new DateOnly(2026, 2, 1)))
            .Footer("Quảng Trị, ngày 21 tháng 11 năm 2026", italic: true)
            .Footer("TM. BAN THƯỜNG TRỰC", bold: true)
            .Footer("(Ký, ghi rõ họ tên)", italic: true);
        book.AddSheet("Tổng hợp").Columns(new SpreadsheetColumn("Xã, phường"), new SpreadsheetColumn("Số sáng kiến")).AddRow("Phường Ba Đình", 12);
        return book;
    }

    [Fact]
    public void The_written_file_passes_the_OpenXml_validator()
    {
        using var written = WrittenBook.Of(Mau2());
        Assert.Empty(written.ValidationErrors());
        Assert.Equal([Sheet, "Tổng hợp"], written.SheetNames);
    }

    [Fact]
    public void Vietnamese_text_reads_back_exactly_as_typed()
    {
        using var written = WrittenBook.Of(Mau2());

        Assert.Equal("ỦY BAN MTTQ VIỆT NAM TỈNH QUẢNG TRỊ", written.Text(written.Cell(Sheet, "A1")));
        Assert.Equal("DANH SÁCH ĐĂNG KÝ SÁNG KIẾN, Ý TƯỞNG MỚI (Mẫu số 2)", written.Text(written.Cell(Sheet, "A2")));
        Assert.Equal("Họ và tên", written.Text(written.Cell(Sheet, "B5")));
        Assert.Equal("Nguyễn Thị Ánh Tuyết", written.Text(written.Cell(Sheet, "B6")));
        Assert.Equal("Ủy ban MTTQ Việt Nam tỉnh Quảng Trị: số hóa sổ hộ nghèo", written.Text(written.Cell(Sheet, "C6")));
        Assert.Equal("Quảng Trị, ngày 21 tháng 11 năm 2026", written.Text(written.Cell(Sheet, "E9")));
    }

    [Fact]
    public void Text_typed_decomposed_comes_back_composed()
    {
        var decomposed = "Ủy ban MTTQ Việt Nam tỉnh Quảng Trị".Normalize(NormalizationForm.FormD);
        Assert.NotEqual("Ủy ban MTTQ Việt Nam tỉnh Quảng Trị", decomposed);
        var book = new SpreadsheetBook();
        book.AddSheet("Nguyễn Thị Ánh Tuyết".Normalize(NormalizationForm.FormD)).AddRow(decomposed);

        using var written = WrittenBook.Of(book);

        Assert.Equal(["Nguyễn Thị Ánh Tuyết"], written.SheetNames);
        var text = written.Text(written.Cell("Nguyễn Thị Ánh Tuyết", "A1"));
        Assert.Equal("Ủy ban MTTQ Việt Nam tỉnh Quảng Trị", text);
        Assert.True(text.IsNormalized(NormalizationForm.FormC));
    }

    [Fact]
    public void Characters_xml_cannot_carry_are_dropped_instead_of_breaking_the_file()
    {
        var book = new SpreadsheetBook();
        book.AddSheet("Lỗi").AddRow("Tên\u0001 lỗi\ud800", "Dòng một\r\nDòng hai");

        using var written = WrittenBook.Of(book);

        Assert.Empty(written.ValidationErrors());
        Assert.Equal("Tên lỗi\ufffd", written.Text(written.Cell("Lỗi", "A1")));
        Assert.Equal("Dòng một\nDòng hai", written.Text(written.Cell("Lỗi", "B1")));
    }

    [Fact]
    public void Numbers_are_numeric_cells_with_their_decimals_and_percent_formats()
    {
        using var written = WrittenBook.Of(Mau2());

        var ordinal = written.Cell(Sheet, "A6");
        var score = written.Cell(Sheet, "F6");
        var share = written.Cell(Sheet, "G6");
        foreach (var cell in new[] { ordinal, score, share })
        {
            Assert.True(cell.DataType is null || cell.DataType.Value == CellValues.Number);
            Assert.Null(cell.InlineString);
        }

        Assert.Equal(1d, double.Parse(ordinal.CellValue!.Text, CultureInfo.InvariantCulture));
        Assert.Equal("0", written.NumberFormat(ordinal));
        Assert.Equal(85.5d, double.Parse(score.CellValue!.Text, CultureInfo.InvariantCulture));
        Assert.Equal("0.00", written.NumberFormat(score));
        Assert.Equal(0.6667d, double.Parse(share.CellValue!.Text, CultureInfo.InvariantCulture));
        Assert.Equal("0.00%", written.NumberFormat(share));
    }

    [Fact]
    public void Dates_are_excel_date_serials_shown_day_month_year()
    {
        using var written = WrittenBook.Of(Mau2());

        var cell = written.Cell(Sheet, "D6");
        Assert.Null(cell.InlineString);
        var serial = double.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture);
        Assert.Equal(new DateTime(2026, 1, 15), DateTime.FromOADate(serial));
        Assert.Equal("dd/mm/yyyy", written.NumberFormat(cell));
    }

    [Fact]
    public void An_instant_is_shown_in_Vietnam_time()
    {
        using var written = WrittenBook.Of(Mau2());

        // 2026-01-14T17:30Z is half past midnight on 15 January in Hà Nội.
        var cell = written.Cell(Sheet, "E6");
        var serial = double.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture);
        Assert.Equal("15/01/2026 00:30", DateTime.FromOADate(serial).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture));
        Assert.Equal("dd/mm/yyyy hh:mm", written.NumberFormat(cell));
    }

    [Theory]
    [InlineData("=1+1")]
    [InlineData("@SUM(A1)")]
    [InlineData("=cmd|' /C calc'!A0")]
    [InlineData("+84 912 345 678")]
    [InlineData("-5")]
    public void Text_that_looks_like_a_formula_is_stored_as_text(string typed)
    {
        var book = new SpreadsheetBook();
        book.AddSheet("Nhập liệu").AddRow(typed);

        using var written = WrittenBook.Of(book);

        var cell = written.Cell("Nhập liệu", "A1");
        Assert.Equal(CellValues.InlineString, cell.DataType?.Value);
        Assert.Equal(typed, written.Text(cell));
        Assert.Empty(written.Sheet("Nhập liệu").Descendants<CellFormula>());
        Assert.True(written.Format(cell).QuotePrefix?.Value);
    }

    [Theory]
    [InlineData("Kết quả chấm điểm Hội đồng xã Phong Điền năm 2026", "Kết quả chấm điểm Hội đồng xã P")]
    [InlineData("Vòng 1/2: [Sơ khảo]*?\\", "Vòng 1-2- (Sơ khảo)---")]
    [InlineData("'Tổng hợp'", "Tổng hợp")]
    [InlineData("   ", "Trang 1")]
    [InlineData("History", "History (2)")]
    public void Sheet_names_are_made_valid_for_excel(string requested, string expected)
    {
        var book = new SpreadsheetBook();
        var sheet = book.AddSheet(requested);

        Assert.Equal(expected, sheet.Name);
        Assert.True(sheet.Name.Length <= 31);
        using var written = WrittenBook.Of(book);
        Assert.Equal([expected], written.SheetNames);
    }

    [Fact]
    public void Sheet_names_are_unique_in_the_book_ignoring_case()
    {
        var book = new SpreadsheetBook();
        var longName = "Danh sách sáng kiến đã được Hội đồng công nhận";
        var names = new[] { book.AddSheet(longName), book.AddSheet(longName), book.AddSheet("Tổng hợp"), book.AddSheet("TỔNG HỢP") }
            .Select(s => s.Name)
            .ToList();

        Assert.Equal(["Danh sách sáng kiến đã được Hội", "Danh sách sáng kiến đã được (2)", "Tổng hợp", "TỔNG HỢP (2)"], names);
        using var written = WrittenBook.Of(book);
        Assert.Equal(names, written.SheetNames);
        Assert.Empty(written.ValidationErrors());
    }

    [Fact]
    public void The_header_is_bold_bordered_and_frozen_and_long_columns_wrap()
    {
        using var written = WrittenBook.Of(Mau2());

        var header = written.Cell(Sheet, "C5");
        Assert.NotNull(written.Font(header).GetFirstChild<Bold>());
        Assert.Equal(BorderStyleValues.Thin, written.Border(header).BottomBorder?.Style?.Value);
        Assert.Equal(BorderStyleValues.Thin, written.Border(written.Cell(Sheet, "H6")).LeftBorder?.Style?.Value);

        var pane = written.Sheet(Sheet).Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State?.Value);
        Assert.Equal(5d, pane.VerticalSplit?.Value);
        Assert.Equal("A6", pane.TopLeftCell?.Value);

        var widths = written.Sheet(Sheet).Descendants<Column>().Select(c => c.Width!.Value).ToList();
        Assert.Equal([6d, 25d, 50d, 14d, 18d, 10d, 12d, 20d], widths);
        Assert.True(written.Format(written.Cell(Sheet, "C6")).Alignment?.WrapText?.Value);
        Assert.NotEqual(true, written.Format(written.Cell(Sheet, "B6")).Alignment?.WrapText?.Value);
    }

    [Fact]
    public void Titles_span_the_table_and_the_signature_block_its_right_half()
    {
        using var written = WrittenBook.Of(Mau2());

        var merges = written.Sheet(Sheet).Descendants<MergeCell>().Select(m => m.Reference!.Value).ToList();
        Assert.Equal(["A1:H1", "A2:H2", "A3:H3", "E9:H9", "E10:H10", "E11:H11"], merges);
        Assert.NotNull(written.Font(written.Cell(Sheet, "E10")).GetFirstChild<Bold>());

        var printTitles = written.Document.WorkbookPart!.Workbook.Descendants<DefinedName>().Single(d => d.LocalSheetId?.Value == 0);
        Assert.Equal("_xlnm.Print_Titles", printTitles.Name?.Value);
        Assert.Equal("'Mẫu 2'!$5:$5", printTitles.Text);
    }

    [Fact]
    public void A_hundred_thousand_rows_are_written()
    {
        var book = new SpreadsheetBook();
        var sheet = book.AddSheet("Lớn").Columns(new SpreadsheetColumn("STT", 8), new SpreadsheetColumn("Họ và tên", 30), new SpreadsheetColumn("Ngày", 12));
        for (var i = 1; i <= 100_000; i++)
        {
            sheet.AddRow(i, "Nguyễn Thị Ánh Tuyết", SpreadsheetCell.Date(new DateOnly(2026, 1, 15)));
        }

        using var written = WrittenBook.Of(book);

        // Counted with the SAX reader: loading 100,000 rows into a DOM is what the writer avoids.
        var rows = 0;
        string? last = null;
        using (var reader = DocumentFormat.OpenXml.OpenXmlReader.Create(written.SheetPart("Lớn")))
        {
            while (reader.Read())
            {
                if (reader.ElementType == typeof(Row) && reader.IsStartElement)
                {
                    rows++;
                    last = reader.Attributes.Single(a => a.LocalName == "r").Value;
                }
            }
        }

        Assert.Equal(100_001, rows);
        Assert.Equal("100001", last);
    }

    [Fact]
    public void The_book_can_be_written_to_a_stream_that_cannot_seek()
    {
        using var bytes = new MemoryStream();
        using (var forwardOnly = new ForwardOnlyStream(bytes))
        {
            Mau2().WriteTo(forwardOnly);
        }

        using var written = WrittenBook.Open(bytes.ToArray());
        Assert.Equal("Nguyễn Thị Ánh Tuyết", written.Text(written.Cell(Sheet, "B6")));
    }

    [Fact]
    public void A_row_wider_than_the_table_is_refused()
    {
        var sheet = new SpreadsheetBook().AddSheet("Bảng").Columns(new SpreadsheetColumn("STT"), new SpreadsheetColumn("Họ và tên"));
        Assert.Throws<ArgumentException>(() => sheet.AddRow(1, "Nguyễn Văn A", "thừa"));
    }

    [Fact]
    public void A_book_without_sheets_is_refused_rather_than_written_broken() =>
        Assert.Throws<InvalidOperationException>(() => new SpreadsheetBook().WriteTo(Stream.Null));

    /// <summary>Like a response body: write-only, no seeking, no length.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using DoanKetSangTao.Awards.Certificates;

// Kiểm tra giấy chứng nhận ngoại tuyến. Usage:
//   dotnet DoanKetSangTao.Awards.CertificateCheck.dll --trust-list trust-list.json [--log log.json] ["<QR text>"]
// trust-list.json: GET /api/v1/certificates/trust-list; log.json: the pages of GET /api/v1/certificates/log from the start
// (one page object, or the entries as an array). Exit 0: valid; 1: not valid (or the log is broken, or says revoked);
// 2: the command was not used right.
Console.OutputEncoding = Encoding.UTF8;
string? trustFile = null, logFile = null, text = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--trust-list" when i + 1 < args.Length:
            trustFile = args[++i];
            break;
        case "--log" when i + 1 < args.Length:
            logFile = args[++i];
            break;
        case var a when !a.StartsWith("--", StringComparison.Ordinal) && text is null:
            text = a;
            break;
        default:
            return Usage($"Tham số không hợp lệ: {args[i]}");
    }
}

if (trustFile is null || (text is null && logFile is null))
{
    return Usage("Cần --trust-list và nội dung mã QR (hoặc --log).");
}

TrustList? trust;
try
{
    trust = TrustList.Parse(await File.ReadAllTextAsync(trustFile));
}
catch (IOException e)
{
    return Usage($"Không mở được danh sách tin cậy {trustFile}: {e.Message}");
}

if (trust is null)
{
    return Usage($"Tệp {trustFile} không phải danh sách khóa tin cậy (trust list).");
}

IReadOnlyList<CertificateLogEntry>? log = null;
if (logFile is not null)
{
    log = Check.ReadLog(logFile);
    if (log is null)
    {
        return Usage($"Tệp {logFile} không phải nhật ký giấy chứng nhận.");
    }

    if (CertificateLogChain.Verify(log) is { } broken)
    {
        Console.WriteLine($"Nhật ký: KHÔNG NGUYÊN VẸN tại mục số {broken.Seq}: {broken.Reason}.");
        return 1;
    }

    Console.WriteLine($"Nhật ký: {log.Count} mục, chuỗi băm nguyên vẹn.");
}

return text is null ? 0 : Check.Certificate(text, trust, log);

static int Usage(string problem)
{
    Console.Error.WriteLine(problem);
    Console.Error.WriteLine("Cách dùng: dotnet DoanKetSangTao.Awards.CertificateCheck.dll --trust-list trust-list.json [--log log.json] \"<nội dung mã QR>\"");
    return 2;
}

internal static class Check
{
    // Việt Nam has no daylight saving time: UTC+7 all year.
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    public static int Certificate(string text, TrustList trust, IReadOnlyList<CertificateLogEntry>? log)
    {
        var result = CertificateSeal.Verify(text, trust);
        if (result.Claims is { } c)
        {
            Console.WriteLine($"Mã giấy chứng nhận: {c.Code}");
            Console.WriteLine($"Cơ quan cấp: {c.BodyName} ({c.BodyKey})");
            Console.WriteLine($"Quyết định số {c.DecisionNumber} ngày {c.DecisionDate.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}");
            Console.WriteLine($"Hình thức: {c.Award}");
            Console.WriteLine($"Người nhận: {c.HolderName}");
            if (c.InitiativeTitle is not null)
            {
                Console.WriteLine($"Sáng kiến: {c.InitiativeTitle}");
            }

            Console.WriteLine($"Ký lúc: {c.IssuedAt.ToOffset(Vietnam).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture)} (giờ Việt Nam)");
        }

        switch (result.Status)
        {
            case SealStatus.Malformed:
                Console.WriteLine("KHÔNG HỢP LỆ: không đọc được nội dung mã QR (không phải mã của giấy chứng nhận, hoặc bị cắt, hỏng).");
                return 1;
            case SealStatus.UnknownKey:
                Console.WriteLine($"KHÔNG HỢP LỆ: khóa ký {result.Kid} không có trong danh sách tin cậy của cơ quan cấp.");
                return 1;
            case SealStatus.BadSignature:
                Console.WriteLine("KHÔNG HỢP LỆ: chữ ký không khớp: nội dung đã bị sửa hoặc không do cơ quan cấp ký.");
                return 1;
        }

        var key = result.Key!;
        Console.WriteLine(key.RetiredAt is { } retired
            ? $"Khóa ký: {key.Kid} (đã thôi dùng từ {retired.ToOffset(Vietnam).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}; giấy cấp trước đó vẫn hợp lệ)"
            : $"Khóa ký: {key.Kid} (đang dùng)");
        if (log is not null)
        {
            var entries = log.Where(e => e.CertificateCode == result.Claims!.Code).ToList();
            if (!entries.Any(e => e.Kind == CertificateLogChain.Issued))
            {
                Console.WriteLine("KHÔNG HỢP LỆ: giấy chứng nhận không có trong nhật ký công khai.");
                return 1;
            }

            if (entries.LastOrDefault(e => e.Kind != CertificateLogChain.Issued) is { } ended)
            {
                var what = ended.Kind == CertificateLogChain.Revoked ? "ĐÃ BỊ THU HỒI" : "ĐÃ ĐƯỢC THAY THẾ";
                Console.WriteLine($"KHÔNG CÒN HIỆU LỰC: {what} ngày {ended.OccurredAt.ToOffset(Vietnam).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}.");
                return 1;
            }
        }

        Console.WriteLine("KẾT QUẢ: HỢP LỆ");
        return 0;
    }

    /// <summary>The entries of a log file: a page (<c>{entries: […]}</c>), several pages in an array, or the entries as an array.</summary>
    public static IReadOnlyList<CertificateLogEntry>? ReadLog(string file)
    {
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            var root = json.RootElement;
            IEnumerable<JsonElement> entries = root.ValueKind switch
            {
                JsonValueKind.Object => root.GetProperty("entries").EnumerateArray(),
                JsonValueKind.Array => root.EnumerateArray().SelectMany(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("entries", out var page)
                    ? page.EnumerateArray()
                    : Enumerable.Repeat(e, 1)),
                _ => throw new JsonException("not a log"),
            };
            var list = entries.Select(e => e.Deserialize<CertificateLogEntry>(TrustList.Json)!).ToList();
            return list.Any(e => e is null || e.Kind is null || e.EntryHash is null || e.PrevHash is null) ? null : list;
        }
        catch (Exception e) when (e is JsonException or IOException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}

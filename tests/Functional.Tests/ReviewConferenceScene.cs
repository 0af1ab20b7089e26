using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Dapper;
using DoanKetSangTao.Domain;
using Npgsql;

namespace DoanKetSangTao.Tests.Functional;

/// <summary>
/// The people of the Tam Kỳ plan (seed 004), moved to the province as the 2025 structure has it: the host province's
/// Front officers, the three member organizations invited to speak and propose (Hội LHPN, Hội Nông dân, Đoàn TN),
/// and people who must not see the conference (another province, a commune of the host's own, an organization not invited).
/// </summary>
public static class ReviewConferenceScene
{
    public static readonly Guid Women = Guid.NewGuid();
    public static readonly Guid Farmers = Guid.NewGuid();
    public static readonly Guid Youth = Guid.NewGuid();

    public static readonly Person Host = new("canbo.tinh.quangnam", "Nguyễn Thị Thu Hiền", PlatformRoles.FrontOfficer, "VN/49");
    public static readonly Person WomenOfficer = new("canbo.phunu.quangnam", "Lê Thị Hoa", PlatformRoles.MemberOrganizationOfficer, "VN/49", Women);
    public static readonly Person FarmersOfficer = new("canbo.nongdan.quangnam", "Trần Văn Nông", PlatformRoles.MemberOrganizationOfficer, "VN/49", Farmers);
    public static readonly Person OtherProvince = People.HanoiOfficer;
    public static readonly Person CommuneOfficer = new("canbo.xa.tamthang", "Phan Văn Xã", PlatformRoles.FrontOfficer, "VN/49/20290");
    public static readonly Person Uninvited = new("canbo.cuuchienbinh.quangnam", "Võ Văn Binh", PlatformRoles.MemberOrganizationOfficer, "VN/49", Guid.NewGuid());

    public static readonly byte[] Pdf = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    /// <summary>The conference at a date some weeks ahead (Vietnam's time), with quotas of one collective each.</summary>
    public static object Plan(string title, params (Guid Id, string Name, int Quota)[] organizations) => new
    {
        campaignId = Guid.NewGuid(),
        kind = "tong_ket",
        title,
        startsAt = StartsAt,
        place = "Phòng họp cơ quan Mặt trận – đoàn thể, số 99 Hùng Vương",
        hostName = "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Quảng Nam",
        participants = new object[]
        {
            new { name = "Đại diện lãnh đạo Sở Khoa học và Công nghệ", role = "Khách mời" },
            new { name = "Phóng viên Trung tâm Văn hóa – Truyền thông", role = "Phóng viên", email = "phongvien@example.vn" },
        },
        organizations = organizations.Select(o => new { organizationId = o.Id, name = o.Name, quota = o.Quota }).ToArray(),
    };

    public static DateTimeOffset StartsAt { get; } = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(30).AddHours(1), TimeSpan.Zero);

    /// <summary>Today in Vietnam, as yyyy-MM-dd, plus some days.</summary>
    public static string VietnamDay(int plusDays) =>
        DateOnly.FromDateTime(VietnamTime.ToLocal(DateTimeOffset.UtcNow).DateTime).AddDays(plusDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static Guid Id(this JsonNode node) => Guid.Parse(node.Str("id"));

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient http, string path, byte[] content, string fileName)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", fileName);
        return await http.PostAsync(path, form);
    }

    public static async Task<JsonNode> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string code)
    {
        var problem = await response.ReadAsync(expected);
        Assert.Equal(code, problem.Str("code"));
        return problem;
    }

    /// <summary>The events of a type the service wrote to its outbox, as JSON, oldest first.</summary>
    public static async Task<IReadOnlyList<JsonNode>> OutboxAsync(string connectionString, string eventName)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        var rows = await connection.QueryAsync<string>(
            "SELECT payload::text FROM outbox_messages WHERE message_type LIKE @type ORDER BY sequence", new { type = "%" + eventName });
        return rows.Select(r => JsonNode.Parse(r)!).ToList();
    }
}

using DoanKetSangTao.Domain;
using System.Net;
using System.Text.Json.Nodes;
using DoanKetSangTao.ServiceDefaults.Security;

namespace DoanKetSangTao.Tests.PlatformApiTests;

/// <summary>
/// The people and organizations of the tests, made through the API once per platform: Hà Nội's campaign,
/// the Labour Federation → the ward union → a school's grassroots union, and an unrelated unit in TP Hồ Chí Minh.
/// </summary>
public sealed class World
{
    public static readonly Person ProvinceOfficer = new("canbo.tinh.hanoi", "Phạm Thị Dung", PlatformRoles.FrontOfficer, "VN/01");
    public static readonly Person HcmOfficer = new("canbo.tinh.hcm", "Hoàng Văn Em", PlatformRoles.FrontOfficer, "VN/79");
    public static readonly Person CentralOfficer = new("canbo.trunguong", "Đỗ Thị Giang", PlatformRoles.FrontOfficer, "VN");
    public static readonly Person Operator = new("vanhanh", "Bùi Thị Khánh", PlatformRoles.Operator, "VN");
    public static readonly Person Secretary = new("thuky.hanoi", "Vũ Văn Hải", PlatformRoles.CouncilSecretary, "VN/01");
    /// <summary>An author who belongs to no organization and lives in Phường Ba Đình: files through its Front committee.</summary>
    public static readonly Person AuthorBinh = new("tacgia.binh", "Trần Thị Bình", PlatformRoles.Author, "VN/01/00004");

    private World()
    {
    }

    public Guid CampaignId { get; private set; }

    public Guid LateCampaignId { get; private set; }

    public Guid Federation { get; private set; }

    public Guid Branch { get; private set; }

    public Guid School { get; private set; }

    public Guid HcmUnit { get; private set; }

    public int Year { get; private set; }

    /// <summary>Ủy ban Mặt trận Tổ quốc Việt Nam phường Ba Đình: where people without an organization file.</summary>
    public Guid FrontCommittee { get; private set; }

    /// <summary>A teacher whose account belongs to the school's union: files under it.</summary>
    public Person AuthorAn => new("tacgia.an", "Nguyễn Văn An", PlatformRoles.Author, "VN/01/00004", School);

    public Person BranchOfficer => new("canbo.congdoan.badinh", "Ngô Thị Lan", PlatformRoles.MemberOrganizationOfficer, "VN/01/00004", Branch);

    public Person FederationOfficer => new("canbo.ldld.hanoi", "Trịnh Văn Minh", PlatformRoles.MemberOrganizationOfficer, "VN/01", Federation);

    public Person HcmUnitOfficer => new("canbo.donvi.hcm", "Lý Văn Phúc", PlatformRoles.UnitOfficer, "VN/79", HcmUnit);

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<ApiPlatform, World> Worlds = [];

    public static async Task<World> OfAsync(ApiPlatform platform)
    {
        await Gate.WaitAsync();
        try
        {
            if (!Worlds.TryGetValue(platform, out var world))
            {
                world = await CreateAsync(platform);
                Worlds[platform] = world;
            }

            return world;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<World> CreateAsync(ApiPlatform platform)
    {
        var world = new World { Year = DateTime.UtcNow.Year + 1 };
        using var hanoi = platform.Client(ProvinceOfficer);
        world.CampaignId = (await hanoi.PostJsonAsync("/api/v1/campaigns", new
        {
            year = world.Year,
            name = $"Phong trào Đoàn kết sáng tạo thành phố Hà Nội năm {world.Year}",
            provinceCode = "01",
            phaseStartYear = world.Year - 1,
            phaseEndYear = world.Year + 1,
            registrationDueBefore = $"{world.Year}-01-15",
            deadlines = new Dictionary<string, string> { ["dossier"] = $"{world.Year}-08-06", ["report_annual"] = $"{world.Year}-11-15" },
        }, HttpStatusCode.Created)).Id();
        var closed = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-2));
        world.LateCampaignId = (await hanoi.PostJsonAsync("/api/v1/campaigns", new
        {
            year = closed.Year,
            name = $"Đợt thi đua đã hết hạn đăng ký năm {closed.Year}",
            provinceCode = "01",
            registrationDueBefore = closed.ToString("yyyy-MM-dd"),
        }, HttpStatusCode.Created)).Id();
        world.Federation = (await hanoi.PostJsonAsync("/api/v1/organizations",
            new { name = "Liên đoàn Lao động thành phố Hà Nội", kind = "member_organization", provinceCode = "01" }, HttpStatusCode.Created)).Id();
        world.Branch = (await hanoi.PostJsonAsync("/api/v1/organizations",
            new { name = "Công đoàn phường Ba Đình", kind = "member_organization_branch", communeCode = "00004", parentId = world.Federation }, HttpStatusCode.Created)).Id();
        world.School = (await hanoi.PostJsonAsync("/api/v1/organizations",
            new { name = "Công đoàn cơ sở Trường THCS Ba Đình", kind = "member_organization_branch", communeCode = "00004", parentId = world.Branch }, HttpStatusCode.Created)).Id();
        world.FrontCommittee = (await hanoi.PostJsonAsync("/api/v1/organizations",
            new { name = "Ủy ban Mặt trận Tổ quốc Việt Nam phường Ba Đình", kind = "front_committee", communeCode = "00004" }, HttpStatusCode.Created)).Id();
        using var hcm = platform.Client(HcmOfficer);
        var hcmCommune = (await hcm.GetJsonAsync("/api/v1/administrative-units?provinceCode=79", HttpStatusCode.OK)).AsArray()[0]!.Str("code");
        world.HcmUnit = (await hcm.PostJsonAsync("/api/v1/organizations",
            new { name = "Công ty TNHH Cơ khí Sài Gòn", kind = "enterprise", communeCode = hcmCommune }, HttpStatusCode.Created)).Id();
        return world;
    }

    /// <summary>A complete Mẫu 1 for the school's union in Phường Ba Đình.</summary>
    public object Registration(
        string title, object[]? authors = null, bool draft = false, Guid? campaignId = null, string field = "giao_duc", Guid? organizationId = null,
        string communeCode = "00004") => new
    {
        campaignId = campaignId ?? CampaignId,
        title,
        kind = "sang_kien",
        contentType = "tac_nghiep",
        movementArea = "su_nghiep_cong_lap",
        field,
        organizationId = organizationId ?? School,
        communeCode,
        summary = $"Tóm tắt: {title}.",
        expectedScope = "Các trường trung học cơ sở trên địa bàn thành phố.",
        authors = authors ?? [new { fullName = "Nguyễn Văn An", email = "an@example.vn", isLead = true, contributionPercent = 100 }],
        saveAsDraft = draft,
    };

    /// <summary>A small valid PDF, for a dossier's cover letter (tờ trình).</summary>
    public static readonly byte[] Pdf = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    /// <summary>A complete Mẫu 3 and Mẫu 4 with the given solution.</summary>
    public static object DossierContent(string solution) => new
    {
        firstAppliedOn = DateTime.UtcNow.AddMonths(-6).ToString("yyyy-MM-dd"),
        applicationField = "Giáo dục, đào tạo",
        currentSituation = "Hồ sơ giấy, tra cứu chậm.",
        solution,
        novelty = "Lần đầu áp dụng tại trường.",
        results = "Đã áp dụng thử một học kỳ.",
        benefits = "Tiết kiệm 200 giờ công mỗi năm.",
        conditionsAndScope = "Trường có máy tính nối mạng.",
        coverLetterNumber = "15/CĐCS",
        coverLetterDate = DateTime.UtcNow.AddDays(-3).ToString("yyyy-MM-dd"),
    };

    /// <summary>Uploads an attachment to a dossier as a browser would (multipart, the type left to the server).</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient http, Guid dossierId, string kind, string fileName, byte[] content)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(kind), "kind");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return await http.PostAsync($"/api/v1/dossiers/{dossierId}/attachments", form);
    }

    public static async Task<JsonNode> RegisterAsync(HttpClient author, object registration) =>
        await author.PostJsonAsync("/api/v1/initiatives", registration, HttpStatusCode.Created);
}

using System.Globalization;
using System.Text;
using DoanKetSangTao.Registration.API.Domain;
using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Benchmarks;

/// <summary>A commune of the 2025 list, with its province, as read from <c>administrative_units</c>.</summary>
internal sealed record Commune(string Code, string Name, string ProvinceCode, string ProvinceName);

/// <summary>An organization the generated initiatives are filed under, with the field it mostly works in.</summary>
internal sealed record BenchOrganization(Guid Id, string Name, string Kind, string ProvinceCode, string? CommuneCode, Guid? ParentId, string? PreferredField);

/// <summary>A campaign: national when <c>ProvinceCode</c> is null.</summary>
internal sealed record BenchCampaign(Guid Id, int Year, string Name, string? ProvinceCode);

internal sealed record GeneratedAuthor(string FullName, string? Email, bool IsLead, int ContributionPercent, string? Position);

/// <summary>One generated initiative, as the registration service would have stored it.</summary>
internal sealed record GeneratedInitiative(
    Guid Id,
    Guid CampaignId,
    string Title,
    string Kind,
    string ContentType,
    string MovementArea,
    string Field,
    string Summary,
    Guid OrganizationId,
    string ProvinceCode,
    string CommuneCode,
    string Status,
    string RegisteredBy,
    DateTime RegisteredAt,
    DateTime? SubmittedAt,
    DateTime UpdatedAt,
    IReadOnlyList<GeneratedAuthor> Authors,
    string SearchText);

/// <summary>
/// Realistic Vietnamese initiatives for the search benchmark: titles and summaries put together from word
/// lists by field, authors with Vietnamese names, spread over every commune of the 34 provinces and a few
/// hundred organizations, with kinds, areas, fields and statuses from the registration service's catalogs.
/// Deterministic for a given seed. Every text is NFC, and <c>search_text</c> is
/// <see cref="InitiativeSearch.Document"/> itself, so the rows are what the service would have written.
/// </summary>
internal sealed class SearchCorpus
{
    /// <summary>Words planted in one initiative in a thousand (one of <see cref="RareTerms"/> each time), so that a rare query has a few dozen answers in a million.</summary>
    public const int RareEvery = 1000;

    /// <summary>The author whose own initiatives the benchmark lists (the gateway's demo author, in Phường Ba Đình).</summary>
    public const string DemoAuthor = "tacgia.an";

    public static readonly Guid DemoAuthorOrganization = Guid.Parse("0195f000-0000-7000-8000-000000000003");

    /// <summary>One initiative in this many is the demo author's.</summary>
    public const int DemoAuthorEvery = 25_000;

    public static readonly string[] RareTerms =
    [
        "tảo xoắn Spirulina", "cây mắc-ca", "sâm Ngọc Linh", "đông trùng hạ thảo", "rong nho", "cá tầm", "ong dú", "nấm linh chi",
        "chim yến", "hàu Thái Bình Dương", "ốc hương", "ba kích tím", "giảo cổ lam", "lươn không bùn", "cá chình", "thảo quả",
        "chè Shan tuyết", "bưởi Diễn", "vải thiều", "dừa sáp", "gạo ST25", "cà gai leo", "tỏi Lý Sơn", "hạt điều", "quế hữu cơ",
        "thiết bị bay không người lái", "công nghệ chuỗi khối", "thực tế ảo", "in 3D", "điện toán biên",
    ];

    private static readonly (string Code, int Weight)[] Kinds =
        [(InitiativeKind.Initiative, 70), (InitiativeKind.NewIdea, 15), (InitiativeKind.CreativeModel, 10), (InitiativeKind.Invention, 5)];

    private static readonly Dictionary<string, string> KindTitle = new(StringComparer.Ordinal)
    {
        [InitiativeKind.Initiative] = "Sáng kiến",
        [InitiativeKind.NewIdea] = "Ý tưởng",
        [InitiativeKind.CreativeModel] = "Mô hình",
        [InitiativeKind.Invention] = "Sáng chế",
    };

    private static readonly (string Code, int Weight)[] ContentTypes =
        [("tac_nghiep", 45), ("quan_ly", 25), ("ung_dung_tien_bo", 25), ("dieu_kien_kho_khan", 5)];

    private static readonly (string Code, int Weight)[] Fields =
    [
        ("nong_nghiep", 16), ("cong_nghiep", 7), ("giao_duc", 14), ("y_te", 10), ("hanh_chinh", 12), ("chuyen_doi_so", 10),
        ("khoa_hoc_cong_nghe", 5), ("kinh_te", 8), ("moi_truong", 6), ("van_hoa_xa_hoi", 7), ("quoc_phong_an_ninh", 3), ("khac", 2),
    ];

    // A mature system: most registrations have moved on; a few are drafts, returned or withdrawn.
    private static readonly (string Code, int Weight)[] Statuses =
    [
        (InitiativeStatus.Draft, 4), (InitiativeStatus.Registered, 18), (InitiativeStatus.Returned, 2), (InitiativeStatus.Confirmed, 20),
        (InitiativeStatus.DossierSubmitted, 8), (InitiativeStatus.DossierReturned, 1), (InitiativeStatus.UnderAppraisal, 7),
        (InitiativeStatus.Recognized, 22), (InitiativeStatus.NotRecognized, 10), (InitiativeStatus.Nominated, 3), (InitiativeStatus.Withdrawn, 5),
    ];

    private static readonly Dictionary<string, string[]> Topics = new(StringComparer.Ordinal)
    {
        ["nong_nghiep"] =
        [
            "quy trình tưới nước tiết kiệm cho cây lúa", "sản xuất rau an toàn theo chuỗi liên kết", "chăn nuôi lợn an toàn sinh học",
            "nuôi tôm thẻ chân trắng trong nhà màng", "bảo quản nông sản sau thu hoạch", "ủ phân hữu cơ vi sinh từ phụ phẩm nông nghiệp",
            "trồng cà phê xen canh cây ăn quả", "phòng trừ sâu bệnh bằng chế phẩm sinh học", "truy xuất nguồn gốc nông sản bằng mã QR",
            "cơ giới hóa khâu gieo cấy lúa", "chuyển đổi cây trồng trên đất lúa kém hiệu quả", "liên kết tiêu thụ nông sản cho hợp tác xã",
        ],
        ["cong_nghiep"] =
        [
            "dây chuyền đóng gói sản phẩm", "bảo dưỡng máy móc theo kế hoạch", "tiết kiệm điện năng trong nhà xưởng",
            "gia công cơ khí chính xác", "giám sát an toàn lao động trên công trường", "tái sử dụng phế liệu trong sản xuất gạch không nung",
            "kiểm tra chất lượng mối hàn", "thi công cầu giao thông nông thôn",
        ],
        ["giao_duc"] =
        [
            "dạy học theo dự án cho học sinh trung học cơ sở", "bồi dưỡng học sinh giỏi môn Toán", "giáo dục kỹ năng sống cho học sinh tiểu học",
            "dạy tiếng Việt cho trẻ em người dân tộc thiểu số", "ngân hàng câu hỏi trắc nghiệm trực tuyến", "thư viện xanh trong trường học",
            "đánh giá học sinh bằng hồ sơ học tập điện tử", "giáo dục hướng nghiệp cho học sinh trung học phổ thông",
        ],
        ["y_te"] =
        [
            "khám chữa bệnh từ xa cho trạm y tế xã", "quản lý hồ sơ sức khỏe điện tử", "chăm sóc người bệnh đột quỵ tại nhà",
            "sàng lọc bệnh tăng huyết áp ở người cao tuổi", "phân loại và xử lý chất thải y tế", "tiêm chủng mở rộng ở vùng sâu vùng xa",
            "rút ngắn thời gian chờ khám bệnh", "chăm sóc sức khỏe bà mẹ và trẻ em",
        ],
        ["hanh_chinh"] =
        [
            "giải quyết thủ tục hành chính theo cơ chế một cửa", "tiếp nhận hồ sơ trực tuyến toàn trình", "số hóa hồ sơ hộ tịch",
            "lưu trữ văn bản điện tử", "tiếp công dân và xử lý đơn thư kiến nghị", "chuẩn hóa quy trình cấp giấy chứng nhận quyền sử dụng đất",
            "trả kết quả thủ tục hành chính tại nhà",
        ],
        ["chuyen_doi_so"] =
        [
            "ứng dụng trí tuệ nhân tạo trong xử lý văn bản", "thanh toán không dùng tiền mặt ở chợ truyền thống", "bản đồ số quản lý hạ tầng đô thị",
            "tổ công nghệ số cộng đồng", "phần mềm quản lý nhân sự", "hệ thống camera giám sát an ninh trật tự", "cổng thông tin điện tử của xã",
        ],
        ["khoa_hoc_cong_nghe"] =
        [
            "chế tạo thiết bị đo độ mặn nước tự động", "nhân giống cây trồng bằng nuôi cấy mô", "vật liệu cách nhiệt từ vỏ trấu",
            "máy sấy nông sản dùng năng lượng mặt trời", "cảm biến cảnh báo sạt lở đất", "thiết bị lọc nước sinh hoạt cho vùng lũ",
        ],
        ["kinh_te"] =
        [
            "phát triển sản phẩm OCOP của địa phương", "quảng bá du lịch cộng đồng", "bán hàng trên sàn thương mại điện tử",
            "quản lý chợ nông thôn", "hỗ trợ hộ kinh doanh tiếp cận vốn vay", "xây dựng thương hiệu đặc sản địa phương",
        ],
        ["moi_truong"] =
        [
            "phân loại rác thải sinh hoạt tại nguồn", "xử lý nước thải chăn nuôi bằng đệm lót sinh học", "trồng rừng ngập mặn chắn sóng",
            "giảm rác thải nhựa dùng một lần", "quan trắc chất lượng không khí", "thu gom dầu ăn đã qua sử dụng",
        ],
        ["van_hoa_xa_hoi"] =
        [
            "bảo tồn hát xoan và dân ca", "xây dựng tủ sách cộng đồng", "hỗ trợ người khuyết tật học nghề", "phòng chống bạo lực gia đình",
            "câu lạc bộ thể thao cho người cao tuổi", "giữ gìn nghề dệt thổ cẩm truyền thống",
        ],
        ["quoc_phong_an_ninh"] =
        [
            "phòng cháy chữa cháy ở khu dân cư", "tuần tra an ninh trật tự tự quản", "huấn luyện dân quân tự vệ",
            "phòng chống tội phạm công nghệ cao", "tuyên truyền an toàn giao thông cho học sinh",
        ],
        ["khac"] = ["tổ chức hội nghị trực tuyến", "quản lý tài sản công", "công tác thi đua khen thưởng", "quản lý quỹ vì người nghèo"],
    };

    private static readonly string[] Actions =
    [
        "ứng dụng", "cải tiến", "nâng cao hiệu quả", "đổi mới", "hoàn thiện", "tối ưu hóa", "số hóa", "xây dựng", "phát triển",
        "chuẩn hóa", "giải pháp cho", "tổ chức",
    ];

    private static readonly string[] Contexts =
    [
        "", "", "", "trong mùa khô", "cho hộ nghèo", "ở vùng đồng bào dân tộc thiểu số", "trong điều kiện thiếu nhân lực",
        "tại khu dân cư", "ở vùng ven biển", "trong mùa mưa bão", "cho người cao tuổi", "ở vùng biên giới", "sau sáp nhập đơn vị hành chính",
    ];

    private static readonly string[] Goals =
    [
        "giảm chi phí sản xuất", "tiết kiệm thời gian cho người dân", "nâng cao chất lượng phục vụ", "tăng thu nhập cho người lao động",
        "bảo vệ môi trường", "giảm thủ tục giấy tờ", "nâng cao năng suất lao động", "bảo đảm an toàn cho người dân",
        "nâng cao hiệu quả quản lý", "giảm tải cho cán bộ cơ sở", "phát huy sức mạnh khối đại đoàn kết toàn dân tộc",
    ];

    private static readonly string[] Units = ["xã", "phường", "trường học", "trạm y tế", "hợp tác xã", "cơ quan", "doanh nghiệp"];

    private static readonly string[] Closings =
    [
        "Giải pháp dễ thực hiện, chi phí thấp, có thể nhân rộng ra các {0} trong tỉnh.",
        "Sáng kiến đã được hội đồng cấp cơ sở đánh giá cao về tính mới và khả năng áp dụng.",
        "Người dân đồng tình, hưởng ứng và tích cực tham gia.",
        "Quy trình đã được ban hành thành hướng dẫn áp dụng chung cho các {0}.",
        "Kết quả được tổng kết, báo cáo với Ủy ban Mặt trận Tổ quốc cấp trên.",
        "",
    ];

    private static readonly string[] Surnames =
    [
        "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
        "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Lương", "Mai", "Tạ", "Hà", "Đoàn", "Cao", "Lâm",
    ];

    private static readonly string[] MaleMiddle = ["Văn", "Hữu", "Đức", "Minh", "Quang", "Công", "Thành", "Xuân", "Ngọc", "Văn"];
    private static readonly string[] FemaleMiddle = ["Thị", "Thu", "Ngọc", "Thanh", "Kim", "Hồng", "Mỹ", "Phương", "Thị"];

    private static readonly string[] MaleGiven =
    [
        "An", "Bình", "Cường", "Dũng", "Hùng", "Hải", "Hiếu", "Hoàng", "Khánh", "Long", "Minh", "Nam", "Phúc", "Quân", "Sơn", "Tài",
        "Thắng", "Tuấn", "Việt", "Vinh", "Toàn", "Trung", "Đạt", "Kiên", "Lộc", "Nghĩa",
    ];

    private static readonly string[] FemaleGiven =
    [
        "Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hương", "Lan", "Linh", "Mai", "Nga", "Ngân", "Nhung", "Oanh", "Phương",
        "Quỳnh", "Thảo", "Trang", "Tuyết", "Vân", "Yến", "Hoa", "Huyền",
    ];

    private static readonly string?[] Positions =
    [
        "Giáo viên", "Bác sĩ", "Kỹ sư nông nghiệp", "Chuyên viên", "Công nhân", "Nông dân", "Cán bộ", "Điều dưỡng", "Kế toán", null, null,
    ];

    private readonly Random random;
    private readonly Commune[] communes;
    private readonly Dictionary<string, Commune[]> communesByProvince;
    private readonly Dictionary<string, BenchOrganization[]> organizationsByProvince;
    private readonly Dictionary<(int Year, string? Province), BenchCampaign> campaigns;
    private readonly int authorPool;

    public SearchCorpus(int seed, IReadOnlyList<Commune> communes, IReadOnlyList<BenchOrganization> organizations, IReadOnlyList<BenchCampaign> campaigns, int authorPool)
    {
        random = new Random(seed);
        this.communes = [.. communes];
        communesByProvince = communes.GroupBy(c => c.ProvinceCode).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        organizationsByProvince = organizations.GroupBy(o => o.ProvinceCode).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        this.campaigns = campaigns.ToDictionary(c => (c.Year, c.ProvinceCode));
        this.authorPool = authorPool;
    }

    /// <summary>Province-level organizations for every province and a few at commune level: a few hundred in all.</summary>
    public static List<BenchOrganization> Organizations(IReadOnlyList<Commune> communes, int seed)
    {
        var random = new Random(seed);
        var list = new List<BenchOrganization>();
        foreach (var province in communes.GroupBy(c => c.ProvinceCode).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var p = LowerFirst(province.First().ProvinceName);
            BenchOrganization Add(string name, string kind, string? commune, Guid? parent, string? field)
            {
                var o = new BenchOrganization(Guid.CreateVersion7(), Nfc(name), kind, province.Key, commune, parent, field);
                list.Add(o);
                return o;
            }

            Add($"Ủy ban Mặt trận Tổ quốc Việt Nam {p}", "front_committee", null, null, null);
            var labour = Add($"Liên đoàn Lao động {p}", "member_organization", null, null, "cong_nghiep");
            var farmers = Add($"Hội Nông dân {p}", "member_organization", null, null, "nong_nghiep");
            Add($"Hội Liên hiệp Phụ nữ {p}", "member_organization", null, null, "van_hoa_xa_hoi");
            Add($"Đoàn Thanh niên Cộng sản Hồ Chí Minh {p}", "member_organization", null, null, "chuyen_doi_so");
            Add($"Sở Nông nghiệp và Môi trường {p}", "agency", null, null, "moi_truong");
            Add($"Sở Y tế {p}", "agency", null, null, "y_te");
            var education = Add($"Sở Giáo dục và Đào tạo {p}", "agency", null, null, "giao_duc");
            Add($"Sở Khoa học và Công nghệ {p}", "agency", null, null, "khoa_hoc_cong_nghe");
            Add($"Bệnh viện Đa khoa {p}", "hospital", null, null, "y_te");
            var c = province.ToArray();
            var school = c[random.Next(c.Length)];
            Add($"Trường Trung học cơ sở {ShortName(school.Name)}", "school", school.Code, education.Id, "giao_duc");
            var coop = c[random.Next(c.Length)];
            Add($"Hợp tác xã Nông nghiệp {ShortName(coop.Name)}", "cooperative", coop.Code, farmers.Id, "nong_nghiep");
            var firm = c[random.Next(c.Length)];
            Add($"Công đoàn cơ sở Công ty Cổ phần Cơ khí {ShortName(firm.Name)}", "member_organization_branch", firm.Code, labour.Id, "cong_nghiep");
            Add($"Ủy ban nhân dân {LowerFirst(c[random.Next(c.Length)].Name)}", "agency", null, null, "hanh_chinh");
        }

        return list;
    }

    /// <summary>A national campaign for every year, and provincial ones for the six largest cities and provinces.</summary>
    public static List<BenchCampaign> Campaigns(IEnumerable<int> years)
    {
        string[] provincial = ["01", "79", "31", "48", "92", "40"];
        var list = new List<BenchCampaign>();
        foreach (var year in years)
        {
            list.Add(new BenchCampaign(Guid.CreateVersion7(), year, Nfc($"Phong trào thi đua \"Đoàn kết sáng tạo\" toàn quốc năm {year}"), null));
            list.AddRange(provincial.Select(p => new BenchCampaign(Guid.CreateVersion7(), year, Nfc($"Phong trào \"Đoàn kết sáng tạo\" năm {year} (tỉnh, thành phố mã {p})"), p)));
        }

        return list;
    }

    /// <summary>The initiative number <paramref name="index"/>, registered at <paramref name="registeredAt"/>.</summary>
    public GeneratedInitiative Next(int index, DateTime registeredAt)
    {
        var demo = index % DemoAuthorEvery == DemoAuthorEvery / 2;
        Commune commune;
        BenchOrganization organization;
        if (demo)
        {
            commune = communesByProvince["01"].First(c => c.Code == "00004");
            organization = new BenchOrganization(DemoAuthorOrganization, "Công đoàn cơ sở Trường THCS Ba Đình", "member_organization_branch", "01", "00004", null, "giao_duc");
        }
        else
        {
            commune = communes[random.Next(communes.Length)];
            var inProvince = organizationsByProvince[commune.ProvinceCode];
            organization = inProvince[random.Next(inProvince.Length)];
            if (organization.CommuneCode is { } own && random.Next(10) < 8)
            {
                commune = communesByProvince[commune.ProvinceCode].First(c => c.Code == own);
            }
        }

        var kind = Pick(Kinds);
        var field = organization.PreferredField is { } preferred && random.Next(2) == 0 ? preferred : Pick(Fields);
        var area = organization.Kind switch
        {
            "enterprise" or "cooperative" or "member_organization_branch" when random.Next(10) < 7 => "doanh_nghiep",
            "school" or "hospital" => "su_nghiep_cong_lap",
            _ => random.Next(20) switch { 0 => "luc_luong_vu_trang", 1 => "cong_dong", _ => "he_thong_chinh_tri" },
        };
        var topic = Topics[field][random.Next(Topics[field].Length)];
        var action = Actions[random.Next(Actions.Length)];
        var context = Contexts[random.Next(Contexts.Length)];
        var place = random.Next(3) == 0 ? $" tại {LowerFirst(commune.Name)}" : string.Empty;
        var title = Nfc($"{KindTitle[kind]} {action} {topic}{(context.Length > 0 ? " " + context : string.Empty)}{place}");

        var summary = new StringBuilder();
        summary.Append(CultureInfo.InvariantCulture, $"{UpperFirst(action)} {topic} nhằm {Goals[random.Next(Goals.Length)]} và {Goals[random.Next(Goals.Length)]}. ");
        summary.Append(CultureInfo.InvariantCulture, $"Giải pháp được áp dụng thử nghiệm tại {organization.Name} từ tháng {random.Next(1, 13)} năm {registeredAt.Year - random.Next(0, 2)}. ");
        summary.Append(Result());
        if (index % RareEvery == RareEvery / 3)
        {
            summary.Append(CultureInfo.InvariantCulture, $" Kết hợp {RareTerms[(index / RareEvery) % RareTerms.Length]} để tăng giá trị.");
        }

        var closing = string.Format(CultureInfo.InvariantCulture, Closings[random.Next(Closings.Length)], Units[random.Next(Units.Length)]);
        if (closing.Length > 0)
        {
            summary.Append(' ').Append(closing);
        }

        var authors = demo ? [new GeneratedAuthor("Nguyễn Văn An", "an.nguyen@tacgia.example.vn", true, 100, "Giáo viên")] : Authors();
        var status = Pick(Statuses);
        DateTime? submittedAt = status == InitiativeStatus.Draft ? null : registeredAt.AddMinutes(random.Next(5, 60 * 24 * 3));
        var updatedAt = (submittedAt ?? registeredAt).AddDays(status is InitiativeStatus.Draft or InitiativeStatus.Registered ? 0 : random.Next(1, 120));
        var campaign = campaigns.TryGetValue((registeredAt.Year, commune.ProvinceCode), out var provincial) && random.Next(10) < 7
            ? provincial
            : campaigns[(registeredAt.Year, null)];
        var summaryText = Nfc(summary.ToString());

        return new GeneratedInitiative(
            Guid.CreateVersion7(new DateTimeOffset(registeredAt)), campaign.Id, title, kind, Pick(ContentTypes), area, field, summaryText,
            organization.Id, commune.ProvinceCode, commune.Code, status,
            demo ? DemoAuthor : string.Create(CultureInfo.InvariantCulture, $"tacgia.{random.Next(authorPool):D6}"),
            registeredAt, submittedAt, updatedAt < registeredAt ? registeredAt : updatedAt, authors,
            InitiativeSearch.Document(title, summaryText, authors.Select(a => a.FullName), field));
    }

    private string Result() => random.Next(5) switch
    {
        0 => $"Sau {random.Next(3, 13)} tháng áp dụng, năng suất tăng {random.Next(8, 41)}%.",
        1 => $"Chi phí giảm khoảng {random.Next(10, 36)}% so với cách làm cũ.",
        2 => $"Mỗi năm tiết kiệm được khoảng {random.Next(20, 900)} triệu đồng.",
        3 => $"Thời gian xử lý rút ngắn từ {random.Next(5, 16)} ngày xuống còn {random.Next(1, 5)} ngày, hiệu quả rõ rệt.",
        _ => $"Đã có {random.Next(30, 2000)} hộ dân được hưởng lợi trực tiếp.",
    };

    private List<GeneratedAuthor> Authors()
    {
        var count = random.Next(10) switch { < 5 => 1, < 8 => 2, _ => 3 };
        var shares = count switch { 1 => new[] { 100 }, 2 => [60, 40], _ => [50, 30, 20] };
        var list = new List<GeneratedAuthor>(count);
        for (var i = 0; i < count; i++)
        {
            var female = random.Next(2) == 0;
            var middle = female ? FemaleMiddle : MaleMiddle;
            var given = female ? FemaleGiven : MaleGiven;
            var name = Nfc($"{Surnames[random.Next(Surnames.Length)]} {middle[random.Next(middle.Length)]} {given[random.Next(given.Length)]}");
            var email = random.Next(3) == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"{VietnameseText.SearchKey(name).Replace(' ', '.')}.{random.Next(1000)}@example.vn");
            list.Add(new GeneratedAuthor(name, email, i == 0, shares[i], Positions[random.Next(Positions.Length)]));
        }

        return list;
    }

    private string Pick((string Code, int Weight)[] weighted)
    {
        var roll = random.Next(weighted.Sum(w => w.Weight));
        foreach (var (code, weight) in weighted)
        {
            if (roll < weight)
            {
                return code;
            }

            roll -= weight;
        }

        return weighted[^1].Code;
    }

    private static string Nfc(string text) => text.Normalize(NormalizationForm.FormC);

    private static string LowerFirst(string text) => text.Length == 0 ? text : char.ToLower(text[0], CultureInfo.InvariantCulture) + text[1..];

    private static string UpperFirst(string text) => text.Length == 0 ? text : char.ToUpper(text[0], CultureInfo.InvariantCulture) + text[1..];

    /// <summary>"Phường Ba Đình" → "Ba Đình".</summary>
    private static string ShortName(string communeName)
    {
        foreach (var prefix in new[] { "Phường ", "Xã ", "Đặc khu ", "Thị trấn " })
        {
            if (communeName.StartsWith(prefix, StringComparison.Ordinal))
            {
                return communeName[prefix.Length..];
            }
        }

        return communeName;
    }
}

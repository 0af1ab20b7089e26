extern alias registration;

using System.Net;

namespace DoanKetSangTao.Tests.Functional;

/// <summary>Registration alone: an author registers an initiative (Mẫu 1) and reads it back.</summary>
public sealed class RegistrationTests(ServiceHost<registration::Program> host) : ServiceTests<registration::Program>(host)
{
    protected override string Name => "registration";

    protected override string ProtectedPath => "/api/v1/initiatives";

    [Fact]
    public async Task An_author_registers_an_initiative_through_the_front_committee_and_reads_it_back()
    {
        var year = DateTime.UtcNow.Year + 1;
        using var hanoi = Host.Client(People.HanoiOfficer);
        var campaign = (await hanoi.PostJsonAsync("/api/v1/campaigns", new
        {
            year, name = $"Phong trào Đoàn kết sáng tạo thành phố Hà Nội năm {year}", provinceCode = "01",
            registrationDueBefore = $"{year}-01-15",
        }, HttpStatusCode.Created)).Str("id");
        var committee = (await hanoi.PostJsonAsync("/api/v1/organizations",
            new { name = "Ủy ban Mặt trận Tổ quốc Việt Nam phường Ba Đình", kind = "front_committee", communeCode = "00004" },
            HttpStatusCode.Created)).Str("id");

        using var binh = Host.Client(People.AuthorBinh);
        var registered = await binh.PostJsonAsync("/api/v1/initiatives", new
        {
            campaignId = campaign, title = "Sổ tay điện tử cho tổ dân phố", kind = "sang_kien", contentType = "tac_nghiep",
            movementArea = "su_nghiep_cong_lap", field = "giao_duc", organizationId = committee, communeCode = "00004",
            summary = "Tóm tắt: sổ tay điện tử cho tổ dân phố.", expectedScope = "Các tổ dân phố của phường.",
            authors = new[] { new { fullName = People.AuthorBinh.Name, email = "binh@example.vn", isLead = true, contributionPercent = 100 } },
            saveAsDraft = false,
        }, HttpStatusCode.Created);

        var read = await binh.GetJsonAsync($"/api/v1/initiatives/{registered.Str("id")}", HttpStatusCode.OK);
        Assert.Equal("Sổ tay điện tử cho tổ dân phố", read.Str("title"));
        Assert.Equal("registered", read.Str("status"));
        Assert.Equal(committee, read.Str("organizationId"));
        Assert.Equal(campaign, read.Str("campaignId"));
    }
}

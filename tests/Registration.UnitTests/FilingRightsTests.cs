using DoanKetSangTao.Registration.API.Domain;
using DoanKetSangTao.ServiceDefaults.Http;

namespace DoanKetSangTao.Tests.RegistrationUnitTests;

/// <summary>What an author may file under: their own organization, or their commune's Front committee, in a campaign covering it.</summary>
public sealed class FilingRightsTests
{
    private static readonly Campaign HaNoi = new() { Id = Guid.NewGuid(), Year = 2027, Name = "Hà Nội 2027", ProvinceCode = "01" };
    private static readonly Campaign National = new() { Id = Guid.NewGuid(), Year = 2027, Name = "Toàn quốc 2027" };
    private static readonly FilingOrganization School = new(Guid.NewGuid(), "member_organization_branch", "01", "00004");
    private static readonly FilingOrganization Federation = new(Guid.NewGuid(), "member_organization", "01", null);
    private static readonly FilingOrganization BaDinhFront = new(Guid.NewGuid(), FilingRights.FrontCommittee, "01", "00004");
    private static readonly FilingOrganization SaigonUnit = new(Guid.NewGuid(), "enterprise", "79", "25747");

    [Fact]
    public void An_author_with_an_organization_files_under_it_and_nothing_else()
    {
        var teacher = new Filer(School.Id, []);
        Assert.Null(FilingRights.Check(teacher, School, HaNoi, "00004"));
        Assert.Equal("organization_not_yours", FilingRights.Check(teacher, SaigonUnit, National, "25747")!.Code);
        Assert.Equal(403, RefusalProblems.StatusOf(FilingRights.Check(teacher, Federation, HaNoi, "00004")!.Kind));
        // Even the ward's Front committee is not theirs to file through: they have an organization.
        Assert.Equal("organization_not_yours", FilingRights.Check(teacher, BaDinhFront, HaNoi, "00004")!.Code);
    }

    [Fact]
    public void A_person_without_an_organization_files_through_the_Front_committee_of_the_commune_they_live_in()
    {
        var resident = new Filer(null, ["00004"]);
        Assert.Null(FilingRights.Check(resident, BaDinhFront, HaNoi, "00004"));
        Assert.Equal("organization_not_yours", FilingRights.Check(resident, School, HaNoi, "00004")!.Code);
        var otherWardFront = BaDinhFront with { Id = Guid.NewGuid(), CommuneCode = "00008" };
        Assert.Equal("organization_not_yours", FilingRights.Check(resident, otherWardFront, HaNoi, "00008")!.Code);
        // Their ward was merged into 00008: its Front committee takes their filings.
        Assert.Null(FilingRights.Check(new Filer(null, ["00004", "00008"]), otherWardFront, HaNoi, "00008"));
        var unknown = FilingRights.Check(new Filer(null, []), BaDinhFront, HaNoi, "00004")!;
        Assert.Equal(("residence_unknown", 403), (unknown.Code, RefusalProblems.StatusOf(unknown.Kind)));
        Assert.Contains("xã/phường nơi cư trú", unknown.Message);
    }

    [Fact]
    public void The_campaign_must_cover_the_organizations_province_and_a_seated_organization_files_in_its_commune()
    {
        var worker = new Filer(SaigonUnit.Id, []);
        var outside = FilingRights.Check(worker, SaigonUnit, HaNoi, "25747")!;
        Assert.Equal(("organization_outside_campaign", 422), (outside.Code, RefusalProblems.StatusOf(outside.Kind)));
        Assert.Null(FilingRights.Check(worker, SaigonUnit, National, "25747"));
        Assert.Equal("commune_not_organization", FilingRights.Check(new Filer(School.Id, []), School, HaNoi, "00008")!.Code);
        // A province-level organization has no seat commune: any commune of its province (checked against the catalog elsewhere).
        Assert.Null(FilingRights.Check(new Filer(Federation.Id, []), Federation, HaNoi, "00008"));
    }
}

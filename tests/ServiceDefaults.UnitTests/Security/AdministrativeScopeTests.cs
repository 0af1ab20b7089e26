using DoanKetSangTao.Domain;
using System.Security.Claims;
using DoanKetSangTao.ServiceDefaults.Security;

namespace DoanKetSangTao.Tests.ServiceDefaultsUnitTests.Security;

public sealed class AdministrativeScopeTests
{
    [Theory]
    [InlineData("VN", AdministrativeLevel.Central)]
    [InlineData("VN/01", AdministrativeLevel.Province)]
    [InlineData("VN/01/00004", AdministrativeLevel.Commune)]
    public void A_scope_path_names_its_level(string path, AdministrativeLevel level)
    {
        var scope = AdministrativeScope.TryParse(path);
        Assert.NotNull(scope);
        Assert.Equal(level, scope.Level);
        Assert.Equal(path, scope.Path);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("01")]
    [InlineData("VN/")]
    [InlineData("VN/01/00004/9")]
    [InlineData("VN/ha-noi")]
    [InlineData("vn/01")]
    public void A_malformed_scope_gives_no_reach(string? path) => Assert.Null(AdministrativeScope.TryParse(path));

    [Fact]
    public void The_centre_sees_every_province_and_commune()
    {
        var centre = AdministrativeScope.Central;
        Assert.True(centre.Covers("01"));
        Assert.True(centre.Covers("79", "26734"));
    }

    [Fact]
    public void A_province_officer_sees_their_province_and_its_communes_only()
    {
        var hanoi = AdministrativeScope.TryParse("VN/01")!;
        Assert.True(hanoi.Covers("01"));
        Assert.True(hanoi.Covers("01", "00004"));
        Assert.False(hanoi.Covers("79"));
        Assert.False(hanoi.Covers("79", "26734"));
    }

    [Fact]
    public void A_commune_officer_sees_their_commune_and_not_the_whole_province()
    {
        var baDinh = AdministrativeScope.TryParse("VN/01/00004")!;
        Assert.True(baDinh.Covers("01", "00004"));
        Assert.False(baDinh.Covers("01", "00008"));
        Assert.False(baDinh.Covers("01"));
    }

    [Fact]
    public void The_current_user_reads_roles_scope_and_identity_from_the_token_claims()
    {
        var user = new CurrentUser(new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(PlatformClaims.Subject, "canbo.tinh.hanoi"),
                new Claim(PlatformClaims.Name, "Phạm Thị Dung"),
                new Claim(PlatformClaims.Role, PlatformRoles.FrontOfficer),
                new Claim(PlatformClaims.AdministrativeUnit, "VN/01"),
            ], "test", PlatformClaims.Name, PlatformClaims.Role)));

        Assert.Equal("canbo.tinh.hanoi", user.Id);
        Assert.Equal("Phạm Thị Dung", user.Name);
        Assert.True(user.IsInRole(PlatformRoles.FrontOfficer));
        Assert.False(user.IsInRole(PlatformRoles.Operator));
        Assert.True(user.CanAccess("01", "00004"));
        Assert.False(user.CanAccess("79"));
    }

    [Theory]
    [InlineData("VN", "01", true, null)]
    [InlineData("VN/01", "01", true, null)]
    [InlineData("VN/01", "79", false, null)]
    [InlineData("VN/01/00004", "01", true, "00004")]
    [InlineData("VN/01/00004", "79", false, "00004")]
    public void A_province_list_is_open_to_its_officers_and_confines_a_commune_officer_to_their_commune(
        string scope, string province, bool allowed, string? commune)
    {
        var user = new CurrentUser(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(PlatformClaims.Subject, "x"), new Claim(PlatformClaims.AdministrativeUnit, scope)], "test")));
        Assert.Equal(allowed, user.TryGetAreaFilter(province, out var filter));
        Assert.Equal(commune, filter);
    }

    [Fact]
    public void A_token_without_an_administrative_unit_reaches_nothing()
    {
        var user = new CurrentUser(new ClaimsPrincipal(new ClaimsIdentity([new Claim(PlatformClaims.Subject, "x")], "test")));
        Assert.Null(user.Scope);
        Assert.False(user.CanAccess("01"));
    }
}

extern alias identity;
extern alias registration;
extern alias reporting;

using System.Net;
using System.Text.RegularExpressions;

namespace DoanKetSangTao.Tests.Functional;

/// <summary>
/// Mã địa bàn thống nhất (the services' area codes agree): every province and commune registration serves from its
/// database, and every province identity offers a self-registering author, is a unit in force today in reporting's
/// loaded hierarchy, with the same name. Each service runs on its own database, loaded at its start.
/// </summary>
public sealed partial class AreaCodesAgreeTests(
    ServiceHost<registration::Program> registration, ServiceHost<reporting::Program> reporting, ServiceHost<identity::Program> identity)
    : IClassFixture<ServiceHost<registration::Program>>, IClassFixture<ServiceHost<reporting::Program>>, IClassFixture<ServiceHost<identity::Program>>
{
    private async Task<Dictionary<string, string>> ReportingUnitsAsync(string level)
    {
        using var officer = reporting.Client(People.HanoiOfficer);
        var list = await officer.GetJsonAsync($"/api/v1/reports/admin-units?level={level}", HttpStatusCode.OK);
        return list["units"]!.AsArray().ToDictionary(u => u!.Str("code"), u => u!.Str("name"));
    }

    [Fact]
    public async Task Registration_serves_exactly_reporting_s_units_in_force_with_the_same_names()
    {
        using var officer = registration.Client(People.HanoiOfficer);
        var provinces = (await officer.GetJsonAsync("/api/v1/administrative-units", HttpStatusCode.OK)).AsArray()
            .ToDictionary(u => u!.Str("code"), u => u!.Str("name"));
        var communes = new Dictionary<string, string>();
        foreach (var province in provinces.Keys)
        {
            foreach (var commune in (await officer.GetJsonAsync($"/api/v1/administrative-units?provinceCode={province}", HttpStatusCode.OK)).AsArray())
            {
                communes.Add(commune!.Str("code"), commune!.Str("name"));
            }
        }

        Assert.Equal(await ReportingUnitsAsync("province"), provinces);
        Assert.Equal(await ReportingUnitsAsync("commune"), communes);
    }

    [Fact]
    public async Task Identity_offers_reporting_s_provinces_in_force_with_the_same_names()
    {
        using var anonymous = identity.Client();
        var page = await anonymous.GetStringAsync("/Account/Register");
        var offered = ProvinceOption().Matches(page).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value).Trim());
        Assert.Equal(await ReportingUnitsAsync("province"), offered);
    }

    [GeneratedRegex("<option value=\"(\\d{2})\"[^>]*>([^<]+)</option>")]
    private static partial Regex ProvinceOption();
}

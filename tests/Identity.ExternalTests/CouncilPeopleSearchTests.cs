using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DoanKetSangTao.Launcher;
using DoanKetSangTao.Tests.Support;

namespace DoanKetSangTao.Tests.IdentityExternal;

/// <summary>The platform as the launcher starts it, with the demo people, for the searches appraisal makes at identity.</summary>
public sealed class DemoPlatform : IAsyncLifetime
{
    private RabbitVirtualHost? vhost;
    private string prefix = string.Empty;

    public LocalSystem System { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        vhost = await RabbitVirtualHost.CreateAsync("ppl");
        prefix = TestInfrastructure.UniqueName("ppl")[..20];
        System = await LocalSystem.StartAsync(TestPlatform.Options(prefix, vhost.Uri));
    }

    public async Task DisposeAsync()
    {
        if (System is not null)
        {
            await System.DisposeAsync();
        }

        await TestPlatform.DropDatabasesAsync(prefix);
        if (vhost is not null)
        {
            await vhost.DisposeAsync();
        }
    }
}

/// <summary>
/// Tìm người để bổ sung vào hội đồng: appraisal asks identity (gRPC, AccountDirectory) for the accounts of an area by name,
/// through the gateway as the council's secretary would, and only within the area the caller is responsible for.
/// </summary>
public sealed class CouncilPeopleSearchTests(DemoPlatform platform) : IClassFixture<DemoPlatform>
{
    [Fact]
    public async Task A_secretary_finds_people_of_their_province_by_name_without_diacritics()
    {
        var chair = DemoPeople.Named("chutich.hoidong.hanoi");

        var found = await SearchAsync("thuky.hoidong.hanoi", "?q=le%20quang%20vinh", HttpStatusCode.OK);

        var person = Assert.Single(found.EnumerateArray());
        Assert.Equal(chair.Id.ToString(), person.GetProperty("id").GetString());
        Assert.Equal(chair.Name, person.GetProperty("fullName").GetString());
        Assert.Equal(chair.Email, person.GetProperty("email").GetString());
        var assignment = Assert.Single(person.GetProperty("assignments").EnumerateArray());
        Assert.Equal(chair.Role, assignment.GetProperty("role").GetString());
        Assert.Equal(chair.AdminUnit, assignment.GetProperty("adminUnit").GetString());
    }

    [Fact]
    public async Task The_area_includes_the_communes_below_it_and_nothing_beside_it()
    {
        // Nguyễn Văn An is an author in a ward of Hà Nội; Hoàng Văn Em works in Hồ Chí Minh City.
        var inCommune = await SearchAsync("thuky.hoidong.hanoi", "?q=Nguy%E1%BB%85n&scope=VN/01/00004", HttpStatusCode.OK);
        Assert.Contains(inCommune.EnumerateArray(), p => p.GetProperty("id").GetString() == DemoPeople.Named("tacgia.an").Id.ToString());

        var elsewhere = await SearchAsync("thuky.hoidong.hanoi", "?q=hoang%20van%20em", HttpStatusCode.OK);
        Assert.Empty(elsewhere.EnumerateArray());

        var fromCentre = await SearchAsync("canbo.trunguong", "?q=hoang%20van%20em&scope=VN/79", HttpStatusCode.OK);
        Assert.Equal(DemoPeople.Named("canbo.tinh.hcm").Id.ToString(), Assert.Single(fromCentre.EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Searches_outside_ones_area_or_without_a_name_or_by_an_author_are_refused()
    {
        var outside = await SearchAsync("thuky.hoidong.hanoi", "?q=hoang&scope=VN/79", HttpStatusCode.Forbidden);
        Assert.Equal("people_outside_scope", outside.GetProperty("code").GetString());
        Assert.Equal("people_outside_scope", (await SearchAsync("thuky.hoidong.hanoi", "?q=hoang&scope=VN", HttpStatusCode.Forbidden)).GetProperty("code").GetString());

        var tooShort = await SearchAsync("thuky.hoidong.hanoi", "?q=a", HttpStatusCode.BadRequest);
        Assert.Contains("2 đến 200 ký tự", tooShort.GetProperty("errors").GetProperty("q")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await RawAsync("thuky.hoidong.hanoi", "?q=vinh&scope=VN/xx")).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await RawAsync("tacgia.an", "?q=vinh")).StatusCode);
    }

    private async Task<JsonElement> SearchAsync(string userName, string query, HttpStatusCode expected)
    {
        using var response = await RawAsync(userName, query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<HttpResponseMessage> RawAsync(string userName, string query)
    {
        using var http = new HttpClient { BaseAddress = new Uri(platform.System.GatewayUrl), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await platform.System.IssueTokenAsync(userName));
        return await http.GetAsync("/api/v1/councils/people" + query);
    }
}

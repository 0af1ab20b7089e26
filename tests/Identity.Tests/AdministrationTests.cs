using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using DoanKetSangTao.Launcher;
using DoanKetSangTao.Tests.Support;
using Npgsql;

namespace DoanKetSangTao.Tests.IdentityTests;

/// <summary>
/// Delegated administration as officers do it through the gateway (each one only in their own unit, never above their
/// own role, every change in an audit trail the database keeps unedited), and the rotation of the provider's signing key
/// by the operator's command while the platform runs.
/// </summary>
public sealed class AdministrationTests(IdentityPlatform platform) : IClassFixture<IdentityPlatform>
{
    private Uri Issuer => new(platform.System.Issuer);

    [Fact]
    public async Task A_province_officer_delegates_a_commune_and_the_commune_officer_sees_and_grants_only_there()
    {
        using var province = platform.Client((await platform.DemoSignInAsync("canbo.tinh.hanoi")).AccessToken);
        var userName = platform.Unique("canbo.xa.moi");
        var email = $"{userName}@thu-nghiem.example.vn";
        var created = await province.PostJsonAsync("/api/v1/accounts", new
        {
            fullName = "Kiều Văn Xã", email, userName,
            assignment = new { role = "front_officer", adminUnit = "VN/01/00004", startsOn = "2025-07-01" },
        }, HttpStatusCode.Created);
        var officerId = created.Id();
        var assignmentId = Guid.Parse(created["assignments"]![0]!.Str("id"));

        // The invitation, a password, and the authenticator the role requires before any token.
        await platform.Flow.SetPasswordAsync(await Mailbox.WaitForLinkAsync(email, "/account/reset-password"), PlatformAccounts.Password);
        var (tokens, key) = await EnrolAsync(userName, PlatformAccounts.Password);
        var claims = Jwt.Payload(tokens.AccessToken);
        Assert.Equal(["front_officer"], Jwt.Values(claims, "role"));
        Assert.Equal("VN/01/00004", claims["admin_unit"]!.GetValue<string>());

        using var commune = platform.Client(tokens.AccessToken);
        var listed = (await commune.GetJsonAsync("/api/v1/accounts?limit=200", HttpStatusCode.OK)).AsArray();
        var ids = listed.Select(a => a!.Id()).ToList();
        Assert.Contains(DemoPeople.Named("tacgia.an").Id, ids);
        Assert.Contains(officerId, ids);
        Assert.DoesNotContain(DemoPeople.Named("canbo.tinh.hanoi").Id, ids);
        Assert.DoesNotContain(DemoPeople.Named("canbo.tinh.hcm").Id, ids);
        Assert.All(listed, a => Assert.Contains(a!["assignments"]!.AsArray(),
            r => r!.Str("adminUnit") is var unit && (unit == "VN/01/00004" || unit.StartsWith("VN/01/00004/", StringComparison.Ordinal))));
        var provinceList = await commune.GetAsync("/api/v1/accounts?adminUnit=VN/01");
        Assert.Equal(HttpStatusCode.Forbidden, provinceList.StatusCode);
        var provinceOfficer = await commune.GetAsync($"/api/v1/accounts/{DemoPeople.Named("canbo.tinh.hanoi").Id}");
        Assert.Equal(HttpStatusCode.NotFound, provinceOfficer.StatusCode);

        // What the commune officer reads elsewhere on the platform is the commune's: an initiative filed in Phường Ba Đình is in
        // their list, and not in the list of Hồ Chí Minh City's officer.
        var campaign = await platform.CampaignAsync();
        var an = DemoPeople.Named("tacgia.an");
        Guid initiative;
        using (var author = platform.Client((await platform.DemoSignInAsync("tacgia.an")).AccessToken))
        {
            initiative = (await author.PostJsonAsync("/api/v1/initiatives", SignInTests.InitiativeBody(campaign, an.Name, an.Email, Guid.Parse(an.Organization!)),
                HttpStatusCode.Created)).Id();
        }

        var communeInitiatives = await commune.GetJsonAsync($"/api/v1/initiatives?campaignId={campaign}&unitCode=00004&limit=100", HttpStatusCode.OK);
        Assert.Contains(initiative, communeInitiatives["items"]!.AsArray().Select(i => i!.Id()));

        // Not a province officer, nor anything outside the commune.
        var above = await commune.PostJsonAsync("/api/v1/accounts", new
        {
            fullName = "Lã Văn Tỉnh", email = "canbo.tinh.gia@thu-nghiem.example.vn", userName = "canbo.tinh.gia",
            assignment = new { role = "front_officer", adminUnit = "VN/01", startsOn = "2025-07-01" },
        }, HttpStatusCode.Forbidden);
        Assert.Equal("unit_outside_scope", above.Str("code"));
        Assert.Contains("nằm ngoài phạm vi quản lý", above.Str("detail"), StringComparison.Ordinal);

        // Hồ Chí Minh City's officer neither sees nor changes Hà Nội's accounts.
        using var hcm = platform.Client((await platform.DemoSignInAsync("canbo.tinh.hcm")).AccessToken);
        Assert.Equal(HttpStatusCode.NotFound, (await hcm.GetAsync($"/api/v1/accounts/{officerId}")).StatusCode);
        using (var grant = await hcm.PostAsync($"/api/v1/accounts/{officerId}/assignments", JsonBody(new { role = "author", adminUnit = "VN/79" })))
        {
            Assert.Contains(grant.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.Forbidden });
        }

        using (var end = await hcm.PostAsync($"/api/v1/accounts/{officerId}/assignments/{assignmentId}/end", JsonBody(new { })))
        {
            Assert.Contains(end.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.Forbidden });
        }

        Assert.DoesNotContain(officerId, (await hcm.GetJsonAsync("/api/v1/accounts?limit=200", HttpStatusCode.OK)).AsArray().Select(a => a!.Id()));
        using (var hcmInitiatives = await hcm.GetAsync($"/api/v1/initiatives?campaignId={campaign}&unitCode=00004&limit=100"))
        {
            var text = await hcmInitiatives.Content.ReadAsStringAsync();
            Assert.True(hcmInitiatives.StatusCode == HttpStatusCode.Forbidden
                || (hcmInitiatives.StatusCode == HttpStatusCode.OK && !text.Contains(initiative.ToString(), StringComparison.Ordinal)), text);
        }

        // The province ends the assignment as of yesterday: no role any more, whatever the token still says.
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).AddDays(-1);
        var ended = await province.PostJsonAsync($"/api/v1/accounts/{officerId}/assignments/{assignmentId}/end",
            new { endsOn = yesterday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }, HttpStatusCode.OK);
        Assert.False(ended["active"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Forbidden, (await commune.GetAsync("/api/v1/accounts")).StatusCode);

        var refreshed = await platform.Flow.RefreshAsync(tokens.RefreshToken!);
        Assert.Empty(Jwt.Values(Jwt.Payload(refreshed.AccessToken), "role"));
        Assert.Null(Jwt.Payload(refreshed.AccessToken)["admin_unit"]);
        var signedInAgain = await platform.Flow.SignInAsync(userName, PlatformAccounts.Password, key);
        Assert.Empty(Jwt.Values(Jwt.Payload(signedInAgain.AccessToken), "role"));
        using (var after = platform.Client(signedInAgain.AccessToken))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await after.GetAsync("/api/v1/accounts")).StatusCode);
            var campaigns = await after.PostAsync("/api/v1/campaigns", JsonBody(new { year = 2030, name = "Không được tạo", provinceCode = "01", registrationDueBefore = "2030-01-15" }));
            Assert.Equal(HttpStatusCode.Forbidden, campaigns.StatusCode);
        }

        // Every change is in the account's audit trail, and the database refuses to edit it.
        var audit = (await province.GetJsonAsync($"/api/v1/accounts/{officerId}/audit", HttpStatusCode.OK)).AsArray();
        var actions = audit.Select(e => e!.Str("action")).ToList();
        foreach (var action in new[] { "account_created", "assignment_granted", "password_reset", "two_factor_enabled", "assignment_ended" })
        {
            Assert.Contains(action, actions);
        }

        Assert.Equal(DemoPeople.Named("canbo.tinh.hanoi").Id.ToString(), audit.First(e => e!.Str("action") == "assignment_ended")!.Str("actorId"));
        await using var db = platform.IdentityDatabase();
        await db.OpenAsync();
        foreach (var sql in new[] { "UPDATE account_audit SET detail = 'sửa' WHERE account_id = @id", "DELETE FROM account_audit WHERE account_id = @id" })
        {
            await using var command = new NpgsqlCommand(sql, db);
            command.Parameters.AddWithValue("id", officerId);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }

        await using var count = new NpgsqlCommand("SELECT count(*) FROM account_audit WHERE account_id = @id", db);
        count.Parameters.AddWithValue("id", officerId);
        Assert.Equal((long)audit.Count, (long)(await count.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_rotated_signing_key_is_published_beside_the_old_one_and_earlier_tokens_keep_working()
    {
        var before = await platform.DemoSignInAsync("canbo.tinh.hanoi");
        using var anonymous = platform.Client();
        var jwksUri = (await anonymous.GetJsonAsync("/.well-known/openid-configuration", HttpStatusCode.OK)).Str("jwks_uri");
        // Published at the public address: the identity service's own address is not reachable by integrations or browsers.
        Assert.StartsWith(platform.System.GatewayUrl + "/", jwksUri, StringComparison.Ordinal);
        var keysBefore = await KeyIdsAsync(anonymous, jwksUri);
        Assert.Single(keysBefore);
        Assert.Equal(keysBefore[0], Jwt.Header(before.AccessToken)["kid"]!.GetValue<string>());

        var output = await RotateKeysAsync();
        Assert.Contains("New signing key", output, StringComparison.Ordinal);

        // Every replica reloads the keys within a minute.
        var keysAfter = await TestInfrastructure.EventuallyAsync(async () =>
            await KeyIdsAsync(anonymous, jwksUri) is { Count: 2 } ids ? ids : null, TimeSpan.FromMinutes(3), "JWKS to publish the new key beside the old one");
        Assert.Contains(keysBefore[0], keysAfter);

        using var http = platform.Client(before.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/notifications")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/accounts?limit=1")).StatusCode);

        // Until the new key's hour comes, tokens are still signed with the old one, which every validator knows.
        var after = await platform.DemoSignInAsync("canbo.tinh.hanoi");
        Assert.Equal(keysBefore[0], Jwt.Header(after.AccessToken)["kid"]!.GetValue<string>());
        using var fresh = platform.Client(after.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/api/v1/notifications")).StatusCode);
    }

    /// <summary>Runs the identity service's <c>rotate-keys</c> command with its settings, as an operator would beside the running service.</summary>
    private async Task<string> RotateKeysAsync()
    {
        var output = AppContext.BaseDirectory;
        var configuration = output.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var directory = Path.Combine(TestInfrastructure.RepositoryRoot(output), LocalSystem.Identity.ProjectDirectory, "bin", configuration, "net10.0");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(directory, LocalSystem.Identity.Assembly));
        start.ArgumentList.Add("rotate-keys");
        foreach (var (k, v) in platform.IdentityEnvironment())
        {
            start.Environment[k] = v;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"rotate-keys exited with {process.ExitCode}: {await stdout}\n{await stderr}");
        return await stdout;
    }

    private static async Task<List<string>> KeyIdsAsync(HttpClient http, string jwksUri) =>
        (await http.GetJsonAsync(jwksUri, HttpStatusCode.OK))["keys"]!.AsArray().Select(k => k!.Str("kid")).ToList();

    /// <summary>
    /// The first sign-in of staff: password, then the enrolment page's key into an authenticator and its code; answers the
    /// tokens and the key the person's authenticator now holds.
    /// </summary>
    private async Task<(TokenSet Tokens, string Key)> EnrolAsync(string userName, string password)
    {
        using var browser = new PageBrowser(Issuer);
        var (signIn, verifier) = await browser.StartAuthorizationAsync();
        var setup = await browser.SubmitAsync(signIn, new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = password });
        Assert.EndsWith("/account/two-factor/setup", setup.Url.AbsolutePath, StringComparison.Ordinal);
        var key = IdentityFlow.AuthenticatorKeyOnPage(setup.Html);
        await browser.SubmitAsync(setup, new Dictionary<string, string> { ["Code"] = IdentityFlow.Totp(key) });
        var code = System.Web.HttpUtility.ParseQueryString(browser.Callback!.Query)["code"]!;
        var redeemed = await platform.RedeemAsync(code, verifier);
        Assert.Equal(HttpStatusCode.OK, redeemed.Status);
        return (new TokenSet(redeemed.Body.Str("access_token"), redeemed.Body["refresh_token"]?.GetValue<string>(), null, 0), key);
    }

    private static StringContent JsonBody(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body, Http.Options), System.Text.Encoding.UTF8, "application/json");
}

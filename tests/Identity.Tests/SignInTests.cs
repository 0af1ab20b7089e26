using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DoanKetSangTao.Launcher;
using DoanKetSangTao.Tests.Support;

namespace DoanKetSangTao.Tests.IdentityTests;

/// <summary>
/// Signing in as people and integrations do, through the gateway: the code flow with PKCE (an HTTP client and a real
/// Chromium), client credentials, refresh rotation, revocation and introspection, lockout, the second factor, a password
/// reset by e-mail and an author's self-registration up to an initiative registered with the token it gives.
/// </summary>
public sealed class SignInTests(IdentityPlatform platform) : IClassFixture<IdentityPlatform>
{
    private Uri Issuer => new(platform.System.Issuer);

    [Fact]
    public async Task Code_flow_gives_a_token_the_apis_accept_and_its_code_works_once_with_its_own_verifier()
    {
        var an = DemoPeople.Named("tacgia.an");
        var tokens = await platform.Flow.SignInAsync(an.UserName, DemoPeople.Password);

        using (var http = platform.Client(tokens.AccessToken))
        {
            using var notifications = await http.GetAsync("/api/v1/notifications");
            Assert.Equal(HttpStatusCode.OK, notifications.StatusCode);
        }

        var claims = Jwt.Payload(tokens.AccessToken);
        Assert.Equal(an.Id.ToString(), claims["sub"]!.GetValue<string>());
        Assert.Equal(["author"], Jwt.Values(claims, "role"));
        Assert.Equal("VN/01/00004", claims["admin_unit"]!.GetValue<string>());
        Assert.Equal("2025-07-01", claims["hierarchy_version"]!.GetValue<string>());
        Assert.Equal(an.Organization, claims["org"]!.GetValue<string>());
        Assert.NotNull(tokens.RefreshToken);

        // A code redeemed once is spent.
        using var browser = new PageBrowser(Issuer);
        var code = await browser.AuthorizeAsync("tacgia.chi", DemoPeople.Password);
        var first = await platform.RedeemAsync(code.Code, code.Verifier);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        var again = await platform.RedeemAsync(code.Code, code.Verifier);
        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.Equal("invalid_grant", again.Body["error"]!.GetValue<string>());

        // A code with another verifier (an intercepted code without the client's secret verifier) is refused.
        using var other = new PageBrowser(Issuer);
        var stolen = await other.AuthorizeAsync("tacgia.chi", DemoPeople.Password);
        var wrong = await platform.RedeemAsync(stolen.Code, PageBrowser.Base64Url(RandomNumberGenerator.GetBytes(32)));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Equal("invalid_grant", wrong.Body["error"]!.GetValue<string>());
        Assert.False(wrong.Body.AsObject().ContainsKey("access_token"));
    }

    [Fact]
    public async Task Signing_out_ends_the_providers_session_and_returns_to_the_application()
    {
        using var browser = new PageBrowser(Issuer);
        var code = await browser.AuthorizeAsync("tacgia.chi", DemoPeople.Password);
        var redeemed = await platform.RedeemAsync(code.Code, code.Verifier);
        var idToken = redeemed.Body["id_token"]!.GetValue<string>();

        // Signed in: the provider answers the next authorization at once, with no page.
        var (during, _) = await browser.StartAuthorizationAsync();
        Assert.Equal(IdentityFlow.PortalRedirectUri, during.Url.GetLeftPart(UriPartial.Path));

        var signedOut = await browser.GetAsync($"connect/logout?id_token_hint={idToken}&post_logout_redirect_uri={Uri.EscapeDataString(IdentityFlow.PortalRedirectUri)}&state=ra");
        Assert.Equal(IdentityFlow.PortalRedirectUri, signedOut.Url.GetLeftPart(UriPartial.Path));
        Assert.Equal("ra", System.Web.HttpUtility.ParseQueryString(signedOut.Url.Query)["state"]);

        // Signed out: the next authorization asks for the password again.
        var (after, _) = await browser.StartAuthorizationAsync();
        Assert.EndsWith("/account/signin", after.Url.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains("Input.Password", after.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_bodys_application_gets_a_token_only_after_the_person_agrees_once()
    {
        var chi = DemoPeople.Named("tacgia.chi");
        var refused = new IdentityFlow(Issuer, IdentityFlow.ConsentClientId, IdentityFlow.ConsentRedirectUri) { Consent = false };
        var denied = await Assert.ThrowsAsync<TokenRequestException>(() => refused.SignInAsync(chi.UserName, DemoPeople.Password));
        Assert.Equal("access_denied", denied.Error);

        var agreeing = new IdentityFlow(Issuer, IdentityFlow.ConsentClientId, IdentityFlow.ConsentRedirectUri);
        var tokens = await agreeing.SignInAsync(chi.UserName, DemoPeople.Password);
        Assert.Equal(chi.Id.ToString(), Jwt.Payload(tokens.AccessToken)["sub"]!.GetValue<string>());

        // Agreed once: the next sign-in asks nothing (a flow that would refuse on the consent page is not asked).
        var again = await refused.SignInAsync(chi.UserName, DemoPeople.Password);
        Assert.Equal(chi.Id.ToString(), Jwt.Payload(again.AccessToken)["sub"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_person_signs_in_on_the_page_in_a_real_browser()
    {
        var verifier = PageBrowser.Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = PageBrowser.Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = new Uri(Issuer, $"connect/authorize?client_id={IdentityFlow.PortalClientId}&redirect_uri={Uri.EscapeDataString(IdentityFlow.PortalRedirectUri)}"
            + $"&response_type=code&scope={Uri.EscapeDataString(IdentityFlow.PersonScopes)}&code_challenge={challenge}&code_challenge_method=S256&state=trinh-duyet");
        await using var chromium = await Chromium.StartAsync();
        await chromium.GoAsync(authorize.ToString());
        Assert.Contains("/account/signin", await chromium.UrlAsync(), StringComparison.Ordinal);

        // The page is styled: its stylesheet loaded (an unstyled form is what a person would see otherwise).
        var styled = await chromium.ScriptAsync(
            "const s = [...document.styleSheets]; return s.length > 0 && s.every(x => { try { return x.cssRules.length > 0; } catch { return false; } });");
        Assert.True(styled!.GetValue<bool>(), "The sign-in page's stylesheet did not load.");

        // Every input a person fills in has a label that names it.
        var unlabelled = await chromium.ScriptAsync(
            "return [...document.querySelectorAll('input:not([type=hidden]), select')].filter(i => !i.id || !document.querySelector(`label[for='${i.id}']`)).map(i => i.name);");
        Assert.Empty(unlabelled!.AsArray());

        // A wrong password: an error summary at the top, whose links lead to the field to correct.
        await chromium.TypeAsync("#UserName", "tacgia.chi");
        await chromium.TypeAsync("#Password", "khong-phai-mat-khau-nay");
        await chromium.ClickAsync("#dang-nhap");
        var summary = await chromium.ScriptAsync(
            "const s = document.querySelector('.error-summary'); if (!s) return null;"
            + "return [...s.querySelectorAll('a')].map(a => ({ text: a.textContent.trim(), target: !!document.getElementById(a.getAttribute('href').substring(1)) }));");
        Assert.True(summary is JsonArray, $"No error summary after a wrong password at {await chromium.UrlAsync()}: {await chromium.SourceAsync()}");
        var links = summary!.AsArray();
        Assert.NotEmpty(links);
        Assert.All(links, l => Assert.True(l!["target"]!.GetValue<bool>(), $"The summary's link '{l["text"]}' leads nowhere."));
        Assert.Contains(links, l => l!["text"]!.GetValue<string>() == "Tên đăng nhập hoặc mật khẩu không đúng.");

        // The right password: the browser is sent to the portal's address with a code (no server answers there, which is fine).
        await chromium.TypeAsync("#UserName", "tacgia.chi");
        await chromium.TypeAsync("#Password", DemoPeople.Password);
        await chromium.ClickAsync("#dang-nhap");
        var callback = await TestInfrastructure.EventuallyAsync(async () =>
            await chromium.UrlAsync() is { } url && url.StartsWith(IdentityFlow.PortalRedirectUri, StringComparison.Ordinal) ? new Uri(url) : null,
            TimeSpan.FromSeconds(30), "the browser to reach the portal's callback");
        var query = System.Web.HttpUtility.ParseQueryString(callback.Query);
        Assert.Equal("trinh-duyet", query["state"]);
        var redeemed = await platform.RedeemAsync(query["code"]!, verifier);
        Assert.Equal(HttpStatusCode.OK, redeemed.Status);
        var claims = Jwt.Payload(redeemed.Body["access_token"]!.GetValue<string>());
        Assert.Equal(DemoPeople.Named("tacgia.chi").Id.ToString(), claims["sub"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_integration_reads_its_own_province_only_and_the_operator_rotates_its_secret()
    {
        var campaign = await platform.CampaignAsync();
        var integration = await platform.Flow.ClientCredentialsAsync(DemoPeople.IntegrationClientId, DemoPeople.IntegrationClientSecret, "statistics.read");
        using (var http = platform.Client(integration.AccessToken))
        {
            using var hanoi = await http.GetAsync($"/api/v1/reports/initiative-counts?campaignId={campaign}&provinceCode=01");
            Assert.Equal(HttpStatusCode.OK, hanoi.StatusCode);
            using var hcm = await http.GetAsync($"/api/v1/reports/initiative-counts?campaignId={campaign}&provinceCode=79");
            Assert.Equal(HttpStatusCode.Forbidden, hcm.StatusCode);
            await http.PostJsonAsync("/api/v1/initiatives", InitiativeBody(campaign, "Nguyễn Văn An", "an.nguyen@tacgia.example.vn",
                Guid.Parse(DemoPeople.Organizations[2].Id)), HttpStatusCode.Forbidden);
        }

        var refused = await Assert.ThrowsAsync<TokenRequestException>(() =>
            platform.Flow.ClientCredentialsAsync(DemoPeople.IntegrationClientId, "khong-phai-khoa-nay", "statistics.read"));
        Assert.Equal("invalid_client", refused.Error);

        // The operator registers an integration and gives it a new secret: the old one stops at once.
        using var operatorHttp = platform.Client((await platform.DemoSignInAsync("vanhanh")).AccessToken);
        var created = await operatorHttp.PostJsonAsync("/api/v1/integration-clients",
            new { clientId = "bang-thong-ke-thu", displayName = "Bảng thống kê thử", scopes = new[] { "statistics.read" }, adminUnit = "VN/01" }, HttpStatusCode.Created);
        var firstSecret = created.Str("clientSecret");
        var own = await platform.Flow.ClientCredentialsAsync("bang-thong-ke-thu", firstSecret, "statistics.read");
        using (var http = platform.Client(own.AccessToken))
        {
            using var counts = await http.GetAsync($"/api/v1/reports/initiative-counts?campaignId={campaign}&provinceCode=01");
            Assert.Equal(HttpStatusCode.OK, counts.StatusCode);
        }

        var rotated = await operatorHttp.PostJsonAsync("/api/v1/integration-clients/bang-thong-ke-thu/secret", new { }, HttpStatusCode.OK);
        var secondSecret = rotated.Str("clientSecret");
        Assert.NotEqual(firstSecret, secondSecret);
        var old = await Assert.ThrowsAsync<TokenRequestException>(() => platform.Flow.ClientCredentialsAsync("bang-thong-ke-thu", firstSecret, "statistics.read"));
        Assert.Equal("invalid_client", old.Error);
        var renewed = await platform.Flow.ClientCredentialsAsync("bang-thong-ke-thu", secondSecret, "statistics.read");
        Assert.Equal("bang-thong-ke-thu", Jwt.Payload(renewed.AccessToken)["sub"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_refresh_token_works_once_and_its_reuse_revokes_the_chain_and_revocation_and_introspection_answer()
    {
        var first = await platform.Flow.SignInAsync("tacgia.an", DemoPeople.Password);
        var second = await platform.Flow.RefreshAsync(first.RefreshToken!);
        Assert.NotNull(second.RefreshToken);
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        using (var http = platform.Client(second.AccessToken))
        {
            using var notifications = await http.GetAsync("/api/v1/notifications");
            Assert.Equal(HttpStatusCode.OK, notifications.StatusCode);
        }

        // The spent token is refused, and presenting it again (someone else holds a copy) revokes the new one too.
        var reused = await Assert.ThrowsAsync<TokenRequestException>(() => platform.Flow.RefreshAsync(first.RefreshToken!));
        Assert.Equal("invalid_grant", reused.Error);
        var chain = await Assert.ThrowsAsync<TokenRequestException>(() => platform.Flow.RefreshAsync(second.RefreshToken!));
        Assert.Equal("invalid_grant", chain.Error);

        // Revocation (a person signing out of the portal): the refresh token stops working.
        var third = await platform.Flow.SignInAsync("tacgia.an", DemoPeople.Password);
        var revoked = await platform.PostFormAsync("connect/revoke", new Dictionary<string, string>
        {
            ["token"] = third.RefreshToken!, ["token_type_hint"] = "refresh_token", ["client_id"] = IdentityFlow.PortalClientId,
        });
        Assert.Equal(HttpStatusCode.OK, revoked.Status);
        var afterRevocation = await Assert.ThrowsAsync<TokenRequestException>(() => platform.Flow.RefreshAsync(third.RefreshToken!));
        Assert.Equal("invalid_grant", afterRevocation.Error);

        // Introspection by a confidential client: its own token is active with what it grants, then inactive once revoked.
        var credentials = (DemoPeople.IntegrationClientId, DemoPeople.IntegrationClientSecret);
        var integration = await platform.Flow.ClientCredentialsAsync(DemoPeople.IntegrationClientId, DemoPeople.IntegrationClientSecret, "statistics.read");
        var active = await platform.PostFormAsync("connect/introspect", new Dictionary<string, string> { ["token"] = integration.AccessToken }, credentials);
        Assert.Equal(HttpStatusCode.OK, active.Status);
        Assert.True(active.Body["active"]!.GetValue<bool>(), active.Body.ToJsonString());
        Assert.Equal(DemoPeople.IntegrationClientId, active.Body["sub"]!.GetValue<string>());
        Assert.Equal(DemoPeople.IntegrationClientId, active.Body["client_id"]!.GetValue<string>());
        var wrongSecret = await platform.PostFormAsync("connect/introspect", new Dictionary<string, string> { ["token"] = integration.AccessToken },
            (DemoPeople.IntegrationClientId, "khong-phai-khoa-nay"));
        Assert.Equal("invalid_client", wrongSecret.Body["error"]!.GetValue<string>());
        var revokedAccess = await platform.PostFormAsync("connect/revoke", new Dictionary<string, string> { ["token"] = integration.AccessToken }, credentials);
        Assert.Equal(HttpStatusCode.OK, revokedAccess.Status);
        var inactive = await platform.PostFormAsync("connect/introspect", new Dictionary<string, string> { ["token"] = integration.AccessToken }, credentials);
        Assert.False(inactive.Body["active"]!.GetValue<bool>(), inactive.Body.ToJsonString());
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_the_right_one_is_refused_while_locked()
    {
        var person = await platform.Accounts.SignedInAsync(new AccountSpec(platform.Unique("khoa.tam"), "Đinh Văn Khóa", "author", "VN/01/00004"));
        using var browser = new PageBrowser(Issuer);
        Page page = default!;
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var (signIn, _) = await browser.StartAuthorizationAsync();
            page = await browser.SubmitAsync(signIn, new Dictionary<string, string> { ["Input.UserName"] = person.UserName, ["Input.Password"] = $"sai-mat-khau-lan-{attempt}" });
            Assert.Null(browser.Callback);
            if (attempt < 5)
            {
                Assert.Equal(["Tên đăng nhập hoặc mật khẩu không đúng."], page.Errors);
            }
        }

        Assert.Contains(page.Errors, e => e.StartsWith("Tài khoản tạm khóa do nhập sai nhiều lần.", StringComparison.Ordinal));
        var (again, _) = await browser.StartAuthorizationAsync();
        var locked = await browser.SubmitAsync(again, new Dictionary<string, string> { ["Input.UserName"] = person.UserName, ["Input.Password"] = person.Password });
        Assert.Null(browser.Callback);
        Assert.Contains(locked.Errors, e => e.StartsWith("Tài khoản tạm khóa", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_staff_member_enrols_an_authenticator_before_any_token_and_a_wrong_code_is_refused()
    {
        // Made as an operator makes staff: the account, the invitation letter, a password set from its link.
        using var operatorHttp = platform.Client((await platform.DemoSignInAsync("vanhanh")).AccessToken);
        var userName = platform.Unique("thuky.moi");
        var email = $"{userName}@thu-nghiem.example.vn";
        await operatorHttp.PostJsonAsync("/api/v1/accounts", new
        {
            fullName = "Lương Thị Thư", email, userName,
            assignment = new { role = "council_secretary", adminUnit = "VN/01", startsOn = "2025-07-01" },
        }, HttpStatusCode.Created);
        await platform.Flow.SetPasswordAsync(await Mailbox.WaitForLinkAsync(email, "/account/reset-password"), PlatformAccounts.Password);

        using var browser = new PageBrowser(Issuer);
        var (signIn, verifier) = await browser.StartAuthorizationAsync();
        var setup = await browser.SubmitAsync(signIn, new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = PlatformAccounts.Password });
        Assert.Null(browser.Callback);
        Assert.EndsWith("/account/two-factor/setup", setup.Url.AbsolutePath, StringComparison.Ordinal);
        var key = IdentityFlow.AuthenticatorKeyOnPage(setup.Html);

        var wrong = await browser.SubmitAsync(setup, new Dictionary<string, string> { ["Code"] = WrongCode(key) });
        Assert.Null(browser.Callback);
        Assert.Equal(["Mã xác thực không đúng. Hãy kiểm tra khóa đã nhập vào ứng dụng và nhập mã đang hiển thị."], wrong.Errors);

        await browser.SubmitAsync(wrong, new Dictionary<string, string> { ["Code"] = IdentityFlow.Totp(key) });
        Assert.NotNull(browser.Callback);
        var redeemed = await platform.RedeemAsync(System.Web.HttpUtility.ParseQueryString(browser.Callback!.Query)["code"]!, verifier);
        Assert.Equal(HttpStatusCode.OK, redeemed.Status);
        Assert.Equal(["council_secretary"], Jwt.Values(Jwt.Payload(redeemed.Body["access_token"]!.GetValue<string>()), "role"));

        // From now on the password alone is not enough: the second-factor page refuses a wrong code.
        using var later = new PageBrowser(Issuer);
        var (again, _) = await later.StartAuthorizationAsync();
        var secondFactor = await later.SubmitAsync(again, new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = PlatformAccounts.Password });
        Assert.Null(later.Callback);
        Assert.EndsWith("/account/signin/two-factor", secondFactor.Url.AbsolutePath, StringComparison.Ordinal);
        var refused = await later.SubmitAsync(secondFactor, new Dictionary<string, string> { ["Code"] = WrongCode(key) });
        Assert.Null(later.Callback);
        Assert.Equal(["Mã xác thực không đúng hoặc đã hết hạn. Hãy nhập mã đang hiển thị."], refused.Errors);
        var tokens = await platform.Flow.SignInAsync(userName, PlatformAccounts.Password, key);
        Assert.Equal("VN/01", Jwt.Payload(tokens.AccessToken)["admin_unit"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_from_the_letter_and_the_old_one_stops_working()
    {
        var person = await platform.Accounts.SignedInAsync(new AccountSpec(platform.Unique("quen.matkhau"), "Trương Văn Quên", "author", "VN/01/00004"));
        var before = Letters.Count(person.Email);
        using var browser = new PageBrowser(Issuer);
        var forgot = await browser.GetAsync("account/forgot-password");
        var sent = await browser.SubmitAsync(forgot, new Dictionary<string, string> { ["Email"] = person.Email });
        Assert.Contains("chúng tôi đã gửi thư hướng dẫn đặt lại mật khẩu", sent.Text, StringComparison.Ordinal);

        var link = await Letters.WaitForNewLinkAsync(person.Email, before, "Đặt lại mật khẩu", "/account/reset-password");
        const string newPassword = "mot-cum-tu-moi-de-nho-2026";
        await platform.Flow.SetPasswordAsync(link, newPassword);

        var tokens = await platform.Flow.SignInAsync(person.UserName, newPassword);
        Assert.Equal(person.AccountId.ToString(), Jwt.Payload(tokens.AccessToken)["sub"]!.GetValue<string>());
        var old = await Assert.ThrowsAsync<SignInRefusedException>(() => platform.Flow.SignInAsync(person.UserName, person.Password));
        Assert.Contains("Tên đăng nhập hoặc mật khẩu không đúng.", old.Errors, StringComparison.Ordinal);
        // The link works once.
        await Assert.ThrowsAsync<SignInRefusedException>(() => platform.Flow.SetPasswordAsync(link, "lai-mot-cum-tu-khac-2026"));
    }

    [Fact]
    public async Task An_author_registers_confirms_the_address_signs_in_and_registers_an_initiative()
    {
        var campaign = await platform.CampaignAsync();
        var email = $"{platform.Unique("tu.dang.ky")}@tacgia.example.vn";
        const string password = "cay-tre-xanh-ben-song-2026";
        using var browser = new PageBrowser(Issuer);
        var form = await browser.GetAsync("account/register");
        var registered = await browser.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.FullName"] = "Mai Thị Hoa", ["Input.Email"] = email, ["Input.ProvinceCode"] = "01", ["Input.CommuneName"] = "Ba Đình", ["Input.Password"] = password,
        });
        Assert.Empty(registered.Errors);
        Assert.Contains("Đã tạo tài khoản.", registered.Text, StringComparison.Ordinal);

        // Not before the address is confirmed.
        var early = await Assert.ThrowsAsync<SignInRefusedException>(() => platform.Flow.SignInAsync(email, password));
        Assert.Contains("Bạn cần xác nhận địa chỉ thư điện tử trước khi đăng nhập", early.Errors, StringComparison.Ordinal);

        // The letter's link opens a page; its button confirms.
        var link = await Mailbox.WaitForLinkAsync(email, "/account/confirm-email");
        var confirm = await browser.GetAsync(link.PathAndQuery.TrimStart('/'));
        Assert.Equal(HttpStatusCode.OK, confirm.Status);
        Assert.Contains("id=\"xac-nhan\"", confirm.Html, StringComparison.Ordinal);
        var confirmed = await browser.SubmitAsync(confirm, new Dictionary<string, string>());
        Assert.True(confirmed.Text.Contains("Địa chỉ thư điện tử đã được xác nhận.", StringComparison.Ordinal),
            $"{confirmed.Url} {confirmed.Status}: {string.Join(" ", confirmed.Errors)}");

        var tokens = await platform.Flow.SignInAsync(email, password);
        var claims = Jwt.Payload(tokens.AccessToken);
        Assert.Equal(["author"], Jwt.Values(claims, "role"));
        Assert.Equal("VN/01/00004", claims["admin_unit"]!.GetValue<string>());

        using var http = platform.Client(tokens.AccessToken);
        var initiative = await http.PostJsonAsync("/api/v1/initiatives",
            InitiativeBody(campaign, "Mai Thị Hoa", email, Guid.Parse(DemoPeople.Organizations[3].Id)), HttpStatusCode.Created);
        Assert.Equal("Ứng dụng tra cứu hộ nghèo của phường", initiative.Str("title"));
    }

    internal static object InitiativeBody(Guid campaign, string author, string email, Guid organization) => new
    {
        campaignId = campaign, title = "Ứng dụng tra cứu hộ nghèo của phường", kind = "sang_kien", contentType = "tac_nghiep",
        movementArea = "he_thong_chinh_tri", field = "hanh_chinh", summary = "Sổ theo dõi hộ nghèo trên máy tính, tra cứu trong một phút.",
        organizationId = organization, communeCode = "00004",
        authors = new[] { new { fullName = author, email, isLead = true, contributionPercent = 100 } },
    };

    /// <summary>A six-digit code that is not the authenticator's current one.</summary>
    internal static string WrongCode(string key) => IdentityFlow.Totp(key) == "000000" ? "111111" : "000000";
}

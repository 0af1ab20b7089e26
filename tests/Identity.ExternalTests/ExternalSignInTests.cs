using System.Text.Json;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Launcher;

namespace DoanKetSangTao.Tests.IdentityExternal;

/// <summary>
/// Sign-in through an external OpenID Connect provider, for real on both sides: the platform's identity service is the
/// provider's client (code flow, PKCE, its state and the provider's id token checked by OpenIddict), and the provider is a
/// second identity service. The account a person ends in, and their roles, are the platform's.
/// </summary>
public sealed class ExternalSignInTests(ExternalProviderPlatform platform) : IClassFixture<ExternalProviderPlatform>
{
    private ExternalBrowser Browser => new(platform.System, platform.ProviderIssuer);

    [Fact]
    public async Task A_verified_address_of_an_existing_account_signs_in_to_that_account_with_its_own_roles()
    {
        var chair = DemoPeople.Named("chutich.hoidong.hanoi");

        var result = await Browser.SignInAsync(ExternalProviderPlatform.Chair);

        Assert.True(result.Tokens is not null, $"No tokens; the sign-in ended with: {result.Notice}");
        var claims = ExternalBrowser.Claims(result.Tokens.AccessToken);
        Assert.Equal(chair.Id.ToString(), claims.GetProperty(PlatformClaims.Subject).GetString());
        // The provider gave this person "author" at VN/79; the platform's assignment is what the token carries.
        Assert.Equal([chair.Role], Roles(claims));
        Assert.Equal(chair.AdminUnit, claims.GetProperty(PlatformClaims.AdministrativeUnit).GetString());
        Assert.Equal(1, await platform.CountAsync(
            "SELECT count(*) FROM account_logins WHERE user_id = @id AND login_provider = @provider", new { id = chair.Id, provider = ExternalProviderPlatform.ProviderName }));
        Assert.Equal(1, await platform.CountAsync(
            "SELECT count(*) FROM account_audit WHERE account_id = @id AND action = 'external_login_linked'", new { id = chair.Id }));

        // The second time the link made above is used: the same account, no second link.
        var again = await Browser.SignInAsync(ExternalProviderPlatform.Chair);
        Assert.Equal(chair.Id.ToString(), ExternalBrowser.Claims(again.Tokens!.AccessToken).GetProperty(PlatformClaims.Subject).GetString());
        Assert.Equal(1, await platform.CountAsync(
            "SELECT count(*) FROM account_audit WHERE account_id = @id AND action = 'external_login_linked'", new { id = chair.Id }));
    }

    [Fact]
    public async Task A_person_the_platform_does_not_know_gets_an_author_account_in_the_commune_they_choose()
    {
        var result = await Browser.SignInAsync(ExternalProviderPlatform.Newcomer, provinceCode: "01", communeName: "ba dinh");

        Assert.True(result.Tokens is not null, $"No tokens; the sign-in ended with: {result.Notice}");
        Assert.Contains(result.Visited, u => u.AbsolutePath == "/account/external/commune");
        var claims = ExternalBrowser.Claims(result.Tokens.AccessToken);
        var id = Guid.Parse(claims.GetProperty(PlatformClaims.Subject).GetString()!);
        Assert.DoesNotContain(DemoPeople.All, p => p.Id == id);
        Assert.NotEqual(ExternalProviderPlatform.Newcomer.Id, id);
        Assert.Equal([PlatformRoles.Author], Roles(claims));
        Assert.Equal("VN/01/00004", claims.GetProperty(PlatformClaims.AdministrativeUnit).GetString());
        Assert.Equal(ExternalProviderPlatform.Newcomer.Email, claims.GetProperty(PlatformClaims.Email).GetString());
        Assert.Equal(1, await platform.CountAsync(
            "SELECT count(*) FROM account_audit WHERE account_id = @id AND action = 'account_created_external'", new { id }));
    }

    [Fact]
    public async Task An_address_the_provider_did_not_verify_links_to_no_account()
    {
        var member = DemoPeople.Named("uyvien.hoidong.hanoi");

        var result = await Browser.SignInAsync(ExternalProviderPlatform.Unverified);

        Assert.Null(result.Tokens);
        Assert.Contains("chưa xác minh", result.Notice, StringComparison.Ordinal);
        Assert.Equal(0, await platform.CountAsync("SELECT count(*) FROM account_logins WHERE user_id = @id", new { id = member.Id }));
        Assert.Equal(0, await platform.CountAsync(
            "SELECT count(*) FROM accounts WHERE created_by = 'external' AND full_name = @name", new { name = ExternalProviderPlatform.Unverified.FullName }));
    }

    private static string[] Roles(JsonElement claims) => claims.TryGetProperty(PlatformClaims.Role, out var role)
        ? role.ValueKind == JsonValueKind.Array ? [.. role.EnumerateArray().Select(r => r.GetString()!)] : [role.GetString()!]
        : [];
}

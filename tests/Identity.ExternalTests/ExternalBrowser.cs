using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DoanKetSangTao.Launcher;

namespace DoanKetSangTao.Tests.IdentityExternal;

/// <summary>Where an external sign-in ended: the portal's tokens, or the platform's sign-in page with the notice it showed.</summary>
public sealed record ExternalSignInResult(TokenSet? Tokens, string? Notice, IReadOnlyList<Uri> Visited);

/// <summary>
/// A browser signing in to the portal through the external provider, with nothing skipped: the portal's code flow with PKCE
/// at the platform, the "sign in with …" button on its sign-in page, the provider's own sign-in page and code flow, the
/// platform's callback, the commune page a new person is asked, and the portal's code exchanged for tokens. One cookie jar
/// for both sites, as a browser has.
/// </summary>
public sealed partial class ExternalBrowser(LocalSystem system, Uri providerIssuer)
{
    public async Task<ExternalSignInResult> SignInAsync(ExternalPerson person, string provinceCode = "01", string communeName = "Ba Đình")
    {
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies, UseCookies = true });
        var platform = new Uri(system.Issuer);
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var url = new Uri(platform, $"connect/authorize?client_id={IdentityFlow.PortalClientId}&redirect_uri={Uri.EscapeDataString(IdentityFlow.PortalRedirectUri)}"
            + $"&response_type=code&scope={Uri.EscapeDataString(IdentityFlow.PersonScopes)}&code_challenge={challenge}&code_challenge_method=S256&state=s1");
        var visited = new List<Uri>();
        var pressedExternal = false;
        for (var step = 0; step < 25; step++)
        {
            visited.Add(url);
            if (url.GetLeftPart(UriPartial.Path) == IdentityFlow.PortalRedirectUri)
            {
                var query = System.Web.HttpUtility.ParseQueryString(url.Query);
                Assert.True(query["code"] is not null, $"The portal got no code: {url}");
                return new ExternalSignInResult(await ExchangeAsync(query["code"]!, verifier), null, visited);
            }

            using var response = await browser.GetAsync(url);
            KeepPathCookies(cookies, url, response);
            if ((int)response.StatusCode is >= 300 and < 400)
            {
                url = new Uri(url, response.Headers.Location!);
                continue;
            }

            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{url} answered {(int)response.StatusCode}: {Shorten(html)}");
            var fields = new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiForgery().Match(html).Groups[1].Value),
                ["ReturnUrl"] = System.Web.HttpUtility.ParseQueryString(url.Query)["returnUrl"] ?? string.Empty,
            };
            var post = url;
            var atPlatform = url.Authority == platform.Authority;
            if (atPlatform && url.AbsolutePath == "/account/signin")
            {
                if (System.Web.HttpUtility.ParseQueryString(url.Query)["notice"] is not null || pressedExternal)
                {
                    return new ExternalSignInResult(null, Notice().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : Shorten(html), visited);
                }

                Assert.Contains(ExternalProviderPlatform.ProviderDisplayName, WebUtility.HtmlDecode(html), StringComparison.Ordinal);
                fields["provider"] = ExternalProviderPlatform.ProviderName;
                post = new Uri(url, "/account/signin?handler=External");
                pressedExternal = true;
            }
            else if (url.Authority == providerIssuer.Authority && url.AbsolutePath == "/account/signin")
            {
                fields["Input.UserName"] = person.UserName;
                fields["Input.Password"] = DemoPeople.Password;
            }
            else if (atPlatform && url.AbsolutePath == "/account/external/commune")
            {
                fields["Input.ProvinceCode"] = provinceCode;
                fields["Input.CommuneName"] = communeName;
            }
            else
            {
                throw new InvalidOperationException($"The sign-in stopped at {url}: {Shorten(html)}");
            }

            using var posted = await browser.PostAsync(post, new FormUrlEncodedContent(fields));
            KeepPathCookies(cookies, post, posted);
            Assert.True((int)posted.StatusCode is >= 300 and < 400, $"{post} answered {(int)posted.StatusCode}: {Shorten(await posted.Content.ReadAsStringAsync())}");
            url = new Uri(post, posted.Headers.Location!);
        }

        throw new InvalidOperationException($"The sign-in did not end: {string.Join(" → ", visited)}");
    }

    /// <summary>
    /// Browsers treat loopback as a secure context and send it <c>Secure</c> cookies over plain HTTP (OpenIddict's
    /// correlation cookie is one: SameSite=None needs Secure), and keep cookies set for another path of the site; .NET's
    /// CookieContainer does neither, so such cookies are kept here as a browser would.
    /// </summary>
    private static void KeepPathCookies(CookieContainer cookies, Uri url, HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var headers))
        {
            return;
        }

        foreach (var header in headers)
        {
            var parts = header.Split(';', StringSplitOptions.TrimEntries);
            var path = parts.Skip(1).FirstOrDefault(p => p.StartsWith("path=", StringComparison.OrdinalIgnoreCase))?[5..];
            var expired = parts.Skip(1).Any(p => p.StartsWith("expires=", StringComparison.OrdinalIgnoreCase)
                && DateTimeOffset.TryParse(p[8..], out var at) && at < DateTimeOffset.UtcNow);
            var secure = parts.Skip(1).Any(p => p.Equals("secure", StringComparison.OrdinalIgnoreCase));
            path ??= "/";
            if ((!(secure && url.Scheme == Uri.UriSchemeHttp) && url.AbsolutePath.StartsWith(path, StringComparison.Ordinal)) || parts[0].IndexOf('=') is not (> 0 and var eq))
            {
                continue;
            }

            var cookie = new Cookie(parts[0][..eq], parts[0][(eq + 1)..], path, url.Host) { Expired = expired };
            cookies.Add(new Uri(url, path), cookie);
        }
    }

    private async Task<TokenSet> ExchangeAsync(string code, string verifier)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(new Uri(system.Issuer), "connect/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = IdentityFlow.PortalRedirectUri,
            ["client_id"] = IdentityFlow.PortalClientId, ["code_verifier"] = verifier,
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        using var json = JsonDocument.Parse(body);
        return new TokenSet(json.RootElement.GetProperty("access_token").GetString()!, null, json.RootElement.GetProperty("id_token").GetString(), 0);
    }

    /// <summary>The claims of a JWT's payload (the token was just issued by the platform; only what it says is read here).</summary>
    public static JsonElement Claims(string jwt)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        return JsonDocument.Parse(Convert.FromBase64String(payload)).RootElement.Clone();
    }

    private static string Shorten(string text) => text.Length > 600 ? text[..600] + "…" : text;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiForgery();

    [GeneratedRegex("<div class=\"notice\" role=\"status\">([^<]+)</div>")]
    private static partial Regex Notice();
}

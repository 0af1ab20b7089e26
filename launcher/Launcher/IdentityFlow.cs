using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using OtpNet;

namespace DoanKetSangTao.Launcher;

/// <summary>The tokens a flow ends with.</summary>
public sealed record TokenSet(string AccessToken, string? RefreshToken, string? IdToken, int ExpiresIn);

/// <summary>The token endpoint refused (an OAuth error and its description).</summary>
public sealed class TokenRequestException(HttpStatusCode status, string error, string? description)
    : Exception($"{(int)status} {error}: {description}")
{
    public HttpStatusCode Status { get; } = status;

    public string Error { get; } = error;
}

/// <summary>
/// A person signing in as a browser would, with no shortcut: the authorization code flow with PKCE (S256) through the
/// provider's own pages (sign-in form with its anti-forgery token, second factor from an authenticator key, enrolment
/// when a staff member has none yet), then the code exchanged at the token endpoint. The launcher prints the token it
/// gets this way; the tests sign every person in this way.
/// </summary>
public sealed partial class IdentityFlow(Uri issuer, string clientId = IdentityFlow.PortalClientId, string redirectUri = IdentityFlow.PortalRedirectUri)
{
    /// <summary>The portal's client: public, PKCE, redirected to a loopback address the flow never opens.</summary>
    public const string PortalClientId = "portal";

    public const string PortalRedirectUri = "http://127.0.0.1/signin-callback";

    public const string PersonScopes = "openid profile email roles offline_access api";

    /// <summary>A client of another body's (ConsentType explicit): people agree once before it gets their token.</summary>
    public const string ConsentClientId = "ung-dung-thu-nghiem";

    public const string ConsentRedirectUri = "http://127.0.0.1/ung-dung-callback";

    public Uri Issuer { get; } = issuer;

    /// <summary>What the flow answers on the consent page (only asked by clients that are not the platform's own).</summary>
    public bool Consent { get; init; } = true;

    /// <summary>Signs in with a password and, when the account asks for one, a TOTP code from <paramref name="authenticatorKey"/>.</summary>
    public async Task<TokenSet> SignInAsync(string userName, string password, string? authenticatorKey = null, CancellationToken ct = default)
    {
        using var browser = Browser();
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var state = Base64Url(RandomNumberGenerator.GetBytes(16));
        var url = new Uri(Issuer, $"connect/authorize?client_id={clientId}&redirect_uri={Uri.EscapeDataString(redirectUri)}&response_type=code"
            + $"&scope={Uri.EscapeDataString(PersonScopes)}&code_challenge={challenge}&code_challenge_method=S256&state={state}");
        for (var step = 0; step < 12; step++)
        {
            using var response = await browser.GetAsync(url, ct);
            if (response.StatusCode is HttpStatusCode.Found or HttpStatusCode.Redirect or HttpStatusCode.SeeOther)
            {
                var next = new Uri(url, response.Headers.Location!);
                if (next.GetLeftPart(UriPartial.Path) == redirectUri)
                {
                    var query = System.Web.HttpUtility.ParseQueryString(next.Query);
                    if (query["error"] is { } error)
                    {
                        throw new TokenRequestException(HttpStatusCode.BadRequest, error, query["error_description"]);
                    }

                    if (query["state"] != state)
                    {
                        throw new InvalidOperationException("The provider answered with another request's state.");
                    }

                    return await ExchangeCodeAsync(query["code"]!, verifier, ct);
                }

                url = next;
                continue;
            }

            var html = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}: {Shorten(html)}");
            }

            var path = url.AbsolutePath;
            var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = AntiForgery(html, url) };
            if (path.EndsWith("/account/signin", StringComparison.Ordinal))
            {
                fields["Input.UserName"] = userName;
                fields["Input.Password"] = password;
            }
            else if (path.EndsWith("/account/signin/two-factor", StringComparison.Ordinal))
            {
                fields["Code"] = Totp(authenticatorKey ?? throw new InvalidOperationException($"{userName} needs a second factor and no authenticator key was given."));
            }
            else if (path.EndsWith("/account/two-factor/setup", StringComparison.Ordinal))
            {
                // Enrolment, as a person would do it: the key shown on the page goes into the authenticator.
                fields["Code"] = Totp(authenticatorKey ?? AuthenticatorKeyOnPage(html));
            }
            else if (path.EndsWith("/account/consent", StringComparison.Ordinal))
            {
                fields["decision"] = Consent ? "accept" : "deny";
            }
            else
            {
                throw new InvalidOperationException($"The sign-in stopped at {url}: {Shorten(html)}");
            }

            fields["ReturnUrl"] = System.Web.HttpUtility.ParseQueryString(url.Query)["returnUrl"] ?? string.Empty;
            using var posted = await browser.PostAsync(url, new FormUrlEncodedContent(fields), ct);
            if (posted.StatusCode is not (HttpStatusCode.Found or HttpStatusCode.Redirect or HttpStatusCode.SeeOther))
            {
                throw new SignInRefusedException(path, ErrorSummary(await posted.Content.ReadAsStringAsync(ct)));
            }

            url = new Uri(url, posted.Headers.Location!);
        }

        throw new InvalidOperationException("The sign-in did not end after twelve steps.");
    }

    /// <summary>
    /// Follows the link of an invitation or password-reset letter and sets <paramref name="password"/> on its page, as the
    /// person would; throws with the page's error summary when the page refuses.
    /// </summary>
    public async Task SetPasswordAsync(Uri link, string password, CancellationToken ct = default)
    {
        using var browser = Browser();
        using var page = await browser.GetAsync(link, ct);
        var html = await page.Content.ReadAsStringAsync(ct);
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiForgery(html, link), ["UserId"] = query["userId"] ?? "", ["Code"] = query["code"] ?? "", ["Password"] = password,
        };
        using var posted = await browser.PostAsync(link, new FormUrlEncodedContent(fields), ct);
        if (posted.StatusCode is not (HttpStatusCode.Found or HttpStatusCode.Redirect or HttpStatusCode.SeeOther))
        {
            throw new SignInRefusedException(link.AbsolutePath, ErrorSummary(await posted.Content.ReadAsStringAsync(ct)));
        }
    }

    public async Task<TokenSet> RefreshAsync(string refreshToken, CancellationToken ct = default) =>
        await TokenRequestAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["client_id"] = clientId,
        }, ct);

    /// <summary>Client credentials: an integration's or a service's own token.</summary>
    public async Task<TokenSet> ClientCredentialsAsync(string clientId, string clientSecret, string scope, CancellationToken ct = default) =>
        await TokenRequestAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = clientSecret, ["scope"] = scope,
        }, ct);

    /// <summary>The current code of an authenticator holding <paramref name="base32Key"/> (RFC 6238: SHA-1, 30 s, 6 digits).</summary>
    public static string Totp(string base32Key) => new Totp(Base32Encoding.ToBytes(base32Key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant())).ComputeTotp();

    private async Task<TokenSet> ExchangeCodeAsync(string code, string verifier, CancellationToken ct) =>
        await TokenRequestAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirectUri, ["client_id"] = clientId, ["code_verifier"] = verifier,
        }, ct);

    private async Task<TokenSet> TokenRequestAsync(Dictionary<string, string> form, CancellationToken ct)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(Issuer, "connect/token"), new FormUrlEncodedContent(form), ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        using var json = JsonDocument.Parse(body.Length == 0 ? "{}" : body);
        var root = json.RootElement;
        if (!response.IsSuccessStatusCode)
        {
            throw new TokenRequestException(response.StatusCode, root.TryGetProperty("error", out var e) ? e.GetString()! : "http_" + (int)response.StatusCode,
                root.TryGetProperty("error_description", out var d) ? d.GetString() : body);
        }

        return new TokenSet(root.GetProperty("access_token").GetString()!, root.TryGetProperty("refresh_token", out var r) ? r.GetString() : null,
            root.TryGetProperty("id_token", out var i) ? i.GetString() : null, root.TryGetProperty("expires_in", out var x) ? x.GetInt32() : 0);
    }

    private static HttpClient Browser() => new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true });

    private static string AntiForgery(string html, Uri url) => AntiForgeryField().Match(html) is { Success: true } m
        ? WebUtility.HtmlDecode(m.Groups[1].Value)
        : throw new InvalidOperationException($"{url} has no anti-forgery token: {Shorten(html)}");

    public static string AuthenticatorKeyOnPage(string html) => AuthenticatorKeyField().Match(html) is { Success: true } m
        ? m.Groups[1].Value
        : throw new InvalidOperationException("The enrolment page shows no authenticator key.");

    private static string ErrorSummary(string html) =>
        string.Join(" ", ErrorLinks().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))) is { Length: > 0 } errors ? errors : Shorten(html);

    private static string Shorten(string text) => text.Length > 400 ? text[..400] + "…" : text;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiForgeryField();

    [GeneratedRegex("<code id=\"authenticator-key\">([A-Z2-7]+)</code>")]
    private static partial Regex AuthenticatorKeyField();

    [GeneratedRegex("<li><a href=\"#[^\"]*\">([^<]+)</a></li>")]
    private static partial Regex ErrorLinks();
}

/// <summary>A sign-in page refused (wrong password, locked account, wrong code): the error summary it showed.</summary>
public sealed class SignInRefusedException(string page, string errors) : Exception($"{page}: {errors}")
{
    public string Errors { get; } = errors;
}

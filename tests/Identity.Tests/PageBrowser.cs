using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using DoanKetSangTao.Launcher;

namespace DoanKetSangTao.Tests.IdentityTests;

/// <summary>A page as the browser got it: where it ended and its HTML.</summary>
public sealed record Page(Uri Url, HttpStatusCode Status, string Html)
{
    /// <summary>The texts of the error summary's links (what a person reads at the top of a refused form).</summary>
    /// <summary>The HTML with its character references decoded (Razor writes Vietnamese letters as references), for reading its words.</summary>
    public string Text => WebUtility.HtmlDecode(Html);

    public IReadOnlyList<string> Errors => PageBrowser.ErrorLinks().Matches(Html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
}

/// <summary>An authorization code the provider sent to the portal's redirect address, and the PKCE verifier that goes with it.</summary>
public sealed record AuthorizationCode(string Code, string Verifier);

/// <summary>
/// A plain HTTP browser (cookies, redirects followed one by one, forms posted with their anti-forgery token), for the pages'
/// answers a test reads word for word; the redirect to the portal's address ends the walk, as the portal would take over.
/// </summary>
public sealed partial class PageBrowser(Uri issuer) : IDisposable
{
    private readonly HttpClient http = new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Set when a redirect reached the portal's callback address.</summary>
    public Uri? Callback { get; private set; }

    public async Task<Page> GetAsync(string pathOrUrl) => await FollowAsync(await http.GetAsync(new Uri(issuer, pathOrUrl)), new Uri(issuer, pathOrUrl));

    /// <summary>Posts the form of <paramref name="page"/> (its anti-forgery token and hidden fields) with <paramref name="fields"/> filled in.</summary>
    public async Task<Page> SubmitAsync(Page page, IDictionary<string, string> fields, string? handler = null)
    {
        var form = HiddenFields().Matches(page.Html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        foreach (var (k, v) in fields)
        {
            form[k] = v;
        }

        var url = handler is null ? page.Url : new Uri(page.Url, $"{page.Url.AbsolutePath}?handler={handler}");
        return await FollowAsync(await http.PostAsync(url, new FormUrlEncodedContent(form)), url);
    }

    /// <summary>Starts the portal's code flow with PKCE: the sign-in page it lands on (or the callback, with a session).</summary>
    public async Task<(Page Page, string Verifier)> StartAuthorizationAsync()
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var page = await GetAsync($"connect/authorize?client_id={IdentityFlow.PortalClientId}&redirect_uri={Uri.EscapeDataString(IdentityFlow.PortalRedirectUri)}"
            + $"&response_type=code&scope={Uri.EscapeDataString(IdentityFlow.PersonScopes)}&code_challenge={challenge}&code_challenge_method=S256&state=s1");
        return (page, verifier);
    }

    /// <summary>Signs in on the page and follows the provider to the callback: the code it carries (authors, no second factor).</summary>
    public async Task<AuthorizationCode> AuthorizeAsync(string userName, string password)
    {
        var (signIn, verifier) = await StartAuthorizationAsync();
        var after = await SubmitAsync(signIn, new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = password });
        return Callback is { } cb && System.Web.HttpUtility.ParseQueryString(cb.Query)["code"] is { } code
            ? new AuthorizationCode(code, verifier)
            : throw new InvalidOperationException($"No code after signing in; the browser is at {after.Url}: {string.Join(" ", after.Errors)}");
    }

    private async Task<Page> FollowAsync(HttpResponseMessage first, Uri url)
    {
        var response = first;
        try
        {
            for (var step = 0; step < 12; step++)
            {
                if (response.StatusCode is not (HttpStatusCode.Found or HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.RedirectKeepVerb))
                {
                    return new Page(url, response.StatusCode, await response.Content.ReadAsStringAsync());
                }

                var next = new Uri(url, response.Headers.Location!);
                if (next.GetLeftPart(UriPartial.Path) == IdentityFlow.PortalRedirectUri)
                {
                    Callback = next;
                    return new Page(next, response.StatusCode, string.Empty);
                }

                url = next;
                response.Dispose();
                response = await http.GetAsync(url);
            }
        }
        finally
        {
            response.Dispose();
        }

        throw new InvalidOperationException("More than twelve redirects.");
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public void Dispose() => http.Dispose();

    // Razor writes hidden inputs as type, id, name, value (the anti-forgery token as name, type, value): name comes before value.
    [GeneratedRegex("<input(?=[^>]*type=\"hidden\")[^>]*?name=\"([^\"]+)\"[^>]*?value=\"([^\"]*)\"")]
    private static partial Regex HiddenFields();

    [GeneratedRegex("<li><a href=\"#[^\"]*\">([^<]+)</a></li>")]
    internal static partial Regex ErrorLinks();
}

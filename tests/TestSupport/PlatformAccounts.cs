using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DoanKetSangTao.Launcher;

namespace DoanKetSangTao.Tests.Support;

/// <summary>Who a test needs signed in: a user name of the test's choosing, a name, one role at one unit, and an organization.</summary>
public sealed record AccountSpec(string UserName, string FullName, string Role, string AdminUnit, Guid? Organization = null);

/// <summary>A person the identity service knows: their account id (the <c>sub</c> of their tokens) and a token got by signing in.</summary>
public sealed record SignedInAccount(Guid AccountId, string UserName, string Email, string Password, TokenSet Tokens);

/// <summary>
/// People made the way a Front operator makes them on the platform, with nothing skipped: the demo operator creates the
/// account with its assignment (accounts API, through the gateway), the invitation letter goes out through notification's
/// e-mail channel to the SMTP server, the person follows its link and sets a password, then signs in through the code
/// flow (enrolling an authenticator when their role needs one). Each person is made once per platform.
/// </summary>
public sealed class PlatformAccounts(LocalSystem system)
{
    public const string Password = "mat-khau-rieng-cua-nguoi-thu-2026";

    private readonly ConcurrentDictionary<AccountSpec, Lazy<Task<SignedInAccount>>> accounts = new();
    private readonly ConcurrentDictionary<string, int> userNames = new(StringComparer.Ordinal);

    public Task<SignedInAccount> SignedInAsync(AccountSpec spec) =>
        accounts.GetOrAdd(spec, s => new Lazy<Task<SignedInAccount>>(() => CreateAsync(s))).Value;

    /// <summary>For synchronous call sites (a test's <c>Client(person)</c>): the same, off the test's synchronization context.</summary>
    public SignedInAccount SignedIn(AccountSpec spec) => Task.Run(() => SignedInAsync(spec)).GetAwaiter().GetResult();

    private async Task<SignedInAccount> CreateAsync(AccountSpec spec)
    {
        // The demo people hold the plain user names; the same spec twice is one account, another spec with the name gets a suffix.
        var n = userNames.AddOrUpdate(spec.UserName, 0, (_, i) => i + 1);
        var userName = $"thu.{spec.UserName}{(n == 0 ? "" : "." + n)}";
        var email = $"{userName}@thu-nghiem.example.vn";
        using var http = new HttpClient { BaseAddress = new Uri(system.GatewayUrl), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await system.IssueTokenAsync("vanhanh"));
        using var created = await http.PostAsJsonAsync("/api/v1/accounts", new
        {
            fullName = spec.FullName, email, userName,
            assignment = new { role = spec.Role, adminUnit = spec.AdminUnit, organizationId = spec.Organization, startsOn = "2025-07-01" },
        });
        var body = await created.Content.ReadAsStringAsync();
        if (!created.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Creating the account {userName} failed: {(int)created.StatusCode} {body}");
        }

        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
        await system.Flow.SetPasswordAsync(await Mailbox.WaitForLinkAsync(email, "/account/reset-password", site: new Uri(system.Issuer)), Password);
        var tokens = await system.Flow.SignInAsync(userName, Password);
        return new SignedInAccount(id, userName, email, Password, tokens);
    }
}

using DoanKetSangTao.Identity.API.Apis;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace DoanKetSangTao.Identity.API.Pages.Account;

/// <summary>
/// Đồng ý cấp quyền (consent): before an application that is not the platform's own gets a person's token, the person
/// agrees once; the agreement is kept as a permanent authorization (and can be revoked), a refusal tells the application
/// access_denied.
/// </summary>
[Authorize(AuthenticationSchemes = "Identity.Application")]
public sealed class ConsentModel(UserManager<Infrastructure.Account> users, IOpenIddictApplicationManager applications,
    IOpenIddictAuthorizationManager authorizations, Infrastructure.AccountAudit audit, Infrastructure.IdentityDb db) : PageModel
{
    private static readonly Dictionary<string, string> ScopeNames = new(StringComparer.Ordinal)
    {
        [OpenIddictConstants.Scopes.OpenId] = "Biết bạn là ai (mã tài khoản)",
        [OpenIddictConstants.Scopes.Profile] = "Xem họ tên của bạn",
        [OpenIddictConstants.Scopes.Email] = "Xem địa chỉ thư điện tử của bạn",
        [OpenIddictConstants.Scopes.Roles] = "Xem vai trò và đơn vị của bạn",
        [OpenIddictConstants.Scopes.OfflineAccess] = "Tiếp tục truy cập khi bạn không trực tuyến",
        ["api"] = "Dùng các chức năng của hệ thống Đoàn kết sáng tạo thay mặt bạn",
    };

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string ClientName { get; private set; } = string.Empty;

    public string AccountName { get; private set; } = string.Empty;

    public IReadOnlyList<string> ScopeDescriptions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await LoadAsync(ct) is { } application && application.Account is not null ? Page() : BadRequest();

    public async Task<IActionResult> OnPostAsync(string? decision, CancellationToken ct)
    {
        var loaded = await LoadAsync(ct);
        if (loaded is not { Account: { } account } || loaded.Value.Application is not { } application)
        {
            return BadRequest();
        }

        var returnUrl = SignInModel.SafeReturnUrl(ReturnUrl);
        if (decision != "accept")
        {
            return LocalRedirect(returnUrl + (returnUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?") + ConnectApi.ConsentDeniedParameter + "=denied");
        }

        var principal = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity("consent"));
        principal.SetScopes(loaded.Value.RequestedScopes);
        await authorizations.CreateAsync(principal, account.Id.ToString(), (await applications.GetIdAsync(application, ct))!, AuthorizationTypes.Permanent,
            [.. loaded.Value.RequestedScopes], ct);
        audit.Record(account.Id, "consent_given", $"{ClientName}: {string.Join(' ', loaded.Value.RequestedScopes)}", account.Id.ToString());
        await db.SaveChangesAsync(ct);
        return LocalRedirect(returnUrl);
    }

    /// <summary>The client and the scopes the pending authorization request (in the return address) asks for.</summary>
    private async Task<(Infrastructure.Account? Account, object? Application, string[] RequestedScopes)?> LoadAsync(CancellationToken ct)
    {
        var returnUrl = SignInModel.SafeReturnUrl(ReturnUrl);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(new Uri("http://x"), returnUrl).Query);
        if (!returnUrl.StartsWith("/connect/authorize", StringComparison.Ordinal) || query["client_id"].ToString() is not { Length: > 0 } clientId)
        {
            return null;
        }

        var application = await applications.FindByClientIdAsync(clientId, ct);
        var account = await users.GetUserAsync(User);
        if (application is null || account is null)
        {
            return null;
        }

        var requested = query["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        ClientName = await applications.GetLocalizedDisplayNameAsync(application, ct) ?? clientId;
        AccountName = account.FullName;
        ScopeDescriptions = requested.Select(s => ScopeNames.GetValueOrDefault(s, s)).ToList();
        return (account, application, requested);
    }
}

using DoanKetSangTao.Identity.API.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DoanKetSangTao.Identity.API.Pages.Account;

/// <summary>Bật xác thực hai lớp: enrols an authenticator app (TOTP, RFC 6238) for a signed-in person.</summary>
[Authorize(AuthenticationSchemes = "Identity.Application")]
public sealed class TwoFactorSetupModel(UserManager<Infrastructure.Account> users, IdentityDb db, AccountAudit audit) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string SharedKey { get; private set; } = string.Empty;

    public string AuthenticatorUri { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync()
    {
        var account = await users.GetUserAsync(User);
        if (account is null)
        {
            return RedirectToPage("/Account/SignIn", new { returnUrl = ReturnUrl });
        }

        await LoadKeyAsync(account);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var account = await users.GetUserAsync(User);
        if (account is null)
        {
            return RedirectToPage("/Account/SignIn", new { returnUrl = ReturnUrl });
        }

        var code = new string((Code ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
        if (code.Length != 6 || !await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError("Code", "Mã xác thực không đúng. Hãy kiểm tra khóa đã nhập vào ứng dụng và nhập mã đang hiển thị.");
            await LoadKeyAsync(account);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(account, true);
        audit.Record(account.Id, "two_factor_enabled", "Bật xác thực hai lớp bằng ứng dụng xác thực", account.Id.ToString());
        await db.SaveChangesAsync();
        return LocalRedirect(SignInModel.SafeReturnUrl(ReturnUrl));
    }

    private async Task LoadKeyAsync(Infrastructure.Account account)
    {
        var key = await users.GetAuthenticatorKeyAsync(account);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(account);
            key = await users.GetAuthenticatorKeyAsync(account);
        }

        SharedKey = key!;
        AuthenticatorUri = $"otpauth://totp/{Uri.EscapeDataString("Đoàn kết sáng tạo")}:{Uri.EscapeDataString(account.UserName!)}?secret={key}&issuer={Uri.EscapeDataString("Đoàn kết sáng tạo")}&digits=6";
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DoanKetSangTao.Identity.API.Pages.Account;

/// <summary>Xác thực hai lớp: the TOTP code after the password; wrong codes count towards the lockout like wrong passwords.</summary>
public sealed class TwoFactorModel(SignInManager<Infrastructure.Account> signIn) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/SignIn", new { returnUrl = ReturnUrl }) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("/Account/SignIn", new { returnUrl = ReturnUrl });
        }

        var code = new string((Code ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
        if (code.Length != 6)
        {
            ModelState.AddModelError("Code", "Mã xác thực gồm 6 chữ số.");
            return Page();
        }

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            return LocalRedirect(SignInModel.SafeReturnUrl(ReturnUrl));
        }

        ModelState.AddModelError("Code", result.IsLockedOut
            ? "Tài khoản tạm khóa do nhập sai nhiều lần. Vui lòng thử lại sau."
            : "Mã xác thực không đúng hoặc đã hết hạn. Hãy nhập mã đang hiển thị.");
        return Page();
    }
}

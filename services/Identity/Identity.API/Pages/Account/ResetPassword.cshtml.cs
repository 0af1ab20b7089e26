using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DoanKetSangTao.Identity.API.Pages.Account;

/// <summary>
/// Đặt lại mật khẩu, from the link in a reset or invitation letter: the link proves the mailbox, so it also confirms the
/// address, and it works once (the security stamp changes with the password).
/// </summary>
public sealed class ResetPasswordModel(UserManager<Infrastructure.Account> users, Infrastructure.AccountAudit audit, Infrastructure.IdentityDb db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public IActionResult OnGet() => UserId is null || Code is null ? RedirectToPage("/Account/ForgotPassword") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var account = UserId is null ? null : await users.FindByIdAsync(UserId);
        var token = Infrastructure.EmailLinkCode.TryDecode(Code);
        if (account is null || token is null)
        {
            ModelState.AddModelError(string.Empty, "Liên kết đặt mật khẩu không hợp lệ. Hãy yêu cầu gửi lại thư.");
            return Page();
        }

        if (string.IsNullOrEmpty(Password))
        {
            ModelState.AddModelError("Password", "Vui lòng nhập mật khẩu mới.");
            return Page();
        }

        var result = await users.ResetPasswordAsync(account, token, Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == nameof(IdentityErrorDescriber.InvalidToken) ? string.Empty : "Password", error.Description);
            }

            return Page();
        }

        if (!account.EmailConfirmed)
        {
            account.EmailConfirmed = true;
            await users.UpdateAsync(account);
        }

        await users.ResetAccessFailedCountAsync(account);
        await users.SetLockoutEndDateAsync(account, null);
        audit.Record(account.Id, "password_reset", "Đặt mật khẩu từ liên kết gửi qua thư điện tử", account.Id.ToString());
        await db.SaveChangesAsync();
        return RedirectToPage("/Account/SignIn", new { notice = "password_reset" });
    }
}

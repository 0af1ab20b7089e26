using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DoanKetSangTao.Identity.API.Pages.Account;

/// <summary>Quên mật khẩu: the same answer whether or not the address has an account, so the page tells no one who is registered.</summary>
public sealed class ForgotPasswordModel(UserManager<Infrastructure.Account> users, IntegrationEvents.AccountMessages messages) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    public bool Sent { get; private set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var email = Email?.Trim();
        if (email is null || !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            ModelState.AddModelError("Email", "Vui lòng nhập địa chỉ thư điện tử hợp lệ.");
            return Page();
        }

        if (await users.FindByEmailAsync(email) is { } account)
        {
            await messages.SendPasswordResetAsync(account, ct);
        }

        Sent = true;
        return Page();
    }
}

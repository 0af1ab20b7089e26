using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DoanKetSangTao.Identity.API.Pages.Account;

/// <summary>
/// Xác nhận thư điện tử. The link opens a page and a button confirms (a POST): mail scanners that follow links must not
/// confirm an address on the person's behalf.
/// </summary>
public sealed class ConfirmEmailModel(UserManager<Infrastructure.Account> users, Infrastructure.AccountAudit audit, Infrastructure.IdentityDb db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public async Task<IActionResult> OnPostAsync()
    {
        var account = UserId is null ? null : await users.FindByIdAsync(UserId);
        var token = Infrastructure.EmailLinkCode.TryDecode(Code);
        var result = account is not null && token is not null ? await users.ConfirmEmailAsync(account, token) : null;

        if (result is not { Succeeded: true })
        {
            ModelState.AddModelError(string.Empty, "Liên kết xác nhận không hợp lệ hoặc đã hết hạn. Hãy đăng nhập để được gửi lại thư.");
            return Page();
        }

        audit.Record(account!.Id, "email_confirmed", account.Email ?? string.Empty, account.Id.ToString());
        await db.SaveChangesAsync();
        return RedirectToPage("/Account/SignIn", new { notice = "email_confirmed" });
    }
}

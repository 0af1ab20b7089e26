using DoanKetSangTao.Identity.API.Extensions;
using DoanKetSangTao.Identity.API.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DoanKetSangTao.Identity.API.Pages.Account;

/// <summary>
/// Đăng nhập: name (or e-mail) and password; repeated failures lock the account (lockout), staff continue to the second
/// factor. Anti-forgery tokens come with every Razor form; the gateway limits attempts per address.
/// </summary>
public sealed class SignInModel(SignInManager<Infrastructure.Account> signIn, UserManager<Infrastructure.Account> users, IdentityServerOptions options) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Notice { get; private set; }

    public IReadOnlyList<ExternalProviderOptions> ExternalProviders => options.ExternalProviders;

    public void OnGet(string? notice)
    {
        Notice = notice switch
        {
            "password_reset" => "Mật khẩu đã được đặt lại. Mời bạn đăng nhập bằng mật khẩu mới.",
            "email_confirmed" => "Địa chỉ thư điện tử đã được xác nhận. Mời bạn đăng nhập.",
            "registered" => "Đã tạo tài khoản. Hãy mở thư chúng tôi vừa gửi để xác nhận địa chỉ thư điện tử, rồi đăng nhập.",
            "signed_out" => "Bạn đã đăng xuất.",
            "external_failed" => "Không đăng nhập được qua nhà cung cấp bên ngoài. Vui lòng thử lại hoặc đăng nhập bằng mật khẩu.",
            "external_email_unverified" => "Địa chỉ thư điện tử này đã có tài khoản, nhưng nhà cung cấp bên ngoài chưa xác minh địa chỉ đó nên không thể liên kết. Hãy xác minh địa chỉ tại nhà cung cấp, hoặc đăng nhập bằng mật khẩu.",
            "external_email_pending" => "Tài khoản có địa chỉ thư điện tử này chưa được xác nhận nên không thể liên kết. Hãy mở thư xác nhận chúng tôi đã gửi, hoặc dùng \"Quên mật khẩu\".",
            "external_no_email" => "Nhà cung cấp bên ngoài không gửi địa chỉ thư điện tử đã xác minh nên chưa thể tạo tài khoản. Hãy xác minh địa chỉ tại nhà cung cấp, hoặc đăng ký tài khoản bằng thư điện tử.",
            "external_locked" => "Tài khoản đang tạm khóa. Vui lòng thử lại sau.",
            _ => null,
        };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.UserName))
        {
            ModelState.AddModelError("Input.UserName", "Vui lòng nhập tên đăng nhập hoặc thư điện tử.");
        }

        if (string.IsNullOrEmpty(Input.Password))
        {
            ModelState.AddModelError("Input.Password", "Vui lòng nhập mật khẩu.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var name = Input.UserName!.Trim();
        var account = await users.FindByNameAsync(name) ?? (name.Contains('@', StringComparison.Ordinal) ? await users.FindByEmailAsync(name) : null);
        if (account is null)
        {
            ModelState.AddModelError("Input.Password", "Tên đăng nhập hoặc mật khẩu không đúng.");
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(account, Input.Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(SafeReturnUrl(ReturnUrl));
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/TwoFactor", new { returnUrl = SafeReturnUrl(ReturnUrl) });
        }

        ModelState.AddModelError("Input.Password", result switch
        {
            { IsLockedOut: true } => $"Tài khoản tạm khóa do nhập sai nhiều lần. Vui lòng thử lại sau {(int)options.LockoutDuration.TotalMinutes} phút hoặc đặt lại mật khẩu.",
            { IsNotAllowed: true } => "Bạn cần xác nhận địa chỉ thư điện tử trước khi đăng nhập: hãy mở thư chúng tôi đã gửi, hoặc dùng \"Quên mật khẩu\" để nhận thư mới.",
            _ => "Tên đăng nhập hoặc mật khẩu không đúng.",
        });
        return Page();
    }

    /// <summary>Đăng nhập qua nhà cung cấp ngoài: to the provider's own sign-in; its callback comes back to /account/external/callback/{name}.</summary>
    public IActionResult OnPostExternal(string? provider)
    {
        if (options.ExternalProviders.FirstOrDefault(p => p.Name == provider) is not { } configured)
        {
            return RedirectToPage("/Account/SignIn", new { notice = "external_failed", returnUrl = ReturnUrl });
        }

        var properties = new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddict.Client.AspNetCore.OpenIddictClientAspNetCoreConstants.Properties.ProviderName] = configured.Name,
        })
        {
            RedirectUri = SafeReturnUrl(ReturnUrl),
        };
        return Challenge(properties, OpenIddict.Client.AspNetCore.OpenIddictClientAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>Only a path on this site: an open redirect would let a phishing link borrow the provider's address.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/account/signed-in";
}

public sealed class SignInInput
{
    public string? UserName { get; set; }

    public string? Password { get; set; }
}

using DoanKetSangTao.Identity.API.IntegrationEvents;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Identity.API.Domain;
using DoanKetSangTao.Identity.API.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DoanKetSangTao.Identity.API.Pages.Account;

/// <summary>
/// Tự đăng ký (authors register themselves): an account with the author role in the commune they live in, usable once the
/// e-mail is confirmed. Every other role is given by an officer (delegated administration).
/// </summary>
public sealed class RegisterModel(UserManager<Infrastructure.Account> users, IdentityDb db, AccountAudit audit, AccountMessages messages,
    AdministrativeUnits units, PersonPrincipals principals, TimeProvider clock) : PageModel
{
    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IReadOnlyList<Province> Provinces => units.Provinces;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var fullName = VietnameseText.TryNormalize(Input.FullName);
        if (fullName is not { Length: > 0 and <= 200 })
        {
            ModelState.AddModelError("Input.FullName", "Vui lòng nhập họ và tên (tối đa 200 ký tự).");
        }

        var email = Input.Email?.Trim();
        if (email is null || email.Length > 254 || !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            ModelState.AddModelError("Input.Email", "Vui lòng nhập địa chỉ thư điện tử hợp lệ, ví dụ ten@example.vn.");
        }

        var (commune, communeField, communeError) = units.Resolve(Input.ProvinceCode, Input.CommuneName);
        if (communeError is not null)
        {
            ModelState.AddModelError("Input." + communeField, communeError);
        }

        if (PasswordRule.Check(Input.Password ?? string.Empty, email, fullName) is { } weak)
        {
            ModelState.AddModelError("Input.Password", weak.Errors?.Values.SelectMany(v => v).First() ?? weak.Message);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var account = new Infrastructure.Account
        {
            Id = Guid.CreateVersion7(), UserName = email, Email = email, FullName = fullName!, SearchKey = VietnameseText.Fold(fullName!),
            CreatedAt = clock.GetUtcNow(), CreatedBy = "self",
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(account, Input.Password!);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                ModelState.AddModelError(error.Code is "DuplicateEmail" or "DuplicateUserName" or "InvalidEmail" ? "Input.Email" : "Input.Password", error.Description);
            }

            return Page();
        }

        db.RoleAssignments.Add(new RoleAssignment
        {
            Id = Guid.CreateVersion7(), AccountId = account.Id, Role = PlatformRoles.Author, AdminUnit = $"VN/{commune!.ProvinceCode}/{commune.Code}",
            StartsOn = principals.Today, CreatedBy = "self", CreatedAt = clock.GetUtcNow(),
        });
        audit.Record(account.Id, "account_registered", $"Tự đăng ký tác giả tại {commune.Name}", account.Id.ToString());
        await db.SaveChangesAsync(ct);
        await messages.SendEmailConfirmationAsync(account, ct);
        await tx.CommitAsync(ct);
        return RedirectToPage("/Account/SignIn", new { notice = "registered", returnUrl = ReturnUrl });
    }
}

public sealed class RegisterInput
{
    public string? FullName { get; set; }

    public string? Email { get; set; }

    public string? ProvinceCode { get; set; }

    public string? CommuneName { get; set; }

    public string? Password { get; set; }
}

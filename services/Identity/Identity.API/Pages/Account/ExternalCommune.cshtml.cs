using DoanKetSangTao.Domain;
using DoanKetSangTao.Identity.API.Domain;
using DoanKetSangTao.Identity.API.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DoanKetSangTao.Identity.API.Pages.Account;

/// <summary>
/// Chọn nơi cư trú: a person whose account was just created by an external sign-in chooses the commune they live in, and
/// becomes an author there (as a self-registered author would). Only an account with no assignment may do this.
/// </summary>
[Authorize(AuthenticationSchemes = "Identity.Application")]
public sealed class ExternalCommuneModel(UserManager<Infrastructure.Account> users, IdentityDb db, AccountAudit audit, AdministrativeUnits units,
    PersonPrincipals principals, ExternalSignIn external, TimeProvider clock) : PageModel
{
    [BindProperty]
    public CommuneInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IReadOnlyList<Province> Provinces => units.Provinces;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await users.GetUserAsync(User) is { } account && await external.NeedsCommuneAsync(account, principals.Today, ct)
            ? Page()
            : LocalRedirect(SignInModel.SafeReturnUrl(ReturnUrl));

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } account || !await external.NeedsCommuneAsync(account, principals.Today, ct))
        {
            return LocalRedirect(SignInModel.SafeReturnUrl(ReturnUrl));
        }

        var (commune, communeField, communeError) = units.Resolve(Input.ProvinceCode, Input.CommuneName);
        if (communeError is not null)
        {
            ModelState.AddModelError("Input." + communeField, communeError);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        db.RoleAssignments.Add(new RoleAssignment
        {
            Id = Guid.CreateVersion7(), AccountId = account.Id, Role = PlatformRoles.Author, AdminUnit = $"VN/{commune!.ProvinceCode}/{commune.Code}",
            StartsOn = principals.Today, CreatedBy = ExternalSignIn.CreatedBy, CreatedAt = clock.GetUtcNow(),
        });
        audit.Record(account.Id, "assignment_granted", $"Tác giả tại {commune.Name} (tự chọn khi đăng nhập lần đầu qua nhà cung cấp bên ngoài)", account.Id.ToString());
        await db.SaveChangesAsync(ct);
        return LocalRedirect(SignInModel.SafeReturnUrl(ReturnUrl));
    }
}

public sealed class CommuneInput
{
    public string? ProvinceCode { get; set; }

    public string? CommuneName { get; set; }
}

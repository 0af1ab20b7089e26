using System.Security.Claims;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Identity.API.Extensions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace DoanKetSangTao.Identity.API.Infrastructure;

/// <summary>Who an external sign-in turned out to be: an account (linked before, linked now or created now), or a refusal.</summary>
public sealed record ExternalSignInOutcome(Account? Account, bool Created, string? Refusal)
{
    public static ExternalSignInOutcome Refused(string code) => new(null, false, code);
}

/// <summary>
/// Đăng nhập qua nhà cung cấp ngoài: the account an external provider's person is. A link made before wins; else the first
/// sign-in links to the account with the same national id (when the provider sends one) or the same e-mail (only when the
/// provider says it verified it, and only to an account whose own e-mail was confirmed here, so that an unconfirmed
/// registration with someone else's address cannot capture their sign-in); else an author account is created, whose
/// commune the person then chooses. Nothing about roles is read from the provider: assignments are this service's alone.
/// </summary>
public sealed class ExternalSignIn(UserManager<Account> users, IdentityDb db, AccountAudit audit, TimeProvider clock)
{
    public const string CreatedBy = "external";

    public static string CallbackPath(string provider) => $"/account/external/callback/{provider}";

    public async Task<ExternalSignInOutcome> ResolveAsync(ExternalProviderOptions provider, ClaimsPrincipal external, CancellationToken ct)
    {
        if (external.GetClaim(Claims.Subject) is not { Length: > 0 } subject)
        {
            return ExternalSignInOutcome.Refused("external_failed");
        }

        if (await users.FindByLoginAsync(provider.Name, subject) is { } linked)
        {
            return new ExternalSignInOutcome(linked, false, null);
        }

        var nationalId = provider.NationalIdClaim is { Length: > 0 } claim ? external.GetClaim(claim)?.Trim() : null;
        nationalId = nationalId is { Length: > 0 and <= 20 } ? nationalId : null;
        var email = external.GetClaim(Claims.Email)?.Trim();
        email = email is { Length: > 0 and <= 254 } && System.Net.Mail.MailAddress.TryCreate(email, out _) ? email : null;
        var emailVerified = string.Equals(external.GetClaim(Claims.EmailVerified), "true", StringComparison.OrdinalIgnoreCase);

        Account? account = null;
        string? how = null;
        if (nationalId is not null)
        {
            account = await db.Users.FirstOrDefaultAsync(a => a.NationalId == nationalId, ct);
            how = "số định danh cá nhân";
        }

        if (account is null && email is not null && await users.FindByEmailAsync(email) is { } sameEmail)
        {
            if (!emailVerified)
            {
                // The address is taken here, and the provider does not vouch that this person owns it.
                return ExternalSignInOutcome.Refused("external_email_unverified");
            }

            if (!sameEmail.EmailConfirmed)
            {
                return ExternalSignInOutcome.Refused("external_email_pending");
            }

            account = sameEmail;
            how = "thư điện tử đã xác minh";
        }

        if (account is null && !(emailVerified && email is not null))
        {
            // Every account has a confirmed address here (letters, password reset, unique e-mail); one the provider did not
            // verify is not kept, since it would block its real owner from registering.
            return ExternalSignInOutcome.Refused("external_no_email");
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var created = false;
        if (account is null)
        {
            var fullName = VietnameseText.TryNormalize(external.GetClaim(Claims.Name)) is { Length: > 0 and <= 200 } n ? n : "Tác giả";
            account = new Account
            {
                Id = Guid.CreateVersion7(),
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                NationalId = nationalId,
                FullName = fullName,
                SearchKey = VietnameseText.Fold(fullName),
                CreatedAt = clock.GetUtcNow(),
                CreatedBy = CreatedBy,
            };
            if (!(await users.CreateAsync(account)).Succeeded)
            {
                return ExternalSignInOutcome.Refused("external_failed");
            }

            audit.Record(account.Id, "account_created_external", $"Tạo tài khoản tác giả khi đăng nhập lần đầu qua {provider.DisplayName}", account.Id.ToString());
            created = true;
        }
        else
        {
            // No account holds this national id (it was looked up first), so the one found by e-mail may take it.
            if (nationalId is not null && account.NationalId is null)
            {
                account.NationalId = nationalId;
            }

            audit.Record(account.Id, "external_login_linked", $"Liên kết đăng nhập qua {provider.DisplayName} theo {how}", account.Id.ToString());
        }

        if (!(await users.AddLoginAsync(account, new UserLoginInfo(provider.Name, subject, provider.DisplayName))).Succeeded)
        {
            return ExternalSignInOutcome.Refused("external_failed");
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new ExternalSignInOutcome(account, created, null);
    }

    /// <summary>True when the account holds no assignment in force or to come: an author created here who has not chosen a commune yet.</summary>
    public async Task<bool> NeedsCommuneAsync(Account account, DateOnly today, CancellationToken ct) =>
        !await db.RoleAssignments.AnyAsync(a => a.AccountId == account.Id && (a.EndsOn == null || a.EndsOn >= today), ct);
}

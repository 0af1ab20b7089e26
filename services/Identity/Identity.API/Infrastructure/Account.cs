using Microsoft.AspNetCore.Identity;

namespace DoanKetSangTao.Identity.API.Infrastructure;

/// <summary>Tài khoản (account): a person, with ASP.NET Core Identity's sign-in data (password hash, lockout, TOTP key).</summary>
public sealed class Account : IdentityUser<Guid>
{
    public string FullName { get; set; } = string.Empty;

    /// <summary>Số định danh cá nhân, when an external provider (VNeID through the national SSO) vouched for it.</summary>
    public string? NationalId { get; set; }

    /// <summary>The full name folded (no diacritics, lower case) for search.</summary>
    public string SearchKey { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = string.Empty;
}

/// <summary>Nhật ký tài khoản (account audit trail): one row per change, never updated or deleted (the database refuses).</summary>
public sealed class AccountAuditEntry
{
    public long Id { get; set; }

    public Guid AccountId { get; set; }

    /// <summary>account_created, assignment_granted, assignment_ended, password_reset, two_factor_enabled, ...</summary>
    public string Action { get; set; } = string.Empty;

    public string Detail { get; set; } = string.Empty;

    public string ActorId { get; set; } = string.Empty;

    public DateTimeOffset At { get; set; }
}

/// <summary>A key the provider signs (or encrypts) tokens with, kept in the database so every replica uses the same ones.</summary>
public sealed class ProviderKey
{
    public Guid Id { get; set; }

    /// <summary>signing or encryption.</summary>
    public string Use { get; set; } = string.Empty;

    public string PrivateKeyPem { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When tokens start being signed with it; until then it is only published, so that validators learn it first.</summary>
    public DateTimeOffset ActiveFrom { get; set; }

    /// <summary>When it stops being published; tokens it signed have expired by then.</summary>
    public DateTimeOffset? RetiredAt { get; set; }
}

using DoanKetSangTao.Identity.API.Domain;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;

namespace DoanKetSangTao.Identity.API.Infrastructure;

/// <summary>
/// The identity database through EF Core: ASP.NET Core Identity's people, OpenIddict's applications, authorizations,
/// scopes and tokens, and the platform's role assignments, audit trail and keys. The schema is applied by the platform's
/// migration runner from Migrations/*.sql (generated from this model: <c>schema-sql</c>), like every other service's.
/// </summary>
public sealed class IdentityDb(DbContextOptions<IdentityDb> options) : IdentityUserContext<Account, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>ASP.NET Core's data-protection keys (sign-in cookies, anti-forgery), shared by every replica.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();

    public DbSet<AccountAuditEntry> AccountAudit => Set<AccountAuditEntry>();

    public DbSet<ProviderKey> ProviderKeys => Set<ProviderKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict<Guid>();
        // One naming in the database: snake_case, the platform's own names instead of the libraries' defaults.
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("account_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("account_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("account_tokens");
        builder.Entity<OpenIddictEntityFrameworkCoreApplication<Guid>>().ToTable("oidc_applications");
        builder.Entity<OpenIddictEntityFrameworkCoreAuthorization<Guid>>().ToTable("oidc_authorizations");
        builder.Entity<OpenIddictEntityFrameworkCoreScope<Guid>>().ToTable("oidc_scopes");
        builder.Entity<OpenIddictEntityFrameworkCoreToken<Guid>>().ToTable("oidc_tokens");
        builder.Entity<Account>(e =>
        {
            e.ToTable("accounts");
            e.Property(a => a.FullName).HasMaxLength(200);
            e.Property(a => a.SearchKey).HasMaxLength(200);
            e.Property(a => a.NationalId).HasMaxLength(20);
            e.Property(a => a.CreatedBy).HasMaxLength(100);
            e.HasIndex(a => a.SearchKey);
            e.HasIndex(a => a.NationalId).IsUnique();
        });
        builder.Entity<RoleAssignment>(e =>
        {
            e.ToTable("role_assignments");
            e.HasKey(a => a.Id);
            e.Property(a => a.Role).HasMaxLength(40);
            e.Property(a => a.AdminUnit).HasMaxLength(40);
            e.Property(a => a.CreatedBy).HasMaxLength(100);
            e.Ignore(a => a.Scope);
            e.HasIndex(a => a.AccountId);
            e.HasIndex(a => a.AdminUnit);
            e.HasOne<Account>().WithMany().HasForeignKey(a => a.AccountId);
        });
        builder.Entity<AccountAuditEntry>(e =>
        {
            e.ToTable("account_audit");
            e.HasKey(a => a.Id);
            e.Property(a => a.Action).HasMaxLength(60);
            e.Property(a => a.ActorId).HasMaxLength(100);
            e.HasIndex(a => new { a.AccountId, a.At });
        });
        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
        builder.Entity<ProviderKey>(e =>
        {
            e.ToTable("provider_keys");
            e.HasKey(k => k.Id);
            e.Property(k => k.Use).HasMaxLength(20);
        });
    }
}

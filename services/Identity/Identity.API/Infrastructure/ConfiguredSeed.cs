using System.Text.Json;
using DoanKetSangTao.Data;
using DoanKetSangTao.Identity.API.Domain;
using DoanKetSangTao.Identity.API.Extensions;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace DoanKetSangTao.Identity.API.Infrastructure;

/// <summary>A client to create when missing: a browser application (redirect URIs, no secret) or a confidential one (secret).</summary>
/// <c>Consent</c> "explicit" makes people agree once before the client gets their token (another body's application);
/// first-party clients (the portal) are trusted without asking.
public sealed record SeedClient(string ClientId, string? ClientSecret, string DisplayName, string[] Scopes,
    string[]? RedirectUris = null, string[]? PostLogoutRedirectUris = null, string? AdminUnit = null, string? Organization = null, string? Consent = null);

/// <summary>A person to create when missing, with a password, assignments and (for staff) an authenticator key.</summary>
public sealed record SeedPerson(Guid Id, string UserName, string FullName, string Email, string Password, SeedAssignment[] Assignments, string? AuthenticatorKey = null,
    bool EmailConfirmed = true);

public sealed record SeedAssignment(string Role, string AdminUnit, Guid? Organization = null);

public sealed record SeedFile(SeedClient[]? Clients, SeedPerson[]? People);

/// <summary>
/// Creates the clients and people of <c>IdentityServer:SeedFile</c> when they are missing (and changes nothing that exists),
/// after the migrations: the launcher's demo people and clients, the platform services' own clients.
/// </summary>
public sealed class ConfiguredSeed(IServiceScopeFactory scopes, IdentityServerOptions options, TimeProvider clock) : IDatabaseSeeder
{
    public async Task SeedAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        if (options.SeedFile is not { Length: > 0 } path)
        {
            return;
        }

        var seed = JsonSerializer.Deserialize<SeedFile>(await File.ReadAllTextAsync(path, cancellationToken), new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException($"{path} is not a seed file.");
        await using var scope = scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        foreach (var client in seed.Clients ?? [])
        {
            if (await applications.FindByClientIdAsync(client.ClientId, cancellationToken) is null)
            {
                await applications.CreateAsync(Descriptor(client, clock.GetUtcNow() + options.ClientSecretLifetime), cancellationToken);
            }
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        foreach (var person in seed.People ?? [])
        {
            if (await users.FindByIdAsync(person.Id.ToString()) is not null)
            {
                continue;
            }

            var account = new Account
            {
                Id = person.Id, UserName = person.UserName, Email = person.Email, EmailConfirmed = person.EmailConfirmed, FullName = person.FullName,
                SearchKey = DoanKetSangTao.Domain.VietnameseText.Fold(person.FullName), CreatedAt = clock.GetUtcNow(), CreatedBy = "seed",
            };
            Check(await users.CreateAsync(account, person.Password), person.UserName);
            if (person.AuthenticatorKey is { } key)
            {
                Check(await users.SetAuthenticationTokenAsync(account, "[AspNetUserStore]", "AuthenticatorKey", key), person.UserName);
                Check(await users.SetTwoFactorEnabledAsync(account, true), person.UserName);
            }

            foreach (var a in person.Assignments)
            {
                db.RoleAssignments.Add(new RoleAssignment
                {
                    Id = Guid.CreateVersion7(), AccountId = account.Id, Role = a.Role, AdminUnit = a.AdminUnit, OrganizationId = a.Organization,
                    StartsOn = new DateOnly(2025, 7, 1), CreatedBy = "seed", CreatedAt = clock.GetUtcNow(),
                });
            }

            await db.SaveChangesAsync(cancellationToken);
        }
    }

    public static OpenIddictApplicationDescriptor Descriptor(SeedClient client, DateTimeOffset secretExpiresAt)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            ClientSecret = client.ClientSecret,
            DisplayName = client.DisplayName,
            ClientType = client.ClientSecret is null ? ClientTypes.Public : ClientTypes.Confidential,
            ConsentType = client.Consent == ConsentTypes.Explicit ? ConsentTypes.Explicit : ConsentTypes.Implicit,
        };
        if (client.RedirectUris is { Length: > 0 } redirects)
        {
            descriptor.Permissions.UnionWith([Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
                Permissions.Endpoints.Revocation, Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code, Permissions.Scopes.Profile, Permissions.Scopes.Email, Permissions.Scopes.Roles,
                Permissions.Prefixes.Scope + Scopes.OfflineAccess]);
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
            descriptor.RedirectUris.UnionWith(redirects.Select(r => new Uri(r)));
            descriptor.PostLogoutRedirectUris.UnionWith((client.PostLogoutRedirectUris ?? []).Select(r => new Uri(r)));
        }
        else
        {
            descriptor.Permissions.UnionWith([Permissions.Endpoints.Token, Permissions.Endpoints.Revocation, Permissions.Endpoints.Introspection,
                Permissions.GrantTypes.ClientCredentials]);
        }

        descriptor.Permissions.UnionWith(client.Scopes.Select(s => Permissions.Prefixes.Scope + s));
        if (client.ClientSecret is not null)
        {
            descriptor.Properties[PersonPrincipals.SecretExpiresAtProperty] = JsonSerializer.SerializeToElement(secretExpiresAt);
        }

        if (client.AdminUnit is { } unit)
        {
            descriptor.Properties[PersonPrincipals.AdminUnitProperty] = JsonSerializer.SerializeToElement(unit);
        }

        if (client.Organization is { } org)
        {
            descriptor.Properties[PersonPrincipals.OrganizationProperty] = JsonSerializer.SerializeToElement(org);
        }

        return descriptor;
    }

    private static void Check(IdentityResult result, string who)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Seeding {who} failed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}

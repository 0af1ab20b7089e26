using DoanKetSangTao.Messaging;
using DoanKetSangTao.Registration.API.Domain;
using DoanKetSangTao.ServiceDefaults.Security;

namespace DoanKetSangTao.Registration.API.Infrastructure;

/// <summary>Loads what <see cref="FilingRights.Place"/> decides on: the commune's province, the organization, who files, the authors' organizations.</summary>
public sealed class FilingStore(AdministrativeUnitStore units, OrganizationStore organizations)
{
    /// <summary>The facts, read in <paramref name="tx"/> when the caller holds a session (no second pooled connection while it holds locks).</summary>
    public async Task<FilingFacts> FactsAsync(ValidRegistration registration, CurrentUser user, CancellationToken ct, DatabaseSession? tx = null)
    {
        var province = await units.ProvinceOfCommuneAsync(registration.CommuneCode, ct, tx);
        var organization = await organizations.FindAsync(registration.OrganizationId, ct, tx);
        var known = await organizations.CountExistingAsync(registration.AuthorOrganizations(), ct, tx);
        return new FilingFacts(
            province,
            organization is null ? null : new FilingOrganization(organization.Id, organization.Kind, organization.ProvinceCode, organization.CommuneCode),
            await FilerAsync(user, ct, tx),
            known);
    }

    /// <summary>
    /// Who files, from the token: the account's organization, or, for a person who belongs to none, the commune they live
    /// in and the communes it has since been merged into (a Front committee of the merged commune takes their filings).
    /// </summary>
    private async Task<Filer> FilerAsync(CurrentUser user, CancellationToken ct, DatabaseSession? tx)
    {
        if (Guid.TryParse(user.OrganizationId, out var organization))
        {
            return new Filer(organization, []);
        }

        return user.Scope?.CommuneCode is { } commune ? new Filer(null, await units.CommuneAndMergedIntoAsync(commune, ct, tx)) : new Filer(null, []);
    }
}

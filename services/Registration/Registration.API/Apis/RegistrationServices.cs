using DoanKetSangTao.Messaging;
using DoanKetSangTao.Registration.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Security;

namespace DoanKetSangTao.Registration.API.Apis;

/// <summary>What the registration endpoints need, bundled for <c>[AsParameters]</c>: the caller, the clock, and the stores.</summary>
public sealed class RegistrationServices(
    ServiceDatabase db,
    InitiativeStore initiatives,
    InitiativeQueries initiativeQueries,
    CurrentUser user,
    TimeProvider clock)
{
    /// <summary>Begins the transaction a change's writes and events share.</summary>
    public ServiceDatabase Db { get; } = db;

    public InitiativeStore Initiatives { get; } = initiatives;

    public InitiativeQueries InitiativeQueries { get; } = initiativeQueries;

    public CurrentUser User { get; } = user;

    public TimeProvider Clock { get; } = clock;

    /// <summary>The initiative as its readers see it, read after the change committed (on the handler's session when it holds one).</summary>
    public async Task<InitiativeResponse> LoadInitiativeAsync(Guid id, CancellationToken ct, DatabaseSession? tx = null) =>
        InitiativeResponse.From((await InitiativeQueries.LoadAsync(id, ct, tx))!);
}

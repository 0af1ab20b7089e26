using DoanKetSangTao.Messaging;
using DoanKetSangTao.ServiceDefaults.Security;
using Npgsql;

namespace DoanKetSangTao.Registration.API.Apis;

/// <summary>What the registration endpoints need, bundled for <c>[AsParameters]</c>.</summary>
public sealed class RegistrationServices(NpgsqlDataSource db, Outbox outbox, CurrentUser user, TimeProvider clock)
{
    public NpgsqlDataSource Db { get; } = db;

    public Outbox Outbox { get; } = outbox;

    public CurrentUser User { get; } = user;

    public TimeProvider Clock { get; } = clock;
}

namespace DoanKetSangTao.Contracts.IntegrationEvents;

/// <summary>
/// Nhân rộng sáng kiến (applied elsewhere): a unit reported applying a published initiative, since <see cref="Since"/>, in
/// <see cref="CommuneCode"/> of <see cref="ProvinceCode"/> (2025 list). Published once per unit and initiative, in the
/// transaction that records the report; reporting counts it as a replication of the initiative.
/// </summary>
public sealed record InitiativeReplicated(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid ReplicationId,
    Guid InitiativeId,
    string UnitName,
    Guid? OrganizationId,
    string ProvinceCode,
    string CommuneCode,
    DateOnly Since) : IIntegrationEvent;

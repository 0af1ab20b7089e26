namespace DoanKetSangTao.Contracts.IntegrationEvents;

/// <summary>
/// An integration event: a past-tense fact one service announces to the others. The event id is the
/// message id on the wire and the key consumers de-duplicate on.
/// </summary>
public interface IIntegrationEvent
{
    Guid EventId { get; }

    DateTimeOffset OccurredAt { get; }
}

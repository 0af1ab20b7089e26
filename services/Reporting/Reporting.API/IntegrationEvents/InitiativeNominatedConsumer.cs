using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Reporting.API.Infrastructure;

namespace DoanKetSangTao.Reporting.API.IntegrationEvents;

/// <summary>Đề cử lên cấp trên: counted at the level it leaves, in the area of the decision taken there.</summary>
public sealed class InitiativeNominatedConsumer(ServiceDatabase database, EventHistoryStore history, ReadModelProjector projector, ILogger<InitiativeNominatedConsumer> logger)
    : RecordedConsumer<InitiativeNominated>(database, history, projector, logger);

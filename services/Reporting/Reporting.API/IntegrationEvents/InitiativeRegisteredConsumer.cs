using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Reporting.API.Infrastructure;

namespace DoanKetSangTao.Reporting.API.IntegrationEvents;

/// <summary>Counts a registered initiative for its campaign, province and commune, once per event, and starts its facts.</summary>
public sealed class InitiativeRegisteredConsumer(ServiceDatabase database, EventHistoryStore history, ReadModelProjector projector, ILogger<InitiativeRegisteredConsumer> logger)
    : RecordedConsumer<InitiativeRegistered>(database, history, projector, logger);

/// <summary>Trạng thái sáng kiến: moves the initiative's facts (confirmed, dossier submitted, withdrawn, …) and its dimensions.</summary>
public sealed class InitiativeStatusChangedConsumer(ServiceDatabase database, EventHistoryStore history, ReadModelProjector projector, ILogger<InitiativeStatusChangedConsumer> logger)
    : RecordedConsumer<InitiativeStatusChanged>(database, history, projector, logger);

/// <summary>Nhân rộng: counts a replication report of the initiative.</summary>
public sealed class InitiativeReplicatedConsumer(ServiceDatabase database, EventHistoryStore history, ReadModelProjector projector, ILogger<InitiativeReplicatedConsumer> logger)
    : RecordedConsumer<InitiativeReplicated>(database, history, projector, logger);

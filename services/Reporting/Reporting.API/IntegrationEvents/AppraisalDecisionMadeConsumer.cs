using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Reporting.API.Infrastructure;

namespace DoanKetSangTao.Reporting.API.IntegrationEvents;

/// <summary>
/// Quyết định công nhận / không công nhận into the appraisal results read model: one row per initiative and
/// council level, so a repeated decision counts once and a decision at each level counts at that level; and into the
/// initiative's facts (recognized at that level, on the decision's date). See <see cref="ReadModelProjector"/>.
/// </summary>
public sealed class AppraisalDecisionMadeConsumer(ServiceDatabase database, EventHistoryStore history, ReadModelProjector projector, ILogger<AppraisalDecisionMadeConsumer> logger)
    : RecordedConsumer<AppraisalDecisionMade>(database, history, projector, logger);

using DoanKetSangTao.Appraisal.API.Infrastructure;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Contracts.Registration.V1;
using DoanKetSangTao.Messaging;
using Npgsql;

namespace DoanKetSangTao.Appraisal.API.IntegrationEvents;

/// <summary>
/// Opens an intake record for a newly registered initiative, and adds it to the similarity corpus, with the details registration holds now
/// (fetched over gRPC with a deadline). If registration cannot answer, the consumer throws, MassTransit
/// retries, and after the retries the message waits in the <c>_error</c> queue for replay: nothing is lost.
/// </summary>
public sealed class InitiativeRegisteredConsumer(
    InitiativeLookup.InitiativeLookupClient initiatives,
    ServiceDatabase database,
    ILogger<InitiativeRegisteredConsumer> logger) : IdempotentConsumer<InitiativeRegistered>(database, logger)
{
    protected override async Task HandleAsync(InitiativeRegistered message, DatabaseSession session, CancellationToken cancellationToken)
    {
        var initiative = await initiatives.GetInitiativeAsync(
            new GetInitiativeRequest { InitiativeId = message.InitiativeId.ToString() },
            deadline: DateTime.UtcNow.AddSeconds(10),
            cancellationToken: cancellationToken);

        var registeredAt = initiative.RegisteredAt.ToDateTime();
        var initiativeId = Guid.Parse(initiative.InitiativeId);
        var campaignId = Guid.Parse(initiative.CampaignId);
        var db = session;
        await CaseIntake.RecordRegisteredAsync(db, new IntakeRecord(
            initiativeId, campaignId, initiative.Title, initiative.Kind, Guid.Parse(initiative.OrganizationId), initiative.ProvinceCode,
            initiative.CommuneCode, initiative.Authors.Select(a => a.FullName).ToArray(), registeredAt, message.EventId), cancellationToken);

        // Every initiative, any province, joins the corpus; the similar-initiatives list shows it once it is submitted (its stage).
        await SimilarInitiatives.UpsertAsync(db, new CorpusEntry(
            initiativeId, campaignId, initiative.Title, initiative.Summary, initiative.Kind,
            initiative.ProvinceCode, initiative.CommuneCode, registeredAt), cancellationToken);
        await SimilarInitiatives.RefreshStageAsync(db, initiativeId, cancellationToken);
    }
}

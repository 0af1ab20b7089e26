using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Contracts.Registration.V1;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Appraisal.API.Infrastructure;
using Npgsql;

namespace DoanKetSangTao.Appraisal.API.IntegrationEvents;

/// <summary>
/// Tiếp nhận hồ sơ: records each submitted dossier version with the content registration holds for it (read
/// over gRPC with a deadline) and opens its appraisal case in the council that covers it, in one transaction.
/// A redelivered event finds its version already received and its case open, and adds nothing.
/// </summary>
public sealed class DossierSubmittedConsumer(
    DossierLookup.DossierLookupClient dossiers,
    ServiceDatabase database,
    TimeProvider clock,
    ILogger<DossierSubmittedConsumer> logger) : IdempotentConsumer<DossierSubmitted>(database, logger)
{
    protected override async Task HandleAsync(DossierSubmitted message, DatabaseSession session, CancellationToken cancellationToken)
    {
        var dossier = await dossiers.GetDossierAsync(
            new GetDossierRequest { DossierId = message.DossierId.ToString(), Version = message.Version },
            deadline: DateTime.UtcNow.AddSeconds(10),
            cancellationToken: cancellationToken);

        var db = session;
        await CaseIntake.ReceiveAsync(db, new ReceivedDossier(
            message.DossierId, message.Version, message.InitiativeId, message.CampaignId, message.Title, message.Kind, message.Field,
            message.OrganizationId, message.ProvinceCode, message.CommuneCode, message.AuthorOrganizationIds.ToArray(), dossier.Solution, dossier.Novelty,
            dossier.Attachments.Count, dossier.SubmittedAt.ToDateTime(), message.SubmittedBy, message.EventId), cancellationToken);
        await CaseIntake.OpenAsync(db, message.DossierId, message.Version, clock.GetUtcNow(), cancellationToken);
        await SimilarInitiatives.RefreshStageAsync(db, message.InitiativeId, cancellationToken);
    }
}

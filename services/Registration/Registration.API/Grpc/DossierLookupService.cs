using DoanKetSangTao.Contracts.Registration.V1;
using DoanKetSangTao.Registration.API.Infrastructure;
using Grpc.Core;
using Google.Protobuf.WellKnownTypes;

namespace DoanKetSangTao.Registration.API.Grpc;

/// <summary>Submitted dossier versions for the appraisal councils (the working copy is the author's, never shown).</summary>
public sealed class DossierLookupService(DossierStore dossiers) : DossierLookup.DossierLookupBase
{
    public override async Task<DossierReply> GetDossier(GetDossierRequest request, ServerCallContext context)
    {
        var id = LookupIds.Parse(request.DossierId, "Mã hồ sơ không hợp lệ.");
        var head = await dossiers.HeadAsync(id, context.CancellationToken);
        var version = request.Version > 0 ? request.Version : head?.CurrentVersion ?? 0;
        if (head is null || version == 0 || await dossiers.LoadVersionAsync(id, version, context.CancellationToken) is not { } found)
        {
            throw new RpcException(new Status(StatusCode.NotFound, "Không tìm thấy lần nộp hồ sơ này."));
        }

        var c = found.Content;
        var reply = new DossierReply
        {
            DossierId = id.ToString(),
            InitiativeId = head.InitiativeId.ToString(),
            Version = found.Version,
            SubmittedAt = Timestamp.FromDateTimeOffset(found.Summary.SubmittedAt),
            FirstAppliedOn = c.FirstAppliedOn?.ToString("yyyy-MM-dd") ?? string.Empty,
            ApplicationField = c.ApplicationField ?? string.Empty,
            ConfidentialInformation = c.ConfidentialInformation ?? string.Empty,
            CurrentSituation = c.CurrentSituation ?? string.Empty,
            Solution = c.Solution ?? string.Empty,
            Novelty = c.Novelty ?? string.Empty,
            Results = c.Results ?? string.Empty,
            Benefits = c.Benefits ?? string.Empty,
            ConditionsAndScope = c.ConditionsAndScope ?? string.Empty,
            CoverLetterNumber = c.CoverLetterNumber ?? string.Empty,
            CoverLetterDate = c.CoverLetterDate?.ToString("yyyy-MM-dd") ?? string.Empty,
        };
        reply.Attachments.AddRange(found.Attachments.Select(a => new DossierAttachment
        {
            AttachmentId = a.Id.ToString(), Kind = a.Kind, FileName = a.FileName, MediaType = a.MediaType, SizeBytes = a.SizeBytes, Sha256 = a.Sha256,
        }));
        return reply;
    }
}

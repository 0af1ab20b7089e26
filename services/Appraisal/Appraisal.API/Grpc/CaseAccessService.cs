using DoanKetSangTao.Messaging;
using DoanKetSangTao.Appraisal.API.Infrastructure;
using DoanKetSangTao.Contracts.Appraisal.V1;
using Grpc.Core;

namespace DoanKetSangTao.Appraisal.API.Grpc;

/// <summary>Answers registration's question "may this council member read this dossier?" from the rosters and assignments.</summary>
public sealed class CaseAccessService(ServiceDatabase database, TimeProvider clock) : CaseAccess.CaseAccessBase
{
    public override async Task<CanReadDossierReply> CanReadDossier(CanReadDossierRequest request, ServerCallContext context)
    {
        if (!Guid.TryParse(request.InitiativeId, out var initiativeId) || string.IsNullOrWhiteSpace(request.UserId))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "Cần mã người dùng và mã sáng kiến (GUID) hợp lệ."));
        }

        await using var db = await database.OpenAsync(context.CancellationToken);
        var allowed = await CaseReaders.MayReadDossierAsync(db, initiativeId, request.UserId, clock.GetUtcNow(), context.CancellationToken);
        return new CanReadDossierReply { Allowed = allowed };
    }
}

using System.Globalization;
using DoanKetSangTao.Awards.API.Domain;
using DoanKetSangTao.Awards.API.Infrastructure;
using DoanKetSangTao.Contracts.Paging;
using DoanKetSangTao.Contracts.Registration.V1;
using DoanKetSangTao.Contracts.Vocabulary;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Awards.API.Apis;

/// <summary>Quyết định khen thưởng: drafts, issuing, revocation, and the certificates of a decision and of a person.</summary>
public static class DecisionsApi
{
    private const int MaxProposals = 100;
    private const int MaxInitiatives = 500;

    private static readonly string[] Officers = [PlatformRoles.FrontOfficer, PlatformRoles.MemberOrganizationOfficer, PlatformRoles.UnitOfficer];

    public static RouteGroupBuilder MapDecisionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/commendations").WithTags("Quyết định khen thưởng (commendation decisions)");
        api.MapGet("/decisions", ListDecisions).RequireRoles(Officers);
        api.MapPost("/decisions", CreateDecision).RequireRoles(Officers);
        api.MapGet("/decisions/{id:guid}", GetDecision).RequireRoles(Officers);
        api.MapPut("/decisions/{id:guid}", EditDecision).RequireRoles(Officers);
        api.MapPost("/decisions/{id:guid}/issue", IssueDecision).RequireRoles(Officers);
        api.MapPost("/decisions/{id:guid}/revoke", RevokeDecision).RequireRoles(Officers);
        api.MapGet("/decisions/{id:guid}/audit", DecisionAudit).RequireRoles(Officers);
        api.MapGet("/decisions/{id:guid}/progress", DecisionProgress).RequireRoles(Officers);
        return api;
    }

    /// <summary>Các quyết định của cơ quan mình (và, với cán bộ Mặt trận, của các cơ quan trong địa bàn), mới nhất trước.</summary>
    public static async Task<Results<Ok<DecisionsPage>, ProblemHttpResult>> ListDecisions(
        string? status, int? year, string? cursor, int? limit, DecisionStore decisions, CurrentUser user, CancellationToken ct)
    {
        if (BodyOf(user) is not { } body)
        {
            return CommendationDecisionRules.NoBody.ToProblem();
        }

        var errors = new FieldErrors();
        if (status is not null and not (DecisionStatuses.Draft or DecisionStatuses.Issued or DecisionStatuses.Revoked or DecisionStatuses.Superseded))
        {
            errors.Add("status", "Trạng thái phải là draft, issued, revoked hoặc superseded.");
        }

        var take = limit ?? 50;
        if (take is < 1 or > 100)
        {
            errors.Add("limit", "Số dòng mỗi trang từ 1 đến 100.");
        }

        (DateTime, Guid)? after = null;
        if (cursor is not null)
        {
            if (Cursor.TryRead(cursor, 2) is [var at, var id]
                && long.TryParse(at, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks is > 0 and < 3155378975999999999
                && Guid.TryParse(id, out var guid))
            {
                after = (new DateTime(ticks, DateTimeKind.Utc), guid);
            }
            else
            {
                errors.Add("cursor", "Con trỏ trang không hợp lệ; vui lòng tải lại danh sách từ trang đầu.");
            }
        }

        if (errors.ToRefusal() is { } refusal)
        {
            return refusal.ToProblem();
        }

        var rows = await decisions.ListAsync(body.Key, body.Key.StartsWith("mttq:", StringComparison.Ordinal) ? body.Area : null, status, year, after, take, ct);
        var page = rows.Take(take).Select(d => new DecisionSummary(d.Id, d.Status, d.BodyName, d.BodyLevel, d.AwardTypeName, d.NumberText, d.DecisionDate, d.CreatedAt)).ToList();
        var next = rows.Count > take
            ? Cursor.From(rows[take - 1].CreatedAt.Ticks.ToString(CultureInfo.InvariantCulture), rows[take - 1].Id.ToString())
            : null;
        return TypedResults.Ok(new DecisionsPage(page, next));
    }

    /// <summary>Lập dự thảo quyết định khen thưởng của cơ quan mình.</summary>
    public static async Task<Results<Created<DecisionResponse>, ProblemHttpResult>> CreateDecision(
        DecisionRequest? request, DecisionStore decisions, ServiceDatabase db, ProposalStore proposals,
        InitiativeLookup.InitiativeLookupClient initiatives, CurrentUser user, CancellationToken ct)
    {
        if (BodyOf(user) is not { } body)
        {
            return CommendationDecisionRules.NoBody.ToProblem();
        }

        var draft = await ReadDraftAsync(request, body, db, proposals, initiatives, ct);
        var id = await decisions.CreateDraftAsync(body, draft, user.Id, ct);
        return TypedResults.Created($"/api/v1/commendations/decisions/{id}", await ResponseAsync(decisions, id, ct));
    }

    /// <summary>Sửa dự thảo (thay toàn bộ nội dung); quyết định đã ban hành thì không sửa được.</summary>
    public static async Task<Results<Ok<DecisionResponse>, ProblemHttpResult>> EditDecision(
        Guid id, DecisionRequest? request, DecisionStore decisions, ServiceDatabase db, ProposalStore proposals,
        InitiativeLookup.InitiativeLookupClient initiatives, CurrentUser user, CancellationToken ct)
    {
        if (BodyOf(user) is not { } body)
        {
            return CommendationDecisionRules.NoBody.ToProblem();
        }

        if (await decisions.FindAsync(id, ct) is not { } row || !body.CanRead(row.BodyKey, row.BodyProvince, row.BodyCommune))
        {
            return CommendationDecisionRules.NotFound.ToProblem();
        }

        if (row.BodyKey != body.Key)
        {
            return CommendationDecisionRules.NotBody.ToProblem();
        }

        if (CommendationDecisionRules.CanChange(row.Status) is { } refusal)
        {
            return refusal.ToProblem();
        }

        var draft = await ReadDraftAsync(request, body, db, proposals, initiatives, ct);
        await decisions.ReplaceDraftAsync(id, body, draft, user.Id, ct);
        return TypedResults.Ok(await ResponseAsync(decisions, id, ct));
    }

    public static async Task<Results<Ok<DecisionResponse>, ProblemHttpResult>> GetDecision(Guid id, DecisionStore decisions, CurrentUser user, CancellationToken ct)
    {
        if (BodyOf(user) is not { } body)
        {
            return CommendationDecisionRules.NoBody.ToProblem();
        }

        return await decisions.FindAsync(id, ct) is { } row && body.CanRead(row.BodyKey, row.BodyProvince, row.BodyCommune)
            ? TypedResults.Ok(await ResponseAsync(decisions, id, ct))
            : CommendationDecisionRules.NotFound.ToProblem();
    }

    /// <summary>
    /// Ban hành: gives the body's next number of the year (no gaps, no duplicates, even when many are issued at once),
    /// freezes the decision, and starts making its certificates (progress in <c>certificates</c>).
    /// </summary>
    public static async Task<Results<Ok<DecisionResponse>, ProblemHttpResult>> IssueDecision(
        Guid id, IssueRequest? request, DecisionStore decisions, CurrentUser user, CancellationToken ct)
    {
        if (BodyOf(user) is not { } body)
        {
            return CommendationDecisionRules.NoBody.ToProblem();
        }

        await decisions.IssueAsync(id, body, request?.DecisionDate, user.Id, ct);
        return TypedResults.Ok(await ResponseAsync(decisions, id, ct));
    }

    /// <summary>Thu hồi quyết định: lý do và số quyết định thu hồi; mọi giấy chứng nhận của nó hết hiệu lực ngay.</summary>
    public static async Task<Results<Ok<DecisionResponse>, ProblemHttpResult>> RevokeDecision(
        Guid id, RevokeRequest? request, DecisionStore decisions, CurrentUser user, CancellationToken ct)
    {
        if (BodyOf(user) is not { } body)
        {
            return CommendationDecisionRules.NoBody.ToProblem();
        }

        var errors = new FieldErrors();
        var reason = RecipientRules.Text(request?.Reason, CommendationDecisionRules.MaxReasonLength);
        if (reason is null)
        {
            errors.Add("reason", "Nhập lý do thu hồi (tối đa 2.000 ký tự).");
        }

        var number = RecipientRules.Text(request?.RevokingDecisionNumber, 50);
        if (number is null)
        {
            errors.Add("revokingDecisionNumber", "Nhập số của quyết định thu hồi, ví dụ 25/QĐ-MTTQ.");
        }

        if (errors.ToRefusal() is { } refusal)
        {
            return refusal.ToProblem();
        }

        await decisions.RevokeAsync(id, body, reason!, number!, user.Id, ct);
        return TypedResults.Ok(await ResponseAsync(decisions, id, ct));
    }

    /// <summary>Tiến độ làm giấy chứng nhận của quyết định, without its recipients: cheap to poll while a thousand are made.</summary>
    public static async Task<Results<Ok<CertificateProgressResponse>, ProblemHttpResult>> DecisionProgress(
        Guid id, DecisionStore decisions, CurrentUser user, CancellationToken ct)
    {
        if (BodyOf(user) is not { } body || await decisions.FindAsync(id, ct) is not { } row || !body.CanRead(row.BodyKey, row.BodyProvince, row.BodyCommune))
        {
            return CommendationDecisionRules.NotFound.ToProblem();
        }

        var progress = await decisions.ProgressAsync(id, ct);
        return TypedResults.Ok(new CertificateProgressResponse(progress.Total, progress.Ready, progress.Failed));
    }

    /// <summary>Nhật ký các thao tác trên quyết định: ai, lúc nào, làm gì.</summary>
    public static async Task<Results<Ok<List<AuditEntryResponse>>, ProblemHttpResult>> DecisionAudit(
        Guid id, DecisionStore decisions, ServiceDatabase db, CurrentUser user, CancellationToken ct)
    {
        if (BodyOf(user) is not { } body || await decisions.FindAsync(id, ct) is not { } row || !body.CanRead(row.BodyKey, row.BodyProvince, row.BodyCommune))
        {
            return CommendationDecisionRules.NotFound.ToProblem();
        }

        var entries = await AwardsAudit.ListAsync(db, id.ToString(), ct);
        return TypedResults.Ok(entries.Select(e => new AuditEntryResponse(e.Seq, e.OccurredAt, e.Actor, e.Action, e.Detail)).ToList());
    }

    internal static readonly string[] OfficerRoles = Officers;

    internal static bool IsOfficer(CurrentUser user) => Officers.Any(user.IsInRole);

    /// <summary>The body the caller acts for (their Front committee or their organization).</summary>
    internal static IssuingBody? BodyOf(CurrentUser user) => IssuingBody.Of(
        user.IsInRole(PlatformRoles.FrontOfficer),
        user.IsInRole(PlatformRoles.MemberOrganizationOfficer) || user.IsInRole(PlatformRoles.UnitOfficer),
        user.Scope, user.OrganizationId);

    private static async Task<DecisionResponse> ResponseAsync(DecisionStore decisions, Guid id, CancellationToken ct) =>
        DecisionResponse.From((await decisions.FindAsync(id, ct))!, await decisions.RecipientsAsync(id, ct), await decisions.ProgressAsync(id, ct));

    /// <summary>
    /// Reads a draft: the fields, then the recipients from accepted proposals of the body's calls, from recognized
    /// initiatives (asking registration for their authors and unit), and named directly; every one inside the body's area.
    /// </summary>
    private static async Task<DecisionDraft> ReadDraftAsync(
        DecisionRequest? request, IssuingBody body, ServiceDatabase db, ProposalStore proposals, InitiativeLookup.InitiativeLookupClient initiatives,
        CancellationToken ct)
    {
        var errors = new FieldErrors();
        var bodyName = RecipientRules.Text(request?.IssuingBodyName, 200);
        if (bodyName is null)
        {
            errors.Add("issuingBodyName", "Nhập tên cơ quan ban hành, ví dụ Ủy ban MTTQ Việt Nam thành phố Hà Nội (tối đa 200 ký tự).");
        }

        var reason = RecipientRules.Text(request?.Reason, CommendationDecisionRules.MaxReasonLength);
        if (reason is null)
        {
            errors.Add("reason", "Nhập lý do khen thưởng (tối đa 2.000 ký tự).");
        }

        var signer = RecipientRules.Text(request?.SignerName, 200);
        if (signer is null)
        {
            errors.Add("signerName", "Nhập họ tên người ký.");
        }

        var position = RecipientRules.Text(request?.SignerPosition, 200);
        if (position is null)
        {
            errors.Add("signerPosition", "Nhập chức vụ người ký, ví dụ Chủ tịch.");
        }

        AwardTypeTerms? award = null;
        if (string.IsNullOrWhiteSpace(request?.AwardTypeCode))
        {
            errors.Add("awardTypeCode", "Chọn hình thức khen thưởng (mã trong danh mục /api/v1/award-types).");
        }
        else
        {
            await using var session = await db.OpenAsync(ct);
            award = await AwardTypeStore.TermsAsync(session, request.AwardTypeCode, ct);
            if (award is null)
            {
                errors.Add("awardTypeCode", "Không có hình thức khen thưởng với mã này.");
            }
        }

        if (request?.FromProposals is { Count: > MaxProposals })
        {
            errors.Add("fromProposals", $"Một quyết định lấy từ tối đa {MaxProposals} tờ trình.");
        }

        if (request?.FromInitiatives is { Count: > MaxInitiatives })
        {
            errors.Add("fromInitiatives", $"Một quyết định lấy từ tối đa {MaxInitiatives} sáng kiến; vui lòng chia thành nhiều quyết định.");
        }

        errors.ThrowIfAny();
        var recipients = new List<(Recipient, Guid?)>();
        foreach (var proposalId in request!.FromProposals ?? [])
        {
            var (proposal, call, rows) = await proposals.FindAsync(proposalId, ct);
            if (proposal is null || call!.BodyKey != body.Key)
            {
                throw Refusal.Invalid("fromProposals", "Chỉ lấy được người từ tờ trình gửi đến chính cơ quan bạn.").ToException();
            }

            if (proposal.Status != ProposalStatuses.Accepted)
            {
                throw Refusal.Unprocessable("proposal_not_accepted", "Chỉ đưa vào quyết định những tờ trình đã được chấp nhận.").ToException();
            }

            // The proposing organization is the recipients' unit (a lower Front committee has no unit inbox).
            Guid? unit = proposal.ProposerKey.StartsWith("org:", StringComparison.Ordinal) && Guid.TryParse(proposal.ProposerKey[4..], out var org) ? org : null;
            recipients.AddRange(rows.Select(r => (r.ToRecipient() with { OrganizationId = unit }, (Guid?)proposal.Id)));
        }

        recipients.AddRange((await FromInitiativesAsync(request.FromInitiatives, db, initiatives, ct)).Select(r => (r, (Guid?)null)));
        if (request.Recipients is { Count: > 0 } named)
        {
            var read = RecipientRules.Read(named.Select(r => r?.ToInput()!).ToList(), award!, errors);
            errors.ThrowIfAny();
            recipients.AddRange(read.Select(r => (r, (Guid?)null)));
        }

        if (recipients.Count == 0)
        {
            throw Refusal.Invalid("recipients", "Cần ít nhất một người hoặc tập thể được khen thưởng (từ tờ trình, từ sáng kiến hoặc nêu trực tiếp).").ToException();
        }

        if (recipients.Count > RecipientRules.MaxRecipients)
        {
            throw Refusal.Invalid("recipients", $"Một quyết định có tối đa {RecipientRules.MaxRecipients} người/tập thể; vui lòng chia thành nhiều quyết định.").ToException();
        }

        if (recipients.Any(r => r.Item1.Kind == RecipientKinds.Individual ? !award!.ForIndividuals : !award!.ForCollectives))
        {
            throw Refusal.Unprocessable("award_type_recipient_kind",
                $"Hình thức \"{award!.Name}\" chỉ dành cho {(award.ForIndividuals ? "cá nhân" : "tập thể")}; vui lòng bỏ những người/tập thể không phù hợp.").ToException();
        }

        if (recipients.Any(r => !body.Reaches(r.Item1.ProvinceCode, r.Item1.CommuneCode)))
        {
            throw RecipientRules.OutsideBodyScope.ToException();
        }

        return new DecisionDraft(award!.Code, bodyName!, reason!, signer!, position!, request.SupersedesDecisionId, recipients);
    }

    private static async Task<IReadOnlyList<Recipient>> FromInitiativesAsync(
        IReadOnlyList<InitiativeRecipientsRequest>? requested, ServiceDatabase db, InitiativeLookup.InitiativeLookupClient initiatives, CancellationToken ct)
    {
        if (requested is not { Count: > 0 })
        {
            return [];
        }

        var errors = new FieldErrors();
        for (var i = 0; i < requested.Count; i++)
        {
            if (requested[i]?.InitiativeId is null)
            {
                errors.Add($"fromInitiatives[{i}].initiativeId", "Nhập mã sáng kiến đã được công nhận.");
            }

            if (requested[i]?.As is not ("authors" or "unit"))
            {
                errors.Add($"fromInitiatives[{i}].as", "Chọn authors (khen các tác giả) hoặc unit (khen đơn vị của sáng kiến).");
            }
        }

        errors.ThrowIfAny();
        var ids = requested.Select(r => r.InitiativeId!.Value).Distinct().ToList();
        var candidates = await CandidateLookup.FindAsync(db, ids, ct);
        var missing = ids.Where(id => candidates.All(c => c.InitiativeId != id)).ToList();
        if (missing.Count > 0)
        {
            throw Refusal.Unprocessable("initiative_not_recognized",
                "Chỉ khen thưởng từ sáng kiến đã được hội đồng công nhận (có trong danh sách đề nghị khen thưởng).").ToException();
        }

        var request = new GetInitiativesRequest();
        request.InitiativeIds.AddRange(ids.Select(id => id.ToString()));
        var found = (await initiatives.GetInitiativesAsync(request, cancellationToken: ct)).Initiatives.ToDictionary(i => Guid.Parse(i.InitiativeId));
        var result = new List<Recipient>();
        foreach (var r in requested)
        {
            if (!found.TryGetValue(r.InitiativeId!.Value, out var initiative))
            {
                throw Refusal.Unprocessable("initiative_not_recognized", "Không tìm thấy sáng kiến này ở phân hệ đăng ký.").ToException();
            }

            var commune = string.IsNullOrEmpty(initiative.CommuneCode) ? null : initiative.CommuneCode;
            Guid? unit = Guid.TryParse(initiative.OrganizationId, out var org) ? org : null;
            if (r.As == "unit")
            {
                result.Add(new Recipient(RecipientKinds.Collective, initiative.OrganizationName, null, initiative.ProvinceCode, commune, null, null,
                    r.InitiativeId, initiative.Title, null, unit));
                continue;
            }

            // The lead author registered it: their account downloads the certificate; co-authors by the e-mail Mẫu 1 gave.
            result.AddRange(initiative.Authors.Select(a => new Recipient(RecipientKinds.Individual, a.FullName, initiative.OrganizationName,
                initiative.ProvinceCode, commune, a.IsLead ? initiative.RegisteredBy : null, string.IsNullOrEmpty(a.Email) ? null : a.Email,
                r.InitiativeId, initiative.Title, null, unit)));
        }

        return result;
    }
}

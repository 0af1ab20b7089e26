using DoanKetSangTao.Awards.API.Domain;
using DoanKetSangTao.Awards.API.Infrastructure;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Awards.API.Apis;

/// <summary>A proposer a call invites: an organization (its id) or a lower Front committee (its area path), with its quota.</summary>
public sealed record QuotaRequest(Guid? OrganizationId, string? AreaPath, string? Name, int? Quota);

public sealed record CallRequest(string? Title, string? IssuingBodyName, string? AwardTypeCode, int? Year, DateTimeOffset? DueAt, IReadOnlyList<QuotaRequest>? Quotas);

public sealed record QuotaResponse(string ProposerKey, string ProposerName, int Quota);

public sealed record CallResponse(
    Guid Id, string IssuingBodyKey, string IssuingBodyName, int Year, string Title, string AwardTypeCode, DateTime DueAt,
    IReadOnlyList<QuotaResponse> Quotas, IReadOnlyList<ProposalSummary> Proposals);

/// <summary>A call in a list, without its quotas and proposals.</summary>
public sealed record CallSummary(Guid Id, string IssuingBodyKey, string IssuingBodyName, int Year, string Title, string AwardTypeCode, DateTime DueAt);

public sealed record ProposalSummary(Guid Id, string ProposerKey, string ProposerName, string Status, string? ReturnReason, DateTime SubmittedAt);

public sealed record ProposalRequest(IReadOnlyList<RecipientRequest>? Recipients);

public sealed record ProposalDecisionRequest(string? Reason);

public sealed record ProposalResponse(
    Guid Id, Guid CallId, string CallTitle, string ProposerKey, string ProposerName, string Status, string? ReturnReason, DateTime SubmittedAt,
    IReadOnlyList<RecipientRequest> Recipients);

/// <summary>
/// Đề nghị khen thưởng: the deciding body opens a call (đợt) with a quota per proposer and a due time; each invited
/// proposer sends one proposal (tờ trình); the body returns it with a reason or accepts it.
/// </summary>
public static class ProposalsApi
{
    /// <summary>The same officers who make decisions propose and decide on proposals.</summary>
    private static readonly string[] Officers = DecisionsApi.OfficerRoles;

    public static RouteGroupBuilder MapProposalsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/commendations").WithTags("Đề nghị khen thưởng (proposals)");
        api.MapPost("/calls", OpenCall).RequireRoles(Officers);
        api.MapGet("/calls", ListCalls).RequireRoles(Officers);
        api.MapGet("/calls/{id:guid}", GetCall).RequireRoles(Officers);
        api.MapPost("/calls/{id:guid}/proposals", SubmitProposal).RequireRoles(Officers);
        api.MapGet("/proposals/{id:guid}", GetProposal).RequireRoles(Officers);
        api.MapPost("/proposals/{id:guid}/return", ReturnProposal).RequireRoles(Officers);
        api.MapPost("/proposals/{id:guid}/accept", AcceptProposal).RequireRoles(Officers);
        return api;
    }

    /// <summary>Mở đợt đề nghị khen thưởng: hình thức, hạn gửi, các đơn vị được đề nghị và chỉ tiêu của từng đơn vị.</summary>
    public static async Task<Results<Created<CallResponse>, ProblemHttpResult>> OpenCall(
        CallRequest? request, ProposalStore proposals, TimeProvider clock, CurrentUser user, CancellationToken ct)
    {
        if (DecisionsApi.BodyOf(user) is not { } body)
        {
            return CommendationDecisionRules.NoBody.ToProblem();
        }

        var errors = new FieldErrors();
        var title = RecipientRules.Text(request?.Title, 300);
        if (title is null)
        {
            errors.Add("title", "Nhập tên đợt đề nghị khen thưởng (tối đa 300 ký tự).");
        }

        var bodyName = RecipientRules.Text(request?.IssuingBodyName, 200);
        if (bodyName is null)
        {
            errors.Add("issuingBodyName", "Nhập tên cơ quan quyết định khen thưởng (tối đa 200 ký tự).");
        }

        if (string.IsNullOrWhiteSpace(request?.AwardTypeCode))
        {
            errors.Add("awardTypeCode", "Chọn hình thức khen thưởng.");
        }

        var now = clock.GetUtcNow();
        var year = request?.Year ?? VietnamTime.ToLocal(now).Year;
        if (year < 2020 || year > now.Year + 1)
        {
            errors.Add("year", $"Năm khen thưởng từ 2020 đến {now.Year + 1}.");
        }

        if (request?.DueAt is not { } due || due <= now || due > now.AddYears(2))
        {
            errors.Add("dueAt", "Hạn gửi đề nghị phải sau thời điểm hiện tại và trong vòng 2 năm.");
        }

        var quotas = new List<ProposerQuota>();
        if (request?.Quotas is not { Count: > 0 and <= 500 } asked)
        {
            errors.Add("quotas", "Nêu từ 1 đến 500 đơn vị được đề nghị, mỗi đơn vị với chỉ tiêu của mình.");
        }
        else
        {
            for (var i = 0; i < asked.Count; i++)
            {
                var q = asked[i];
                var key = q?.OrganizationId is { } org ? $"org:{org:D}"
                    : AdministrativeScope.TryParse(q?.AreaPath) is { } area && body.Area.Covers(area.ProvinceCode ?? string.Empty, area.CommuneCode)
                      && area.Level > body.Area.Level ? $"mttq:{area.Path}"
                    : null;
                if (key is null || (q!.OrganizationId is not null && q.AreaPath is not null))
                {
                    errors.Add($"quotas[{i}]", "Mỗi đơn vị là một tổ chức (organizationId) hoặc một Ủy ban MTTQ cấp dưới trong địa bàn (areaPath, ví dụ VN/01/00004).");
                    continue;
                }

                var name = RecipientRules.Text(q.Name, 200);
                if (name is null)
                {
                    errors.Add($"quotas[{i}].name", "Nhập tên đơn vị được đề nghị.");
                }

                if (q.Quota is not (> 0 and <= ProposalRules.MaxQuota))
                {
                    errors.Add($"quotas[{i}].quota", $"Chỉ tiêu từ 1 đến {ProposalRules.MaxQuota}.");
                }

                if (quotas.Any(x => x.ProposerKey == key))
                {
                    errors.Add($"quotas[{i}]", "Đơn vị này đã có trong danh sách.");
                }

                if (name is not null && q.Quota is > 0 and <= ProposalRules.MaxQuota)
                {
                    quotas.Add(new ProposerQuota(key, name, q.Quota.Value));
                }
            }
        }

        if (errors.ToRefusal() is { } refusal)
        {
            return refusal.ToProblem();
        }

        var id = await proposals.CreateCallAsync(body, bodyName!, year, title!, request!.AwardTypeCode!, request.DueAt!.Value, quotas, user.Id, ct);
        return TypedResults.Created($"/api/v1/commendations/calls/{id}", await CallResponseAsync(proposals, id, ct));
    }

    /// <summary>
    /// Các đợt của cơ quan mình, và các đợt mời đơn vị mình đề nghị, mới nhất trước (tối đa 200): one read; a call's quotas
    /// and proposals are at <c>/calls/{id}</c>.
    /// </summary>
    public static async Task<Results<Ok<List<CallSummary>>, ProblemHttpResult>> ListCalls(ProposalStore proposals, CurrentUser user, CancellationToken ct)
    {
        if (DecisionsApi.BodyOf(user) is not { } body)
        {
            return CommendationDecisionRules.NoBody.ToProblem();
        }

        var calls = await proposals.ListCallsAsync(body.Key, ct);
        return TypedResults.Ok(calls.Select(c => new CallSummary(c.Id, c.BodyKey, c.BodyName, c.Year, c.Title, c.AwardTypeCode, c.DueAt)).ToList());
    }

    public static async Task<Results<Ok<CallResponse>, ProblemHttpResult>> GetCall(Guid id, ProposalStore proposals, CurrentUser user, CancellationToken ct)
    {
        if (DecisionsApi.BodyOf(user) is not { } body)
        {
            return CommendationDecisionRules.NoBody.ToProblem();
        }

        var call = await CallResponseAsync(proposals, id, ct);
        if (call is null || (call.IssuingBodyKey != body.Key && call.Quotas.All(q => q.ProposerKey != body.Key)))
        {
            return ProposalRules.CallNotFound.ToProblem();
        }

        // A proposer sees its own proposal only, not the others'.
        return TypedResults.Ok(call.IssuingBodyKey == body.Key ? call : call with { Proposals = [.. call.Proposals.Where(p => p.ProposerKey == body.Key)] });
    }

    /// <summary>Gửi (hoặc gửi lại sau khi bị trả lại) tờ trình của đơn vị mình cho một đợt, trong chỉ tiêu và trước hạn.</summary>
    public static async Task<Results<Created<ProposalResponse>, ProblemHttpResult>> SubmitProposal(
        Guid id, ProposalRequest? request, ProposalStore proposals, ServiceDatabase db, CurrentUser user, CancellationToken ct)
    {
        if (DecisionsApi.BodyOf(user) is not { } body)
        {
            return CommendationDecisionRules.NoBody.ToProblem();
        }

        var (call, quotas) = await proposals.FindCallAsync(id, ct);
        if (call is null || quotas.All(q => q.ProposerKey != body.Key))
        {
            return ProposalRules.CallNotFound.ToProblem();
        }

        await using var session = await db.OpenAsync(ct);
        var award = (await AwardTypeStore.TermsAsync(session, call.AwardTypeCode, ct))!;
        var errors = new FieldErrors();
        var recipients = RecipientRules.Read(request?.Recipients?.Select(r => r?.ToInput()!).ToList(), award, errors);
        if (errors.ToRefusal() is { } refusal)
        {
            return refusal.ToProblem();
        }

        // The deciding body commends within its area only: a proposal naming someone outside it is refused whole.
        var deciding = new IssuingBody(call.BodyKey, string.Empty, call.BodyProvince, call.BodyCommune);
        if (recipients.Any(r => !deciding.Reaches(r.ProvinceCode, r.CommuneCode)))
        {
            return RecipientRules.OutsideBodyScope.ToProblem();
        }

        var proposalId = await proposals.SubmitAsync(id, body.Key, recipients, user.Id, ct);
        return TypedResults.Created($"/api/v1/commendations/proposals/{proposalId}", (await ProposalResponseAsync(proposals, proposalId, ct))!);
    }

    public static async Task<Results<Ok<ProposalResponse>, ProblemHttpResult>> GetProposal(Guid id, ProposalStore proposals, CurrentUser user, CancellationToken ct)
    {
        var response = DecisionsApi.BodyOf(user) is { } body ? await ProposalResponseAsync(proposals, id, ct, body.Key) : null;
        return response is null ? ProposalRules.NotFound.ToProblem() : TypedResults.Ok(response);
    }

    /// <summary>Trả lại tờ trình với lý do; đơn vị sửa và gửi lại trước hạn.</summary>
    public static async Task<Results<Ok<ProposalResponse>, ProblemHttpResult>> ReturnProposal(
        Guid id, ProposalDecisionRequest? request, ProposalStore proposals, CurrentUser user, CancellationToken ct)
    {
        if (DecisionsApi.BodyOf(user) is not { } body)
        {
            return CommendationDecisionRules.NoBody.ToProblem();
        }

        if (RecipientRules.Text(request?.Reason, 2000) is not { } reason)
        {
            return Refusal.Invalid("reason", "Nhập lý do trả lại để đơn vị biết cần sửa gì (tối đa 2.000 ký tự).").ToProblem();
        }

        await proposals.DecideAsync(id, body.Key, accept: false, reason, user.Id, ct);
        return TypedResults.Ok((await ProposalResponseAsync(proposals, id, ct))!);
    }

    /// <summary>Chấp nhận tờ trình: những người/tập thể trong đó đưa được vào quyết định (fromProposals).</summary>
    public static async Task<Results<Ok<ProposalResponse>, ProblemHttpResult>> AcceptProposal(
        Guid id, ProposalStore proposals, CurrentUser user, CancellationToken ct)
    {
        if (DecisionsApi.BodyOf(user) is not { } body)
        {
            return CommendationDecisionRules.NoBody.ToProblem();
        }

        await proposals.DecideAsync(id, body.Key, accept: true, null, user.Id, ct);
        return TypedResults.Ok((await ProposalResponseAsync(proposals, id, ct))!);
    }

    private static async Task<CallResponse?> CallResponseAsync(ProposalStore proposals, Guid id, CancellationToken ct)
    {
        var (call, quotas) = await proposals.FindCallAsync(id, ct);
        if (call is null)
        {
            return null;
        }

        var sent = await proposals.ListForCallAsync(id, ct);
        return new CallResponse(call.Id, call.BodyKey, call.BodyName, call.Year, call.Title, call.AwardTypeCode, call.DueAt,
            quotas.Select(q => new QuotaResponse(q.ProposerKey, q.ProposerName, q.Quota)).ToList(),
            sent.Select(p => new ProposalSummary(p.Id, p.ProposerKey, p.ProposerName, p.Status, p.ReturnReason, p.SubmittedAt)).ToList());
    }

    /// <summary>The proposal, when <paramref name="viewerKey"/> (if given) is its proposer or its deciding body.</summary>
    private static async Task<ProposalResponse?> ProposalResponseAsync(ProposalStore proposals, Guid id, CancellationToken ct, string? viewerKey = null)
    {
        var (proposal, call, recipients) = await proposals.FindAsync(id, ct);
        if (proposal is null || (viewerKey is not null && viewerKey != proposal.ProposerKey && viewerKey != call!.BodyKey))
        {
            return null;
        }

        return new ProposalResponse(proposal.Id, proposal.CallId, call!.Title, proposal.ProposerKey, proposal.ProposerName, proposal.Status,
            proposal.ReturnReason, proposal.SubmittedAt,
            recipients.Select(r => new RecipientRequest(r.Kind, r.FullName, r.OrganizationName, r.ProvinceCode, r.CommuneCode, r.AccountId, r.Email,
                r.InitiativeId, r.InitiativeTitle, r.Amount)).ToList());
    }
}

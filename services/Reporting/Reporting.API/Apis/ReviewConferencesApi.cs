using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Reporting.API.Domain.ReviewConferences;
using DoanKetSangTao.Reporting.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Reporting.API.Apis;

/// <summary>Who the caller is to one conference, with what the answer needs: the conference, its invitees, the caller's organization.</summary>
public sealed record ConferenceContext(ConferenceRow Conference, IReadOnlyList<InviteeRow> Invitees, ConferenceStanding Standing, Guid? Organization)
{
    /// <summary>The conference, and who the caller is to it; a caller who is nobody to it is told it does not exist.</summary>
    public static async Task<(ConferenceContext? Context, Refusal? Refusal)> ResolveAsync(Guid id, ReviewConferenceStore store, CurrentUser user, CancellationToken ct)
    {
        var (conference, invitees) = await store.LoadAsync(id, ct);
        if (conference is null)
        {
            return (null, ConferenceRefusals.NotFound);
        }

        Guid? organization = Guid.TryParse(user.OrganizationId, out var org) ? org : null;
        var standing = ConferenceAccess.StandingOf(user.IsInRole(PlatformRoles.FrontOfficer), ConferenceAccess.InviteeRoles.Any(user.IsInRole), user.Scope,
            organization, conference.HostProvince, conference.HostCommune, invitees.Select(i => i.OrganizationId).ToList());
        return standing == ConferenceStanding.None ? (null, ConferenceRefusals.NotFound) : (new ConferenceContext(conference, invitees, standing, organization), null);
    }

    /// <summary>Null when the caller hosts it; else why not.</summary>
    public Refusal? UnlessHost => Standing == ConferenceStanding.Host ? null : ConferenceRefusals.HostOnly;

    /// <summary>Null when the caller acts for an invited organization; else why not.</summary>
    public Refusal? UnlessInvitee => Standing == ConferenceStanding.Invitee ? null : ConferenceRefusals.InviteeOnly;

    /// <summary>The organization whose parts the caller sees: theirs as an invitee, all (null) as the host.</summary>
    public Guid? OwnPartsOf => Standing == ConferenceStanding.Host ? null : Organization;
}

/// <summary>
/// Hội nghị sơ kết, tổng kết (review conferences, seed 004): the plan — kind, title, date and time (Vietnam), place, host,
/// invited participants and organizations — made and changed by the host level's Front officers; invitees see it.
/// Contributions, exhibits and commendation proposals: <see cref="ReviewConferencePartsApi"/>.
/// </summary>
public static class ReviewConferencesApi
{
    public static RouteGroupBuilder MapReviewConferencesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/reports/review-conferences").WithTags("Hội nghị sơ kết, tổng kết (review conferences)").RejectUnknownQueryParameters()
            .RequireRoles(ConferenceAccess.AllRoles);
        api.MapPost("", Create);
        api.MapGet("", List);
        api.MapGet("/{id:guid}", Get);
        api.MapPut("/{id:guid}/schedule", Reschedule);
        api.MapPost("/{id:guid}/cancel", Cancel);
        api.MapPost("/{id:guid}/invitees", Invite);
        api.MapPut("/{id:guid}/invitees/{organizationId:guid}/quota", SetQuota);
        api.MapReviewConferencePartsApi();
        return api;
    }

    /// <summary>Lập kế hoạch hội nghị: a Front officer, for the committee of their own area (centre, province or commune).</summary>
    public static async Task<Results<Created<ConferenceSummary>, ProblemHttpResult>> Create(
        ConferenceRequest? request, ReviewConferenceStore store, TimeProvider clock, CurrentUser user, CancellationToken ct)
    {
        if (!user.IsInRole(PlatformRoles.FrontOfficer) || user.Scope is not { } scope)
        {
            return (user.IsInRole(PlatformRoles.FrontOfficer) ? ConferenceRefusals.NoHostArea : ConferenceRefusals.HostOnly).ToProblem();
        }

        var now = clock.GetUtcNow();
        var errors = new FieldErrors();
        if (request?.CampaignId is not { } campaign || campaign == Guid.Empty)
        {
            errors.Add("campaignId", "Chọn đợt thi đua của hội nghị.");
        }

        if (!ConferenceKinds.IsKnown(request?.Kind))
        {
            errors.Add("kind", "Loại hội nghị là so_ket (sơ kết) hoặc tong_ket (tổng kết).");
        }

        var title = ConferenceRules.Text(request?.Title, ConferenceRules.MaxTitle);
        if (title is null)
        {
            errors.Add("title", $"Nhập tên hội nghị (tối đa {ConferenceRules.MaxTitle} ký tự).");
        }

        var hostName = ConferenceRules.Text(request?.HostName, ConferenceRules.MaxName);
        if (hostName is null)
        {
            errors.Add("hostName", $"Nhập tên cơ quan tổ chức, ví dụ \"Ban Thường trực Ủy ban MTTQ Việt Nam thành phố\" (tối đa {ConferenceRules.MaxName} ký tự).");
        }

        var (startsAt, place) = CheckSchedule(request?.StartsAt, request?.Place, now, errors);
        var participants = CheckParticipants(request?.Participants, errors);
        var invitees = CheckInvitees(request?.Organizations, "organizations", allowEmpty: true, errors);
        if (errors.ToRefusal() is { } refusal)
        {
            return refusal.ToProblem();
        }

        var plan = new ConferencePlan(request!.CampaignId!.Value, request.Kind!, title!, startsAt!.Value, place!, hostName!, scope.ProvinceCode, scope.CommuneCode, participants);
        var id = await store.CreateAsync(plan, invitees, user.Id, now, ct);
        var (row, _) = await store.LoadAsync(id, ct);
        return TypedResults.Created($"/api/v1/reports/review-conferences/{id}", ConferenceSummary.From(row!, "host"));
    }

    /// <summary>The conferences the caller hosts (their committee's) or is invited to, latest first.</summary>
    public static async Task<Ok<IReadOnlyList<ConferenceSummary>>> List(ReviewConferenceStore store, CurrentUser user, CancellationToken ct)
    {
        var front = user.IsInRole(PlatformRoles.FrontOfficer) && user.Scope is not null;
        Guid? organization = ConferenceAccess.InviteeRoles.Any(user.IsInRole) && Guid.TryParse(user.OrganizationId, out var org) ? org : null;
        var rows = await store.ListAsync(front, user.Scope?.ProvinceCode, user.Scope?.CommuneCode, organization, ct);
        IReadOnlyList<ConferenceSummary> list = rows.Select(r => ConferenceSummary.From(r,
            ConferenceAccess.IsHost(front, user.Scope, r.HostProvince, r.HostCommune) ? "host" : "invitee")).ToList();
        return TypedResults.Ok(list);
    }

    public static async Task<Results<Ok<ConferenceResponse>, ProblemHttpResult>> Get(
        Guid id, ReviewConferenceStore store, ReviewConferencePartsStore parts, TimeProvider clock, CurrentUser user, CancellationToken ct)
    {
        var (context, refusal) = await ConferenceContext.ResolveAsync(id, store, user, ct);
        if (context is null)
        {
            return refusal!.ToProblem();
        }

        var own = context.OwnPartsOf;
        var now = clock.GetUtcNow();
        var files = await parts.FilesAsync(id, ct);
        var contributions = (await parts.ContributionsAsync(id, own, ct)).Select(c => ConferenceResponses.Contribution(c, files, now)).ToList();
        var exhibits = (await parts.ExhibitsAsync(id, own, ct)).Select(ConferenceResponses.Exhibit).ToList();
        var nominees = await parts.NomineesAsync(id, own, ct);
        var invitees = context.Invitees.Where(i => own is null || i.OrganizationId == own)
            .Select(i => new InviteeResponse(i.OrganizationId, i.OrganizationName, i.Quota, nominees.Count(n => n.OrganizationId == i.OrganizationId))).ToList();
        var c = context.Conference;
        return TypedResults.Ok(new ConferenceResponse(ConferenceSummary.From(c, own is null ? "host" : "invitee"), c.CancelReason,
            c.ForwardedAt is { } f ? ConferenceResponses.Utc(f) : null, own is null ? c.ParticipantList : [], invitees, contributions, exhibits,
            nominees.Select(ConferenceResponses.Nominee).ToList()));
    }

    /// <summary>Dời lịch, đổi địa điểm: every invitee is sent an update notice.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Reschedule(
        Guid id, ScheduleRequest? request, ReviewConferenceStore store, TimeProvider clock, CurrentUser user, CancellationToken ct)
    {
        var (context, refusal) = await ConferenceContext.ResolveAsync(id, store, user, ct);
        if ((refusal ?? context!.UnlessHost) is { } denied)
        {
            return denied.ToProblem();
        }

        var now = clock.GetUtcNow();
        var errors = new FieldErrors();
        var (startsAt, place) = CheckSchedule(request?.StartsAt, request?.Place, now, errors);
        if (errors.ToRefusal() is { } invalid)
        {
            return invalid.ToProblem();
        }

        await store.RescheduleAsync(id, startsAt!.Value, place!, now, ct);
        return TypedResults.NoContent();
    }

    /// <summary>Hủy hội nghị, with a reason: every invitee is sent a cancellation notice.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Cancel(
        Guid id, CancelRequest? request, ReviewConferenceStore store, TimeProvider clock, CurrentUser user, CancellationToken ct)
    {
        var (context, refusal) = await ConferenceContext.ResolveAsync(id, store, user, ct);
        if ((refusal ?? context!.UnlessHost) is { } denied)
        {
            return denied.ToProblem();
        }

        if (ConferenceRules.Text(request?.Reason, ConferenceRules.MaxDescription, multiline: true) is not { } reason)
        {
            return Refusal.Invalid("reason", $"Nêu lý do hủy hội nghị (tối đa {ConferenceRules.MaxDescription} ký tự).").ToProblem();
        }

        await store.CancelAsync(id, reason, clock.GetUtcNow(), ct);
        return TypedResults.NoContent();
    }

    /// <summary>Mời thêm đơn vị: the new ones are sent the invitation.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Invite(
        Guid id, InviteRequest? request, ReviewConferenceStore store, TimeProvider clock, CurrentUser user, CancellationToken ct)
    {
        var (context, refusal) = await ConferenceContext.ResolveAsync(id, store, user, ct);
        if ((refusal ?? context!.UnlessHost) is { } denied)
        {
            return denied.ToProblem();
        }

        var errors = new FieldErrors();
        var invitees = CheckInvitees(request?.Organizations, "organizations", allowEmpty: false, errors);
        if (errors.ToRefusal() is { } invalid)
        {
            return invalid.ToProblem();
        }

        await store.InviteAsync(id, invitees, clock.GetUtcNow(), ct);
        return TypedResults.NoContent();
    }

    /// <summary>Chỉ tiêu khen thưởng của một đơn vị được mời (0: the organization proposes nobody).</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> SetQuota(
        Guid id, Guid organizationId, QuotaChangeRequest? request, ReviewConferenceStore store, CurrentUser user, CancellationToken ct)
    {
        var (context, refusal) = await ConferenceContext.ResolveAsync(id, store, user, ct);
        if ((refusal ?? context!.UnlessHost) is { } denied)
        {
            return denied.ToProblem();
        }

        if (request?.Quota is not (>= 0 and <= ConferenceRules.MaxQuota) || request.Quota is not { } quota)
        {
            return Refusal.Invalid("quota", $"Chỉ tiêu khen thưởng từ 0 đến {ConferenceRules.MaxQuota}.").ToProblem();
        }

        await store.SetQuotaAsync(id, organizationId, quota, ct);
        return TypedResults.NoContent();
    }

    private static (DateTimeOffset? StartsAt, string? Place) CheckSchedule(DateTimeOffset? startsAt, string? place, DateTimeOffset now, FieldErrors errors)
    {
        if (startsAt is not { } at || at <= now || at > now.AddYears(3))
        {
            errors.Add("startsAt", "Thời gian hội nghị phải sau thời điểm hiện tại và trong vòng 3 năm (giờ Việt Nam, ví dụ 2026-10-28T08:00:00+07:00).");
        }

        var text = ConferenceRules.Text(place, ConferenceRules.MaxPlace, multiline: true);
        if (text is null)
        {
            errors.Add("place", $"Nhập địa điểm hội nghị (tối đa {ConferenceRules.MaxPlace} ký tự).");
        }

        return (startsAt, text);
    }

    private static List<ConferenceParticipant> CheckParticipants(IReadOnlyList<ParticipantRequest?>? asked, FieldErrors errors)
    {
        var participants = new List<ConferenceParticipant>();
        if (asked is { Count: > ConferenceRules.MaxParticipants })
        {
            errors.Add("participants", $"Tối đa {ConferenceRules.MaxParticipants} thành phần được mời.");
            return participants;
        }

        for (var i = 0; i < (asked?.Count ?? 0); i++)
        {
            var p = asked![i];
            var name = ConferenceRules.Text(p?.Name, ConferenceRules.MaxName);
            var role = p?.Role is null ? null : ConferenceRules.Text(p.Role, ConferenceRules.MaxName);
            var email = p?.Email is null ? null : ConferenceRules.Email(p.Email);
            if (name is null || (p!.Role is not null && role is null) || (p.Email is not null && email is null))
            {
                errors.Add($"participants[{i}]", $"Mỗi thành phần có tên (tối đa {ConferenceRules.MaxName} ký tự), có thể kèm chức vụ và địa chỉ thư điện tử hợp lệ.");
                continue;
            }

            participants.Add(new ConferenceParticipant(name, role, email));
        }

        return participants;
    }

    /// <summary>
    /// The invited organizations as the host names them. Their ids are not checked against registration here: see
    /// docs/reporting.md (Review conferences) for why and what a wrong id costs.
    /// </summary>
    private static List<InviteeRow> CheckInvitees(IReadOnlyList<InviteeRequest?>? asked, string field, bool allowEmpty, FieldErrors errors)
    {
        var invitees = new List<InviteeRow>();
        if (asked is null || asked.Count > ConferenceRules.MaxOrganizations || (!allowEmpty && asked.Count == 0))
        {
            if (asked is not null || !allowEmpty)
            {
                errors.Add(field, $"Nêu từ {(allowEmpty ? 0 : 1)} đến {ConferenceRules.MaxOrganizations} đơn vị được mời.");
            }

            return invitees;
        }

        for (var i = 0; i < asked.Count; i++)
        {
            var o = asked[i];
            var name = ConferenceRules.Text(o?.Name, ConferenceRules.MaxName);
            if (o?.OrganizationId is not { } org || org == Guid.Empty || name is null || o.Quota is < 0 or > ConferenceRules.MaxQuota)
            {
                errors.Add($"{field}[{i}]", $"Mỗi đơn vị có mã (organizationId), tên và chỉ tiêu khen thưởng từ 0 đến {ConferenceRules.MaxQuota}.");
                continue;
            }

            if (invitees.Any(x => x.OrganizationId == org))
            {
                errors.Add($"{field}[{i}]", "Đơn vị này đã có trong danh sách.");
                continue;
            }

            invitees.Add(new InviteeRow(org, name, o.Quota ?? 0));
        }

        return invitees;
    }
}

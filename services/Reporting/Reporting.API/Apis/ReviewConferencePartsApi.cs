using DoanKetSangTao.Domain;
using DoanKetSangTao.Files;
using DoanKetSangTao.Reporting.API.Domain.ReviewConferences;
using DoanKetSangTao.Reporting.API.Infrastructure;
using DoanKetSangTao.Reporting.API.Workers;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace DoanKetSangTao.Reporting.API.Apis;

/// <summary>
/// What the invitees bring to a review conference: contributions (tham luận: the host assigns a topic, a page limit and
/// a due date to an invited organization, whose officers send the files), exhibits (hiện vật trưng bày, entered by the
/// invited organization), and commendation proposals within the host's quota, which the host forwards to awards once.
/// </summary>
public static class ReviewConferencePartsApi
{
    public static RouteGroupBuilder MapReviewConferencePartsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/{id:guid}/contributions", Assign);
        api.MapPost("/{id:guid}/contributions/{contributionId:guid}/files", Upload).DisableAntiforgery().Accepts<IFormCollection>("multipart/form-data");
        api.MapGet("/{id:guid}/contributions/{contributionId:guid}/files/{fileId:guid}", Download);
        api.MapPost("/{id:guid}/exhibits", AddExhibit);
        api.MapDelete("/{id:guid}/exhibits/{exhibitId:guid}", RemoveExhibit);
        api.MapPost("/{id:guid}/nominees", Propose);
        api.MapDelete("/{id:guid}/nominees/{nomineeId:guid}", Withdraw);
        api.MapPost("/{id:guid}/commendations/forward", Forward);
        return api;
    }

    /// <summary>Giao tham luận: to an invited organization, with its topic, page limit and due day (Vietnam), not after the conference's day.</summary>
    public static async Task<Results<Created<ContributionResponse>, ProblemHttpResult>> Assign(
        Guid id, ContributionRequest? request, ReviewConferenceStore store, ReviewConferencePartsStore parts, ConferenceReminderSignal reminders,
        TimeProvider clock, CurrentUser user, CancellationToken ct)
    {
        var (context, refusal) = await ConferenceContext.ResolveAsync(id, store, user, ct);
        if ((refusal ?? context!.UnlessHost) is { } denied)
        {
            return denied.ToProblem();
        }

        var now = clock.GetUtcNow();
        var errors = new FieldErrors();
        if (request?.OrganizationId is not { } organization || organization == Guid.Empty)
        {
            errors.Add("organizationId", "Chọn đơn vị được giao tham luận.");
        }

        var topic = ConferenceRules.Text(request?.Topic, ConferenceRules.MaxTopic, multiline: true);
        if (topic is null)
        {
            errors.Add("topic", $"Nhập chủ đề, nội dung gợi ý của tham luận (tối đa {ConferenceRules.MaxTopic} ký tự).");
        }

        if (request?.PageLimit is not (> 0 and <= ConferenceRules.MaxPageLimit))
        {
            errors.Add("pageLimit", $"Số trang tối đa của tham luận từ 1 đến {ConferenceRules.MaxPageLimit} (ví dụ 3 trang A4).");
        }

        var conferenceDay = ConferenceRules.Today(context!.Conference.StartsAtUtc);
        if (request?.DueOn is not { } due || due < ConferenceRules.Today(now) || due > conferenceDay)
        {
            errors.Add("dueOn", $"Hạn gửi tham luận từ hôm nay đến ngày hội nghị ({conferenceDay:dd/MM/yyyy}), dạng yyyy-MM-dd.");
        }

        if (errors.ToRefusal() is { } invalid)
        {
            return invalid.ToProblem();
        }

        var contributionId = await parts.AssignAsync(id, request!.OrganizationId!.Value, topic!, request.PageLimit!.Value, request.DueOn!.Value, now, ct);
        reminders.Wake();
        var row = (await parts.ContributionsAsync(id, request.OrganizationId, ct)).Single(c => c.Id == contributionId);
        return TypedResults.Created($"/api/v1/reports/review-conferences/{id}/contributions/{contributionId}", ConferenceResponses.Contribution(row, [], now));
    }

    /// <summary>
    /// Gửi tệp tham luận (multipart/form-data: <c>file</c>): only the assigned organization's officers; checked by its
    /// content, limited in size, hashed and stored before it is listed. The first file is the submission.
    /// </summary>
    public static async Task<Results<Created<FileResponse>, ProblemHttpResult>> Upload(
        Guid id, Guid contributionId, HttpRequest http, ReviewConferenceStore store, ReviewConferencePartsStore parts, IFileStore files,
        IOptions<FileUploadOptions> options, TimeProvider clock, CurrentUser user, CancellationToken ct)
    {
        // Who may send comes before what was sent: a stranger's upload is refused before it is read.
        var (context, refusal) = await ConferenceContext.ResolveAsync(id, store, user, ct);
        if ((refusal ?? context!.UnlessInvitee) is { } denied)
        {
            return denied.ToProblem();
        }

        if (!(await parts.ContributionsAsync(id, context!.Organization, ct)).Any(c => c.Id == contributionId))
        {
            return ConferenceRefusals.ContributionNotFound.ToProblem();
        }

        var form = await MultipartForm.ReadAsync(http, ct);
        if (form.Files.Count != 1 || form.Files[0] is not { } file)
        {
            return Refusal.Invalid("file", "Vui lòng chọn đúng một tệp tham luận để gửi.").ToProblem();
        }

        await using var received = await FileIntake.ReceiveAsync(file.OpenReadStream(), file.FileName, options.Value.MaxBytes, ct);
        var storageKey = await files.SaveAsync(received, ct);
        var row = await parts.AddFileAsync(id, contributionId, context.Organization!.Value,
            new ContributionFileRow(Guid.CreateVersion7(), contributionId, received.FileName, received.MediaType, received.Size, received.Sha256, storageKey, default),
            user.Id, clock.GetUtcNow(), ct);
        return TypedResults.Created($"/api/v1/reports/review-conferences/{id}/contributions/{contributionId}/files/{row.Id}", ConferenceResponses.File(row));
    }

    /// <summary>Tải tệp tham luận: the host, and the assigned organization's officers; a download, never rendered inline.</summary>
    public static async Task<IResult> Download(
        Guid id, Guid contributionId, Guid fileId, ReviewConferenceStore store, ReviewConferencePartsStore parts, IFileStore files, CurrentUser user,
        CancellationToken ct)
    {
        var (context, refusal) = await ConferenceContext.ResolveAsync(id, store, user, ct);
        if (context is null)
        {
            return refusal!.ToProblem();
        }

        var (contribution, file) = await parts.FindFileAsync(id, contributionId, fileId, ct);
        if (contribution is null || (context.OwnPartsOf is { } own && contribution.OrganizationId != own))
        {
            return ConferenceRefusals.ContributionNotFound.ToProblem();
        }

        if (file is null || await files.OpenReadAsync(file.StorageKey, ct) is not { } content)
        {
            return ConferenceRefusals.FileNotFound.ToProblem();
        }

        return FileDownload.Result(content, file.MediaType, file.FileName);
    }

    /// <summary>Hiện vật, sản phẩm trưng bày: entered by the invited organization's officers for their organization.</summary>
    public static async Task<Results<Created<ExhibitResponse>, ProblemHttpResult>> AddExhibit(
        Guid id, ExhibitRequest? request, ReviewConferenceStore store, ReviewConferencePartsStore parts, TimeProvider clock, CurrentUser user, CancellationToken ct)
    {
        var (context, refusal) = await ConferenceContext.ResolveAsync(id, store, user, ct);
        if ((refusal ?? context!.UnlessInvitee) is { } denied)
        {
            return denied.ToProblem();
        }

        var errors = new FieldErrors();
        var name = ConferenceRules.Text(request?.Name, ConferenceRules.MaxName);
        if (name is null)
        {
            errors.Add("name", $"Nhập tên hiện vật, sản phẩm trưng bày (tối đa {ConferenceRules.MaxName} ký tự).");
        }

        var description = request?.Description is null ? null : ConferenceRules.Text(request.Description, ConferenceRules.MaxDescription, multiline: true);
        if (request?.Description is not null && description is null)
        {
            errors.Add("description", $"Mô tả tối đa {ConferenceRules.MaxDescription} ký tự.");
        }

        if (request?.Quantity is not (> 0 and <= ConferenceRules.MaxQuantity))
        {
            errors.Add("quantity", $"Số lượng từ 1 đến {ConferenceRules.MaxQuantity}.");
        }

        if (errors.ToRefusal() is { } invalid)
        {
            return invalid.ToProblem();
        }

        var organization = context!.Organization!.Value;
        var exhibitId = await parts.AddExhibitAsync(id, organization, name!, description, request!.Quantity!.Value, user.Id, clock.GetUtcNow(), ct);
        var row = (await parts.ExhibitsAsync(id, organization, ct)).Single(e => e.Id == exhibitId);
        return TypedResults.Created($"/api/v1/reports/review-conferences/{id}/exhibits/{exhibitId}", ConferenceResponses.Exhibit(row));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveExhibit(
        Guid id, Guid exhibitId, ReviewConferenceStore store, ReviewConferencePartsStore parts, CurrentUser user, CancellationToken ct)
    {
        var (context, refusal) = await ConferenceContext.ResolveAsync(id, store, user, ct);
        if ((refusal ?? context!.UnlessInvitee) is { } denied)
        {
            return denied.ToProblem();
        }

        await parts.RemoveExhibitAsync(id, context!.Organization!.Value, exhibitId, ct);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Đề nghị khen thưởng: an invited organization's officer names an individual or collective (name, position and unit,
    /// achievement), up to the quota the host set; the area defaults to the officer's own.
    /// </summary>
    public static async Task<Results<Created<NomineeResponse>, ProblemHttpResult>> Propose(
        Guid id, NomineeRequest? request, ReviewConferenceStore store, ReviewConferencePartsStore parts, TimeProvider clock, CurrentUser user, CancellationToken ct)
    {
        var (context, refusal) = await ConferenceContext.ResolveAsync(id, store, user, ct);
        if ((refusal ?? context!.UnlessInvitee) is { } denied)
        {
            return denied.ToProblem();
        }

        var errors = new FieldErrors();
        if (!NomineeKinds.IsKnown(request?.Kind))
        {
            errors.Add("kind", "Loại đề nghị là individual (cá nhân) hoặc collective (tập thể).");
        }

        var fullName = ConferenceRules.Text(request?.FullName, ConferenceRules.MaxName);
        if (fullName is null)
        {
            errors.Add("fullName", $"Nhập họ tên cá nhân hoặc tên tập thể (tối đa {ConferenceRules.MaxName} ký tự).");
        }

        var position = Optional(request?.Position, "position", errors);
        var unitName = Optional(request?.UnitName, "unitName", errors);
        var achievement = ConferenceRules.Text(request?.Achievement, ConferenceRules.MaxAchievement, multiline: true);
        if (achievement is null)
        {
            errors.Add("achievement", $"Nêu thành tích, mô hình tiêu biểu được đề nghị khen thưởng (tối đa {ConferenceRules.MaxAchievement} ký tự).");
        }

        var province = request?.ProvinceCode ?? user.Scope?.ProvinceCode ?? context!.Conference.HostProvince;
        var commune = request?.ProvinceCode is not null ? request.CommuneCode : request?.CommuneCode ?? user.Scope?.CommuneCode;
        if (province is not { Length: 2 } || !province.All(char.IsAsciiDigit) || (commune is not null && (commune.Length != 5 || !commune.All(char.IsAsciiDigit))))
        {
            errors.Add("provinceCode", "Nêu địa bàn của người/tập thể được đề nghị: mã tỉnh 2 chữ số, mã xã 5 chữ số (nếu có).");
        }

        if (errors.ToRefusal() is { } invalid)
        {
            return invalid.ToProblem();
        }

        var organization = context!.Organization!.Value;
        var nominee = new NomineeRow(Guid.Empty, organization, "", request!.Kind!, fullName!, position, unitName, achievement!, province!, commune, default);
        var nomineeId = await parts.ProposeAsync(id, organization, nominee, user.Id, clock.GetUtcNow(), ct);
        var row = (await parts.NomineesAsync(id, organization, ct)).Single(n => n.Id == nomineeId);
        return TypedResults.Created($"/api/v1/reports/review-conferences/{id}/nominees/{nomineeId}", ConferenceResponses.Nominee(row));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Withdraw(
        Guid id, Guid nomineeId, ReviewConferenceStore store, ReviewConferencePartsStore parts, CurrentUser user, CancellationToken ct)
    {
        var (context, refusal) = await ConferenceContext.ResolveAsync(id, store, user, ct);
        if ((refusal ?? context!.UnlessInvitee) is { } denied)
        {
            return denied.ToProblem();
        }

        await parts.WithdrawAsync(id, context!.Organization!.Value, nomineeId, ct);
        return TypedResults.NoContent();
    }

    /// <summary>Chuyển đề nghị khen thưởng sang khen thưởng: the host, once; awards files them as proposals of the host's committee.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Forward(
        Guid id, ReviewConferenceStore store, ReviewConferencePartsStore parts, TimeProvider clock, CurrentUser user, CancellationToken ct)
    {
        var (context, refusal) = await ConferenceContext.ResolveAsync(id, store, user, ct);
        if ((refusal ?? context!.UnlessHost) is { } denied)
        {
            return denied.ToProblem();
        }

        await parts.ForwardAsync(id, user.Id, clock.GetUtcNow(), ct);
        return TypedResults.NoContent();
    }

    private static string? Optional(string? value, string field, FieldErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        var text = ConferenceRules.Text(value, ConferenceRules.MaxName);
        if (text is null)
        {
            errors.Add(field, $"Tối đa {ConferenceRules.MaxName} ký tự.");
        }

        return text;
    }
}

using DoanKetSangTao.Domain;
using DoanKetSangTao.Notification.API.Channels;
using DoanKetSangTao.Notification.API.Domain;
using DoanKetSangTao.Notification.API.Domain.Templates;
using DoanKetSangTao.Notification.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Notification.API.Apis;

/// <summary>
/// Mẫu thông báo, <c>/api/v1/notification-templates</c>: operators reword each kind's template per channel without a
/// release. Every save is a new version (the newest is in force); a rollback adds a version equal to an older one.
/// </summary>
public static class TemplatesApi
{
    public static RouteGroupBuilder MapTemplatesApi(this IEndpointRouteBuilder app)
    {
        // Templates word what every person is told: only the platform's operators change or even read them.
        var api = app.MapGroup("/api/v1/notification-templates").WithTags("Mẫu thông báo (notification templates)")
            .RequireRoles(PlatformRoles.Operator);
        api.MapGet("/", ListTemplates);
        api.MapGet("/{kind}/{channel}", GetTemplate);
        api.MapPut("/{kind}/{channel}", SaveTemplate);
        api.MapPost("/{kind}/{channel}/preview", PreviewTemplate);
        api.MapPost("/{kind}/{channel}/test-send", TestSend);
        api.MapPost("/{kind}/{channel}/rollback", RollbackTemplate);
        return api;
    }

    /// <summary>Các loại thông báo, mỗi loại với các kênh có mẫu và phiên bản đang dùng (0 là mẫu mặc định).</summary>
    public static async Task<Ok<List<TemplateKindSummary>>> ListTemplates(TemplateStore store, CancellationToken ct)
    {
        var inForce = (await store.InForceAsync(ct)).ToDictionary(r => (r.Kind, r.Channel));
        return TypedResults.Ok(NotificationKinds.All.Select(kind => new TemplateKindSummary(kind.Code, kind.Name, kind.Category,
            NotificationCategories.NameOf(kind.Category), TemplateRules.ChannelsOf(kind).Select(channel =>
                inForce.TryGetValue((kind.Code, channel), out var row)
                    ? new TemplateChannelSummary(channel, NotificationChannels.NameOf(channel), row.Version, row.CreatedAt, row.AuthorName ?? row.AuthorId,
                        ZaloTemplates.NeedsProviderTemplateId(channel, row.TextOr(kind.Defaults[channel])))
                    : new TemplateChannelSummary(channel, NotificationChannels.NameOf(channel), 0, null, null,
                        ZaloTemplates.NeedsProviderTemplateId(channel, kind.Defaults[channel]))).ToList())).ToList());
    }

    /// <summary>Một mẫu: phiên bản đang dùng, lịch sử phiên bản (mới nhất trước, mẫu mặc định cuối), các tham số và giới hạn của kênh.</summary>
    public static async Task<Results<Ok<TemplateResponse>, ProblemHttpResult>> GetTemplate(string kind, string channel, TemplateStore store, CancellationToken ct)
    {
        if (TemplateRules.FindTemplated(kind, channel) is not { } found)
        {
            return TemplateRefusals.NotFound.ToProblem();
        }

        var shipped = found.Defaults[channel];
        var versions = (await store.HistoryAsync(kind, channel, ct)).Select(r => ToResponse(r, shipped))
            .Append(DefaultVersion(shipped)).ToList();
        return TypedResults.Ok(new TemplateResponse(found.Code, found.Name, channel, NotificationChannels.NameOf(channel), versions[0].Version, versions[0],
            versions, found.Placeholders.Select(p => new PlaceholderResponse(p.Name, p.Sample, p.Description))
                .Concat(found.Placeholders.Any(p => p.Name == TemplateRules.RecipientName) ? []
                    : [new PlaceholderResponse(TemplateRules.RecipientName, TemplateRules.SampleValues(found)[TemplateRules.RecipientName], "Người nhận")])
                .ToList(),
            LimitsOf(channel), ZaloTemplates.NeedsProviderTemplateId(channel, new TemplateText(versions[0].Subject, versions[0].Body, versions[0].ProviderTemplateId))));
    }

    /// <summary>
    /// Lưu phiên bản mới của mẫu: kiểm tra cú pháp, tham số và giới hạn của kênh (với dữ liệu mẫu) rồi áp dụng ngay cho
    /// thông báo kế tiếp. 201 khi thêm phiên bản; 200 khi nội dung đã đang được dùng (không thêm gì).
    /// </summary>
    public static async Task<Results<Created<TemplateVersionResponse>, Ok<TemplateVersionResponse>, ProblemHttpResult>> SaveTemplate(
        string kind, string channel, SaveTemplateRequest request, TemplateStore store, CurrentUser user, CancellationToken ct)
    {
        if (TemplateRules.FindTemplated(kind, channel) is not { } found)
        {
            return TemplateRefusals.NotFound.ToProblem();
        }

        var (text, invalid) = TemplateRules.Normalize(channel, request.Subject, request.Body, request.ProviderTemplateId);
        if (invalid is not null)
        {
            return invalid.ToProblem();
        }

        if (NoteOf(request.Note) is not { } note)
        {
            return NoteRefusal.ToProblem();
        }

        var check = await TemplateRules.CheckAsync(found, channel, text!);
        if (check.Refusal is not null)
        {
            return check.Refusal.ToProblem();
        }

        return await SaveAsync(store, found, channel, new NewTemplateVersion(text, null, user.Id, user.Name, note.Length == 0 ? null : note), request.BaseVersion, ct);
    }

    /// <summary>
    /// Khôi phục phiên bản cũ: thêm một phiên bản mới có nội dung của phiên bản đã chọn (0 là mẫu mặc định), lịch sử
    /// không bị sửa. Phiên bản được khôi phục phải còn hợp lệ với tham số hiện nay của loại thông báo.
    /// </summary>
    public static async Task<Results<Created<TemplateVersionResponse>, Ok<TemplateVersionResponse>, ProblemHttpResult>> RollbackTemplate(
        string kind, string channel, RollbackTemplateRequest request, TemplateStore store, CurrentUser user, CancellationToken ct)
    {
        if (TemplateRules.FindTemplated(kind, channel) is not { } found)
        {
            return TemplateRefusals.NotFound.ToProblem();
        }

        if (request.Version is not { } target || target < 0)
        {
            return Refusal.Invalid("version", "Vui lòng chọn phiên bản cần khôi phục (0 là mẫu mặc định).").ToProblem();
        }

        if (NoteOf(request.Note) is not { } note)
        {
            return NoteRefusal.ToProblem();
        }

        var shipped = found.Defaults[channel];
        TemplateText? text = null;
        if (target > 0)
        {
            if (await store.FindAsync(kind, channel, target, ct) is not { } row)
            {
                return TemplateRefusals.VersionNotFound.ToProblem();
            }

            if (!row.UsesDefault)
            {
                // Placeholders change between releases: an old version is checked again before it is in force.
                text = row.TextOr(shipped);
                if ((await TemplateRules.CheckAsync(found, channel, text)).Refusal is { } refusal)
                {
                    return refusal.ToProblem();
                }
            }
        }

        return await SaveAsync(store, found, channel,
            new NewTemplateVersion(text, target, user.Id, user.Name, note.Length == 0 ? $"Khôi phục phiên bản {target}" : note), null, ct);
    }

    /// <summary>
    /// Xem trước: hiển thị mẫu đề xuất (hoặc mẫu đang dùng khi không gửi nội dung) với dữ liệu mẫu hoặc giá trị đã cho,
    /// đúng như kênh sẽ gửi. Không thay đổi gì.
    /// </summary>
    public static async Task<Results<Ok<PreviewResponse>, ProblemHttpResult>> PreviewTemplate(
        string kind, string channel, PreviewTemplateRequest request, TemplateStore store, CancellationToken ct)
    {
        if (TemplateRules.FindTemplated(kind, channel) is not { } found)
        {
            return TemplateRefusals.NotFound.ToProblem();
        }

        var (values, badValues) = TemplateRules.ValuesFor(found, request.Values);
        if (badValues is not null)
        {
            return badValues.ToProblem();
        }

        int? version = null;
        CompiledTemplate template;
        if (request.Body is null && request.Subject is null && request.ProviderTemplateId is null)
        {
            (version, template) = await InForceAsync(store, found, channel, ct);
        }
        else
        {
            var (text, invalid) = TemplateRules.Normalize(channel, request.Subject, request.Body, request.ProviderTemplateId);
            if (invalid is not null)
            {
                return invalid.ToProblem();
            }

            var check = await TemplateRules.CheckAsync(found, channel, text!);
            if (check.Refusal is not null)
            {
                return check.Refusal.ToProblem();
            }

            template = check.Template!;
        }

        RenderedMessage message;
        try
        {
            message = await template.RenderAsync(values!);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return TemplateRefusals.From([new TemplateProblem(TemplateRefusals.RenderFailed, "values",
                $"Không hiển thị được mẫu với các giá trị đã cho ({ex.Message}).")])!.ToProblem();
        }

        return TypedResults.Ok(new PreviewResponse(version, message.Subject, message.Body, message.ProviderTemplateId, message.Parameters, values!));
    }

    /// <summary>
    /// Gửi thử mẫu đang dùng: một tin qua kênh này tới địa chỉ đã cho (thư điện tử, số điện thoại), gửi thật qua hàng đợi
    /// của kênh; với kênh trên ứng dụng, vào hộp thư của chính người vận hành.
    /// </summary>
    public static async Task<Results<Accepted<TestSendResponse>, ProblemHttpResult>> TestSend(
        string kind, string channel, TestSendRequest request, TemplateStore store, TemplateRenderer renderer,
        IEnumerable<IDeliveryChannel> channels, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        if (TemplateRules.FindTemplated(kind, channel) is not { } found)
        {
            return TemplateRefusals.NotFound.ToProblem();
        }

        var (values, badValues) = TemplateRules.ValuesFor(found, request.Values);
        if (badValues is not null)
        {
            return badValues.ToProblem();
        }

        var version = await store.ActiveVersionAsync(kind, channel, ct);
        if (channel == NotificationChannels.InApp)
        {
            var message = await renderer.RenderAsync(kind, channel, values!, ct);
            var id = await store.FileTestNoticeAsync(user.Id, kind, message, found.Name, ct);
            return TypedResults.Accepted((string?)null, new TestSendResponse(channel, null, version, id));
        }

        if (TestAddress.Normalize(channel, request.Address) is not { } address)
        {
            return TemplateRefusals.AddressInvalid(channel).ToProblem();
        }

        if (!channels.Any(c => c.Channel == channel))
        {
            return TemplateRefusals.ChannelNotConfigured.ToProblem();
        }

        if (channel == NotificationChannels.Zalo && ZaloTemplates.NeedsProviderTemplateId(channel, (await InForceAsync(store, found, channel, ct)).Template.Text))
        {
            return TemplateRefusals.ZaloTemplateIdMissing.ToProblem();
        }

        // The sender renders the template in force when it sends, as it does every delivery.
        var contact = channel == NotificationChannels.Email ? new Contact(Email: address) : new Contact(Phone: address);
        var notice = new Notice(kind, user.Id, values![TemplateRules.RecipientName], contact, null, values);
        await store.QueueTestAsync(notice, new ChannelStep(channel, address, clock.GetUtcNow()), ct);
        return TypedResults.Accepted((string?)null, new TestSendResponse(channel, address, version, null));
    }

    private static readonly Refusal NoteRefusal = Refusal.Invalid("note", $"Ghi chú tối đa {TemplateLimits.NoteMax} ký tự, không chứa ký tự điều khiển.");

    /// <summary>The note as stored ("" when none), or null when it is not acceptable.</summary>
    private static string? NoteOf(string? note) =>
        note is null ? string.Empty : VietnameseText.TryNormalize(note) is { Length: <= TemplateLimits.NoteMax } text ? text : null;

    private static async Task<Results<Created<TemplateVersionResponse>, Ok<TemplateVersionResponse>, ProblemHttpResult>> SaveAsync(
        TemplateStore store, NotificationKind kind, string channel, NewTemplateVersion next, int? baseVersion, CancellationToken ct)
    {
        var shipped = kind.Defaults[channel];
        var saved = await store.AddAsync(kind.Code, channel, shipped, next, baseVersion, ct);
        if (saved.Conflict)
        {
            return TemplateRefusals.VersionConflict(saved.Version).ToProblem();
        }

        var row = saved.Version == 0 ? null : await store.FindAsync(kind.Code, channel, saved.Version, ct);
        var response = row is null ? DefaultVersion(shipped) : ToResponse(row, shipped);
        return saved.Created
            ? TypedResults.Created($"/api/v1/notification-templates/{kind.Code}/{channel}", response)
            : TypedResults.Ok(response);
    }

    private static async Task<(int Version, CompiledTemplate Template)> InForceAsync(TemplateStore store, NotificationKind kind, string channel, CancellationToken ct)
    {
        var shipped = kind.Defaults[channel];
        var version = await store.ActiveVersionAsync(kind.Code, channel, ct);
        var row = version == 0 ? null : await store.FindAsync(kind.Code, channel, version, ct);
        var text = row?.TextOr(shipped) ?? shipped;
        return (version, CompiledTemplate.Parse(channel, text).Template
            ?? throw new InvalidOperationException($"Version {version} of {kind.Code} on {channel} does not parse."));
    }

    private static TemplateVersionResponse ToResponse(TemplateVersionRow row, TemplateText shipped)
    {
        var text = row.TextOr(shipped);
        return new TemplateVersionResponse(row.Version, row.UsesDefault, text.Subject, text.Body, text.ProviderTemplateId, row.RestoredFrom,
            row.AuthorId, row.AuthorName, row.Note, row.CreatedAt);
    }

    private static TemplateVersionResponse DefaultVersion(TemplateText shipped) =>
        new(0, true, shipped.Subject, shipped.Body, shipped.ProviderTemplateId, null, null, null, "Mẫu mặc định", null);

    private static TemplateLimitsResponse LimitsOf(string channel) => new(
        TemplateLimits.HasSubject(channel),
        TemplateLimits.HasSubject(channel) ? TemplateLimits.SubjectMax : null,
        TemplateLimits.BodyMax(channel),
        channel == NotificationChannels.Zalo,
        channel == NotificationChannels.Sms,
        channel == NotificationChannels.Zalo ? ZaloParameters.Types.Select(t => new ZaloParameterTypeResponse(t.Code, t.Name, t.MaxLength)).ToList() : null);
}

using DoanKetSangTao.Appraisal.API.Domain;
using DoanKetSangTao.Appraisal.API.Infrastructure;
using DoanKetSangTao.Domain;
using DoanKetSangTao.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Appraisal.API.Apis;

/// <summary>
/// Thành viên hội đồng (<c>/api/v1/councils/{id}/members</c>): membership changes are new tenures, recorded with their
/// reason, by the council's secretary or chair or the Front officers overseeing it.
/// </summary>
public static class CouncilMembershipApi
{
    private const string InvalidChange = "Thay đổi thành viên hội đồng chưa hợp lệ. Vui lòng sửa các mục được nêu.";

    public static RouteGroupBuilder MapCouncilMembershipApi(this IEndpointRouteBuilder app)
    {
        var api = AppraisalRoutes.Councils(app);
        api.MapPost("/{id:guid}/members", AddMember);
        api.MapPut("/{id:guid}/members/{personId:guid}/role", ChangeRole);
        api.MapPost("/{id:guid}/members/{personId:guid}/leave", Leave);
        return api;
    }

    /// <summary>Bổ sung thành viên hội đồng: một nhiệm kỳ mới từ bây giờ, ghi kèm lý do.</summary>
    public static async Task<Results<Ok<CouncilResponse>, ProblemHttpResult>> AddMember(Guid id, MemberRequest request, [AsParameters] AppraisalServices s,
        CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow();
        await using var db = await s.Db.BeginAsync(ct);
        if (await CouncilStore.LockAsync(db, id, ct) is not { } council)
        {
            return CouncilAccess.NotFound.ToProblem();
        }

        if (council.AccessOf(s.User, now).RefuseRun(orOverseer: true) is { } refusal)
        {
            return refusal.ToProblem();
        }

        var errors = new FieldErrors();
        var personId = council.Tenures.FirstOrDefault(t => t.UserId == request.UserId)?.PersonId ?? Guid.NewGuid();
        var tenure = ToTenure(request, personId, now, errors, "member");
        if (council.Tenures.Any(t => t.UserId == tenure.UserId && t.LeftAt is null))
        {
            return Refusal.Conflict("member_exists", $"{tenure.FullName} đang là thành viên hội đồng; muốn đổi vai trò, vui lòng dùng chức năng đổi vai trò.").ToProblem();
        }

        if (Refuse(errors, After(council, [.. council.Tenures, tenure]), InvalidChange) is { } invalid)
        {
            return invalid.ToProblem();
        }

        await MembershipStore.AddTenureAsync(db, id, tenure, s.Actor, now, ct);
        await AuditTrail.RecordAsync(db, id, null, "member_added", s.Actor, new { tenure.PersonId, tenure.UserId, tenure.FullName, tenure.Role, tenure.ChangeReason }, now, ct);
        await db.CommitAsync(ct);
        return TypedResults.Ok(await CouncilsApi.ReloadAsync(db, id, ct));
    }

    /// <summary>Đổi vai trò thành viên: nhiệm kỳ hiện tại kết thúc và nhiệm kỳ mới bắt đầu, nên các việc đã làm giữ vai trò lúc làm.</summary>
    public static async Task<Results<Ok<CouncilResponse>, ProblemHttpResult>> ChangeRole(Guid id, Guid personId, ChangeRoleRequest request,
        [AsParameters] AppraisalServices s, CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow();
        await using var db = await s.Db.BeginAsync(ct);
        if (await CouncilStore.LockAsync(db, id, ct) is not { } council)
        {
            return CouncilAccess.NotFound.ToProblem();
        }

        if (council.AccessOf(s.User, now).RefuseRun(orOverseer: true) is { } refusal)
        {
            return refusal.ToProblem();
        }

        if (CurrentTenure(council, personId) is not { } current)
        {
            return MemberNotFound.ToProblem();
        }

        var errors = new FieldErrors();
        var next = ToTenure(new MemberRequest(current.UserId, current.FullName, current.Email, request.Role, current.OrganizationId, request.Reason),
            personId, now, errors, "member");
        RequireReason(request.Reason, errors);
        var closed = Copy(current, leftAt: now.UtcDateTime);
        if (Refuse(errors, After(council, [.. council.Tenures.Where(t => t.Id != current.Id), closed, next]), InvalidChange) is { } invalid)
        {
            return invalid.ToProblem();
        }

        await MembershipStore.EndTenureAsync(db, current.Id, next.ChangeReason, now, ct);
        await MembershipStore.AddTenureAsync(db, id, next, s.Actor, now, ct);
        await AuditTrail.RecordAsync(db, id, null, "member_role_changed", s.Actor, new { personId, current.FullName, From = current.Role, To = next.Role, next.ChangeReason }, now, ct);
        await db.CommitAsync(ct);
        return TypedResults.Ok(await CouncilsApi.ReloadAsync(db, id, ct));
    }

    /// <summary>Thôi tham gia hội đồng: nhiệm kỳ kết thúc; các phân công chưa nộp phiếu chấm được rút lại.</summary>
    public static async Task<Results<Ok<CouncilResponse>, ProblemHttpResult>> Leave(Guid id, Guid personId, LeaveRequest request, [AsParameters] AppraisalServices s,
        CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow();
        await using var db = await s.Db.BeginAsync(ct);
        if (await CouncilStore.LockAsync(db, id, ct) is not { } council)
        {
            return CouncilAccess.NotFound.ToProblem();
        }

        if (council.AccessOf(s.User, now).RefuseRun(orOverseer: true) is { } refusal)
        {
            return refusal.ToProblem();
        }

        if (CurrentTenure(council, personId) is not { } current)
        {
            return MemberNotFound.ToProblem();
        }

        var errors = new FieldErrors();
        RequireReason(request.Reason, errors);
        if (errors.ToRefusal("Thông tin thay đổi thành viên chưa hợp lệ.") is { } invalid)
        {
            return invalid.ToProblem();
        }

        var reason = VietnameseText.TryNormalize(request.Reason);
        await MembershipStore.LeaveAsync(db, id, current, reason, now, ct);
        await AuditTrail.RecordAsync(db, id, null, "member_left", s.Actor, new { personId, current.FullName, current.Role, Reason = reason }, now, ct);
        await db.CommitAsync(ct);
        return TypedResults.Ok(await CouncilsApi.ReloadAsync(db, id, ct));
    }

    private static Refusal MemberNotFound => Refusal.NotFound("member_not_found", "Không tìm thấy thành viên đương nhiệm này trong hội đồng.");

    private static MemberRow? CurrentTenure(CouncilState council, Guid personId) =>
        council.Tenures.FirstOrDefault(t => t.PersonId == personId && t.LeftAt is null);

    private static AppraisalCouncil After(CouncilState council, IReadOnlyList<MemberRow> tenures) =>
        council.Council with { Members = tenures.Select(t => t.ToDomain()).ToList() };

    /// <summary>
    /// The refusal of a membership as it would be after a change (or at its founding): the request's field errors, with the
    /// council's composition rules' errors in place of any on the same field; null when nothing breaks a rule.
    /// </summary>
    internal static Refusal? Refuse(FieldErrors errors, AppraisalCouncil after, string message)
    {
        var all = new Dictionary<string, string[]>(errors.ByField, StringComparer.Ordinal);
        foreach (var (field, messages) in after.Validate().ByField)
        {
            all[field] = messages;
        }

        return all.Count > 0 ? Refusal.Invalid(all, message) : null;
    }

    private static void RequireReason(string? reason, FieldErrors errors)
    {
        if (VietnameseText.TryNormalize(reason) is not { Length: > 0 and <= 1000 })
        {
            errors.Add("reason", "Vui lòng ghi lý do thay đổi thành viên (tối đa 1000 ký tự), ví dụ số quyết định kiện toàn hội đồng.");
        }
    }

    /// <summary>A tenure from a request, its field errors added to <paramref name="errors"/> under <paramref name="field"/>.</summary>
    internal static MemberRow ToTenure(MemberRequest m, Guid personId, DateTimeOffset now, FieldErrors errors, string field)
    {
        var fullName = VietnameseText.TryNormalize(m.FullName);
        if (fullName is not { Length: > 0 and <= 200 })
        {
            errors.Add($"{field}.fullName", "Vui lòng nhập họ và tên thành viên (tối đa 200 ký tự), bằng chữ tiếng Việt thông thường.");
        }

        var reason = VietnameseText.TryNormalize(m.Reason);
        if (m.Reason is not null && reason is not { Length: <= 1000 })
        {
            errors.Add($"{field}.reason", "Lý do dài tối đa 1000 ký tự, bằng chữ tiếng Việt thông thường.");
        }

        if (m.UserId is not { Length: > 0 and <= 200 } || VietnameseText.TryNormalize(m.UserId) != m.UserId)
        {
            errors.Add($"{field}.userId", "Vui lòng nhập tài khoản đăng nhập của thành viên.");
        }

        if (CouncilCodes.TryRole(m.Role) is null)
        {
            errors.Add($"{field}.role", "Vai trò phải là một trong: chair (Chủ tịch), vice_chair (Phó Chủ tịch), secretary (Thư ký), member (Ủy viên), expert (Chuyên gia).");
        }

        var email = VietnameseText.TryNormalize(m.Email);
        if (m.Email is not null && (email is not { Length: > 2 and <= 254 } || !email.Contains('@', StringComparison.Ordinal) || email.Contains(' ', StringComparison.Ordinal)))
        {
            errors.Add($"{field}.email", "Địa chỉ thư điện tử không hợp lệ.");
        }

        return new MemberRow
        {
            // An unknown role is reported above; "member" stands in so that the other rules can still be checked.
            PersonId = personId, UserId = m.UserId ?? string.Empty, FullName = fullName ?? string.Empty, Email = email,
            Role = CouncilCodes.TryRole(m.Role) is null ? "member" : m.Role!, OrganizationId = m.OrganizationId ?? Guid.Empty, JoinedAt = now.UtcDateTime,
            ChangeReason = reason,
        };
    }

    private static MemberRow Copy(MemberRow t, DateTime leftAt) => new()
    {
        Id = t.Id, PersonId = t.PersonId, UserId = t.UserId, FullName = t.FullName, Email = t.Email, Role = t.Role, OrganizationId = t.OrganizationId,
        JoinedAt = t.JoinedAt, LeftAt = leftAt, ChangeReason = t.ChangeReason,
    };
}

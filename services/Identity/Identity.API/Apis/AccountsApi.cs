using DoanKetSangTao.Identity.API.IntegrationEvents;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Identity.API.Domain;
using DoanKetSangTao.Identity.API.Extensions;
using DoanKetSangTao.Identity.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace DoanKetSangTao.Identity.API.Apis;

/// <summary>
/// Tài khoản và phân công, <c>/api/v1/accounts</c>: delegated administration. A Front officer manages the accounts at and
/// below their unit and grants no role above their own; an operator manages everything; every change is audited.
/// What the actor may do is read from their assignments in force now, not from their token, so an ended assignment
/// stops at once.
/// </summary>
public static class AccountsApi
{
    public const int MaxPageSize = 200;

    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/api/v1/accounts").WithTags("Tài khoản (accounts)")
            .RequireRoles(PlatformRoles.FrontOfficer, PlatformRoles.Operator);
        accounts.MapPost("/", CreateAccount);
        accounts.MapGet("/", ListAccounts);
        accounts.MapGet("/{id:guid}", GetAccount);
        accounts.MapPost("/{id:guid}/assignments", GrantAssignment);
        accounts.MapPost("/{id:guid}/assignments/{assignmentId:guid}/end", EndAssignment);
        accounts.MapGet("/{id:guid}/audit", ListAudit);
        return app;
    }

    /// <summary>Tạo tài khoản với một phân công trong phạm vi của người tạo; người được tạo nhận thư để đặt mật khẩu.</summary>
    public static async Task<Results<Created<AccountResponse>, ProblemHttpResult>> CreateAccount(CreateAccountRequest request, CurrentUser user,
        UserManager<Account> users, IdentityDb db, AccountAudit audit, AccountMessages messages, PersonPrincipals principals, TimeProvider clock, CancellationToken ct)
    {
        var actor = await ActorAsync(user, principals, ct);
        var errors = new FieldErrors();
        var fullName = VietnameseText.TryNormalize(request.FullName);
        if (fullName is not { Length: > 0 and <= 200 })
        {
            errors.Add("fullName", "Vui lòng nhập họ và tên (tối đa 200 ký tự).");
        }

        var email = request.Email?.Trim();
        if (email is null || !System.Net.Mail.MailAddress.TryCreate(email, out _) || email.Length > 254)
        {
            errors.Add("email", "Vui lòng nhập địa chỉ thư điện tử hợp lệ: người được tạo nhận thư để đặt mật khẩu.");
        }

        if (request.PhoneNumber?.Trim() is { Length: > 0 } phone && (phone.Length > 20 || !phone.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '.' or '-')))
        {
            errors.Add("phoneNumber", "Số điện thoại chỉ gồm chữ số (có thể bắt đầu bằng +), tối đa 20 ký tự.");
        }

        if (request.UserName?.Trim() is { Length: > 64 })
        {
            errors.Add("userName", "Tên đăng nhập dài tối đa 64 ký tự.");
        }

        var (assignment, assignmentErrors) = ReadAssignment(request.Assignment, principals.Today);
        foreach (var (field, messagesOfField) in assignmentErrors.ByField)
        {
            errors.Add("assignment." + field, messagesOfField[0]);
        }

        if (errors.ToRefusal() is { } invalid)
        {
            return invalid.ToProblem();
        }

        if (DelegatedAdministration.CheckGrant(actor, assignment!.Role, assignment.Scope) is { } refused)
        {
            return refused.ToProblem();
        }

        if (await users.FindByEmailAsync(email!) is not null)
        {
            return Refusal.Conflict("email_taken", "Địa chỉ thư điện tử này đã có tài khoản; hãy thêm phân công cho tài khoản đó.").ToProblem();
        }

        var account = new Account
        {
            Id = Guid.CreateVersion7(), UserName = request.UserName?.Trim() is { Length: > 0 } name ? name : email, Email = email,
            PhoneNumber = request.PhoneNumber?.Trim(), FullName = fullName!, SearchKey = VietnameseText.Fold(fullName!),
            CreatedAt = clock.GetUtcNow(), CreatedBy = actor.Id,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(account);
        if (!created.Succeeded)
        {
            return IdentityRefusal(created).ToProblem();
        }

        assignment.AccountId = account.Id;
        assignment.CreatedBy = actor.Id;
        db.RoleAssignments.Add(assignment);
        audit.Record(account.Id, "account_created", $"{account.UserName} ({account.FullName})", actor.Id);
        audit.Record(account.Id, "assignment_granted", Describe(assignment), actor.Id);
        await db.SaveChangesAsync(ct);
        await messages.SendInvitationAsync(account, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/accounts/{account.Id}", await ResponseAsync(account, users, principals, ct));
    }

    /// <summary>Tài khoản trong phạm vi quản lý, tìm theo họ tên (không phân biệt dấu) hoặc thư điện tử, lọc theo đơn vị.</summary>
    public static async Task<Results<Ok<List<AccountSummary>>, ProblemHttpResult>> ListAccounts(string? q, string? adminUnit, int? limit, CurrentUser user,
        IdentityDb db, PersonPrincipals principals, CancellationToken ct)
    {
        var actor = await ActorAsync(user, principals, ct);
        if (!DelegatedAdministration.MayAdminister(actor))
        {
            return Refusal.Forbidden("not_an_administrator", "Chỉ cán bộ Ủy ban MTTQ và người vận hành được quản lý tài khoản.").ToProblem();
        }

        var unit = adminUnit is null ? actor.IsOperator ? AdministrativeScope.Central : actor.Scope! : AdministrativeScope.TryParse(adminUnit);
        if (unit is null)
        {
            return Refusal.Invalid("adminUnit", "Đơn vị phải có dạng VN, VN/<mã tỉnh> hoặc VN/<mã tỉnh>/<mã xã>.").ToProblem();
        }

        if (!DelegatedAdministration.Covers(actor, unit))
        {
            return Refusal.Forbidden("unit_outside_scope", $"Đơn vị {unit.Path} nằm ngoài phạm vi quản lý của bạn.").ToProblem();
        }

        if (q is { Length: > 100 })
        {
            return Refusal.Invalid("q", "Từ khóa tìm kiếm dài tối đa 100 ký tự.").ToProblem();
        }

        var take = Math.Clamp(limit ?? 50, 1, MaxPageSize);
        var prefix = unit.Path;
        var query = db.Users.AsNoTracking().Where(a => db.RoleAssignments.Any(r => r.AccountId == a.Id
            && (prefix == "VN" || r.AdminUnit == prefix || r.AdminUnit.StartsWith(prefix + "/"))));
        if (!string.IsNullOrWhiteSpace(q))
        {
            var key = VietnameseText.Fold(q.Trim());
            query = query.Where(a => a.SearchKey.Contains(key) || (a.Email != null && a.Email.ToLower().Contains(q.Trim().ToLower())));
        }

        var found = await query.OrderBy(a => a.SearchKey).ThenBy(a => a.Id).Take(take).ToListAsync(ct);
        var ids = found.Select(a => a.Id).ToList();
        var assignments = await db.RoleAssignments.AsNoTracking().Where(r => ids.Contains(r.AccountId)).ToListAsync(ct);
        var today = principals.Today;
        return TypedResults.Ok(found.Select(a => new AccountSummary(a.Id, a.UserName!, a.FullName, a.Email,
            assignments.Where(r => r.AccountId == a.Id).Select(r => Response(r, today)).ToList())).ToList());
    }

    /// <summary>Xem một tài khoản trong phạm vi quản lý.</summary>
    public static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> GetAccount(Guid id, CurrentUser user, UserManager<Account> users,
        PersonPrincipals principals, CancellationToken ct)
    {
        var (account, actor, refusal) = await VisibleAccountAsync(id, user, users, principals, ct);
        return account is null ? refusal!.ToProblem() : TypedResults.Ok(await ResponseAsync(account, users, principals, ct));
    }

    /// <summary>Giao thêm một vai trò cho tài khoản, tại một đơn vị trong phạm vi của người giao.</summary>
    public static async Task<Results<Created<AssignmentResponse>, ProblemHttpResult>> GrantAssignment(Guid id, AssignmentRequest request, CurrentUser user,
        UserManager<Account> users, IdentityDb db, AccountAudit audit, PersonPrincipals principals, CancellationToken ct)
    {
        var (account, actor, refusal) = await VisibleAccountAsync(id, user, users, principals, ct);
        if (account is null)
        {
            return refusal!.ToProblem();
        }

        var (assignment, errors) = ReadAssignment(request, principals.Today);
        if (errors.ToRefusal() is { } invalid)
        {
            return invalid.ToProblem();
        }

        if (DelegatedAdministration.CheckGrant(actor, assignment!.Role, assignment.Scope) is { } refused)
        {
            return refused.ToProblem();
        }

        assignment.AccountId = account.Id;
        assignment.CreatedBy = actor.Id;
        db.RoleAssignments.Add(assignment);
        audit.Record(account.Id, "assignment_granted", Describe(assignment), actor.Id);
        await db.SaveChangesAsync(ct);
        // Tokens already issued keep their claims until they expire; the next refresh reads the new assignment.
        await users.UpdateSecurityStampAsync(account);
        return TypedResults.Created($"/api/v1/accounts/{account.Id}", Response(assignment, principals.Today));
    }

    /// <summary>Kết thúc một phân công (mặc định: hôm nay là ngày cuối).</summary>
    public static async Task<Results<Ok<AssignmentResponse>, ProblemHttpResult>> EndAssignment(Guid id, Guid assignmentId, EndAssignmentRequest? request,
        CurrentUser user, UserManager<Account> users, IdentityDb db, AccountAudit audit, PersonPrincipals principals, CancellationToken ct)
    {
        var (account, actor, refusal) = await VisibleAccountAsync(id, user, users, principals, ct);
        if (account is null)
        {
            return refusal!.ToProblem();
        }

        var assignment = await db.RoleAssignments.SingleOrDefaultAsync(r => r.Id == assignmentId && r.AccountId == id, ct);
        if (assignment is null)
        {
            return Refusal.NotFound("assignment_not_found", "Không tìm thấy phân công này của tài khoản.").ToProblem();
        }

        if (!actor.IsOperator && (!DelegatedAdministration.Covers(actor, assignment.Scope) || RoleRanks.Of(assignment.Role) > actor.HighestRank))
        {
            return Refusal.Forbidden("assignment_outside_scope", "Phân công này nằm ngoài phạm vi hoặc cao hơn vai trò của bạn.").ToProblem();
        }

        var endsOn = request?.EndsOn ?? principals.Today;
        if (endsOn < assignment.StartsOn.AddDays(-1))
        {
            return Refusal.Invalid("endsOn", "Ngày kết thúc không được trước ngày bắt đầu của phân công.").ToProblem();
        }

        assignment.EndsOn = endsOn;
        audit.Record(account.Id, "assignment_ended", Describe(assignment), actor.Id);
        await db.SaveChangesAsync(ct);
        await users.UpdateSecurityStampAsync(account);
        return TypedResults.Ok(Response(assignment, principals.Today));
    }

    /// <summary>Nhật ký thay đổi của một tài khoản, mới nhất trước.</summary>
    public static async Task<Results<Ok<List<AuditEntryResponse>>, ProblemHttpResult>> ListAudit(Guid id, CurrentUser user, UserManager<Account> users,
        IdentityDb db, PersonPrincipals principals, CancellationToken ct)
    {
        var (account, actor, refusal) = await VisibleAccountAsync(id, user, users, principals, ct);
        if (account is null)
        {
            return refusal!.ToProblem();
        }

        var entries = await db.AccountAudit.AsNoTracking().Where(e => e.AccountId == id).OrderByDescending(e => e.Id).Take(500).ToListAsync(ct);
        return TypedResults.Ok(entries.Select(e => new AuditEntryResponse(e.Action, e.Detail, e.ActorId, e.At, VietnamTime.FormatDateTime(e.At))).ToList());
    }

    /// <summary>The actor as their assignments in force now make them (not as their token said when it was issued).</summary>
    private static async Task<Administrator> ActorAsync(CurrentUser user, PersonPrincipals principals, CancellationToken ct)
    {
        if (!Guid.TryParse(user.Id, out var id))
        {
            return new Administrator(user.Id, [], null);
        }

        var claims = TokenClaims.For(await principals.AssignmentsAsync(id, ct), principals.Today);
        return claims is null ? new Administrator(user.Id, [], null) : new Administrator(user.Id, claims.Roles, AdministrativeScope.TryParse(claims.AdminUnit));
    }

    /// <summary>An account the actor may manage: one with an assignment at or below the actor's unit (any account for an operator).</summary>
    private static async Task<(Account? Account, Administrator Actor, Refusal? Refusal)> VisibleAccountAsync(Guid id, CurrentUser user, UserManager<Account> users,
        PersonPrincipals principals, CancellationToken ct)
    {
        var notFound = Refusal.NotFound("account_not_found", "Không tìm thấy tài khoản này trong phạm vi quản lý của bạn.");
        var actor = await ActorAsync(user, principals, ct);
        if (!DelegatedAdministration.MayAdminister(actor))
        {
            return (null, actor, Refusal.Forbidden("not_an_administrator", "Chỉ cán bộ Ủy ban MTTQ và người vận hành được quản lý tài khoản."));
        }

        var account = await users.FindByIdAsync(id.ToString());
        if (account is null)
        {
            return (null, actor, notFound);
        }

        var assignments = await principals.AssignmentsAsync(id, ct);
        // Another province's accounts are answered as missing, not forbidden: their existence is not for this officer to learn.
        return actor.IsOperator || assignments.Any(a => AdministrativeScope.TryParse(a.AdminUnit) is { } unit && DelegatedAdministration.Covers(actor, unit))
            ? (account, actor, null)
            : (null, actor, notFound);
    }

    private static (RoleAssignment? Assignment, FieldErrors Errors) ReadAssignment(AssignmentRequest? request, DateOnly today)
    {
        var errors = new FieldErrors();
        if (request is null)
        {
            errors.Add("role", "Vui lòng chọn vai trò và đơn vị của phân công.");
            return (null, errors);
        }

        if (request.Role is null || !RoleRanks.IsKnown(request.Role))
        {
            errors.Add("role", $"Vai trò phải là một trong: {string.Join(", ", RoleRanks.All)}.");
        }

        if (AdministrativeScope.TryParse(request.AdminUnit) is null)
        {
            errors.Add("adminUnit", "Đơn vị phải có dạng VN, VN/<mã tỉnh> hoặc VN/<mã tỉnh>/<mã xã>.");
        }

        var starts = request.StartsOn ?? today;
        if (request.EndsOn is { } ends && ends < starts)
        {
            errors.Add("endsOn", "Ngày kết thúc không được trước ngày bắt đầu.");
        }

        return errors.IsEmpty
            ? (new RoleAssignment { Id = Guid.CreateVersion7(), Role = request.Role!, AdminUnit = AdministrativeScope.TryParse(request.AdminUnit)!.Path,
                OrganizationId = request.OrganizationId, StartsOn = starts, EndsOn = request.EndsOn, CreatedAt = DateTimeOffset.UtcNow }, errors)
            : (null, errors);
    }

    private static string Describe(RoleAssignment a) =>
        $"{a.Role} tại {a.AdminUnit}{(a.OrganizationId is { } o ? $", tổ chức {o}" : "")}, từ {a.StartsOn:dd/MM/yyyy}{(a.EndsOn is { } e ? $" đến {e:dd/MM/yyyy}" : "")}";

    private static AssignmentResponse Response(RoleAssignment a, DateOnly today) =>
        new(a.Id, a.Role, a.AdminUnit, a.OrganizationId, a.StartsOn, a.EndsOn, a.IsActiveOn(today));

    private static async Task<AccountResponse> ResponseAsync(Account a, UserManager<Account> users, PersonPrincipals principals, CancellationToken ct) =>
        new(a.Id, a.UserName!, a.FullName, a.Email, a.EmailConfirmed, a.PhoneNumber, a.TwoFactorEnabled, await users.IsLockedOutAsync(a),
            (await principals.AssignmentsAsync(a.Id, ct)).Select(r => Response(r, principals.Today)).ToList());

    private static Refusal IdentityRefusal(IdentityResult result) =>
        result.Errors.Any(e => e.Code is "DuplicateUserName" or "DuplicateEmail")
            ? Refusal.Conflict("account_exists", "Tên đăng nhập hoặc địa chỉ thư điện tử này đã có tài khoản.")
            : Refusal.Invalid("userName", string.Join(" ", result.Errors.Select(e => e.Description)));
}

namespace DoanKetSangTao.Identity.API.Apis;

/// <summary>Một phân công: role, unit (<c>VN</c>, <c>VN/01</c>, <c>VN/01/00004</c>), organization and dates (yyyy-mm-dd; end inclusive).</summary>
public sealed record AssignmentRequest(string? Role, string? AdminUnit, Guid? OrganizationId, DateOnly? StartsOn, DateOnly? EndsOn);

/// <summary>Tạo tài khoản cho một người, với phân công đầu tiên; người đó nhận thư để tự đặt mật khẩu.</summary>
public sealed record CreateAccountRequest(string? FullName, string? Email, string? PhoneNumber, string? UserName, AssignmentRequest? Assignment);

public sealed record EndAssignmentRequest(DateOnly? EndsOn);

public sealed record AssignmentResponse(Guid Id, string Role, string AdminUnit, Guid? OrganizationId, DateOnly StartsOn, DateOnly? EndsOn, bool Active);

public sealed record AccountResponse(Guid Id, string UserName, string FullName, string? Email, bool EmailConfirmed, string? PhoneNumber,
    bool TwoFactorEnabled, bool LockedOut, IReadOnlyList<AssignmentResponse> Assignments);

public sealed record AccountSummary(Guid Id, string UserName, string FullName, string? Email, IReadOnlyList<AssignmentResponse> Assignments);

/// <summary>Một dòng nhật ký: what changed, who changed it and when (dd/mm/yyyy hh:mm, giờ Việt Nam, in <c>AtLocal</c>).</summary>
public sealed record AuditEntryResponse(string Action, string Detail, string ActorId, DateTimeOffset At, string AtLocal);

/// <summary>Đăng ký ứng dụng tích hợp: its id, name, the scopes it may use, and the unit (and organization) it acts for.</summary>
public sealed record CreateIntegrationClientRequest(string? ClientId, string? DisplayName, string[]? Scopes, string? AdminUnit, Guid? OrganizationId);

/// <summary>The secret is shown once, here; only its hash is kept.</summary>
public sealed record IntegrationClientSecretResponse(string ClientId, string ClientSecret, DateTimeOffset ExpiresAt);

public sealed record IntegrationClientResponse(string ClientId, string DisplayName, IReadOnlyList<string> Scopes, string? AdminUnit, DateTimeOffset? SecretExpiresAt);

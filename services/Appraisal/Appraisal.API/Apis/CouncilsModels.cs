using System.Text.Json;
using DoanKetSangTao.Appraisal.API.Domain;
using DoanKetSangTao.Appraisal.API.Infrastructure;

namespace DoanKetSangTao.Appraisal.API.Apis;

/// <summary>Thành viên hội đồng: tài khoản, họ tên, thư điện tử, vai trò (chair, vice_chair, secretary, member, expert), cơ quan công tác và lý do.</summary>
public sealed record MemberRequest(string? UserId, string? FullName, string? Email, string? Role, Guid? OrganizationId, string? Reason = null);

/// <summary>Quyết định thành lập hội đồng: phạm vi (<c>scope</c>) là "VN", "VN/{mã tỉnh}" hoặc "VN/{mã tỉnh}/{mã xã}".</summary>
public sealed record CreateCouncilRequest(
    Guid? CampaignId, string? Scope, string? Name, string? DecisionNumber, DateOnly? DecisionDate, string? DecisionSigner,
    int? NominationQuota, int? QuorumNumerator, int? QuorumDenominator, IReadOnlyList<MemberRequest>? Members);

/// <summary>Đổi vai trò thành viên: vai trò mới và lý do (ví dụ số quyết định kiện toàn hội đồng).</summary>
public sealed record ChangeRoleRequest(string? Role, string? Reason);

/// <summary>Thôi tham gia hội đồng: lý do.</summary>
public sealed record LeaveRequest(string? Reason);

/// <summary>Bộ tiêu chí chấm điểm và/hoặc thang xếp loại mới của hội đồng.</summary>
public sealed record SchemeRequest(IReadOnlyList<RubricCriterion?>? Criteria, IReadOnlyList<GradeBand?>? Bands);

/// <summary>Phân công tự động: số thành viên chấm mỗi hồ sơ (mặc định 3) và, nếu cần, các hồ sơ cần phân công.</summary>
public sealed record AutoAssignRequest(int? ReviewersPerCase, IReadOnlyList<Guid>? CaseIds);

/// <summary>Các hồ sơ đã được công nhận cần đề cử lên cấp trên.</summary>
public sealed record NominateRequest(IReadOnlyList<Guid>? CaseIds);

/// <summary>Một nhiệm kỳ của thành viên hội đồng.</summary>
public sealed record MemberResponse(Guid PersonId, string UserId, string FullName, string Role, string RoleName, Guid OrganizationId,
    DateTimeOffset JoinedAt, DateTimeOffset? LeftAt, string? ChangeReason);

/// <summary>Hội đồng thẩm định: quyết định thành lập, thành viên, bộ tiêu chí, thang xếp loại và số hồ sơ theo trạng thái.</summary>
public sealed record CouncilResponse(
    Guid Id, Guid CampaignId, string Level, string LevelName, string Scope, string Name, string DecisionNumber, DateOnly DecisionDate,
    string DecisionSigner, int? NominationQuota, string Quorum, IReadOnlyList<RubricCriterion> Criteria, IReadOnlyList<GradeBand> Bands,
    bool RubricFrozen, IReadOnlyList<MemberResponse> Members, IReadOnlyList<MemberResponse> History, IReadOnlyDictionary<string, int> CasesByState);

/// <summary>Một dòng trong danh sách hội đồng thẩm định.</summary>
public sealed record CouncilSummary(Guid Id, Guid CampaignId, string Level, string LevelName, string Scope, string Name, string DecisionNumber,
    DateOnly DecisionDate, int Members, int Cases, int Decided);

/// <summary>Tiến độ chấm của một thành viên: số hồ sơ được phân công và đã nộp phiếu.</summary>
public sealed record MemberProgress(Guid PersonId, string FullName, int Assigned, int Submitted, string Progress);

/// <summary>Tiến độ chấm của hội đồng: theo hồ sơ và theo thành viên.</summary>
public sealed record ProgressResponse(IReadOnlyList<CaseSummary> Cases, IReadOnlyList<MemberProgress> Members);

/// <summary>Kết quả phân công tự động: các hồ sơ đã phân công và các hồ sơ chưa phân công được, kèm lý do.</summary>
public sealed record AssignmentResponse(IReadOnlyList<CaseAssignment> Assignments, IReadOnlyList<UnassignedCase> Unassigned);

/// <summary>Một hồ sơ đã đề cử: hồ sơ mới tại hội đồng cấp trên.</summary>
public sealed record NominationResponse(Guid CaseId, Guid UpperCaseId, Guid UpperCouncilId, string ToLevel);

/// <summary>Một mục nhật ký thẩm định.</summary>
public sealed record AuditEntryResponse(long Id, Guid? CaseId, string Action, string Actor, DateTimeOffset At, JsonElement Details);

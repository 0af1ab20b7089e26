using System.Text.Json;
using DoanKetSangTao.Appraisal.API.Domain;
using DoanKetSangTao.Appraisal.API.Infrastructure;

namespace DoanKetSangTao.Appraisal.API.Apis;

public sealed record MemberRequest(string? UserId, string? FullName, string? Email, string? Role, Guid? OrganizationId, string? Reason = null);

/// <summary>Quyết định thành lập hội đồng: <c>scope</c> is "VN", "VN/{province}" or "VN/{province}/{commune}".</summary>
public sealed record CreateCouncilRequest(
    Guid? CampaignId, string? Scope, string? Name, string? DecisionNumber, DateOnly? DecisionDate, string? DecisionSigner,
    int? NominationQuota, int? QuorumNumerator, int? QuorumDenominator, IReadOnlyList<MemberRequest>? Members);

public sealed record ChangeRoleRequest(string? Role, string? Reason);

public sealed record LeaveRequest(string? Reason);

public sealed record SchemeRequest(IReadOnlyList<RubricCriterion?>? Criteria, IReadOnlyList<GradeBand?>? Bands);

public sealed record AutoAssignRequest(int? ReviewersPerCase, IReadOnlyList<Guid>? CaseIds);

public sealed record NominateRequest(IReadOnlyList<Guid>? CaseIds);

public sealed record MemberResponse(Guid PersonId, string UserId, string FullName, string Role, string RoleName, Guid OrganizationId,
    DateTimeOffset JoinedAt, DateTimeOffset? LeftAt, string? ChangeReason);

public sealed record CouncilResponse(
    Guid Id, Guid CampaignId, string Level, string LevelName, string Scope, string Name, string DecisionNumber, DateOnly DecisionDate,
    string DecisionSigner, int? NominationQuota, string Quorum, IReadOnlyList<RubricCriterion> Criteria, IReadOnlyList<GradeBand> Bands,
    bool RubricFrozen, IReadOnlyList<MemberResponse> Members, IReadOnlyList<MemberResponse> History, IReadOnlyDictionary<string, int> CasesByState);

public sealed record CouncilSummary(Guid Id, Guid CampaignId, string Level, string LevelName, string Scope, string Name, string DecisionNumber,
    DateOnly DecisionDate, int Members, int Cases, int Decided);

public sealed record MemberProgress(Guid PersonId, string FullName, int Assigned, int Submitted, string Progress);

public sealed record ProgressResponse(IReadOnlyList<CaseSummary> Cases, IReadOnlyList<MemberProgress> Members);

public sealed record AssignmentResponse(IReadOnlyList<CaseAssignment> Assignments, IReadOnlyList<UnassignedCase> Unassigned);

public sealed record NominationResponse(Guid CaseId, Guid UpperCaseId, Guid UpperCouncilId, string ToLevel);

public sealed record AuditEntryResponse(long Id, Guid? CaseId, string Action, string Actor, DateTimeOffset At, JsonElement Details);

using System.Text.Json;
using DoanKetSangTao.Appraisal.API.Domain;
using DoanKetSangTao.Appraisal.API.Infrastructure;

namespace DoanKetSangTao.Appraisal.API.Apis;

/// <summary>Phiếu sơ loại: kết quả (admit, return, reject), phiếu kiểm tra, lý do, căn cứ loại và số, ngày biên bản.</summary>
public sealed record ScreeningRequest(
    string? Outcome, ScreeningChecklist? Checklist, string? Reason, string? Ground, string? DecisionNumber, DateOnly? DecisionDate);

/// <summary>Sáng kiến trước đó mà hồ sơ trùng lặp, kèm ghi chú.</summary>
public sealed record DuplicateRequest(Guid? InitiativeId, string? Note);

/// <summary>Các thành viên chấm hồ sơ.</summary>
public sealed record AssignRequest(IReadOnlyList<Guid>? PersonIds);

/// <summary>Lý do xung đột lợi ích.</summary>
public sealed record DeclareConflictRequest(string? Reason);

/// <summary>Điểm và nhận xét theo từng tiêu chí.</summary>
public sealed record ScoresRequest(IReadOnlyList<CriterionScore?>? Scores);

/// <summary>Quyết định công nhận: công nhận hay không, số và ngày quyết định, lý do (khi khác đề xuất) và ý kiến công bố cho tác giả.</summary>
public sealed record DecisionRequest(bool? Recognized, string? DecisionNumber, DateOnly? DecisionDate, string? Reason, string? PublishedComment);

/// <summary>Một phiếu chấm điểm: bản nháp hoặc đã nộp.</summary>
public sealed record ScoreSheetResponse(Guid PersonId, string FullName, string State, IReadOnlyList<CriterionScore> Scores, decimal Total,
    DateTimeOffset? SubmittedAt);

/// <summary>Các phiếu chấm người dùng được xem, số phiếu bị ẩn và lời nhắc.</summary>
public sealed record ScoresResponse(IReadOnlyList<ScoreSheetResponse> Sheets, int Hidden, string? Notice);

/// <summary>Kết quả tổng hợp của hồ sơ: điểm, độ chênh lệch, túc số, xếp loại và đề xuất.</summary>
public sealed record AggregateResponse(
    CaseAggregate Aggregate, decimal? Spread, bool LargeDisagreement, QuorumStatus Quorum, string Recommendation, string? Grade, bool QuorumMet);

/// <summary>Một thành viên được phân công chấm hồ sơ.</summary>
public sealed record AssigneeResponse(Guid PersonId, string FullName, string Role, bool Submitted, bool Conflicted);

/// <summary>Hồ sơ thẩm định như hội đồng xem.</summary>
public sealed record CaseResponse(
    Guid Id, Guid CouncilId, string CouncilName, string CouncilLevel, Guid InitiativeId, Guid DossierId, int DossierVersion, string Title, string Kind,
    string? Field, string ProvinceCode, string CommuneCode, string State, string StateName, DateTimeOffset SubmittedAt, DateTimeOffset OpenedAt,
    JsonElement? Screening, Guid? DuplicateOfInitiativeId, string? DuplicateNote, Guid? NominatedFromCaseId, JsonElement? LowerResult,
    IReadOnlyList<AssigneeResponse> Assignees, bool? Recognized, decimal? AggregateTotal, string? Grade, string? DecisionNumber, DateOnly? DecisionDate,
    string? PublishedComment, Guid? NominatedToCaseId);

/// <summary>Kết quả thẩm định của một hội đồng, như tác giả xem.</summary>
public sealed record OutcomeResponse(Guid CaseId, string CouncilName, string CouncilLevel, string State, string StateName, bool? Recognized,
    decimal? AggregateTotal, string? Grade, string? DecisionNumber, DateOnly? DecisionDate, string? Comment, bool Nominated);

using System.Text.Json;
using DoanKetSangTao.Appraisal.API.Domain;
using DoanKetSangTao.Appraisal.API.Infrastructure;

namespace DoanKetSangTao.Appraisal.API.Apis;

public sealed record ScreeningRequest(
    string? Outcome, ScreeningChecklist? Checklist, string? Reason, string? Ground, string? DecisionNumber, DateOnly? DecisionDate);

public sealed record DuplicateRequest(Guid? InitiativeId, string? Note);

public sealed record AssignRequest(IReadOnlyList<Guid>? PersonIds);

public sealed record DeclareConflictRequest(string? Reason);

public sealed record ScoresRequest(IReadOnlyList<CriterionScore?>? Scores);

public sealed record DecisionRequest(bool? Recognized, string? DecisionNumber, DateOnly? DecisionDate, string? Reason, string? PublishedComment);

public sealed record ScoreSheetResponse(Guid PersonId, string FullName, string State, IReadOnlyList<CriterionScore> Scores, decimal Total,
    DateTimeOffset? SubmittedAt);

public sealed record ScoresResponse(IReadOnlyList<ScoreSheetResponse> Sheets, int Hidden, string? Notice);

public sealed record AggregateResponse(
    CaseAggregate Aggregate, decimal? Spread, bool LargeDisagreement, QuorumStatus Quorum, string Recommendation, string? Grade, bool QuorumMet);

public sealed record AssigneeResponse(Guid PersonId, string FullName, string Role, bool Submitted, bool Conflicted);

public sealed record CaseResponse(
    Guid Id, Guid CouncilId, string CouncilName, string CouncilLevel, Guid InitiativeId, Guid DossierId, int DossierVersion, string Title, string Kind,
    string? Field, string ProvinceCode, string CommuneCode, string State, string StateName, DateTimeOffset SubmittedAt, DateTimeOffset OpenedAt,
    JsonElement? Screening, Guid? DuplicateOfInitiativeId, string? DuplicateNote, Guid? NominatedFromCaseId, JsonElement? LowerResult,
    IReadOnlyList<AssigneeResponse> Assignees, bool? Recognized, decimal? AggregateTotal, string? Grade, string? DecisionNumber, DateOnly? DecisionDate,
    string? PublishedComment, Guid? NominatedToCaseId);

public sealed record OutcomeResponse(Guid CaseId, string CouncilName, string CouncilLevel, string State, string StateName, bool? Recognized,
    decimal? AggregateTotal, string? Grade, string? DecisionNumber, DateOnly? DecisionDate, string? Comment, bool Nominated);

using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Appraisal.API.Domain;

/// <summary>
/// Lý do từ chối (refusals) of the appraisal rules: each a stable snake_case code that integrations match on,
/// refused as a <see cref="Refusal"/> (returned, or thrown with <c>ToException()</c>) with a Vietnamese message that says what to do.
/// The refusal names its kind; the statuses in these summaries are what <c>RefusalProblems</c> makes of it.
/// Queries (is this member conflicted? is quorum met?) answer with values; operations that a rule forbids throw.
/// </summary>
public static class AppraisalRefusals
{
    /// <summary>400: the input breaks a validation rule; the field errors say which (the shared code of every refusal of fields).</summary>
    public const string ValidationFailed = Refusal.ValidationFailed;

    /// <summary>409: the rubric or the grade bands change after the first score was given.</summary>
    public const string RubricFrozen = "rubric_frozen";

    /// <summary>409: a submitted score sheet is changed or submitted again.</summary>
    public const string ScoreLocked = "score_locked";

    /// <summary>403: a member with a conflict of interest is assigned to, or scores, a case.</summary>
    public const string MemberConflicted = "member_conflicted";

    /// <summary>403: the person is not a member of the council at that instant (not yet joined, or left).</summary>
    public const string MemberNotCurrent = "member_not_current";

    /// <summary>403: a member scores a case they were not assigned to.</summary>
    public const string MemberNotAssigned = "member_not_assigned";

    /// <summary>403: a member asks for other members' sheets before submitting their own.</summary>
    public const string ScoreSheetsHidden = "score_sheets_hidden";

    /// <summary>422: a decision is taken before enough assigned members have submitted.</summary>
    public const string QuorumNotMet = "quorum_not_met";

    /// <summary>422: a case the council did not recognize is nominated upward.</summary>
    public const string NominationNotRecognized = "nomination_not_recognized";

    /// <summary>422: a nomination skips a level or goes sideways or down.</summary>
    public const string NominationWrongLevel = "nomination_wrong_level";

    /// <summary>422: the central council nominates: there is no level above it.</summary>
    public const string NominationNoHigherLevel = "nomination_no_higher_level";

    /// <summary>422: the council has already nominated as many cases as its quota allows.</summary>
    public const string NominationQuotaExceeded = "nomination_quota_exceeded";

    /// <summary>409: an act the case's state does not allow (screening a decided case, scoring one not admitted).</summary>
    public const string CaseStateInvalid = "case_state_invalid";

    /// <summary>409: any act on a case whose initiative the author withdrew (the case is closed).</summary>
    public const string CaseWithdrawn = "case_withdrawn";
}

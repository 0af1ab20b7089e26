namespace DoanKetSangTao.Appraisal.API.Domain;

/// <summary>
/// Hồ sơ thẩm định: one initiative's dossier before a council, with what the appraisal rules need of it:
/// the organizations (cơ quan, đơn vị) its authors belong to, for conflicts of interest, and when the dossier
/// was submitted (ngày nộp hồ sơ), which breaks ties when ranking for nomination.
/// </summary>
public sealed record AppraisalCase(
    Guid Id,
    string Title,
    IReadOnlyList<Guid> AuthorOrganizationIds,
    DateTimeOffset SubmittedAt);

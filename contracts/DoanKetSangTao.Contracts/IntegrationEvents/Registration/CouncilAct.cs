namespace DoanKetSangTao.Contracts.IntegrationEvents;

/// <summary>
/// What an appraisal council did that moved an initiative (<see cref="InitiativeStatusChanged.Council"/>): its level
/// (commune, province, central) and, for a decision (quyết định công nhận, or the minutes of a rejection at screening), its
/// number, date and the comment published for the author; for a nomination, the level nominated to.
/// </summary>
public sealed record CouncilAct(string Level, string? DecisionNumber = null, DateOnly? DecisionDate = null, string? Comment = null, string? ToLevel = null);

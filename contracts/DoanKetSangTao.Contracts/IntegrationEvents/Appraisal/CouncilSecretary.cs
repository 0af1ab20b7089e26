namespace DoanKetSangTao.Contracts.IntegrationEvents;

/// <summary>Thư ký hội đồng: a council's secretary as appraisal's events carry them, so that they are told of the cases they keep.</summary>
public sealed record CouncilSecretary(string UserId, string FullName, string? Email);

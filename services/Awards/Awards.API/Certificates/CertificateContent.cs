namespace DoanKetSangTao.Awards.API.Certificates;

/// <summary>
/// What one certificate shows. <paramref name="IssuingBodyName"/> is the body that issues it ("Ủy ban MTTQ Việt Nam tỉnh
/// …"), <paramref name="AwardName"/> its form as printed ("Giấy khen"), <paramref name="Collective"/> whether the recipient
/// is a collective, <paramref name="VerificationText"/> the QR code's text (the sealed verification address).
/// </summary>
public sealed record CertificateContent(
    string Code,
    string IssuingBodyName,
    string AwardName,
    string RecipientName,
    bool Collective,
    string Reason,
    string DecisionNumber,
    DateOnly DecisionDate,
    string SignerName,
    string SignerPosition,
    string? InitiativeTitle,
    string VerificationText);

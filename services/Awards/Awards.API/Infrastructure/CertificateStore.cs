using Dapper;
using DoanKetSangTao.Awards.API.Certificates;
using DoanKetSangTao.Messaging;

namespace DoanKetSangTao.Awards.API.Infrastructure;

/// <summary>A certificate with everything its PDF, its verification page and its download rights need.</summary>
public sealed record CertificateRow(
    string Code, string Seal, string Status, Guid DecisionId, string DecisionStatus, string BodyKey, string BodyName, string? BodyProvince,
    string? BodyCommune, string BodyLevel, string? NumberText, DateOnly? DecisionDate, string? RevokedReason, DateOnly? RevokedOn,
    string? SupersededByNumber, string AwardName, string Reason, string SignerName, string SignerPosition, Guid RecipientId, string Kind,
    string FullName, string? AccountId, string? Email, string? InitiativeTitle)
{
    public CertificateContent ToContent() => new(Code, BodyName, AwardName, FullName, Kind == "collective", Reason, NumberText!,
        DecisionDate!.Value, SignerName, SignerPosition, InitiativeTitle, Seal);
}

/// <summary>Reads of certificates: one by code, a decision's, a person's; and the stored PDF.</summary>
public sealed class CertificateStore(ServiceDatabase db)
{
    private const string Select =
        """
        SELECT c.code AS Code, c.seal AS Seal, c.status AS Status, d.id AS DecisionId, d.status AS DecisionStatus, d.body_key AS BodyKey,
               d.body_name AS BodyName, d.body_province AS BodyProvince, d.body_commune AS BodyCommune, d.body_level AS BodyLevel,
               d.number_text AS NumberText, d.decision_date AS DecisionDate, d.revoked_reason AS RevokedReason, d.revoked_on AS RevokedOn,
               s.number_text AS SupersededByNumber, t.name AS AwardName, d.reason AS Reason, d.signer_name AS SignerName,
               d.signer_position AS SignerPosition, r.id AS RecipientId, r.kind AS Kind, r.full_name AS FullName, r.account_id AS AccountId,
               r.email AS Email, r.initiative_title AS InitiativeTitle
        FROM certificates c
        JOIN commendation_recipients r ON r.id = c.recipient_id
        JOIN commendation_decisions d ON d.id = c.decision_id
        JOIN award_types t ON t.code = d.award_type_code
        LEFT JOIN commendation_decisions s ON s.id = d.superseded_by_id
        """;

    public Task<CertificateRow?> FindAsync(string code, CancellationToken ct) =>
        db.ReadAsync(null, (c, _) => c.QuerySingleOrDefaultAsync<CertificateRow>(new CommandDefinition(
            $"{Select} WHERE c.code = @code", new { code }, cancellationToken: ct)), ct);

    public Task<IReadOnlyList<CertificateRow>> ForDecisionAsync(Guid decisionId, CancellationToken ct) =>
        db.ReadAsync<IReadOnlyList<CertificateRow>>(null, async (c, _) => (await c.QueryAsync<CertificateRow>(new CommandDefinition(
            $"{Select} WHERE c.decision_id = @decisionId ORDER BY r.ordinal", new { decisionId }, cancellationToken: ct))).ToList(), ct);

    /// <summary>A person's certificates: those naming their account, or their (confirmed) e-mail.</summary>
    public Task<IReadOnlyList<CertificateRow>> ForHolderAsync(string accountId, string? email, CancellationToken ct) =>
        db.ReadAsync<IReadOnlyList<CertificateRow>>(null, async (c, _) => (await c.QueryAsync<CertificateRow>(new CommandDefinition(
            $"{Select} WHERE r.account_id = @accountId OR (@email::text IS NOT NULL AND lower(r.email) = lower(@email)) ORDER BY d.decision_date DESC, r.ordinal LIMIT 500",
            new { accountId, email }, cancellationToken: ct))).ToList(), ct);

    public Task<byte[]?> PdfAsync(string code, CancellationToken ct) =>
        db.ReadAsync(null, (c, _) => c.QuerySingleOrDefaultAsync<byte[]?>(new CommandDefinition(
            "SELECT pdf FROM certificates WHERE code = @code AND status = 'ready'", new { code }, cancellationToken: ct)), ct);
}

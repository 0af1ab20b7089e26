using DoanKetSangTao.Messaging;
using Dapper;
using DoanKetSangTao.Contracts.Vocabulary;

namespace DoanKetSangTao.Registration.API.Infrastructure;

/// <summary>
/// What the appraisal events have said about an initiative at each council level (<c>initiative_appraisal</c>), from
/// which <see cref="Domain.AppraisalPosition"/> derives where it stands, whatever order the events arrived in.
/// </summary>
public sealed class AppraisalFactsStore
{
    /// <summary>A case was opened for this dossier version (the highest version counts).</summary>
    public Task CaseOpenedAsync(DatabaseSession tx, Guid initiativeId, string? level, int version, DateTimeOffset at, CancellationToken ct) =>
        RecordAsync(tx, initiativeId, level, "opened_version = GREATEST(a.opened_version, @Version)", new { Version = version }, at, ct);

    /// <summary>This dossier version was returned for completion.</summary>
    public Task DossierReturnedAsync(DatabaseSession tx, Guid initiativeId, string? level, int version, DateTimeOffset at, CancellationToken ct) =>
        RecordAsync(tx, initiativeId, level, "returned_version = GREATEST(a.returned_version, @Version)", new { Version = version }, at, ct);

    /// <summary>The council decided (<c>recognized</c> or <c>not_recognized</c>).</summary>
    public Task DecidedAsync(DatabaseSession tx, Guid initiativeId, string level, string decision, DateTimeOffset at, CancellationToken ct) =>
        RecordAsync(tx, initiativeId, level, "decision = @Decision", new { Decision = decision }, at, ct);

    /// <summary>The initiative was nominated to this level (the first nomination counts).</summary>
    public Task NominatedAsync(DatabaseSession tx, Guid initiativeId, string level, DateTimeOffset at, CancellationToken ct) =>
        RecordAsync(tx, initiativeId, level, "nominated_at = COALESCE(a.nominated_at, @At)", new { }, at, ct);

    /// <summary>The highest level holding an open case of the initiative (for events published before the level was carried).</summary>
    public Task<string?> HighestOpenLevelAsync(DatabaseSession tx, Guid initiativeId, CancellationToken ct) =>
        tx.Connection.QueryFirstOrDefaultAsync<string?>(new CommandDefinition(
            """
            SELECT level FROM initiative_appraisal WHERE initiative_id = @initiativeId AND opened_version IS NOT NULL
            ORDER BY array_position(@levels, level) DESC LIMIT 1
            """, new { initiativeId, levels = CouncilLevels.All.ToArray() }, tx.Transaction, cancellationToken: ct));

    /// <summary>Records one fact at one level, whatever the initiative's lifecycle status allows; an unknown level or initiative is skipped.</summary>
    private static Task RecordAsync(DatabaseSession tx, Guid initiativeId, string? level, string set, object values, DateTimeOffset at, CancellationToken ct)
    {
        if (!CouncilLevels.IsKnown(level))
        {
            return Task.CompletedTask;
        }

        var parameters = new DynamicParameters(values);
        parameters.Add("InitiativeId", initiativeId);
        parameters.Add("Level", level);
        parameters.Add("At", at.UtcDateTime);
        return tx.Connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO initiative_appraisal AS a (initiative_id, level, updated_at)
            SELECT @InitiativeId, @Level, @At WHERE EXISTS (SELECT 1 FROM initiatives WHERE id = @InitiativeId)
            ON CONFLICT (initiative_id, level) DO NOTHING;
            UPDATE initiative_appraisal a SET {set}, updated_at = @At WHERE a.initiative_id = @InitiativeId AND a.level = @Level;
            """, parameters, tx.Transaction, cancellationToken: ct));
    }
}

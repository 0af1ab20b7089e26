using Dapper;
using DoanKetSangTao.Data;
using DoanKetSangTao.Domain;
using Npgsql;

namespace DoanKetSangTao.Appraisal.API.Infrastructure;

/// <summary>
/// Writes the search keys of corpus rows that have none: those migration 0004 copied from intake_records, which SQL
/// cannot key the way <see cref="VietnameseText.SearchKey"/> does. Runs after the migrations at every start; once
/// every row is keyed it is one probe of an empty partial index.
/// </summary>
public sealed class SimilarityCorpusKeys : IDatabaseSeeder
{
    private const int Batch = 1000;

    public async Task SeedAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        while (true)
        {
            var rows = (await connection.QueryAsync<(Guid Id, string Title, string? Summary)>(new CommandDefinition(
                "SELECT initiative_id, title, summary FROM similarity_corpus WHERE title_key IS NULL LIMIT @Batch",
                new { Batch }, cancellationToken: cancellationToken))).AsList();
            if (rows.Count == 0)
            {
                return;
            }

            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE similarity_corpus c SET title_key = k.title_key, summary_key = k.summary_key
                FROM unnest(@Ids::uuid[], @TitleKeys::text[], @SummaryKeys::text[]) AS k(id, title_key, summary_key)
                WHERE c.initiative_id = k.id AND c.title_key IS NULL -- a consumer may have keyed a newer title meanwhile
                """,
                new
                {
                    Ids = rows.Select(r => r.Id).ToArray(),
                    TitleKeys = rows.Select(r => VietnameseText.SearchKey(r.Title)).ToArray(),
                    SummaryKeys = rows.Select(r => r.Summary is null ? null : VietnameseText.SearchKey(r.Summary)).ToArray(),
                }, cancellationToken: cancellationToken));
        }
    }
}

using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Registration.API.Domain;

/// <summary>
/// Tìm kiếm không dấu: the text an initiative is found by is stored folded (lower case, no diacritics, đ → d)
/// and indexed as a PostgreSQL 'simple' text-search document, so "sang kien nong nghiep" finds
/// "Sáng kiến … nông nghiệp" with or without accents, whatever the word order.
/// </summary>
public static class InitiativeSearch
{
    public const int QueryMaxLength = 200;

    public static string Document(string title, string? summary, IEnumerable<string> authorNames, string? field) =>
        VietnameseText.SearchKey(string.Join(' ', new[] { title, summary ?? string.Empty, string.Join(' ', authorNames), field is null ? string.Empty : InitiativeField.All.NameOf(field) }));

    /// <summary>The words of a query, folded, each a prefix match ("nong nghi" finds "nông nghiệp"); null when there are none.</summary>
    public static string? ToTsQuery(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return null;
        }

        var words = VietnameseText.SearchKey(query).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 0 ? null : string.Join(" & ", words.Take(12).Select(w => w + ":*"));
    }
}

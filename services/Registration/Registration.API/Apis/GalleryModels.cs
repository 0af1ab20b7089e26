using DoanKetSangTao.Domain;
using DoanKetSangTao.Registration.API.Domain;
using DoanKetSangTao.Registration.API.Infrastructure;

namespace DoanKetSangTao.Registration.API.Apis;

/// <summary>Đồng ý công bố: true to agree that the initiative, once recognized, is published in the gallery; false to withdraw.</summary>
public sealed record PublicationConsentRequest(bool? Consent);

/// <summary>The publication consent of an initiative, when it last changed, and whether the gallery shows the initiative now.</summary>
public sealed record PublicationConsentResponse(Guid InitiativeId, bool PublicationConsent, DateTimeOffset? ChangedAt, bool Published)
{
    internal static PublicationConsentResponse From(ConsentState s) =>
        new(s.InitiativeId, s.PublicationConsent, s.ChangedAt is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null, s.Published);
}

/// <summary>
/// Một sáng kiến trong thư viện công khai: only what the authors agreed to publish (title, summary, authors' names,
/// unit, level, year, field), and how many units reported applying it. <c>Level</c> is the highest council level that
/// recognized it (commune, province, central); <c>Year</c> the year of that recognition.
/// </summary>
public sealed record GalleryInitiativeResponse(
    Guid Id,
    string Title,
    string? Summary,
    IReadOnlyList<string> Authors,
    string UnitName,
    string ProvinceCode,
    string ProvinceName,
    string Level,
    string LevelName,
    int Year,
    string? Field,
    string? FieldName,
    int ReplicationCount)
{
    internal static GalleryInitiativeResponse From(GalleryRow r) => new(
        r.Id, r.Title, r.Summary, r.Authors, r.UnitName, r.ProvinceCode, r.ProvinceName, r.Level, GalleryLevel.All.NameOf(r.Level), r.Year, r.Field,
        r.Field is null ? null : InitiativeField.All.NameOf(r.Field), (int)r.ReplicationCount);
}

/// <summary>Một đơn vị áp dụng (nhân rộng) sáng kiến: where, since when, with what results.</summary>
public sealed record GalleryReplicationResponse(
    Guid Id, string UnitName, string ProvinceCode, string ProvinceName, string CommuneCode, string CommuneName, DateOnly Since, string Results,
    DateTimeOffset ReportedAt)
{
    internal static GalleryReplicationResponse From(ReplicationRow r) => new(
        r.Id, r.UnitName, r.ProvinceCode, r.ProvinceName, r.CommuneCode, r.CommuneName, DateOnly.FromDateTime(r.Since), r.Results,
        new DateTimeOffset(DateTime.SpecifyKind(r.ReportedAt, DateTimeKind.Utc)));
}

/// <summary>Bản đồ nhân rộng: how many units in a province reported applying the initiative.</summary>
public sealed record GalleryMapEntry(string ProvinceCode, string ProvinceName, int Count);

/// <summary>The page of a published initiative: what the list shows, the units that apply it, and their count per province.</summary>
public sealed record GalleryInitiativeDetailsResponse(
    Guid Id,
    string Title,
    string? Summary,
    IReadOnlyList<string> Authors,
    string UnitName,
    string ProvinceCode,
    string ProvinceName,
    string Level,
    string LevelName,
    int Year,
    string? Field,
    string? FieldName,
    int ReplicationCount,
    IReadOnlyList<GalleryReplicationResponse> Replications,
    IReadOnlyList<GalleryMapEntry> Map)
{
    internal static GalleryInitiativeDetailsResponse From(GalleryRow row, List<ReplicationRow> replications, List<ProvinceCount> map)
    {
        var r = GalleryInitiativeResponse.From(row);
        return new(r.Id, r.Title, r.Summary, r.Authors, r.UnitName, r.ProvinceCode, r.ProvinceName, r.Level, r.LevelName, r.Year, r.Field, r.FieldName,
            r.ReplicationCount, replications.Select(GalleryReplicationResponse.From).ToList(),
            map.Select(m => new GalleryMapEntry(m.ProvinceCode, m.ProvinceName, (int)m.Count)).ToList());
    }
}

/// <summary>
/// Báo cáo áp dụng sáng kiến: since when the unit applies it (yyyy-mm-dd, not in the future), in which commune (a code of
/// the 2025 list inside the unit's area; the unit's own commune when left out) and the results (required, at most
/// 4.000 characters).
/// </summary>
public sealed record ReplicationRequest(DateOnly? Since, string? CommuneCode, string? Results)
{
    internal ReplicationForm ToForm() => new(Since, CommuneCode, Results);
}

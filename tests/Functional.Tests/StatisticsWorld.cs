using DoanKetSangTao.Contracts.IntegrationEvents;
using Npgsql;

namespace DoanKetSangTao.Tests.Functional;

/// <summary>One generated initiative: its slices, where it was filed, and the day it reached each measure (null: never).</summary>
public sealed record SeededInitiative(
    Guid Id, Guid Campaign, string Kind, string? ContentType, string? MovementArea, string? Field, Guid Organization, Guid? MemberOrganization,
    string Province, string Commune, DateTimeOffset RegisteredAt, DateOnly? Confirmed, DateOnly? Dossier, DateOnly? RecognizedCommune,
    DateOnly? Nominated, DateOnly? Commended, IReadOnlyList<DateOnly> Replications, string Status)
{
    public DateOnly Registered => DateOnly.FromDateTime(RegisteredAt.ToOffset(TimeSpan.FromHours(7)).DateTime);

    /// <summary>The days it counts on, per measure, as the statistics define them.</summary>
    public IEnumerable<(string Measure, DateOnly Day)> Contributions()
    {
        yield return ("registered", Registered);
        if (Kind == "mo_hinh")
        {
            yield return ("models_built", Registered);
        }

        foreach (var (m, d) in new[] { ("confirmed", Confirmed), ("dossier", Dossier), ("recognized_commune", RecognizedCommune), ("nominated", Nominated), ("commended", Commended) })
        {
            if (d is { } day)
            {
                yield return (m, day);
            }
        }

        foreach (var since in Replications)
        {
            yield return ("replicated", since);
        }
    }
}

/// <summary>
/// A few hundred initiatives across two provinces, pre-2025 and 2025 communes (one pre-2025 commune split between two new ones,
/// one pre-2025 province merged), kinds, fields and statuses; the events registration, appraisal and awards would publish for
/// them; and the brute-force count the statistics must equal.
/// </summary>
public sealed class StatisticsWorld
{
    public static readonly DateOnly Reform = new(2025, 7, 1);

    /// <summary>2025 communes by province.</summary>
    public static readonly (string Province, string Commune)[] Units2025 = [("01", "00004"), ("01", "00008"), ("08", "00691"), ("79", "26737"), ("79", "26740")];

    /// <summary>Pre-2025 communes, their province then, and their primary successor as the shipped lineage has them (00016 was split: 00008 primary, part to 00004; Hà Giang (02) went into Tuyên Quang (08); 26740 kept its code).</summary>
    public static readonly (string Province, string Commune, string Successor)[] UnitsBefore =
        [("01", "00013", "00004"), ("01", "00016", "00008"), ("02", "00691", "00691"), ("79", "26740", "26740")];

    public static readonly Guid[] Campaigns = [Guid.NewGuid(), Guid.NewGuid()];
    public static readonly Guid[] MemberOrganizations = [Guid.NewGuid(), Guid.NewGuid()];

    public IReadOnlyList<SeededInitiative> Initiatives { get; }

    /// <summary>Organizations and the member organization each belongs to (null: none).</summary>
    public IReadOnlyList<(Guid Id, Guid? Member)> Organizations { get; }

    public StatisticsWorld(int count, int seed)
    {
        var random = new Random(seed);
        Organizations = Enumerable.Range(0, 6).Select(i => (Guid.NewGuid(), i % 3 == 2 ? (Guid?)null : MemberOrganizations[i % 2])).ToList();
        var kinds = new[] { "sang_kien", "y_tuong_moi", "mo_hinh" };
        var fields = new[] { "giao_duc", "y_te", "nong_nghiep", null };
        var contents = new[] { "quan_ly", "tac_nghiep", null };
        var movements = new[] { "khoi_a", "khoi_b" };
        var first = new DateOnly(2025, 1, 1);
        var list = new List<SeededInitiative>();
        for (var i = 0; i < count; i++)
        {
            var day = first.AddDays(random.Next(0, 700));
            // Hours either side of midnight in Vietnam (00:30 is the previous day in UTC): the day counted is Vietnam's.
            var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(random.Next(2) == 0 ? 0 : 23, 30)), TimeSpan.FromHours(7));
            var (province, commune) = day < Reform
                ? UnitsBefore[random.Next(UnitsBefore.Length)] is var u ? (u.Province, u.Commune) : default
                : Units2025[random.Next(Units2025.Length)];
            var org = Organizations[random.Next(Organizations.Count)];
            DateOnly? confirmed = random.NextDouble() < 0.6 ? day.AddDays(random.Next(1, 40)) : null;
            DateOnly? dossier = confirmed is { } c && random.NextDouble() < 0.6 ? c.AddDays(random.Next(1, 40)) : null;
            DateOnly? recognized = dossier is { } d && random.NextDouble() < 0.6 ? d.AddDays(random.Next(1, 30)) : null;
            DateOnly? nominated = recognized is { } r && random.NextDouble() < 0.5 ? r.AddDays(random.Next(0, 10)) : null;
            DateOnly? commended = recognized is { } r2 && random.NextDouble() < 0.5 ? r2.AddDays(random.Next(0, 20)) : null;
            var replications = recognized is { } r3 ? Enumerable.Range(0, random.Next(0, 3)).Select(_ => r3.AddDays(random.Next(0, 60))).ToList() : [];
            var status = dossier is not null ? "dossier_submitted" : confirmed is not null ? "confirmed" : random.NextDouble() < 0.2 ? "withdrawn" : "registered";
            list.Add(new SeededInitiative(Guid.NewGuid(), Campaigns[random.Next(2)], kinds[random.Next(kinds.Length)], contents[random.Next(contents.Length)],
                movements[random.Next(movements.Length)], fields[random.Next(fields.Length)], org.Id, org.Member, province, commune, at, confirmed, dossier,
                recognized, nominated, commended, replications, status));
        }

        Initiatives = list;
    }

    /// <summary>The 2025 commune and province a filed unit rolls into.</summary>
    public static (string Province, string Commune) Rolled(SeededInitiative i)
    {
        if (i.Registered >= Reform)
        {
            return (i.Province, i.Commune);
        }

        var successor = UnitsBefore.Single(u => u.Commune == i.Commune).Successor;
        return (Units2025.Single(u => u.Commune == successor).Province, successor);
    }

    /// <summary>The lineage and the 2025 units the hierarchy helper loads, as far as these communes need them.</summary>
    public static async Task LoadHierarchyAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        var units = string.Join(", ", Units2025.Select(u => $"('{u.Province}', 'province', 'Tỉnh {u.Province}', NULL, NULL, DATE '2025-07-01', NULL)")
            .Distinct()
            .Concat(Units2025.Select(u => $"('{u.Commune}', 'commune', 'Xã {u.Commune}', 'Xã', '{u.Province}', DATE '2025-07-01', NULL)")));
        var lineage = string.Join(", ", UnitsBefore.Select(u => $"('{u.Commune}', 'commune', '{u.Successor}', DATE '2025-07-01', true)")
            );
        command.CommandText =
            $"INSERT INTO admin_units (code, level, name, unit_type, parent_code, valid_from, valid_to) VALUES {units} ON CONFLICT DO NOTHING;" +
            $"INSERT INTO admin_unit_lineage (old_code, level, new_code, effective_on, primary_successor) VALUES {lineage} ON CONFLICT DO NOTHING;";
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Every event the other services would publish for the initiatives, in an order that is not the story's (made once).</summary>
    public IReadOnlyList<object> Events() => events ??= MakeEvents();

    private IReadOnlyList<object>? events;

    private List<object> MakeEvents()
    {
        var made = new List<object>();
        foreach (var i in Initiatives)
        {
            var contentOf = (string status, DateOnly day) => new InitiativeStatusChanged(Guid.NewGuid(), Noon(day), i.Id, i.Campaign, "Sáng kiến", i.Kind,
                i.Organization, i.Province, i.Commune, null, status, "canbo", null, "tacgia", "Tác giả", null, null, null, i.ContentType, i.MovementArea,
                i.Field, i.MemberOrganization);
            made.Add(new InitiativeRegistered(Guid.NewGuid(), i.RegisteredAt, i.Id, i.Campaign, "Sáng kiến " + i.Id, i.Kind, i.Organization, i.Province,
                i.Commune, "tacgia", "Tác giả", null, null, null, "Đơn vị", i.ContentType, i.MovementArea, i.Field, i.MemberOrganization));
            if (i.Confirmed is { } confirmed)
            {
                made.Add(contentOf("confirmed", confirmed));
            }

            if (i.Dossier is { } dossier)
            {
                made.Add(contentOf("dossier_submitted", dossier));
            }

            if (i.Status == "withdrawn")
            {
                made.Add(contentOf("withdrawn", i.Registered.AddDays(1)));
            }

            if (i.RecognizedCommune is { } recognized)
            {
                made.Add(new AppraisalDecisionMade(Guid.NewGuid(), Noon(recognized), Guid.NewGuid(), Guid.NewGuid(), "commune", i.Id, true, 80m, "Khá",
                    "12/QĐ", recognized, null, i.Campaign, i.Province, i.Commune, "Sáng kiến"));
            }

            if (i.Nominated is { } nominated)
            {
                made.Add(new InitiativeNominated(Guid.NewGuid(), Noon(nominated), Guid.NewGuid(), Guid.NewGuid(), "commune", "province", i.Id));
            }

            if (i.Commended is { } commended)
            {
                made.Add(new CommendationDecided(Guid.NewGuid(), Noon(commended), Guid.NewGuid(), "front:VN/" + i.Province, "Ủy ban MTTQ", "province",
                    i.Province, null, "7/QĐ-KT", commended, "bang_khen", "Bằng khen",
                    [new CommendedRecipient(Guid.NewGuid(), "individual", "Tác giả", null, null, null, i.Province, i.Commune, i.Id, null)]));
            }

            made.AddRange(i.Replications.Select(since => new InitiativeReplicated(Guid.NewGuid(), Noon(since), Guid.NewGuid(), i.Id, "Đơn vị khác", null,
                i.Province, i.Commune, since)));
        }

        return made.OrderBy(e => e.GetHashCode()).ToList();
    }

    private static DateTimeOffset Noon(DateOnly day) => new(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(7));
}

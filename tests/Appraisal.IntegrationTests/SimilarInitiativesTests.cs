using Dapper;
using DoanKetSangTao.Appraisal.API.Infrastructure;
using DoanKetSangTao.Data;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace DoanKetSangTao.Tests.AppraisalIntegrationTests;

/// <summary>Sáng kiến tương tự on a database migrated with appraisal's own scripts.</summary>
public sealed class SimilarInitiativesTests : IAsyncLifetime
{
    private static readonly Guid Campaign = Guid.Parse("0195f000-0000-7000-8000-00000000c001");

    private PostgresDatabase database = null!;
    private NpgsqlDataSource db = null!;
    private ServiceDatabase service = null!;

    public async Task InitializeAsync()
    {
        database = await PostgresDatabase.CreateAsync("similar");
        db = database.CreateDataSource();
        service = new ServiceDatabase(db, new Outbox());
    }

    public async Task DisposeAsync()
    {
        await db.DisposeAsync();
        await database.DisposeAsync();
    }

    /// <summary>The platform's scripts and appraisal's, the first <paramref name="appraisalVersions"/> of them (all by default), as the service applies them.</summary>
    private Task MigrateAsync(int appraisalVersions = int.MaxValue) =>
        new MigrationRunner(db, NullLogger<MigrationRunner>.Instance).ApplyAsync(
            [
                MigrationCatalog.Load(typeof(MigrationRunner).Assembly, "platform"),
                MigrationCatalog.Load(typeof(SimilarInitiatives).Assembly, "appraisal").Take(appraisalVersions).ToList(),
            ], CancellationToken.None);

    private static CorpusEntry Entry(string title, string? summary = null, string province = "01", int year = 2025) =>
        new(Guid.CreateVersion7(), Campaign, title, summary, "initiative", province, province + "001", new DateTime(year, 5, 15, 3, 0, 0, DateTimeKind.Utc));

    /// <summary>The initiatives, each with its dossier received (submitted to a council), as the consumers record them.</summary>
    private Task SeedAsync(params CorpusEntry[] entries) => SeedAsync(submitted: true, entries);

    private async Task SeedAsync(bool submitted, params CorpusEntry[] entries)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var entry in entries)
        {
            await SimilarInitiatives.UpsertAsync(service.Join(transaction), entry, CancellationToken.None);
            if (submitted)
            {
                await ReceiveDossierAsync(transaction, entry.InitiativeId, entry.ProvinceCode);
            }

            await SimilarInitiatives.RefreshStageAsync(service.Join(transaction), entry.InitiativeId, CancellationToken.None);
        }

        await transaction.CommitAsync();
    }

    /// <summary>What <c>DossierSubmittedConsumer</c> records when a dossier of the initiative arrives.</summary>
    private static Task ReceiveDossierAsync(NpgsqlTransaction transaction, Guid initiativeId, string province) =>
        transaction.Connection!.ExecuteAsync(
            """
            INSERT INTO received_dossiers (dossier_id, version, initiative_id, campaign_id, title, kind, organization_id, province_code, commune_code,
                                           author_org_ids, solution, novelty, attachment_count, submitted_at, source_event_id)
            VALUES (gen_random_uuid(), 1, @initiativeId, @Campaign, 'hồ sơ', 'initiative', gen_random_uuid(), @province, @province || '001',
                    '{}', 'giải pháp', 'tính mới', 1, now(), gen_random_uuid())
            """, new { initiativeId, Campaign, province }, transaction);

    private async Task<IReadOnlyList<SimilarInitiative>> FindAsync(string title, string? summary = null, Guid? exclude = null, int limit = 10)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await SimilarInitiatives.FindAsync(connection, title, summary, exclude ?? Guid.Empty, limit, CancellationToken.None);
    }

    /// <summary>Initiatives on other subjects that share the boilerplate words of titles ("sáng kiến", "ứng dụng", "nâng cao hiệu quả").</summary>
    private static CorpusEntry[] Unrelated() =>
    [
        Entry("Sáng kiến ứng dụng phần mềm quản lý nhân sự", province: "79", year: 2022),
        Entry("Sáng kiến nâng cao hiệu quả phòng cháy chữa cháy ở khu dân cư", province: "48", year: 2023),
        Entry("Giải pháp số hóa hồ sơ hộ tịch tại xã", province: "31", year: 2024),
        Entry("Mô hình câu lạc bộ thể thao cho người cao tuổi", province: "92", year: 2021),
        Entry("Sáng kiến ứng dụng trí tuệ nhân tạo trong xử lý văn bản", province: "01", year: 2025),
        Entry("Sáng kiến bồi dưỡng học sinh giỏi môn Toán", province: "40", year: 2026),
    ];

    [Fact]
    public async Task A_near_duplicate_typed_without_diacritics_ranks_first()
    {
        await MigrateAsync();
        var original = Entry("Sáng kiến ứng dụng mã QR truy xuất nguồn gốc nông sản cho hợp tác xã", province: "79", year: 2023);
        await SeedAsync([original, Entry("Truy xuất nguồn gốc thủy sản bằng sổ ghi chép", province: "92"), .. Unrelated()]);

        var found = await FindAsync("sang kien ung dung ma QR truy xuat nguon goc nong san cho HTX");

        Assert.Equal(original.InitiativeId, found[0].InitiativeId);
        Assert.Equal(original.Title, found[0].Title);
        Assert.Equal("79", found[0].ProvinceCode);
        Assert.Equal(2023, found[0].Year);
        Assert.InRange(found[0].Score, 0.7, 1.0);
        Assert.True(found.Zip(found.Skip(1)).All(p => p.First.Score >= p.Second.Score), "best first");
        Assert.All(found, f => Assert.InRange(f.Score, 0.0, 1.0));
    }

    [Fact]
    public async Task Unrelated_initiatives_never_rank_above_related_ones()
    {
        await MigrateAsync();
        CorpusEntry[] related =
        [
            Entry("Quy trình tưới nước tiết kiệm cho cây lúa vùng đồng bằng", province: "82", year: 2022),
            Entry("Sáng kiến tưới nước tiết kiệm cho lúa trong mùa khô", province: "01", year: 2024),
            Entry("Tưới nhỏ giọt tiết kiệm nước cho cây lúa và cà phê", province: "66", year: 2025),
        ];
        await SeedAsync([.. related, .. Unrelated()]);

        var found = await FindAsync("Sáng kiến quy trình tưới nước tiết kiệm cho cây lúa");

        var ranks = found.Select((f, i) => (f.InitiativeId, i)).ToDictionary(x => x.InitiativeId, x => x.i);
        Assert.All(related, r => Assert.True(ranks.ContainsKey(r.InitiativeId), $"related \"{r.Title}\" is missing"));
        Assert.Equal([0, 1, 2], related.Select(r => ranks[r.InitiativeId]).Order());
    }

    [Fact]
    public async Task The_cases_own_initiative_is_left_out()
    {
        await MigrateAsync();
        var own = Entry("Sáng kiến phân loại rác thải sinh hoạt tại nguồn ở khu dân cư");
        var earlier = Entry("Phân loại rác thải sinh hoạt tại nguồn", province: "48", year: 2021);
        await SeedAsync([own, earlier, .. Unrelated()]);

        Assert.Equal(own.InitiativeId, (await FindAsync(own.Title))[0].InitiativeId);
        var found = await FindAsync(own.Title, exclude: own.InitiativeId);

        Assert.DoesNotContain(found, f => f.InitiativeId == own.InitiativeId);
        Assert.Equal(earlier.InitiativeId, found[0].InitiativeId);
    }

    [Fact]
    public async Task Results_span_provinces_and_years()
    {
        await MigrateAsync();
        CorpusEntry[] same =
        [
            Entry("Sáng kiến trả kết quả thủ tục hành chính tại nhà", province: "01", year: 2021),
            Entry("Sáng kiến trả kết quả thủ tục hành chính tại nhà cho người cao tuổi", province: "79", year: 2023),
            Entry("Trả kết quả thủ tục hành chính tại nhà qua bưu điện", province: "92", year: 2026),
        ];
        await SeedAsync([.. same, .. Unrelated()]);

        var found = await FindAsync("Trả kết quả thủ tục hành chính tại nhà", limit: 3);

        Assert.Equal(same.Select(s => s.InitiativeId).Order(), found.Select(f => f.InitiativeId).Order());
        Assert.Equal(["01", "79", "92"], found.Select(f => f.ProvinceCode).Order());
        Assert.Equal([2021, 2023, 2026], found.Select(f => f.Year).Order());
    }

    [Fact]
    public async Task Of_two_initiatives_with_the_same_title_the_one_with_the_same_solution_comes_first()
    {
        await MigrateAsync();
        var copied = Entry("Sáng kiến ủ phân hữu cơ vi sinh từ phụ phẩm nông nghiệp",
            "Ủ rơm rạ và thân cây ngô với chế phẩm Trichoderma trong hố có mái che, đảo trộn mỗi tuần, sau 45 ngày bón cho rau.", "40", 2022);
        var other = Entry("Sáng kiến ủ phân hữu cơ vi sinh từ phụ phẩm nông nghiệp",
            "Thu gom vỏ cà phê tại các hộ, nghiền nhỏ và ủ trong bể xi măng có ống thông khí, dùng cho vườn cà phê của hợp tác xã.", "66", 2022);
        await SeedAsync([other, copied, .. Unrelated()]);

        var found = await FindAsync("Ủ phân hữu cơ vi sinh từ phụ phẩm nông nghiệp",
            "Ủ rơm rạ, thân cây ngô với chế phẩm Trichoderma trong hố có mái che; đảo trộn hằng tuần, sau 45 ngày bón cho rau màu.");

        Assert.Equal(copied.InitiativeId, found[0].InitiativeId);
        Assert.Equal(other.InitiativeId, found[1].InitiativeId);
        Assert.True(found[0].Score > found[1].Score);
    }

    [Fact]
    public async Task Upserting_the_same_initiative_twice_leaves_one_row_with_the_latest_text()
    {
        await MigrateAsync();
        var entry = Entry("Sáng kiến tiết kiệm điện năng trong nhà xưởng", "Bản đầu.");
        await SeedAsync(entry);
        await SeedAsync(entry with { Title = "Sáng kiến tiết kiệm điện năng trong nhà xưởng may", Summary = "Bản sau." });

        await using var connection = await db.OpenConnectionAsync();
        var rows = (await connection.QueryAsync<(string Title, string Summary, string TitleKey)>(
            "SELECT title, summary, title_key FROM similarity_corpus WHERE initiative_id = @Id", new { Id = entry.InitiativeId })).ToList();
        var row = Assert.Single(rows);
        Assert.Equal(("Sáng kiến tiết kiệm điện năng trong nhà xưởng may", "Bản sau.", "sang kien tiet kiem dien nang trong nha xuong may"), row);
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM similarity_corpus"));
    }

    [Fact]
    public async Task Initiatives_registered_before_the_corpus_existed_are_copied_and_keyed()
    {
        await MigrateAsync(appraisalVersions: 3);
        var id = Guid.CreateVersion7();
        await using (var connection = await db.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO intake_records (initiative_id, campaign_id, title, kind, organization_id, province_code, commune_code, author_names, registered_at, source_event_id)
                VALUES (@Id, @Campaign, 'Mô hình tổ công nghệ số cộng đồng', 'creative_model', gen_random_uuid(), '31', '11311', '{"Lê Thị Hà"}', '2024-03-01T02:00:00Z', gen_random_uuid())
                """, new { Id = id, Campaign }, transaction);
            // Its dossier went to a council before the corpus knew stages: the migration marks it submitted.
            await ReceiveDossierAsync(transaction, id, "31");
            await transaction.CommitAsync();
        }

        await MigrateAsync();
        Assert.Empty(await FindAsync("to cong nghe so cong dong"));
        await new SimilarityCorpusKeys().SeedAsync(db, CancellationToken.None);

        var found = Assert.Single(await FindAsync("to cong nghe so cong dong"));
        Assert.Equal((id, "31", 2024), (found.InitiativeId, found.ProvinceCode, found.Year));
    }

    [Fact]
    public async Task A_title_with_no_words_finds_nothing()
    {
        await MigrateAsync();
        await SeedAsync(Unrelated());

        Assert.Empty(await FindAsync(" …–— "));
    }

    [Fact]
    public async Task Only_initiatives_submitted_to_a_council_or_recognized_are_shown_never_a_registration_nobody_submitted()
    {
        await MigrateAsync();
        var registered = Entry("Sáng kiến bản đồ số điểm thu gom rác tái chế", province: "79", year: 2024);
        var filed = Entry("Bản đồ số các điểm thu gom rác tái chế trong phường", province: "48", year: 2025);
        var withdrawn = Entry("Sáng kiến bản đồ số điểm thu gom rác tái chế ở chợ", province: "92", year: 2025);
        await SeedAsync(submitted: false, registered);
        await SeedAsync(filed, withdrawn);
        await using (var connection = await db.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            // The author withdrew the last after submitting it.
            await connection.ExecuteAsync(
                "INSERT INTO withdrawn_initiatives (initiative_id, withdrawn_at, reason, withdrawn_by, source_event_id) VALUES (@InitiativeId, now(), 'rút', 'tacgia', gen_random_uuid())",
                new { withdrawn.InitiativeId }, transaction);
            await SimilarInitiatives.RefreshStageAsync(service.Join(transaction), withdrawn.InitiativeId, CancellationToken.None);
            await transaction.CommitAsync();
        }

        var found = await FindAsync("Sáng kiến bản đồ số điểm thu gom rác tái chế");
        var shown = Assert.Single(found);
        Assert.Equal((filed.InitiativeId, "48", 2025, "submitted"), (shown.InitiativeId, shown.ProvinceCode, shown.Year, shown.Stage));

        // Once its dossier arrives, the registration is shown too; a recognition is shown as such.
        await using (var connection = await db.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await ReceiveDossierAsync(transaction, registered.InitiativeId, "79");
            await SimilarInitiatives.RefreshStageAsync(service.Join(transaction), registered.InitiativeId, CancellationToken.None);
            await transaction.CommitAsync();
        }

        Assert.Equal([registered.InitiativeId, filed.InitiativeId], (await FindAsync(registered.Title)).Select(f => f.InitiativeId));
    }

    [Fact]
    public async Task A_refreshed_corpus_row_keeps_the_stage_its_records_bear_out_whatever_order_the_events_came_in()
    {
        await MigrateAsync();
        var entry = Entry("Sáng kiến sổ tay điện tử cho tổ hòa giải ở cơ sở", province: "31", year: 2025);
        await using var connection = await db.OpenConnectionAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            // The dossier arrived before the registration event: no corpus row yet to mark.
            await ReceiveDossierAsync(transaction, entry.InitiativeId, "31");
            await SimilarInitiatives.RefreshStageAsync(service.Join(transaction), entry.InitiativeId, CancellationToken.None);
            // Then the registration: the row is written, and its stage derived from what is on record.
            await SimilarInitiatives.UpsertAsync(service.Join(transaction), entry, CancellationToken.None);
            await SimilarInitiatives.RefreshStageAsync(service.Join(transaction), entry.InitiativeId, CancellationToken.None);
            await transaction.CommitAsync();
        }

        Assert.Equal("submitted", await connection.ExecuteScalarAsync<string>(
            "SELECT stage FROM similarity_corpus WHERE initiative_id = @InitiativeId", new { entry.InitiativeId }));
    }
}

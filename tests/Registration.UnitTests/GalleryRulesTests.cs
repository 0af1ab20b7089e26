using DoanKetSangTao.Domain;
using DoanKetSangTao.Registration.API.Domain;

namespace DoanKetSangTao.Tests.RegistrationUnitTests;

/// <summary>The gallery's rules: what a query may say, what a replication report must hold, where it is filed, and the open data's forms.</summary>
public sealed class GalleryRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    [Fact]
    public void A_parameter_the_endpoint_does_not_take_is_refused_and_so_is_one_given_twice()
    {
        Assert.Null(GalleryQuery.CheckNames([("q", 1), ("ProvinceCode", 1), ("limit", 1)], GalleryQuery.ListParameters));
        Assert.Equal("unknown_query_parameter", GalleryQuery.CheckNames([("q", 1), ("provice", 1)], GalleryQuery.ListParameters)!.Code);
        Assert.Contains("'provice'", GalleryQuery.CheckNames([("provice", 1)], GalleryQuery.ListParameters)!.Message, StringComparison.Ordinal);
        Assert.Equal("repeated_query_parameter", GalleryQuery.CheckNames([("level", 2)], GalleryQuery.ListParameters)!.Code);
        Assert.Equal("unknown_query_parameter", GalleryQuery.CheckNames([("q", 1)], [])!.Code);
    }

    [Fact]
    public void Every_filter_is_checked_and_defaults_are_applied()
    {
        var (filter, refusal) = GalleryQuery.Validate("  Sáng kiến ", "01", "y_te", "2024", "province", null, Today.Year);
        Assert.Null(refusal);
        Assert.Equal(new GalleryFilter("Sáng kiến", "01", "y_te", 2024, "province", GalleryQuery.DefaultLimit), filter);
        Assert.Null(GalleryQuery.Validate("   ", null, null, null, null, "100", Today.Year).Filter!.Words);

        var (_, invalid) = GalleryQuery.Validate(new string('a', 201), "1", "vu_tru", "2027", "xa", "101", Today.Year);
        Assert.Equal(["q", "provinceCode", "field", "year", "level", "limit"], invalid!.Errors!.Keys);
        Assert.NotNull(GalleryQuery.Validate(null, null, null, "+2024", null, null, Today.Year).Refusal);
        Assert.NotNull(GalleryQuery.Validate(null, null, null, "1944", null, null, Today.Year).Refusal);
        Assert.NotNull(GalleryQuery.Validate(null, null, null, null, null, "0", Today.Year).Refusal);
    }

    [Fact]
    public void The_level_shown_is_the_highest_recognized()
    {
        Assert.Equal("province", GalleryLevel.Highest(["commune", "province"]));
        Assert.Equal("central", GalleryLevel.Highest(["central", "commune"]));
        Assert.Null(GalleryLevel.Highest([]));
        Assert.Equal("Trung ương", GalleryLevel.All.NameOf("central"));
    }

    [Fact]
    public void A_replication_report_has_a_past_date_results_in_NFC_and_a_commune_code_of_five_digits()
    {
        var (ok, refusal) = ReplicationRules.Validate(new ReplicationForm(Today, " 00004 ", " Kết qua\u0309 tốt. "), Today);
        Assert.Null(refusal);
        Assert.Equal(new ValidReplication(Today, "00004", "Kết quả tốt."), ok);
        Assert.Null(ReplicationRules.Validate(new ReplicationForm(Today, "", "Kết quả."), Today).Replication!.CommuneCode);

        Assert.Equal(["since"], ReplicationRules.Validate(new ReplicationForm(Today.AddDays(1), null, "Kết quả."), Today).Refusal!.Errors!.Keys);
        Assert.Equal(["since"], ReplicationRules.Validate(new ReplicationForm(null, null, "Kết quả."), Today).Refusal!.Errors!.Keys);
        Assert.Equal(["since"], ReplicationRules.Validate(new ReplicationForm(new DateOnly(202, 1, 1), null, "Kết quả."), Today).Refusal!.Errors!.Keys);
        Assert.Equal(["results"], ReplicationRules.Validate(new ReplicationForm(Today, null, " "), Today).Refusal!.Errors!.Keys);
        Assert.Equal(["results"], ReplicationRules.Validate(new ReplicationForm(Today, null, new string('a', 4001)), Today).Refusal!.Errors!.Keys);
        Assert.Null(ReplicationRules.Validate(new ReplicationForm(Today, null, new string('a', 4000)), Today).Refusal);
        Assert.Equal(["results"], ReplicationRules.Validate(new ReplicationForm(Today, null, "a\u202Eb"), Today).Refusal!.Errors!.Keys);
        Assert.Equal(["communeCode"], ReplicationRules.Validate(new ReplicationForm(Today, "0004a", "Kết quả."), Today).Refusal!.Errors!.Keys);
    }

    [Fact]
    public void A_report_is_filed_in_the_units_own_commune_or_one_it_names_inside_its_area()
    {
        var school = new ReportingUnit("org", Guid.NewGuid(), "Trường Tiểu học Ngọc Hà", "00008", new AdministrativeScope("01", "00008"));
        var province = new ReportingUnit("front:VN/01", null, "Ủy ban MTTQ Việt Nam Thành phố Hà Nội", null, new AdministrativeScope("01", null));
        var centre = new ReportingUnit("front:VN", null, GalleryPublisher.Name, null, AdministrativeScope.Central);

        Assert.Equal("00008", ReplicationRules.Place(school, null, "01").CommuneCode);
        // The unit's own commune retired since: it names one in force.
        Assert.Equal(["communeCode"], ReplicationRules.Place(school, null, null).Refusal!.Errors!.Keys);
        Assert.Equal("00008", ReplicationRules.Place(school, "00008", "01").CommuneCode);
        Assert.Equal("replication_outside_scope", ReplicationRules.Place(school, "00004", "01").Refusal!.Code);
        Assert.Equal("00004", ReplicationRules.Place(province, "00004", "01").CommuneCode);
        Assert.Equal(["communeCode"], ReplicationRules.Place(province, null, null).Refusal!.Errors!.Keys);
        Assert.Equal(["communeCode"], ReplicationRules.Place(province, "99999", null).Refusal!.Errors!.Keys);
        Assert.Equal("replication_outside_scope", ReplicationRules.Place(province, "25747", "79").Refusal!.Code);
        Assert.Equal("25747", ReplicationRules.Place(centre, "25747", "79").CommuneCode);

        Assert.Equal("Ủy ban MTTQ Việt Nam Phường Ba Đình", ReplicationRules.FrontCommitteeName(new AdministrativeScope("01", "00004"), "Phường Ba Đình"));
        Assert.Equal("Ủy ban Trung ương MTTQ Việt Nam", ReplicationRules.FrontCommitteeName(AdministrativeScope.Central, null));
    }

    [Fact]
    public void A_retry_tells_apart_reports_that_differ_in_anything()
    {
        var report = new ValidReplication(Today, "00004", "Kết quả.");
        Assert.Equal(report.Fingerprint(), new ValidReplication(Today, "00004", "Kết quả.").Fingerprint());
        Assert.NotEqual(report.Fingerprint(), (report with { Results = "Kết quả khác." }).Fingerprint());
        Assert.NotEqual(report.Fingerprint(), (report with { Since = Today.AddDays(-1) }).Fingerprint());
    }

    [Theory]
    [InlineData("Sổ tay", "Sổ tay")]
    [InlineData("Đèn đường, thắp sáng", "\"Đèn đường, thắp sáng\"")]
    [InlineData("Mô hình \"Dân vận khéo\"", "\"Mô hình \"\"Dân vận khéo\"\"\"")]
    [InlineData("Dòng một\nDòng hai", "\"Dòng một\nDòng hai\"")]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+84 912", "'+84 912")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("", "")]
    public void Csv_fields_are_quoted_as_RFC_4180_says_and_never_start_a_formula(string value, string field)
    {
        Assert.Equal(field, GalleryCsv.Field(value));
    }

    [Fact]
    public void A_csv_row_ends_with_CRLF()
    {
        Assert.Equal("a,,\"b,c\"\r\n", GalleryCsv.Row(["a", null, "b,c"]));
    }

    [Fact]
    public void The_catalog_is_a_DCAT_catalog_with_one_dataset_and_a_CSV_and_a_JSON_distribution()
    {
        var catalog = GalleryCatalog.Build("https://sangkien.mattran.org.vn", "2026-12-07");
        Assert.Equal("dcat:Catalog", (string?)catalog["@type"]);
        Assert.Equal("2026-12-07", (string?)catalog["dct:modified"]!["@value"]);
        Assert.Equal("Ủy ban Trung ương MTTQ Việt Nam", (string?)catalog["dct:publisher"]!["foaf:name"]!["@value"]);
        var dataset = catalog["dcat:dataset"]!.AsArray().Single()!;
        Assert.Equal("dcat:Dataset", (string?)dataset["@type"]);
        Assert.NotNull(dataset["dct:title"]);
        Assert.NotNull(dataset["dct:description"]);
        var distributions = dataset["dcat:distribution"]!.AsArray();
        Assert.Equal(["https://sangkien.mattran.org.vn/api/v1/gallery/open-data.csv", "https://sangkien.mattran.org.vn/api/v1/gallery/open-data.json"],
            distributions.Select(d => (string?)d!["dcat:accessURL"]!["@id"]));
        Assert.All(distributions, d => Assert.NotNull(d!["dct:license"]));
        Assert.Null(GalleryCatalog.Build("https://x", null)["dct:modified"]);
    }

    [Fact]
    public void The_consent_changes_a_registrations_fingerprint_only_when_given()
    {
        // Keys used before the consent existed must still match their registration on retry.
        var form = new InitiativeForm(Guid.NewGuid(), "Sổ tay điện tử", "sang_kien", Guid.NewGuid(), "00004", "Tóm tắt.",
            [new AuthorForm("Trần Thị Bình", null, true, 100)], "tac_nghiep", "cong_dong", "giao_duc");
        var before = InitiativeRegistration.Validate(form).Registration!.Fingerprint();
        Assert.Equal(before, InitiativeRegistration.Validate(form with { PublicationConsent = false }).Registration!.Fingerprint());
        var consented = InitiativeRegistration.Validate(form with { PublicationConsent = true }).Registration!;
        Assert.True(consented.PublicationConsent);
        Assert.NotEqual(before, consented.Fingerprint());
    }
}

using DoanKetSangTao.Data;
using DoanKetSangTao.Messaging;

namespace DoanKetSangTao.Tests.ServiceDefaultsUnitTests.Data;

public sealed class MigrationCatalogTests
{
    private static MigrationScript Script(int version, string name = "step") => new("svc", version, name, $"SELECT {version};");

    [Fact]
    public void Scripts_are_ordered_by_version_not_by_the_order_they_were_found()
    {
        var ordered = MigrationCatalog.Order([Script(3), Script(1), Script(2)]);
        Assert.Equal([1, 2, 3], ordered.Select(s => s.Version));
    }

    [Fact]
    public void A_duplicated_version_is_refused()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => MigrationCatalog.Order([Script(1), Script(2, "a"), Script(2, "b")]));
        Assert.Contains("duplicated", ex.Message);
    }

    [Fact]
    public void A_gap_in_versions_is_refused()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => MigrationCatalog.Order([Script(1), Script(3)]));
        Assert.Contains("gap", ex.Message);
    }

    [Theory]
    [InlineData("DoanKetSangTao.Registration.API.Migrations.0001_registration.sql", 1, "registration")]
    [InlineData("Svc.Migrations.0012_add_dossier_versions.sql", 12, "add_dossier_versions")]
    public void Version_and_name_come_from_the_resource_name(string resource, int version, string name)
    {
        var script = MigrationCatalog.Parse("svc", resource, "SELECT 1;");
        Assert.Equal(version, script.Version);
        Assert.Equal(name, script.Name);
    }

    [Theory]
    [InlineData("Svc.Migrations.1_initial.sql")]
    [InlineData("Svc.Migrations.0001-initial.sql")]
    [InlineData("Svc.Migrations.0001_Initial.sql")]
    public void A_badly_named_script_is_refused(string resource) =>
        Assert.Throws<InvalidOperationException>(() => MigrationCatalog.Parse("svc", resource, "SELECT 1;"));

    [Fact]
    public void The_checksum_ignores_line_endings_but_not_content()
    {
        var unix = new MigrationScript("svc", 1, "a", "CREATE TABLE t (id int);\nSELECT 1;");
        var windows = new MigrationScript("svc", 1, "a", "CREATE TABLE t (id int);\r\nSELECT 1;");
        var edited = new MigrationScript("svc", 1, "a", "CREATE TABLE t (id bigint);\nSELECT 1;");
        Assert.Equal(unix.Checksum, windows.Checksum);
        Assert.NotEqual(unix.Checksum, edited.Checksum);
    }

    [Fact]
    public void The_platform_ships_outbox_and_inbox_as_version_1_file_contents_as_version_2_and_inbox_deliveries_as_version_3()
    {
        var platform = MigrationCatalog.Load(typeof(DatabaseExtensions).Assembly, "platform");
        Assert.Equal([1, 2, 3], platform.Select(s => s.Version));
        Assert.Contains("CREATE TABLE outbox_messages", platform[0].Sql);
        Assert.Contains("CREATE TABLE inbox_messages", platform[0].Sql);
        Assert.Equal("file_contents", platform[1].Name);
        Assert.Contains("CREATE TABLE file_contents", platform[1].Sql);
        Assert.Contains("ADD COLUMN deliveries", platform[2].Sql);
    }
}

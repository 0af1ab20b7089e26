extern alias appraisal;

using System.Net;
using System.Net.Http.Json;

namespace DoanKetSangTao.Tests.Functional;

/// <summary>Appraisal alone: a council is set up only within the officer's own area, before anything else is looked up.</summary>
public sealed class AppraisalTests(ServiceHost<appraisal::Program> host) : ServiceTests<appraisal::Program>(host)
{
    protected override string Name => "appraisal";

    protected override string ProtectedPath => "/api/v1/councils";

    [Fact]
    public async Task An_officer_of_another_province_cannot_set_up_a_council_and_nothing_is_stored()
    {
        using var hcm = Host.Client(People.HcmOfficer);

        using var response = await hcm.PostAsJsonAsync("/api/v1/councils", new
        {
            campaignId = Guid.NewGuid(), scope = "VN/01", name = "Hội đồng thẩm định sáng kiến thành phố Hà Nội",
            decisionNumber = "15/QĐ-MTTQ-BTT", decisionDate = DateTime.UtcNow.AddDays(-10).ToString("yyyy-MM-dd"),
            decisionSigner = "Chủ tịch Ủy ban MTTQ Việt Nam", nominationQuota = 5,
            members = new[] { new { userId = "thuky.hanoi", fullName = "Vũ Văn Hải", role = "secretary", organizationId = Guid.NewGuid() } },
        });
        var refused = await response.ReadAsync(HttpStatusCode.Forbidden);

        Assert.Equal("council_outside_scope", refused.Str("code"));
        await using var connection = new Npgsql.NpgsqlConnection(Host.Database.ConnectionString);
        await connection.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM councils", connection);
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }
}

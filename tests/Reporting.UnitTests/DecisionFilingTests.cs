using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Contracts.Vocabulary;

namespace DoanKetSangTao.Tests.ReportingUnitTests;

/// <summary>
/// Which council decisions reports (and the commendation candidates list) can file under a campaign and an area: the
/// one guard both consumers of <see cref="AppraisalDecisionMade"/> use.
/// </summary>
public sealed class DecisionFilingTests
{
    private static readonly AppraisalDecisionMade Complete = new(
        Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), CouncilLevels.Province, Guid.NewGuid(), true, 85.5m, "Khá",
        "12/QĐ-MTTQ", new DateOnly(2026, 12, 1), null, Guid.NewGuid(), "01", "00004", "Số hóa hồ sơ");

    [Fact]
    public void A_decision_with_campaign_area_and_a_known_level_can_be_filed()
    {
        Assert.All(CouncilLevels.All, level => Assert.True((Complete with { CouncilLevel = level }).CanBeFiledByArea()));
        Assert.True((Complete with { Recognized = false, Title = null }).CanBeFiledByArea());
    }

    [Fact]
    public void A_decision_from_older_appraisal_code_without_campaign_or_area_cannot()
    {
        Assert.False((Complete with { CampaignId = null }).CanBeFiledByArea());
        Assert.False((Complete with { ProvinceCode = null }).CanBeFiledByArea());
        Assert.False((Complete with { ProvinceCode = "" }).CanBeFiledByArea());
        Assert.False((Complete with { CommuneCode = null }).CanBeFiledByArea());
        Assert.False((Complete with { CommuneCode = "" }).CanBeFiledByArea());
    }

    [Fact]
    public void A_decision_at_a_level_the_vocabulary_does_not_know_cannot()
    {
        Assert.False((Complete with { CouncilLevel = "district" }).CanBeFiledByArea());
        Assert.False((Complete with { CouncilLevel = "Central" }).CanBeFiledByArea());
    }

    [Fact]
    public void The_guard_does_not_travel_on_the_wire()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(Complete);
        Assert.DoesNotContain("CanBeFiled", json, StringComparison.OrdinalIgnoreCase);
    }
}

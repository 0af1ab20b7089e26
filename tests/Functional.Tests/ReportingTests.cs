extern alias reporting;

using System.Net;
using DoanKetSangTao.Tests.Support;

namespace DoanKetSangTao.Tests.Functional;

/// <summary>Reporting alone: a council's decision, consumed from the broker, is counted in the results report.</summary>
public sealed class ReportingTests(ServiceHost<reporting::Program> host) : ServiceTests<reporting::Program>(host)
{
    protected override string Name => "reporting";

    protected override string ProtectedPath => "/api/v1/reports/appraisal-results?campaignId=" + Guid.Empty;

    [Fact]
    public async Task A_consumed_recognition_is_counted_at_its_level_and_in_its_commune()
    {
        var decision = AwardsTests.Decision(Guid.NewGuid(), "province");
        using var hanoi = Host.Client(People.HanoiOfficer);
        var path = $"/api/v1/reports/appraisal-results?campaignId={decision.CampaignId}&provinceCode=01";
        Assert.Equal(0, Recognized(await hanoi.GetJsonAsync(path, HttpStatusCode.OK), "province"));

        await Host.PublishAsync(decision);

        var report = await TestInfrastructure.EventuallyAsync(async () =>
        {
            var r = await hanoi.GetJsonAsync(path, HttpStatusCode.OK);
            return Recognized(r, "province") > 0 ? r : null;
        }, TimeSpan.FromSeconds(30), "the decision in the results report");

        var province = report["totals"]!.AsArray().Single(l => l!.Str("level") == "province")!;
        Assert.Equal((1, 0, 0), (province["recognized"]!.GetValue<long>(), province["notRecognized"]!.GetValue<long>(),
            province["nominatedUpward"]!.GetValue<long>()));
        Assert.All(report["totals"]!.AsArray().Where(l => l!.Str("level") != "province"), l => Assert.Equal(0, l!["recognized"]!.GetValue<long>()));
        var commune = Assert.Single(report["breakdown"]!.AsArray())!;
        Assert.Equal("00004", commune.Str("code"));
    }

    private static long Recognized(System.Text.Json.Nodes.JsonNode report, string level) =>
        report["totals"]!.AsArray().Where(l => l!.Str("level") == level).Sum(l => l!["recognized"]!.GetValue<long>());
}

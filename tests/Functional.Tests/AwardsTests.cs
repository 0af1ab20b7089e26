extern alias awards;

using System.Net;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Tests.Support;

namespace DoanKetSangTao.Tests.Functional;

/// <summary>Awards alone: who may read the candidates, and what a recognition makes an initiative eligible for.</summary>
public sealed class AwardsTests(ServiceHost<awards::Program> host) : ServiceTests<awards::Program>(host)
{
    protected override string Name => "awards";

    protected override string ProtectedPath => "/api/v1/award-types";

    [Fact]
    public async Task An_officer_of_another_province_is_refused_the_candidates_with_its_code()
    {
        using var hcm = Host.Client(People.HcmOfficer);

        var refused = await hcm.GetJsonAsync("/api/v1/commendations/candidates?provinceCode=01", HttpStatusCode.Forbidden);

        Assert.Equal("commendation_outside_scope", refused.Str("code"));
    }

    [Fact]
    public async Task A_province_recognition_makes_the_initiative_a_candidate_for_the_province_and_any_level_awards()
    {
        var decision = Decision(Guid.NewGuid(), "province");
        await Host.PublishAsync(decision);

        using var hanoi = Host.Client(People.HanoiOfficer);
        var candidate = await TestInfrastructure.EventuallyAsync(async () =>
            (await hanoi.GetJsonAsync($"/api/v1/commendations/candidates?campaignId={decision.CampaignId}&provinceCode=01", HttpStatusCode.OK))["items"]!
                .AsArray().SingleOrDefault(c => c!.Str("initiativeId") == decision.InitiativeId.ToString()),
            TimeSpan.FromSeconds(30), "the recognition on the candidates list");

        Assert.Equal("province", candidate.Str("level"));
        Assert.Equal(decision.Title, candidate.Str("title"));
        Assert.Equal(["bang_khen_tinh", "giay_chung_nhan"], candidate["eligibleAwardTypes"]!.AsArray().Select(t => t!.Str("code")));
    }

    internal static AppraisalDecisionMade Decision(Guid initiativeId, string level, bool recognized = true) => new(
        Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), level, initiativeId, recognized, 86.5m, "xuat_sac",
        "15/QĐ-HĐTĐ", DateOnly.FromDateTime(DateTime.UtcNow), null, Guid.NewGuid(), "01", "00004", "Sổ điểm điện tử cho trường trung học cơ sở");
}

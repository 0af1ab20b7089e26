extern alias awards;

using System.Net;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Tests.Support;
using static DoanKetSangTao.Tests.Functional.ReviewConferenceScene;

namespace DoanKetSangTao.Tests.Functional;

/// <summary>
/// Awards alone, receiving a review conference's forwarded proposals: the host committee finds them in its proposal
/// list as submitted proposals of each organization, and a redelivered event files nothing twice.
/// </summary>
public sealed class ReviewConferenceAwardsTests(ServiceHost<awards::Program> host) : IClassFixture<ServiceHost<awards::Program>>
{
    [Fact]
    public async Task Forwarded_conference_proposals_become_the_host_committees_call_once()
    {
        var conference = Guid.NewGuid();
        var proposed = new ConferenceCommendationsProposed(Guid.NewGuid(), DateTimeOffset.UtcNow, conference, "Hội nghị tổng kết phong trào “Đoàn kết sáng tạo”",
            "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Quảng Nam", "49", null, DateTimeOffset.UtcNow.AddDays(20), Host.Id,
            [
                new ConferenceProposalGroup(Women, "Hội Liên hiệp Phụ nữ tỉnh", 1,
                    [new ConferenceNominee("collective", "Chi hội Phụ nữ thôn 2", null, "Hội LHPN xã Tam Thăng", "Mô hình hỗ trợ phụ nữ khởi nghiệp", "49", null)]),
                new ConferenceProposalGroup(Farmers, "Hội Nông dân tỉnh", 2,
                    [new ConferenceNominee("individual", "Nguyễn Văn Bình", "Chủ nhiệm", "Tổ hợp tác rau an toàn", "Nhân rộng mô hình rau an toàn", "49", null)]),
            ]);
        await host.PublishAsync(proposed);
        // The same forwarding delivered again under a new message id (a replay): still one call.
        var replay = proposed with { EventId = Guid.NewGuid() };
        await host.PublishAsync(replay);

        using var hostClient = host.Client(Host);
        var call = await TestInfrastructure.EventuallyAsync(async () =>
        {
            var calls = await hostClient.GetJsonAsync("/api/v1/commendations/calls", HttpStatusCode.OK);
            return calls.AsArray().FirstOrDefault(c => c!.Id() == conference);
        }, TimeSpan.FromSeconds(30), "the conference's call in the host committee's list");
        Assert.Equal("bang_khen_tinh", call!.Str("awardTypeCode"));

        var detail = await hostClient.GetJsonAsync($"/api/v1/commendations/calls/{conference}", HttpStatusCode.OK);
        var proposals = detail["proposals"]!.AsArray();
        Assert.Equal(["Hội Liên hiệp Phụ nữ tỉnh", "Hội Nông dân tỉnh"], proposals.Select(p => p!.Str("proposerName")).Order());
        Assert.All(proposals, p => Assert.Equal("submitted", p!.Str("status")));

        var farmers = proposals.Single(p => p!.Str("proposerName") == "Hội Nông dân tỉnh")!;
        var recipient = (await hostClient.GetJsonAsync($"/api/v1/commendations/proposals/{farmers.Id()}", HttpStatusCode.OK))["recipients"]!.AsArray().Single()!;
        Assert.Equal(("Nguyễn Văn Bình", "Chủ nhiệm, Tổ hợp tác rau an toàn"), (recipient.Str("fullName"), recipient.Str("organizationName")));

        // The host decides on it as on any proposal.
        await hostClient.PostJsonAsync($"/api/v1/commendations/proposals/{farmers.Id()}/accept", new { }, HttpStatusCode.OK);

        // Both deliveries were consumed (the inbox holds them) and the call was filed once.
        await TestInfrastructure.EventuallyAsync(async () =>
        {
            await using var connection = new Npgsql.NpgsqlConnection(host.Database.ConnectionString);
            var consumed = await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT count(*) FROM inbox_messages WHERE message_id = ANY(@ids)",
                new { ids = new[] { proposed.EventId, replay.EventId } });
            return consumed == 2 ? "consumed" : null;
        }, TimeSpan.FromSeconds(30), "both deliveries recorded in the inbox");
        var again = await hostClient.GetJsonAsync("/api/v1/commendations/calls", HttpStatusCode.OK);
        Assert.Single(again.AsArray(), c => c!.Id() == conference);
    }
}

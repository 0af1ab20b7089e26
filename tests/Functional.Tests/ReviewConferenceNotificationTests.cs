extern alias notification;

using Dapper;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Tests.Support;
using Npgsql;
using NDomain = notification::DoanKetSangTao.Notification.API.Domain;

namespace DoanKetSangTao.Tests.Functional;

/// <summary>
/// Notification alone, turning reporting's conference events into notices: a participant invited with an e-mail gets the
/// invitation in their inbox (under the address) and by e-mail, then the cancellation; the invited organizations'
/// inboxes and officers are worded by the same notices (checked on the notices themselves: identity does not run here).
/// </summary>
public sealed class ReviewConferenceNotificationTests(ServiceHost<notification::Program> host) : IClassFixture<ServiceHost<notification::Program>>
{
    [Fact]
    public async Task An_invited_participant_is_sent_the_invitation_and_then_the_cancellation_by_e_mail()
    {
        var email = $"daibieu.{Guid.NewGuid():N}@example.vn";
        var conference = Guid.NewGuid();
        var startsAt = new DateTimeOffset(2026, 12, 28, 1, 0, 0, TimeSpan.Zero);
        ConferenceParticipant[] participants = [new("Trần Thị Mai", "Phóng viên", email)];
        await host.PublishAsync(new ReviewConferenceInvited(Guid.NewGuid(), DateTimeOffset.UtcNow, conference, Guid.NewGuid(), "tong_ket",
            "Hội nghị tổng kết phong trào “Đoàn kết sáng tạo”", startsAt, "Số 99 Hùng Vương", "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Quảng Nam", [], participants));

        var invitation = await TestInfrastructure.EventuallyAsync(() => Task.FromResult(
            Mailbox.To(email).FirstOrDefault(m => (m.Subject ?? "").StartsWith("Giấy mời", StringComparison.Ordinal))), TimeSpan.FromSeconds(30), "the invitation letter");
        Assert.Equal("Giấy mời: Hội nghị tổng kết phong trào “Đoàn kết sáng tạo”", invitation.Subject);
        Assert.Contains("Kính gửi Trần Thị Mai", invitation.TextBody, StringComparison.Ordinal);
        Assert.Contains("08:00 28/12/2026", invitation.TextBody, StringComparison.Ordinal);
        Assert.Contains("Số 99 Hùng Vương", invitation.TextBody, StringComparison.Ordinal);

        await host.PublishAsync(new ReviewConferenceChanged(Guid.NewGuid(), DateTimeOffset.UtcNow, conference, "cancelled", "tong_ket",
            "Hội nghị tổng kết phong trào “Đoàn kết sáng tạo”", startsAt, "Số 99 Hùng Vương", "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Quảng Nam",
            "Trùng lịch hội nghị của Tỉnh ủy", [], participants));
        var cancellation = await TestInfrastructure.EventuallyAsync(() => Task.FromResult(
            Mailbox.To(email).FirstOrDefault(m => (m.Subject ?? "").StartsWith("Hủy hội nghị", StringComparison.Ordinal))), TimeSpan.FromSeconds(30), "the cancellation letter");
        Assert.Contains("Lý do: Trùng lịch hội nghị của Tỉnh ủy", cancellation.TextBody, StringComparison.Ordinal);

        await using var connection = new NpgsqlConnection(host.Database.ConnectionString);
        var inbox = (await connection.QueryAsync<string>("SELECT kind FROM notifications WHERE recipient_id = @id ORDER BY created_at",
            new { id = $"email:{email}" })).ToList();
        Assert.Equal(["conference_invitation", "conference_cancelled"], inbox);
    }

    [Fact]
    public void Each_invited_organization_is_told_in_its_inbox_and_through_its_own_officers_only()
    {
        var women = Guid.NewGuid();
        var farmers = Guid.NewGuid();
        var invited = new ReviewConferenceInvited(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), "so_ket", "Hội nghị sơ kết",
            DateTimeOffset.UtcNow.AddDays(10), "Hội trường", "Ủy ban MTTQ tỉnh",
            [new ConferenceInvitee(women, "Hội LHPN tỉnh"), new ConferenceInvitee(farmers, "Hội Nông dân tỉnh")],
            [new ConferenceParticipant("Khách không có thư", "Khách mời", null)]);
        NDomain.OrganizationOfficer[] officers =
        [
            new(women, "canbo.phunu", "Lê Thị Hoa", "hoa@example.vn", null),
            new(women, "canbo.phunu", "Lê Thị Hoa", "hoa@example.vn", null),
            new(Guid.NewGuid(), "canbo.khac", "Người khác", "khac@example.vn", null),
        ];

        var notices = NDomain.Notices.ConferenceInvited(invited, officers).ToList();

        Assert.Equal([$"org:{women:D}", "canbo.phunu", $"org:{farmers:D}"], notices.Select(n => n.RecipientId));
        Assert.All(notices, n => Assert.Equal("conference_invitation", n.Kind));
        var declared = NDomain.NotificationKinds.Get("conference_invitation").Placeholders.Select(p => p.Name).ToHashSet();
        Assert.All(notices.SelectMany(n => n.Values.Keys), key => Assert.Contains(key, declared));

        var due = NDomain.Notices.ContributionDue(new ConferenceContributionDueSoon(Guid.NewGuid(), DateTimeOffset.UtcNow, invited.ConferenceId, Guid.NewGuid(),
            invited.Title, farmers, "Hội Nông dân tỉnh", "Mô hình tiêu biểu", 3, new DateOnly(2026, 10, 20), 1), officers).ToList();
        Assert.Equal([$"org:{farmers:D}"], due.Select(n => n.RecipientId));
        Assert.Equal(("20/10/2026", "1"), (due[0].Values["due_on"], due[0].Values["days_left"]));
    }
}

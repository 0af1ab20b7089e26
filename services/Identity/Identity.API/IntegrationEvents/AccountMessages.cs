using System.Text.Encodings.Web;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Identity.API.Extensions;
using DoanKetSangTao.Identity.API.Infrastructure;
using DoanKetSangTao.Messaging;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace DoanKetSangTao.Identity.API.IntegrationEvents;

/// <summary>
/// The letters about an account (confirm the e-mail, reset the password, an invitation to set one), handed to the
/// notification service through the outbox in the same transaction as the change that calls for them.
/// </summary>
public sealed class AccountMessages(UserManager<Account> users, IdentityDb db, Outbox outbox, IdentityServerOptions options, TimeProvider clock)
{
    public async Task SendEmailConfirmationAsync(Account account, CancellationToken ct)
    {
        var token = await users.GenerateEmailConfirmationTokenAsync(account);
        var link = Link("account/confirm-email", account, token);
        await SendAsync(account, AccountMessageRequested.EmailConfirmation, "Xác nhận địa chỉ thư điện tử",
            $"Bạn vừa đăng ký tài khoản trên hệ thống Đoàn kết sáng tạo. Mở liên kết sau để xác nhận địa chỉ thư điện tử:\n\n{link}\n\n"
            + "Nếu không phải bạn đăng ký, hãy bỏ qua thư này.", ct);
    }

    public async Task SendPasswordResetAsync(Account account, CancellationToken ct)
    {
        var token = await users.GeneratePasswordResetTokenAsync(account);
        var link = Link("account/reset-password", account, token);
        await SendAsync(account, AccountMessageRequested.PasswordReset, "Đặt lại mật khẩu",
            $"Có yêu cầu đặt lại mật khẩu cho tài khoản của bạn. Mở liên kết sau để đặt mật khẩu mới (liên kết dùng được một lần):\n\n{link}\n\n"
            + "Nếu bạn không yêu cầu, hãy bỏ qua thư này; mật khẩu hiện tại vẫn giữ nguyên.", ct);
    }

    /// <summary>An account an officer created: the person sets their own password from the link (which also confirms the address).</summary>
    public async Task SendInvitationAsync(Account account, CancellationToken ct)
    {
        var token = await users.GeneratePasswordResetTokenAsync(account);
        var link = Link("account/reset-password", account, token);
        await SendAsync(account, AccountMessageRequested.Invitation, "Tài khoản của bạn trên hệ thống Đoàn kết sáng tạo",
            $"Một tài khoản đã được tạo cho bạn với tên đăng nhập {account.UserName}. Mở liên kết sau để đặt mật khẩu:\n\n{link}", ct);
    }

    private string Link(string path, Account account, string token) =>
        $"{options.Issuer.TrimEnd('/')}/{path}?userId={account.Id}&code={UrlEncoder.Default.Encode(EmailLinkCode.Encode(token))}";

    /// <summary>In the caller's EF transaction when there is one (the change and the letter commit together), else in one of its own.</summary>
    private async Task SendAsync(Account account, string kind, string subject, string body, CancellationToken ct)
    {
        var message = new AccountMessageRequested(Guid.CreateVersion7(), clock.GetUtcNow(), account.Id, kind,
            account.Email ?? throw new InvalidOperationException("An account message needs an e-mail address."), account.FullName, subject, body);
        if (db.Database.CurrentTransaction is { } current)
        {
            await outbox.EnqueueAsync(message, (NpgsqlTransaction)current.GetDbTransaction(), ct);
            return;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await outbox.EnqueueAsync(message, (NpgsqlTransaction)tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
    }
}

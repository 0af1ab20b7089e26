using Microsoft.AspNetCore.Identity;

namespace DoanKetSangTao.Identity.API.Infrastructure;

/// <summary>ASP.NET Core Identity's messages in Vietnamese: they reach people on the pages and in API answers.</summary>
public sealed class VietnameseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError DuplicateEmail(string email) => new() { Code = nameof(DuplicateEmail), Description = $"Địa chỉ thư điện tử {email} đã có tài khoản. Hãy đăng nhập hoặc đặt lại mật khẩu." };

    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"Tên đăng nhập {userName} đã được dùng." };

    public override IdentityError InvalidEmail(string? email) => new() { Code = nameof(InvalidEmail), Description = "Địa chỉ thư điện tử không hợp lệ." };

    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = "Tên đăng nhập chỉ gồm chữ không dấu, số và các ký tự . _ - @." };

    public override IdentityError InvalidToken() => new() { Code = nameof(InvalidToken), Description = "Liên kết đã hết hạn hoặc đã được dùng. Hãy yêu cầu gửi lại thư." };

    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"Mật khẩu cần ít nhất {length} ký tự." };

    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "Mật khẩu không đúng." };

    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = "Không thực hiện được yêu cầu. Vui lòng thử lại." };

    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = "Tài khoản vừa được thay đổi ở nơi khác. Vui lòng tải lại trang và thử lại." };

    public override IdentityError UserLockoutNotEnabled() => new() { Code = nameof(UserLockoutNotEnabled), Description = "Tài khoản này không thể bị khóa." };
}

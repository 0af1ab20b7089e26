using DoanKetSangTao.ServiceDefaults.Localization;

namespace DoanKetSangTao.Registration.API.Domain;

/// <summary>Đợt thi đua: a year for a scope (a province, or national), with its registration deadline.</summary>
public sealed class Campaign
{
    public Guid Id { get; init; }

    public int Year { get; init; }

    public string Name { get; init; } = string.Empty;

    /// <summary>Null for a national campaign.</summary>
    public string? ProvinceCode { get; init; }

    /// <summary>The instant registration closes ("trước ngày 15/01" closes when 15 January begins in Vietnam).</summary>
    public DateTime RegistrationClosesAt { get; init; }

    public bool IsRegistrationOpen(DateTimeOffset now) => now < new DateTimeOffset(RegistrationClosesAt, TimeSpan.Zero);

    /// <summary>The message a person sees when they are late, with the deadline in Vietnamese form.</summary>
    public string RegistrationClosedMessage() =>
        $"Đã hết hạn đăng ký sáng kiến của {Name}: hạn cuối là hết ngày {VietnamTime.FormatDate(new DateTimeOffset(RegistrationClosesAt, TimeSpan.Zero).AddTicks(-1))}. " +
        "Nếu có lý do chính đáng, vui lòng đề nghị cơ quan Mặt trận phụ trách mở lại thời hạn cho đơn vị.";

    public bool Covers(string provinceCode) => ProvinceCode is null || ProvinceCode == provinceCode;
}

using DoanKetSangTao.Registration.API.Infrastructure;

namespace DoanKetSangTao.Registration.API.Apis;

/// <summary>Một đơn vị hành chính (tỉnh/thành phố, xã/phường/đặc khu), kể cả khi đã giải thể hoặc sáp nhập.</summary>
public sealed record AdministrativeUnitResponse(
    string Code, string Name, string Level, string UnitType, string? ParentCode, DateTimeOffset? RetiredAt, string? MergedIntoCode, string? RetiredReason)
{
    internal static AdministrativeUnitResponse From(AdministrativeUnit u) => new(u.Code, u.Name, u.Level, u.UnitType, u.ParentCode,
        u.RetiredAt is { } r ? new DateTimeOffset(DateTime.SpecifyKind(r, DateTimeKind.Utc)) : null, u.MergedIntoCode, u.RetiredReason);
}

/// <summary>Thêm đơn vị hành chính mới: mã, tên, cấp (province, commune), loại và tỉnh/thành phố trực thuộc.</summary>
public sealed record CreateAdministrativeUnitRequest(string? Code, string? Name, string? Level, string? UnitType, string? ParentCode);

/// <summary>Giải thể hoặc sáp nhập: đơn vị tiếp nhận (nếu có) và căn cứ.</summary>
public sealed record RetireAdministrativeUnitRequest(string? MergedIntoCode, string? Reason);

using DoanKetSangTao.Registration.API.Infrastructure;

namespace DoanKetSangTao.Registration.API.Apis;

/// <summary>Khai báo cơ quan, đơn vị: tên, loại, xã/phường nơi đặt trụ sở (hoặc tỉnh với tổ chức cấp tỉnh), tổ chức cấp trên.</summary>
public sealed record CreateOrganizationRequest(string? Name, string? Kind, string? CommuneCode, Guid? ParentId, string? ShortName = null, string? ProvinceCode = null);

/// <summary>Một cơ quan, đơn vị.</summary>
public sealed record OrganizationResponse(Guid Id, string Name, string? ShortName, string Kind, string ProvinceCode, string? CommuneCode, Guid? ParentId)
{
    internal static OrganizationResponse From(Organization o) => new(o.Id, o.Name, o.ShortName, o.Kind, o.ProvinceCode, o.CommuneCode, o.ParentId);
}

/// <summary>Kế hoạch hưởng ứng: số, ký hiệu và ngày ban hành.</summary>
public sealed record MovementPlanRequest(string? DocumentNumber, DateOnly? IssuedOn);

/// <summary>Kế hoạch hưởng ứng của một đơn vị trong một đợt thi đua, với người ghi nhận.</summary>
public sealed record MovementPlanResponse(Guid OrganizationId, Guid CampaignId, string DocumentNumber, DateOnly IssuedOn, string RecordedBy, DateTimeOffset RecordedAt)
{
    internal static MovementPlanResponse From(MovementPlan p) => new(p.OrganizationId, p.CampaignId, p.DocumentNumber, p.IssuedOn, p.RecordedBy, p.RecordedAt);
}

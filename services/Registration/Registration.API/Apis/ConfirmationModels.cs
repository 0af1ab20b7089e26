using DoanKetSangTao.Registration.API.Infrastructure;

namespace DoanKetSangTao.Registration.API.Apis;

/// <summary>Lập danh sách tổng hợp: the campaign, the organization whose confirmed registrations are forwarded, and a note.</summary>
public sealed record CreateConfirmationListRequest(Guid CampaignId, Guid OrganizationId, string? Note);

/// <summary>A list as the list of lists shows it: who forwarded what to whom, and how many initiatives.</summary>
public sealed record ConfirmationListSummary(
    Guid Id, Guid CampaignId, string CampaignName, Guid OrganizationId, string OrganizationName, Guid? ForwardedToId, string? ForwardedToName,
    string? Note, string CreatedBy, string? CreatedByName, DateTimeOffset CreatedAt, int ItemCount)
{
    internal static ConfirmationListSummary From(ConfirmationListHead h) => new(h.Id, h.CampaignId, h.CampaignName, h.OrganizationId, h.OrganizationName,
        h.ForwardedToId, h.ForwardedToName, h.Note, h.CreatedBy, h.CreatedByName, Utc(h.CreatedAt), h.ItemCount);

    internal static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}

/// <summary>Một dòng của danh sách: số thứ tự và sáng kiến.</summary>
public sealed record ConfirmationListItem(int Ordinal, InitiativeResponse Initiative);

/// <summary>Danh sách tổng hợp đăng ký (Mẫu 2): what an organization confirmed and forwarded up.</summary>
public sealed record ConfirmationListResponse(
    Guid Id,
    Guid CampaignId,
    string CampaignName,
    Guid OrganizationId,
    string OrganizationName,
    Guid? ForwardedToId,
    string? ForwardedToName,
    string? Note,
    string CreatedBy,
    string? CreatedByName,
    DateTimeOffset CreatedAt,
    IReadOnlyList<ConfirmationListItem> Items)
{
    internal static ConfirmationListResponse From(ConfirmationListDetails list)
    {
        var h = list.Head;
        return new ConfirmationListResponse(h.Id, h.CampaignId, h.CampaignName, h.OrganizationId, h.OrganizationName, h.ForwardedToId, h.ForwardedToName,
            h.Note, h.CreatedBy, h.CreatedByName, ConfirmationListSummary.Utc(h.CreatedAt),
            list.Initiatives.Select((initiative, i) => new ConfirmationListItem(i + 1, InitiativeResponse.From(initiative))).ToList());
    }
}

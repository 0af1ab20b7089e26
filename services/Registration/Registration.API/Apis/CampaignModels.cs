using DoanKetSangTao.Registration.API.Domain;
using DoanKetSangTao.Registration.API.Infrastructure;

namespace DoanKetSangTao.Registration.API.Apis;

/// <summary>A new campaign; <c>Deadlines</c> maps a kind (registration, dossier, …) to the day it closes before.</summary>
public sealed record CreateCampaignRequest(
    int Year,
    string? Name,
    string? ProvinceCode,
    DateOnly? RegistrationDueBefore,
    int? PhaseStartYear = null,
    int? PhaseEndYear = null,
    IReadOnlyDictionary<string, DateOnly>? Deadlines = null);

/// <summary>Một thời hạn: loại, phạm vi (VN hoặc mã tỉnh), ngày hết hạn và ngày cuối cùng còn làm được.</summary>
public sealed record DeadlineResponse(string Kind, string KindName, string ScopeCode, DateOnly DueBefore, DateTimeOffset ClosesAt, string LastDay);

/// <summary>Đợt thi đua với các thời hạn của nó.</summary>
public sealed record CampaignResponse(
    Guid Id,
    int Year,
    string Name,
    string? ProvinceCode,
    int? PhaseStartYear,
    int? PhaseEndYear,
    DateTimeOffset? RegistrationClosesAt,
    string? RegistrationDeadline,
    IReadOnlyList<DeadlineResponse> Deadlines)
{
    internal static CampaignResponse From(CampaignSchedule schedule)
    {
        var campaign = schedule.Campaign;
        var own = schedule.Deadlines
            .Select(d => new DeadlineResponse(d.Kind, DeadlineKind.All.NameOf(d.Kind), d.ScopeCode, d.DueBefore, d.ClosesAt, d.LastDay))
            .ToList();
        var registration = own.FirstOrDefault(d => d.Kind == DeadlineKind.Registration && d.ScopeCode == Campaign.WholeCampaign);
        return new CampaignResponse(campaign.Id, campaign.Year, campaign.Name, campaign.ProvinceCode, campaign.PhaseStartYear, campaign.PhaseEndYear,
            registration?.ClosesAt, registration?.LastDay, own);
    }
}

/// <summary>A deadline for the whole campaign (<c>ScopeCode</c> "VN" or omitted) or for one province of a national campaign.</summary>
public sealed record SetDeadlineRequest(string? ScopeCode, DateOnly? DueBefore);

/// <summary>Mở lại thời hạn cho một đơn vị: loại (registration, dossier), hạn mới và lý do.</summary>
public sealed record ReopenWindowRequest(Guid OrganizationId, string? Kind, DateOnly? DueBefore, string? Reason);

/// <summary>Một lần mở lại thời hạn, với người cho phép và thời điểm.</summary>
public sealed record ExtensionResponse(Guid Id, Guid OrganizationId, string OrganizationName, string Kind, DateOnly DueBefore, string Reason, string GrantedBy, DateTimeOffset GrantedAt)
{
    internal static ExtensionResponse From(GrantedExtension e) =>
        new(e.Id, e.OrganizationId, e.OrganizationName, e.Kind, e.DueBefore, e.Reason, e.GrantedBy, e.GrantedAt);
}

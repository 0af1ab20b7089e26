using Dapper;
using DoanKetSangTao.Registration.API.Domain;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Localization;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Registration.API.Apis;

public sealed record CreateCampaignRequest(int Year, string? Name, string? ProvinceCode, DateOnly? RegistrationDueBefore);

public sealed record CampaignResponse(Guid Id, int Year, string Name, string? ProvinceCode, DateTimeOffset RegistrationClosesAt, string RegistrationDeadline);

public static class CampaignsApi
{
    public static RouteGroupBuilder MapCampaignsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/campaigns").WithTags("Đợt thi đua (campaigns)");
        api.MapPost("/", CreateCampaign).RequireRoles(PlatformRoles.FrontOfficer);
        api.MapGet("/{id:guid}", GetCampaign);
        return api;
    }

    /// <summary>A Front officer opens a campaign for their province (or the centre, a national one).</summary>
    public static async Task<Results<Created<CampaignResponse>, ProblemHttpResult>> CreateCampaign(
        CreateCampaignRequest request, [AsParameters] RegistrationServices services, CancellationToken ct)
    {
        var name = VietnameseText.TryNormalize(request.Name);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(name) || name.Length > 300)
        {
            errors["name"] = ["Vui lòng nhập tên đợt thi đua (tối đa 300 ký tự)."];
        }

        if (request.Year is < 2000 or > 2100)
        {
            errors["year"] = ["Năm thi đua không hợp lệ."];
        }

        // The registration deadline falls in the campaign's year or the turn of the next (e.g. before 15 January).
        if (request.RegistrationDueBefore is not { } due || due.Year < request.Year || due.Year > request.Year + 1)
        {
            errors["registrationDueBefore"] = [$"Vui lòng nhập hạn đăng ký (ngày, dạng yyyy-MM-dd) trong năm {request.Year} hoặc đầu năm {request.Year + 1}."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var scope = services.User.Scope;
        var allowed = request.ProvinceCode is null
            ? scope?.Level == AdministrativeLevel.Central
            : scope is not null && scope.Level != AdministrativeLevel.Commune && scope.Covers(request.ProvinceCode);
        if (allowed != true)
        {
            return Problems.Forbidden("campaign_outside_scope",
                "Bạn chỉ được mở đợt thi đua cho tỉnh/thành phố mình phụ trách (đợt toàn quốc do cơ quan Trung ương mở).");
        }

        await using var connection = await services.Db.OpenConnectionAsync(ct);
        if (request.ProvinceCode is not null && await connection.ExecuteScalarAsync<int>(
                "SELECT count(*) FROM administrative_units WHERE code = @Code AND level = 'province' AND retired_at IS NULL", new { Code = request.ProvinceCode }) == 0)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["provinceCode"] = ["Mã tỉnh/thành phố không có trong danh mục đơn vị hành chính hiện hành."] });
        }

        var campaign = new Campaign
        {
            Id = Guid.CreateVersion7(),
            Year = request.Year,
            Name = name!,
            ProvinceCode = request.ProvinceCode,
            RegistrationClosesAt = VietnamTime.ClosesBefore(request.RegistrationDueBefore!.Value).UtcDateTime,
        };
        await connection.ExecuteAsync(
            """
            INSERT INTO campaigns (id, year, name, province_code, registration_closes_at, created_by)
            VALUES (@Id, @Year, @Name, @ProvinceCode, @RegistrationClosesAt, @CreatedBy)
            """,
            new { campaign.Id, campaign.Year, campaign.Name, campaign.ProvinceCode, campaign.RegistrationClosesAt, CreatedBy = services.User.Id });
        return TypedResults.Created($"/api/v1/campaigns/{campaign.Id}", ToResponse(campaign));
    }

    public static async Task<Results<Ok<CampaignResponse>, ProblemHttpResult>> GetCampaign(Guid id, [AsParameters] RegistrationServices services)
    {
        await using var connection = await services.Db.OpenConnectionAsync();
        var campaign = await connection.QuerySingleOrDefaultAsync<Campaign>(
            "SELECT id, year, name, province_code, registration_closes_at FROM campaigns WHERE id = @id", new { id });
        return campaign is null
            ? Problems.NotFound("campaign_not_found", "Không tìm thấy đợt thi đua. Vui lòng kiểm tra lại mã đợt thi đua.")
            : TypedResults.Ok(ToResponse(campaign));
    }

    private static CampaignResponse ToResponse(Campaign c)
    {
        var closes = new DateTimeOffset(c.RegistrationClosesAt, TimeSpan.Zero);
        return new CampaignResponse(c.Id, c.Year, c.Name, c.ProvinceCode, closes, VietnamTime.FormatDate(closes.AddTicks(-1)));
    }
}

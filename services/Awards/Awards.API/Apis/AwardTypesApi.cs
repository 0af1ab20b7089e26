using DoanKetSangTao.Awards.API.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Awards.API.Apis;

public static class AwardTypesApi
{
    public static RouteGroupBuilder MapAwardTypesApi(this IEndpointRouteBuilder app)
    {
        // Any signed-in person may read the forms of commendation; changing them comes with the awards issue.
        var api = app.MapGroup("/api/v1/award-types").WithTags("Hình thức khen thưởng (award types)").RequireAuthorization();
        api.MapGet("/", ListAwardTypes);
        return api;
    }

    /// <summary>Các hình thức khen thưởng đang áp dụng, theo thứ tự mã.</summary>
    public static async Task<Ok<List<AwardTypeResponse>>> ListAwardTypes(AwardTypeStore awardTypes)
    {
        var types = await awardTypes.ListActiveAsync();
        return TypedResults.Ok(types.Select(t => new AwardTypeResponse(t.Code, t.Name, t.Level, t.Description)).ToList());
    }
}

using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace DoanKetSangTao.Awards.API.Apis;

public sealed record AwardTypeResponse(string Code, string Name, string Level, string Description);

public static class AwardTypesApi
{
    public static RouteGroupBuilder MapAwardTypesApi(this IEndpointRouteBuilder app)
    {
        // Any signed-in person may read the forms of commendation; changing them comes with the awards issue.
        var api = app.MapGroup("/api/v1/award-types").WithTags("Hình thức khen thưởng (award types)").RequireAuthorization();
        api.MapGet("/", ListAwardTypes);
        return api;
    }

    public static async Task<Ok<List<AwardTypeResponse>>> ListAwardTypes(NpgsqlDataSource db)
    {
        await using var connection = await db.OpenConnectionAsync();
        var rows = await connection.QueryAsync<AwardTypeResponse>(
            "SELECT code AS Code, name AS Name, level AS Level, description AS Description FROM award_types WHERE active ORDER BY code");
        return TypedResults.Ok(rows.ToList());
    }
}

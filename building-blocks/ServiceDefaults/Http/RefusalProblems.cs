using DoanKetSangTao.Domain;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.ServiceDefaults.Http;

/// <summary>
/// The one mapping from a rule's <see cref="Refusal"/> to an HTTP answer. Rules name the kind of refusal; only
/// here does a kind become a status, for a returned refusal (<see cref="ToProblem"/>) and a thrown one
/// (<see cref="RefusalException"/>, through the exception handler) alike.
/// </summary>
public static class RefusalProblems
{
    public static int StatusOf(RefusalKind kind) => kind switch
    {
        RefusalKind.Invalid => StatusCodes.Status400BadRequest,
        RefusalKind.NotFound => StatusCodes.Status404NotFound,
        RefusalKind.Forbidden => StatusCodes.Status403Forbidden,
        RefusalKind.Conflict => StatusCodes.Status409Conflict,
        RefusalKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown refusal kind."),
    };

    /// <summary>The refusal as Problem Details: its status, its stable <c>code</c>, its Vietnamese message and field errors.</summary>
    public static ProblemHttpResult ToProblem(this Refusal refusal) =>
        Problems.Create(StatusOf(refusal.Kind), refusal.Code, refusal.Message, refusal.Errors);
}

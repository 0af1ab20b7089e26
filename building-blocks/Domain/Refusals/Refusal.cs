namespace DoanKetSangTao.Domain;

/// <summary>
/// Loại từ chối: what kind of "no" a rule gives. The rule says only this; the HTTP layer turns each kind into
/// one status, in one place (<c>RefusalProblems</c> in ServiceDefaults), so domain code never names a status.
/// </summary>
public enum RefusalKind
{
    /// <summary>The input breaks a rule; the field errors say which (400).</summary>
    Invalid,

    /// <summary>What was asked for does not exist, or is not the caller's to see (404).</summary>
    NotFound,

    /// <summary>The caller may not do this, in their role or area (403).</summary>
    Forbidden,

    /// <summary>It clashes with the current state: already done, locked, closed (409).</summary>
    Conflict,

    /// <summary>Well-formed, but a rule of the movement does not allow it now (422).</summary>
    Unprocessable,
}

/// <summary>
/// Lời từ chối: a rule's refusal. A stable snake_case <see cref="Code"/> that integrations and the portal match on,
/// a Vietnamese <see cref="Message"/> that tells a person what to do, and, for invalid input, the message of each
/// field. Queries answer with values; an operation a rule forbids returns a refusal or throws it as a
/// <see cref="RefusalException"/>. Both reach the caller the same way.
/// </summary>
public sealed record Refusal(RefusalKind Kind, string Code, string Message, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    /// <summary>The code of every field-level refusal: the field errors say what to correct.</summary>
    public const string ValidationFailed = "validation_failed";

    /// <summary>The message of a field-level refusal when the rule has nothing more specific to say.</summary>
    public const string ValidationMessage = "Dữ liệu gửi lên chưa hợp lệ. Vui lòng sửa các trường được nêu trong 'errors' rồi gửi lại.";

    /// <summary>Field errors, with the shared code and message.</summary>
    public static Refusal Invalid(IReadOnlyDictionary<string, string[]> errors, string message = ValidationMessage) =>
        new(RefusalKind.Invalid, ValidationFailed, message, errors);

    /// <summary>One field's error, with the shared code and message.</summary>
    public static Refusal Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });

    /// <summary>Invalid input that is not one field's: a code of its own and what to correct.</summary>
    public static Refusal InvalidInput(string code, string message) => new(RefusalKind.Invalid, code, message);

    public static Refusal NotFound(string code, string message) => new(RefusalKind.NotFound, code, message);

    public static Refusal Forbidden(string code, string message) => new(RefusalKind.Forbidden, code, message);

    public static Refusal Conflict(string code, string message) => new(RefusalKind.Conflict, code, message);

    public static Refusal Unprocessable(string code, string message) => new(RefusalKind.Unprocessable, code, message);

    /// <summary>The same refusal, thrown from code that has no result to return (deep in a rule, a store, a consumer).</summary>
    public RefusalException ToException() => new(this);
}

/// <summary>A <see cref="Refusal"/> thrown; the exception handler answers it exactly as if the handler had returned it.</summary>
public sealed class RefusalException(Refusal refusal) : Exception(refusal.Message)
{
    public Refusal Refusal { get; } = refusal;
}

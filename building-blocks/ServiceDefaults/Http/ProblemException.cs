namespace DoanKetSangTao.ServiceDefaults.Http;

/// <summary>
/// A failure a person can act on: an HTTP status, a stable machine code and a Vietnamese message.
/// Thrown by domain and API code; turned into RFC 9457 Problem Details by <see cref="ProblemExceptionHandler"/>.
/// </summary>
public sealed class ProblemException(int status, string code, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
    : Exception(detail)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public IReadOnlyDictionary<string, string[]>? Errors { get; } = errors;
}

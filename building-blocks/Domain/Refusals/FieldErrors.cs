namespace DoanKetSangTao.Domain;

/// <summary>
/// Collects a form's field errors as a rule checks it, several messages per field, in the order found; an empty
/// collection means the input passed. The one way a rule reports invalid fields (Mẫu 1, a screening, a council).
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, string[]> errors = new(StringComparer.Ordinal);

    public bool IsEmpty => errors.Count == 0;

    public int Count => errors.Count;

    public IReadOnlyDictionary<string, string[]> ByField => errors;

    public FieldErrors Add(string field, string message)
    {
        errors[field] = errors.TryGetValue(field, out var messages) ? [.. messages, message] : [message];
        return this;
    }

    /// <summary>Null when nothing was wrong; otherwise the refusal that names every field.</summary>
    public Refusal? ToRefusal(string message = Refusal.ValidationMessage) =>
        IsEmpty ? null : Refusal.Invalid(errors, message);

    /// <summary>Throws the refusal when anything was wrong.</summary>
    public void ThrowIfAny(string message = Refusal.ValidationMessage)
    {
        if (ToRefusal(message) is { } refusal)
        {
            throw refusal.ToException();
        }
    }
}

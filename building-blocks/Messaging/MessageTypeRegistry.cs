using DoanKetSangTao.Contracts.IntegrationEvents;
using System.Reflection;

namespace DoanKetSangTao.Messaging;

/// <summary>Maps the type names stored in outbox rows back to the contract types they were written from.</summary>
public sealed class MessageTypeRegistry
{
    private readonly Dictionary<string, Type> types = new(StringComparer.Ordinal);

    public MessageTypeRegistry(IEnumerable<Assembly> contractAssemblies)
    {
        foreach (var type in contractAssemblies.Distinct().SelectMany(a => a.GetExportedTypes())
                     .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IIntegrationEvent).IsAssignableFrom(t)))
        {
            types[NameOf(type)] = type;
        }
    }

    public static string NameOf(Type type) => type.FullName ?? type.Name;

    public Type Resolve(string name) => types.TryGetValue(name, out var type)
        ? type
        : throw new InvalidOperationException($"Outbox message type '{name}' is not a known integration event.");
}

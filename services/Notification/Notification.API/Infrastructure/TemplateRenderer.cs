using System.Collections.Concurrent;
using DoanKetSangTao.Notification.API.Domain;
using Fluid;

namespace DoanKetSangTao.Notification.API.Infrastructure;

/// <summary>
/// Renders a kind's template for a channel with Fluid (Liquid). The template in force is the shipped default until an
/// operator's version replaces it (see <c>TemplateStore</c>).
/// </summary>
public sealed class TemplateRenderer
{
    private static readonly FluidParser Parser = new();
    private readonly ConcurrentDictionary<string, IFluidTemplate> parsed = new();

    /// <summary>The kind's message for the channel, from <paramref name="values"/>; the recipient's name is among them.</summary>
    public async Task<RenderedMessage> RenderAsync(string kind, string channel, IReadOnlyDictionary<string, string> values, CancellationToken ct)
    {
        var text = NotificationKinds.Get(kind).Defaults.TryGetValue(channel, out var t) ? t
            : throw new InvalidOperationException($"No template for {kind} on {channel}.");
        var context = new TemplateContext();
        foreach (var (name, value) in values)
        {
            context.SetValue(name, value);
        }

        var subject = text.Subject is null ? null : await Parse(text.Subject).RenderAsync(context);
        var body = await Parse(text.Body).RenderAsync(context);
        return new RenderedMessage(subject, body, text.ProviderTemplateId);
    }

    private IFluidTemplate Parse(string source) => parsed.GetOrAdd(source, s => Parser.Parse(s));
}

using System.Collections.Concurrent;
using DoanKetSangTao.Notification.API.Domain;
using DoanKetSangTao.Notification.API.Domain.Templates;

namespace DoanKetSangTao.Notification.API.Infrastructure;

/// <summary>
/// Renders a kind's template for a channel with the version in force: the newest an operator saved (<see cref="TemplateStore"/>),
/// else the shipped default. The version number is read for every message (one index probe), and parsed templates are
/// kept per kind, channel and version, so an edit on any replica shows in the very next message without a stale cache.
/// An operator's version that cannot be read or rendered never costs a notice: the default words it, and the error is
/// logged.
/// </summary>
public sealed class TemplateRenderer(TemplateStore store, ILogger<TemplateRenderer> logger)
{
    private readonly ConcurrentDictionary<(string Kind, string Channel, int Version), CompiledTemplate> parsed = new();

    /// <summary>The kind's message for the channel, from <paramref name="values"/>; the recipient's name is among them.</summary>
    public async Task<RenderedMessage> RenderAsync(string kind, string channel, IReadOnlyDictionary<string, string> values, CancellationToken ct)
    {
        var shipped = NotificationKinds.Get(kind).Defaults.TryGetValue(channel, out var t) ? t
            : throw new InvalidOperationException($"No template for {kind} on {channel}.");
        try
        {
            var version = await store.ActiveVersionAsync(kind, channel, ct);
            if (version > 0)
            {
                var template = await OperatorsAsync(kind, channel, version, shipped, ct);
                return await template.RenderAsync(values);
            }
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogError(ex, "The template in force for {Kind} on {Channel} failed; the message is worded by the shipped default.", kind, channel);
        }

        return await Default(kind, channel, shipped).RenderAsync(values);
    }

    /// <summary>The shipped default, parsed once (a release's defaults parse: a unit test checks every one).</summary>
    public CompiledTemplate Default(string kind, string channel, TemplateText shipped) =>
        parsed.GetOrAdd((kind, channel, 0), _ => CompiledTemplate.Parse(channel, shipped) is { Template: { } template } ? template
            : throw new InvalidOperationException($"The shipped template of {kind} on {channel} does not parse."));

    /// <summary>An operator's version, parsed on first use on this replica.</summary>
    private async Task<CompiledTemplate> OperatorsAsync(string kind, string channel, int version, TemplateText shipped, CancellationToken ct)
    {
        if (parsed.TryGetValue((kind, channel, version), out var cached))
        {
            return cached;
        }

        var row = await store.FindAsync(kind, channel, version, ct)
            ?? throw new InvalidOperationException($"Version {version} of {kind} on {channel} vanished.");
        var template = row.UsesDefault ? Default(kind, channel, shipped)
            : CompiledTemplate.Parse(channel, row.TextOr(shipped)) is { Template: { } compiled } ? compiled
            : throw new InvalidOperationException($"Version {version} of {kind} on {channel} does not parse.");
        parsed[(kind, channel, version)] = template;

        // Older versions of the same template are never in force again (a rollback adds a new number): let them go.
        foreach (var key in parsed.Keys.Where(k => k.Kind == kind && k.Channel == channel && k.Version > 0 && k.Version < version))
        {
            parsed.TryRemove(key, out _);
        }

        return template;
    }
}

using DoanKetSangTao.Messaging;
using DoanKetSangTao.Reporting.API.IntegrationEvents;

namespace DoanKetSangTao.Reporting.API.Commands;

/// <summary>
/// <c>rebuild-read-models</c>: dựng lại số liệu thống kê (rebuilds the statistics read models from the event history, printing
/// progress; docs/reporting.md, "Rebuilding"). Run with the service's binary instead of starting it, after migrations.
/// </summary>
public sealed class RebuildReadModelsCommand(ReadModelRebuild rebuild) : IOperatorCommand
{
    public string Name => "rebuild-read-models";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (args.Count != 0)
        {
            await error.WriteLineAsync("usage: rebuild-read-models");
            return 2;
        }

        await rebuild.RunAsync(output, cancellationToken);
        return 0;
    }
}

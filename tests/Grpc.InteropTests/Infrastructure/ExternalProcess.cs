using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace DoanKetSangTao.Tests.GrpcInteropTests.Infrastructure;

/// <summary>
/// A child process with captured output that is always ended: disposing closes its stdin (the
/// scripts exit on EOF) and kills the whole tree if it is still running shortly after.
/// </summary>
internal sealed class ExternalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _stdoutLines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _stderr = new();
    private readonly Task _stdoutPump;
    private readonly Task _stderrPump;

    private ExternalProcess(Process process)
    {
        _process = process;
        _stdoutPump = PumpStdoutAsync();
        _stderrPump = PumpStderrAsync();
    }

    public string FileName => _process.StartInfo.FileName;

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static ExternalProcess Start(string fileName, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Loopback only, no proxies; UTF-8 output; no __pycache__ next to the test output.
        startInfo.Environment["NO_PROXY"] = "127.0.0.1,localhost";
        startInfo.Environment["no_proxy"] = "127.0.0.1,localhost";
        startInfo.Environment["PYTHONIOENCODING"] = "utf-8";
        startInfo.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        startInfo.Environment["GRPC_VERBOSITY"] = "ERROR";

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        return new ExternalProcess(process);
    }

    /// <summary>Runs to completion and returns (exit code, stdout, stderr); killed after <paramref name="timeout"/>.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string fileName, IEnumerable<string> arguments, TimeSpan timeout)
    {
        await using var process = Start(fileName, arguments);
        process._process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process._process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{fileName} did not finish within {timeout}. stderr:\n{process.Stderr}");
        }

        await Task.WhenAll(process._stdoutPump, process._stderrPump);
        var stdout = new StringBuilder();
        while (process._stdoutLines.Reader.TryRead(out var line))
        {
            stdout.AppendLine(line);
        }

        return (process._process.ExitCode, stdout.ToString(), process.Stderr);
    }

    public async Task<string> ReadLineAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return await _stdoutLines.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{FileName} printed nothing within {timeout}. stderr:\n{Stderr}");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"{FileName} exited before printing a line. stderr:\n{Stderr}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                try
                {
                    _process.StandardInput.Close();
                }
                catch (IOException)
                {
                    // It exited meanwhile: the pipe is gone.
                }

                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                try
                {
                    await _process.WaitForExitAsync(cts.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync();
                }
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task PumpStdoutAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            _stdoutLines.Writer.TryWrite(line);
        }

        _stdoutLines.Writer.TryComplete();
    }

    private async Task PumpStderrAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } line)
        {
            lock (_stderr)
            {
                _stderr.AppendLine(line);
            }
        }
    }
}

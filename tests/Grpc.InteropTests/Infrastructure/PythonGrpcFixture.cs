namespace DoanKetSangTao.Tests.GrpcInteropTests.Infrastructure;

/// <summary>
/// Checks Debian's python gRPC is installed (failing, not skipping, when it is not) and generates
/// the *_pb2 modules from the repository's .proto files into a temporary directory.
/// </summary>
public class PythonGrpcFixture : IAsyncLifetime
{
    // Debian's interpreter: the pyenv python3 on PATH has no grpc module.
    public const string Python = "/usr/bin/python3";
    public const string Protoc = "/usr/bin/protoc";

    private const string InstallHint =
        "Run `launcher/infra.sh install` to install Debian's python3-grpcio, python3-protobuf and protobuf-compiler.";

    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(60);

    public string GeneratedDirectory { get; } = Path.Combine(Path.GetTempPath(), "dks-grpc-interop-" + Guid.NewGuid().ToString("N"));

    public static string ScriptPath(string name) => Path.Combine(AppContext.BaseDirectory, "python", name);

    public virtual async Task InitializeAsync()
    {
        await RequireAsync(Python, ["-c", "import grpc, google.protobuf"], "python3 with grpc and protobuf");
        await RequireAsync(Protoc, ["--version"], "protoc");

        Directory.CreateDirectory(GeneratedDirectory);
        var root = FindRepositoryRoot();
        var lookupDir = Path.Combine(root, "contracts", "DoanKetSangTao.Contracts", "Protos", "registration", "v1");
        // The standard health protocol; grpc-dotnet ships its C# side (Grpc.HealthCheck).
        var healthDir = Path.Combine(root, "tests", "Grpc.InteropTests", "protos");

        // Each proto is compiled from its own directory so the modules are top-level
        // (health_pb2, not grpc.health.v1, which would clash with the grpc package).
        await GenerateAsync(lookupDir, "initiative_lookup.proto");
        await GenerateAsync(healthDir, "health.proto");
    }

    public virtual Task DisposeAsync()
    {
        if (Directory.Exists(GeneratedDirectory))
        {
            Directory.Delete(GeneratedDirectory, recursive: true);
        }

        return Task.CompletedTask;
    }

    internal static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DoanKetSangTao.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No DoanKetSangTao.sln above {AppContext.BaseDirectory}.");
    }

    private async Task GenerateAsync(string protoDirectory, string protoFile)
    {
        // /usr/include holds google/protobuf/timestamp.proto on Debian.
        var (exitCode, _, stderr) = await ExternalProcess.RunAsync(Protoc,
            [$"-I{protoDirectory}", "-I/usr/include", $"--python_out={GeneratedDirectory}", Path.Combine(protoDirectory, protoFile)],
            ToolTimeout);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"protoc failed for {protoFile} (exit {exitCode}):\n{stderr}");
        }
    }

    private static async Task RequireAsync(string fileName, string[] arguments, string what)
    {
        if (!File.Exists(fileName))
        {
            throw new InvalidOperationException($"{fileName} is missing, so the gRPC interop tests cannot run. {InstallHint}");
        }

        var (exitCode, _, stderr) = await ExternalProcess.RunAsync(fileName, arguments, ToolTimeout);
        if (exitCode != 0)
        {
            throw new InvalidOperationException(
                $"{what} is not usable (`{fileName} {string.Join(' ', arguments)}` exited {exitCode}: {stderr.Trim()}). {InstallHint}");
        }
    }
}

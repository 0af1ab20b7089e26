using System.Text.RegularExpressions;
using DoanKetSangTao.Tests.DeploymentTests.Support;

namespace DoanKetSangTao.Tests.DeploymentTests;

/// <summary>The Dockerfile next to each deployable, read as text (there is no Docker engine here).</summary>
public sealed partial class DockerfileTests
{
    private static readonly string[] RootBuildFiles =
        ["global.json", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "NuGet.config", "nuget.config"];

    public static TheoryData<string> Deployables => DeployablesTests.Deployables;

    [Theory]
    [MemberData(nameof(Deployables))]
    public void Builds_on_the_sdk_and_runs_on_the_aspnet_runtime(string csproj)
    {
        var dockerfile = Load(csproj);

        Assert.True(dockerfile.Stages.Count >= 2, $"{dockerfile.Path} is not multi-stage.");
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", dockerfile.Stages[0].Image, StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", dockerfile.Final.Image, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Deployables))]
    public void Final_stage_runs_as_a_non_root_user(string csproj)
    {
        var dockerfile = Load(csproj);

        var user = dockerfile.Final.All("USER").LastOrDefault();
        Assert.True(user is not null, $"{dockerfile.Path}: the final stage sets no USER and would run as root.");
        Assert.Contains(user.Arguments, new[] { "$APP_UID", "${APP_UID}", "app", "1654" });
        var entrypoint = dockerfile.Final.All("ENTRYPOINT").Single();
        Assert.True(user.Line < entrypoint.Line, $"{dockerfile.Path}: USER comes after ENTRYPOINT.");
    }

    [Theory]
    [MemberData(nameof(Deployables))]
    public void Entrypoint_runs_the_project_assembly(string csproj)
    {
        var project = Solution.ReadProject(csproj);
        var dockerfile = Load(csproj);

        var entrypoint = dockerfile.Final.All("ENTRYPOINT").Single().Arguments;
        Assert.Equal($"[\"dotnet\", \"{project.AssemblyName}.dll\"]", entrypoint);
        Assert.StartsWith("DoanKetSangTao.", project.AssemblyName, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Deployables))]
    public void Restores_from_project_files_before_copying_sources_then_publishes_the_project(string csproj)
    {
        var project = Solution.ReadProject(csproj);
        var build = Load(csproj).Stages[0];

        var restore = build.All("RUN").Single(r => r.Arguments.StartsWith("dotnet restore", StringComparison.Ordinal));
        var publish = build.All("RUN").Single(r => r.Arguments.StartsWith("dotnet publish", StringComparison.Ordinal));
        Assert.Equal($"dotnet restore {project.Path}", restore.Arguments);
        Assert.StartsWith($"dotnet publish {project.Path} ", publish.Arguments, StringComparison.Ordinal);
        Assert.Matches(@"(--configuration|-c) Release\b", publish.Arguments);
        Assert.Contains("--no-restore", publish.Arguments, StringComparison.Ordinal);

        // Before the restore, only files that feed restore: project files and root build files.
        var copiedBeforeRestore = build.Instructions.Where(i => i.Line < restore.Line && i.Keyword == "COPY")
            .SelectMany(i => Dockerfile.ContextSources(i) ?? []);
        Assert.All(copiedBeforeRestore, source => Assert.True(
            source.EndsWith(".csproj", StringComparison.Ordinal) || RootBuildFiles.Contains(source),
            $"{source} is copied before restore and would invalidate the restore layer on every change."));
    }

    [Theory]
    [MemberData(nameof(Deployables))]
    public void Copies_every_project_it_references_and_the_root_build_files(string csproj)
    {
        var project = Solution.ReadProject(csproj);
        var build = Load(csproj).Stages[0];
        var restore = build.All("RUN").Single(r => r.Arguments.StartsWith("dotnet restore", StringComparison.Ordinal));
        var publish = build.All("RUN").Single(r => r.Arguments.StartsWith("dotnet publish", StringComparison.Ordinal));
        var copies = build.All("COPY").Select(c => (c.Line, Sources: Dockerfile.ContextSources(c) ?? [])).ToList();

        foreach (var referenced in Solution.ReferenceClosure(project))
        {
            var directory = Path.GetDirectoryName(referenced)!.Replace('\\', '/') + "/";
            Assert.True(copies.Any(c => c.Line < restore.Line && c.Sources.Contains(referenced)), $"{referenced} is not copied before the restore.");
            Assert.True(copies.Any(c => c.Line < publish.Line && c.Sources.Contains(directory)), $"{directory} is not copied before the publish.");
        }

        foreach (var file in RootBuildFiles.Where(f => File.Exists(Repo.Path(f))))
        {
            Assert.True(copies.Any(c => c.Line < restore.Line && c.Sources.Contains(file)), $"{file} is not copied before the restore.");
        }
    }

    [Theory]
    [MemberData(nameof(Deployables))]
    public void Every_copied_path_exists(string csproj)
    {
        var dockerfile = Load(csproj);

        var sources = dockerfile.Stages.SelectMany(s => s.All("COPY")).SelectMany(c => Dockerfile.ContextSources(c) ?? []);
        Assert.All(sources, source => Assert.True(
            File.Exists(Repo.Path(source)) || Directory.Exists(Repo.Path(source)),
            $"{dockerfile.Path} copies {source}, which does not exist."));
    }

    [Theory]
    [MemberData(nameof(Deployables))]
    public void Exposes_and_listens_on_the_ports_the_chart_declares(string csproj)
    {
        var project = Solution.ReadProject(csproj);
        var final = Load(csproj).Final;
        var component = Chart.Components(Chart.Values())[project.ComponentName];

        var declared = new[] { component.At("ports.http"), component.At("ports.grpc") }.OfType<long>().Order();
        var exposed = final.All("EXPOSE").SelectMany(e => e.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(long.Parse).Order();
        Assert.Equal(declared, exposed);
        Assert.Contains(final.All("ENV"), e => e.Arguments == $"ASPNETCORE_HTTP_PORTS={component.At("ports.http")}");
    }

    [Theory]
    [MemberData(nameof(Deployables))]
    public void Holds_no_credentials(string csproj)
    {
        var dockerfile = Load(csproj);

        var settings = dockerfile.Stages.SelectMany(s => s.Instructions).Where(i => i.Keyword is "ENV" or "ARG");
        Assert.All(settings, setting => Assert.DoesNotMatch(CredentialName(), setting.Arguments));
    }

    private static Dockerfile Load(string csproj) => Dockerfile.Load($"{Solution.ReadProject(csproj).Directory}/Dockerfile");

    [GeneratedRegex("(?i)password|secret|token|connectionstrings|apikey")]
    private static partial Regex CredentialName();
}

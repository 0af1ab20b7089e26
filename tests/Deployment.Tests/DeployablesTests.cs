using DoanKetSangTao.Tests.DeploymentTests.Support;

namespace DoanKetSangTao.Tests.DeploymentTests;

/// <summary>
/// The solution's deployables (its Microsoft.NET.Sdk.Web projects), the chart's components,
/// the Dockerfiles and the skaffold artifacts name the same set of things.
/// </summary>
public sealed class DeployablesTests
{
    private const string SkaffoldFile = "skaffold.yaml";

    public static TheoryData<string> Deployables => new(Solution.Deployables.Select(p => p.Path));

    [Fact]
    public void Solution_lists_the_six_services_and_the_gateway_as_deployables()
    {
        var components = Solution.Deployables.Select(p => p.ComponentName).Order(StringComparer.Ordinal);

        Assert.Equal(["appraisal", "awards", "gateway", "identity", "notification", "registration", "reporting"], components);
    }

    [Theory]
    [MemberData(nameof(Deployables))]
    public void Deployable_has_a_chart_component(string csproj)
    {
        var project = Solution.ReadProject(csproj);

        Assert.Contains(project.ComponentName, Chart.Values().Map("components").Keys);
    }

    [Theory]
    [MemberData(nameof(Deployables))]
    public void Deployable_has_a_dockerfile_next_to_its_csproj(string csproj)
    {
        var project = Solution.ReadProject(csproj);

        Assert.True(File.Exists(Repo.Path($"{project.Directory}/Dockerfile")), $"No Dockerfile in {project.Directory}.");
    }

    [Theory]
    [MemberData(nameof(Deployables))]
    public void Deployable_has_a_skaffold_artifact_built_from_its_dockerfile(string csproj)
    {
        var project = Solution.ReadProject(csproj);

        var artifact = Assert.Single(Artifacts(), a => a.Dockerfile == $"{project.Directory}/Dockerfile");
        Assert.Equal(".", artifact.Context);
    }

    [Fact]
    public void Every_chart_component_is_a_deployable()
    {
        var deployables = Solution.Deployables.Select(p => p.ComponentName).ToHashSet();

        Assert.All(Chart.Values().Map("components").Keys, name => Assert.Contains(name, deployables));
    }

    [Fact]
    public void Every_skaffold_artifact_builds_an_existing_dockerfile_of_a_deployable()
    {
        var dockerfiles = Solution.Deployables.Select(p => $"{p.Directory}/Dockerfile").ToHashSet();

        Assert.All(Artifacts(), artifact =>
        {
            Assert.True(File.Exists(Repo.Path(artifact.Dockerfile)), $"{artifact.Image}: {artifact.Dockerfile} does not exist.");
            Assert.Contains(artifact.Dockerfile, dockerfiles);
        });
        Assert.Equal(Artifacts().Count, Artifacts().Select(a => a.Image).Distinct().Count());
    }

    /// <summary>
    /// The image an artifact builds is the image the chart deploys by default, and skaffold
    /// overrides each component's repository and tag from that artifact's template keys.
    /// </summary>
    [Fact]
    public void Skaffold_sets_each_component_image_from_its_own_artifact()
    {
        var values = Chart.Values();
        var release = Assert.Single(Chart.AsList(Skaffold().At("deploy.helm.releases")).Cast<Dictionary<string, object?>>());
        var templates = release.Map("setValueTemplates");

        foreach (var project in Solution.Deployables)
        {
            var artifact = Artifacts().Single(a => a.Dockerfile == $"{project.Directory}/Dockerfile");
            var component = project.ComponentName;
            var key = artifact.Image.Replace('/', '_').Replace('-', '_').Replace('.', '_');

            Assert.Equal(artifact.Image, values.At($"components.{component}.image.repository"));
            Assert.Equal($"{{{{.IMAGE_REPO_{key}}}}}", templates.GetValueOrDefault($"components.{component}.image.repository"));
            Assert.Equal($"{{{{.IMAGE_TAG_{key}}}}}", templates.GetValueOrDefault($"components.{component}.image.tag"));
        }

        Assert.Equal(2 * Solution.Deployables.Count, templates.Count);
    }

    [Fact]
    public void Skaffold_deploys_the_chart_with_files_that_exist()
    {
        var release = Assert.Single(Chart.AsList(Skaffold().At("deploy.helm.releases")).Cast<Dictionary<string, object?>>());

        Assert.Equal("deploy/helm/doanketsangtao", release.At("chartPath"));
        Assert.True(File.Exists(Repo.Path($"{release.At("chartPath")}/Chart.yaml")));
        Assert.All(Chart.AsList(release.At("valuesFiles")).Cast<string>(), file => Assert.True(File.Exists(Repo.Path(file)), file));
    }

    private static Dictionary<string, object?> Skaffold() => Yaml.LoadMap(SkaffoldFile);

    private static List<(string Image, string Context, string Dockerfile)> Artifacts() =>
        Chart.AsList(Skaffold().At("build.artifacts"))
            .Cast<Dictionary<string, object?>>()
            .Select(a => ((string)a["image"]!, (string)a["context"]!, (string)a.At("docker.dockerfile")!))
            .ToList();
}

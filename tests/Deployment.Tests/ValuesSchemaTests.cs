using System.Text.Json;
using DoanKetSangTao.Tests.DeploymentTests.Support;

namespace DoanKetSangTao.Tests.DeploymentTests;

/// <summary>values.schema.json, which Helm applies on lint, template and install (see HelmRenderTests for Helm's own refusal).</summary>
public sealed class ValuesSchemaTests
{
    [Fact]
    public void Schema_requires_image_and_ports_of_every_component()
    {
        var schema = ValuesSchema.Document();

        var component = schema.GetProperty("properties").GetProperty("components").GetProperty("additionalProperties");
        var required = component.GetProperty("allOf").EnumerateArray()
            .Where(part => part.TryGetProperty("required", out _))
            .SelectMany(part => part.GetProperty("required").EnumerateArray().Select(r => r.GetString()))
            .ToList();
        Assert.Contains("image", required);
        Assert.Contains("ports", required);
    }

    [Fact]
    public void Schema_forbids_keys_it_does_not_declare_on_components()
    {
        var settings = ValuesSchema.Document().GetProperty("definitions").GetProperty("componentSettings");
        Assert.Equal(JsonValueKind.False, settings.GetProperty("additionalProperties").ValueKind);
    }

    [Fact]
    public void Values_satisfy_the_schema()
    {
        var errors = ValuesSchema.Validate(Chart.Values());

        Assert.Empty(errors);
    }

    [Fact]
    public void Dev_values_laid_over_the_defaults_satisfy_the_schema()
    {
        var errors = ValuesSchema.Validate(Chart.DevValues());

        Assert.Empty(errors);
    }

    [Fact]
    public void Schema_check_rejects_a_component_without_image()
    {
        var values = Chart.Values();
        values.Map("components.gateway").Remove("image");

        var errors = ValuesSchema.Validate(values);

        Assert.Contains("/components/gateway: Required properties [\"image\"] are not present", errors);
    }

    [Fact]
    public void Schema_check_rejects_a_misspelt_component_key()
    {
        var values = Chart.Values();
        values.Map("components.awards")["replica"] = 3L;

        var errors = ValuesSchema.Validate(values);

        Assert.Contains("/components/awards/replica: All values fail against the false schema", errors);
    }

    [Fact]
    public void Schema_check_rejects_a_root_container()
    {
        var values = Chart.Values();
        values.Map("default.securityContext")["runAsNonRoot"] = false;

        var errors = ValuesSchema.Validate(values);

        Assert.Contains("/default/securityContext/runAsNonRoot: Expected \"true\"", errors);
    }

    [Fact]
    public void Schema_check_rejects_a_resources_block_of_the_wrong_shape()
    {
        var values = Chart.Values();
        values.Map("default.resources")["request"] = new Dictionary<string, object?> { ["cpu"] = "1" };
        values.Map("default.resources").Remove("requests");

        var errors = ValuesSchema.Validate(values);

        Assert.Contains("/default/resources/request: All values fail against the false schema", errors);
        Assert.Contains("/default/resources: Required properties [\"requests\"] are not present", errors);
    }
}

using System.Text.Json;
using DoanKetSangTao.ServiceDefaults.Http;

namespace DoanKetSangTao.Tests.ServiceDefaultsUnitTests.Http;

/// <summary>What every service's request bodies are read with: strict numbers, and dates and decimals inside sane ranges.</summary>
public sealed class JsonInputTests
{
    private sealed record Sample(int Year, decimal Points, DateOnly? DueBefore, DateTime? At = null, DateTimeOffset? When = null, IReadOnlyDictionary<string, DateOnly>? Deadlines = null);

    private static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonInput.Configure(options);
        return options;
    }

    private static Sample Read(string json) => JsonSerializer.Deserialize<Sample>(json, Options)!;

    [Fact]
    public void Well_formed_values_are_read_as_before()
    {
        var sample = Read("""{"year":2026,"points":7.5,"dueBefore":"2026-01-15","at":"2026-01-15T08:00:00Z","when":"2026-01-15T08:00:00+07:00","deadlines":{"dossier":"2026-08-06"}}""");
        Assert.Equal(2026, sample.Year);
        Assert.Equal(7.5m, sample.Points);
        Assert.Equal(new DateOnly(2026, 1, 15), sample.DueBefore);
        Assert.Equal(new DateOnly(2026, 8, 6), sample.Deadlines!["dossier"]);
        Assert.Null(Read("""{"year":2026,"points":1,"dueBefore":null}""").DueBefore);
    }

    [Theory]
    [InlineData("""{"year":"2098","points":1}""", "$.year")]
    [InlineData("""{"year":2098,"points":"25"}""", "$.points")]
    [InlineData("""{"year":2098,"points":true}""", "$.points")]
    public void Numbers_sent_as_strings_are_refused(string json, string path)
    {
        var error = Assert.ThrowsAny<JsonException>(() => Read(json));
        Assert.Equal(path, error.Path);
    }

    [Theory]
    [InlineData("79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335")]
    [InlineData("1e400")]
    [InlineData("1000000000000.01")]
    public void A_decimal_beyond_the_platform_limit_is_refused_by_code_and_in_vietnamese(string points)
    {
        var error = Assert.Throws<JsonValueException>(() => Read($$"""{"year":2026,"points":{{points}}}"""));
        Assert.Equal(JsonValueException.OutOfRange, error.Code);
        Assert.Equal("$.points", error.Path);
        Assert.Contains("Số quá lớn", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"year":2026,"points":1,"dueBefore":"0001-01-01"}""", "$.dueBefore")]
    [InlineData("""{"year":2026,"points":1,"dueBefore":"1944-12-31"}""", "$.dueBefore")]
    [InlineData("""{"year":2026,"points":1,"dueBefore":"9999-12-31"}""", "$.dueBefore")]
    [InlineData("""{"year":2026,"points":1,"at":"0001-01-01T00:00:00"}""", "$.at")]
    [InlineData("""{"year":2026,"points":1,"when":"0001-01-01T00:00:00+00:00"}""", "$.when")]
    [InlineData("""{"year":2026,"points":1,"deadlines":{"dossier":"0001-01-01"}}""", "$.deadlines.dossier")]
    public void A_date_outside_1945_to_2100_is_refused_where_it_is_bound(string json, string path)
    {
        var error = Assert.Throws<JsonValueException>(() => Read(json));
        Assert.Equal(JsonValueException.OutOfRange, error.Code);
        Assert.Equal(path, error.Path);
        Assert.Contains("01/01/1945", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"15/01/2026\"")]
    [InlineData("\"2026-13-01\"")]
    [InlineData("20260115")]
    [InlineData("\"\"")]
    public void A_date_not_written_yyyy_MM_dd_is_refused_as_the_wrong_kind(string value)
    {
        var error = Assert.Throws<JsonValueException>(() => Read($$"""{"year":2026,"points":1,"dueBefore":{{value}}}"""));
        Assert.Equal(JsonValueException.WrongType, error.Code);
        Assert.Contains("yyyy-MM-dd", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Responses_are_written_as_before()
    {
        var json = JsonSerializer.Serialize(new Sample(2026, 7.50m, new DateOnly(2026, 1, 15), new DateTime(2026, 1, 15, 1, 0, 0, DateTimeKind.Utc)), Options);
        Assert.Contains("\"points\":7.50", json, StringComparison.Ordinal);
        Assert.Contains("\"dueBefore\":\"2026-01-15\"", json, StringComparison.Ordinal);
        Assert.Contains("\"at\":\"2026-01-15T01:00:00Z\"", json, StringComparison.Ordinal);
    }
}

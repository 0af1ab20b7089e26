using System.Text.Json;
using DoanKetSangTao.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging.Abstractions;

namespace DoanKetSangTao.Tests.ServiceDefaultsUnitTests.Http;

/// <summary>Bad input that surfaces as an exception answers with the 4xx it is, a stable code and a Vietnamese message naming the field.</summary>
public sealed class InputProblemsTests
{
    private sealed class Captured : IProblemDetailsService
    {
        public ProblemDetails? Problem { get; private set; }

        public ValueTask WriteAsync(ProblemDetailsContext context)
        {
            Problem = context.ProblemDetails;
            return ValueTask.CompletedTask;
        }

        public ValueTask<bool> TryWriteAsync(ProblemDetailsContext context)
        {
            Problem = context.ProblemDetails;
            return ValueTask.FromResult(true);
        }
    }

    private static async Task<(int Status, ProblemDetails Problem)> HandleAsync(Exception exception, string? contentType = "application/json")
    {
        var written = new Captured();
        var context = new DefaultHttpContext();
        context.Request.ContentType = contentType;
        Assert.True(await new ProblemExceptionHandler(written, NullLogger<ProblemExceptionHandler>.Instance).TryHandleAsync(context, exception, CancellationToken.None));
        return (context.Response.StatusCode, written.Problem!);
    }

    private static BadHttpRequestException Bound(string json)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonInput.Configure(options);
        try
        {
            JsonSerializer.Deserialize<Request>(json, options);
        }
        catch (JsonException ex)
        {
            return new BadHttpRequestException("Failed to read parameter", ex);
        }

        throw new InvalidOperationException("the body was read");
    }

    private sealed record Request(int Year, decimal MaxPoints, DateOnly? DecisionDate, IReadOnlyList<Author>? Authors);

    private sealed record Author(int ContributionPercent);

    private static IReadOnlyDictionary<string, string[]> Errors(ProblemDetails problem) =>
        Assert.IsAssignableFrom<IReadOnlyDictionary<string, string[]>>(problem.Extensions["errors"]);

    [Fact]
    public async Task A_number_sent_as_a_string_is_a_400_naming_the_field()
    {
        var (status, problem) = await HandleAsync(Bound("""{"year":2026,"maxPoints":1,"authors":[{"contributionPercent":"100"}]}"""));
        Assert.Equal(400, status);
        Assert.Equal(JsonValueException.WrongType, problem.Extensions["code"]);
        Assert.Contains("authors[0].contributionPercent", problem.Detail, StringComparison.Ordinal);
        Assert.Contains("số JSON", Errors(problem)["authors[0].contributionPercent"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_overflowing_decimal_is_a_400_not_a_500()
    {
        var (status, problem) = await HandleAsync(Bound("""{"year":2026,"maxPoints":79228162514264337593543950335}"""));
        Assert.Equal(400, status);
        Assert.Equal(JsonValueException.OutOfRange, problem.Extensions["code"]);
        Assert.True(Errors(problem).ContainsKey("maxPoints"));
    }

    [Fact]
    public async Task A_date_of_year_one_is_a_400_naming_the_field()
    {
        var (status, problem) = await HandleAsync(Bound("""{"year":2026,"maxPoints":1,"decisionDate":"0001-01-01"}"""));
        Assert.Equal(400, status);
        Assert.Equal(JsonValueException.OutOfRange, problem.Extensions["code"]);
        Assert.Contains("decisionDate", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Broken_json_is_malformed_json()
    {
        var (status, problem) = await HandleAsync(Bound("""{"year":2026,"maxPoints":"""));
        Assert.Equal(400, status);
        Assert.Equal(InputProblems.MalformedJson, problem.Extensions["code"]);
        Assert.Contains("JSON", problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("multipart/form-data")]
    public async Task A_form_that_does_not_parse_is_a_400_multipart_invalid(string contentType)
    {
        foreach (var exception in new Exception[]
                 {
                     new InvalidDataException("Multipart boundary length limit 70 exceeded."),
                     new IOException("Unexpected end of Stream, the content may have already been read by another component."),
                     new BadHttpRequestException("Failed to read parameter", new InvalidDataException("Missing content-type boundary.")),
                 })
        {
            var (status, problem) = await HandleAsync(exception, contentType);
            Assert.Equal(400, status);
            Assert.Equal(InputProblems.MultipartInvalid, problem.Extensions["code"]);
            Assert.Contains("multipart/form-data", problem.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_io_failure_outside_a_form_stays_an_internal_error()
    {
        var (status, _) = await HandleAsync(new IOException("disk full"), "application/json");
        Assert.Equal(500, status);
    }

    [Fact]
    public async Task Arithmetic_overflow_on_input_is_a_400()
    {
        var (status, problem) = await HandleAsync(new OverflowException());
        Assert.Equal(400, status);
        Assert.Equal(JsonValueException.OutOfRange, problem.Extensions["code"]);
    }

    [Fact]
    public async Task A_wrong_content_type_is_a_415_with_its_own_code_and_a_body_too_large_stays_413()
    {
        var (status, problem) = await HandleAsync(new BadHttpRequestException("Unsupported content type", StatusCodes.Status415UnsupportedMediaType), "text/plain");
        Assert.Equal(415, status);
        Assert.Equal("unsupported_media_type", problem.Extensions["code"]);

        (status, problem) = await HandleAsync(new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge), "multipart/form-data; boundary=x");
        Assert.Equal(413, status);
        Assert.Equal("payload_too_large", problem.Extensions["code"]);
    }

    [Fact]
    public async Task A_value_the_database_refuses_is_a_400_and_other_database_errors_are_not()
    {
        var (status, problem) = await HandleAsync(new Npgsql.PostgresException("invalid byte sequence for encoding \"UTF8\": 0x00", "ERROR", "ERROR", "22021"));
        Assert.Equal(400, status);
        Assert.Equal(InputProblems.InvalidValue, problem.Extensions["code"]);
        Assert.DoesNotContain("UTF8", problem.Detail, StringComparison.Ordinal);

        (status, _) = await HandleAsync(new Npgsql.PostgresException("relation does not exist", "ERROR", "ERROR", "42P01"));
        Assert.True(status >= 500);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("$", null)]
    [InlineData("$.reason", "reason")]
    [InlineData("$.criteria[0].maxPoints", "criteria[0].maxPoints")]
    public void Field_names_are_the_json_path_without_the_root(string? path, string? field) =>
        Assert.Equal(field, InputProblems.FieldOf(path));
}

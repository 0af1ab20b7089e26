using System.Text.Json;
using DoanKetSangTao.ServiceDefaults.Security;
using DoanKetSangTao.Tests.GrpcInteropTests.Infrastructure;
using DoanKetSangTao.Tests.Support;

namespace DoanKetSangTao.Tests.GrpcInteropTests;

/// <summary>Hosts the server and runs the python client script once for all the tests of the class.</summary>
public sealed class PythonClientRun : PythonGrpcFixture
{
    private readonly TestTokenIssuer _issuer = new();
    private GrpcTestHost? _host;
    private GrpcTestHost? _secured;

    internal GrpcTestHost Host => _host ?? throw new InvalidOperationException("Not started.");

    public JsonElement Results { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _host = await GrpcTestHost.StartAsync();
        _secured = await GrpcTestHost.StartAsync(identity: _issuer.Settings);
        // Appraisal's token opens registration's look-ups; registration's own (for appraisal's CaseAccess) does not.
        var token = _issuer.ServiceToken("appraisal", GrpcTestHost.ServiceName, PlatformScopes.RegistrationLookups);
        var otherCaller = _issuer.ServiceToken("registration", "appraisal", PlatformScopes.AppraisalCaseAccess);
        var (exitCode, stdout, stderr) = await ExternalProcess.RunAsync(Python,
            [
                ScriptPath("client_interop.py"), "--gen", GeneratedDirectory, "--target", $"127.0.0.1:{_host.GrpcPort}",
                "--secured-target", $"127.0.0.1:{_secured.GrpcPort}", "--token", token,
                "--other-caller-token", otherCaller,
            ],
            TimeSpan.FromSeconds(90));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"client_interop.py exited {exitCode}.\nstdout:\n{stdout}\nstderr:\n{stderr}");
        }

        Results = JsonDocument.Parse(stdout).RootElement.Clone();
    }

    public override async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_secured is not null)
        {
            await _secured.DisposeAsync();
        }

        _issuer.Dispose();
        await base.DisposeAsync();
    }
}

/// <summary>Debian's grpcio (C-core) client calling our Kestrel server.</summary>
public sealed class PythonClientTests(PythonClientRun run) : IClassFixture<PythonClientRun>
{
    private readonly GrpcTestHost _host = run.Host;
    private readonly JsonElement _results = run.Results;

    [Fact]
    public void Unary_call_returns_the_reply_with_vietnamese_text_intact()
    {
        var result = Result("get_ok");
        Assert.Equal("OK", result.GetProperty("code").GetString());
        var reply = result.GetProperty("reply");
        Assert.Equal("SK-001", reply.GetProperty("initiative_id").GetString());
        Assert.Equal("Sáng kiến số hoá sổ hộ tịch ở xã Đồng Tâm", reply.GetProperty("title").GetString());
        Assert.Equal("Giảm thời gian tra cứu từ 3 ngày còn 15 phút", reply.GetProperty("summary").GetString());
        var authors = reply.GetProperty("authors").EnumerateArray().ToArray();
        Assert.Equal(["Lê Thị Ánh Tuyết", "Phạm Quốc Việt"], authors.Select(a => a.GetProperty("full_name").GetString()));
        Assert.True(authors[0].GetProperty("is_lead").GetBoolean());
        Assert.Equal(70, authors[0].GetProperty("percent").GetInt32());
        Assert.Equal(1735689600, reply.GetProperty("registered_at").GetInt64());
    }

    [Fact]
    public void Batch_call_returns_the_known_initiatives_only()
    {
        var result = Result("get_batch");
        Assert.Equal("OK", result.GetProperty("code").GetString());
        Assert.Equal(["SK-001", "SK-002"], result.GetProperty("ids").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Not_found_reaches_python_with_the_exact_vietnamese_detail()
    {
        var result = Result("not_found");
        Assert.Equal("NOT_FOUND", result.GetProperty("code").GetString());
        Assert.Equal("Không tìm thấy sáng kiến SK-404", result.GetProperty("details").GetString());
    }

    [Fact]
    public async Task Python_timeout_is_a_deadline_the_server_observes()
    {
        var result = Result("deadline");
        Assert.Equal("DEADLINE_EXCEEDED", result.GetProperty("code").GetString());
        Assert.InRange(result.GetProperty("elapsed").GetDouble(), 0.3, 5.0);

        // grpc-timeout reached the service as its deadline, and its token was cancelled.
        var deadline = await _host.Probe.SlowCallDeadline.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.NotEqual(DateTime.MaxValue, deadline);
        Assert.Equal(DateTimeKind.Utc, deadline.Kind);
        await _host.Probe.SlowCallCancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Unexpected_exception_is_unknown_without_leaking_its_text()
    {
        var result = Result("handler_throws");
        Assert.Equal("UNKNOWN", result.GetProperty("code").GetString());
        var details = result.GetProperty("details").GetString();
        Assert.Equal("Exception was thrown by handler.", details);
    }

    [Fact]
    public void Request_metadata_comes_back_in_the_trailers()
    {
        var result = Result("metadata_echo");
        Assert.Equal("OK", result.GetProperty("code").GetString());
        var trailers = result.GetProperty("trailers").EnumerateArray().ToArray();
        Assert.Equal("req-42", Trailer(trailers, "echo-x-request-id").GetProperty("value").GetString());
        Assert.Equal("ha-noi", Trailer(trailers, "echo-x-tenant").GetProperty("value").GetString());
        Assert.Equal([0, 1, 0xFE, 0xFF], Convert.FromBase64String(Trailer(trailers, "echo-x-blob-bin").GetProperty("base64").GetString()!));
        Assert.Equal(_host.GrpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Trailer(trailers, "served-on-port").GetProperty("value").GetString());
    }

    [Fact]
    public void Unknown_method_is_unimplemented()
    {
        Assert.Equal("UNIMPLEMENTED", Result("unimplemented").GetProperty("code").GetString());
    }

    [Fact]
    public void Health_check_is_serving_for_the_server_and_its_services_and_not_found_otherwise()
    {
        Assert.Equal("SERVING", Result("health_server").GetProperty("status").GetString());
        Assert.Equal("SERVING", Result("health_service").GetProperty("status").GetString());
        Assert.Equal("NOT_FOUND", Result("health_unknown").GetProperty("code").GetString());
    }

    [Fact]
    public void A_grpcio_client_without_a_service_token_is_unauthenticated_and_with_one_is_answered()
    {
        // The status and its Vietnamese detail come from grpc-status/grpc-message: an HTTP 401 would reach grpcio
        // as "Received http2 header with status: 401".
        var unauthenticated = Result("secured_without_token");
        Assert.Equal("UNAUTHENTICATED", unauthenticated.GetProperty("code").GetString());
        Assert.Equal("Cần mã thông báo hợp lệ của một dịch vụ trong nền tảng.", unauthenticated.GetProperty("details").GetString());
        var answered = Result("secured_with_token");
        Assert.Equal("OK", answered.GetProperty("code").GetString());
        Assert.Equal("SK-001", answered.GetProperty("initiative_id").GetString());
    }

    [Fact]
    public void A_grpcio_client_with_a_valid_token_without_the_methods_scope_is_permission_denied()
    {
        var denied = Result("secured_other_caller");
        Assert.Equal("PERMISSION_DENIED", denied.GetProperty("code").GetString());
        Assert.Equal("Dịch vụ gọi đến không được phép dùng phương thức này.", denied.GetProperty("details").GetString());
    }

    private JsonElement Result(string name) =>
        _results.TryGetProperty(name, out var result) ? result : throw new Xunit.Sdk.XunitException($"No result '{name}' in {_results}");

    private static JsonElement Trailer(JsonElement[] trailers, string key) =>
        trailers.FirstOrDefault(t => t.GetProperty("key").GetString() == key) is { ValueKind: JsonValueKind.Object } found
            ? found
            : throw new Xunit.Sdk.XunitException($"No trailer '{key}' among {string.Join(", ", trailers.Select(t => t.GetProperty("key").GetString()))}");
}

using DoanKetSangTao.Awards.Certificates;
using DoanKetSangTao.Tests.Support;

namespace DoanKetSangTao.Tests.AwardsCertificateTests;

/// <summary>The offline checker run as a person runs it: the built dll, a trust list file, the QR text.</summary>
public sealed class CertificateCheckTests : IDisposable
{
    private readonly DirectoryInfo folder = Tools.TempFolder();

    public void Dispose() => folder.Delete(recursive: true);

    private static string Checker()
    {
        var output = AppContext.BaseDirectory;
        var configuration = output.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        return Path.Combine(TestInfrastructure.RepositoryRoot(output), "services", "Awards", "Awards.CertificateCheck", "bin", configuration, "net10.0",
            "DoanKetSangTao.Awards.CertificateCheck.dll");
    }

    private async Task<(int ExitCode, string Output, string Error)> CheckAsync(TrustList trust, string? text, IReadOnlyList<CertificateLogEntry>? log = null)
    {
        var trustFile = Path.Combine(folder.FullName, "trust-list.json");
        await File.WriteAllTextAsync(trustFile, trust.ToJson());
        List<string> args = [Checker(), "--trust-list", trustFile];
        if (log is not null)
        {
            var logFile = Path.Combine(folder.FullName, "log.json");
            await File.WriteAllTextAsync(logFile, System.Text.Json.JsonSerializer.Serialize(new { entries = log }, TrustList.Json));
            args.AddRange(["--log", logFile]);
        }

        if (text is not null)
        {
            args.Add(text);
        }

        return await Tools.RunAsync("dotnet", folder.FullName, [.. args]);
    }

    [Fact]
    public async Task A_genuine_certificate_passes_and_shows_its_content()
    {
        var (key, trust) = CertificateSealTests.NewBody();
        var (exit, output, error) = await CheckAsync(trust, CertificateSeal.Seal(CertificateSealTests.Claims(), key, "https://dkst.example.vn"));

        Assert.True(exit == 0, output + error);
        Assert.Contains("Người nhận: Nguyễn Thị Hồng Nhung", output, StringComparison.Ordinal);
        Assert.Contains("Quyết định số 15/QĐ-MTTQ-BTT ngày 07/12/2026", output, StringComparison.Ordinal);
        Assert.Contains("KẾT QUẢ: HỢP LỆ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_name_an_unknown_key_and_garbage_fail_each_with_its_reason()
    {
        var (key, trust) = CertificateSealTests.NewBody();
        var genuine = CertificateSeal.Seal(CertificateSealTests.Claims(), key, "https://dkst.example.vn");

        var tampered = await CheckAsync(trust, CertificateSealTests.Rewrite(genuine, j => j.Replace("Hồng Nhung", "Hồng Nhị", StringComparison.Ordinal)));
        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains("chữ ký không khớp", tampered.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("HỢP LỆ\n", tampered.Output.Replace("KHÔNG HỢP LỆ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);

        var (_, otherTrust) = CertificateSealTests.NewBody();
        var unknown = await CheckAsync(otherTrust, genuine);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("không có trong danh sách tin cậy", unknown.Output, StringComparison.Ordinal);

        var garbage = await CheckAsync(trust, "https://dkst.example.vn/v/K7QF2M9XWD4TB8RC?s=abc");
        Assert.Equal(1, garbage.ExitCode);
        Assert.Contains("không đọc được", garbage.Output, StringComparison.Ordinal);

        var usage = await CheckAsync(trust, null);
        Assert.Equal(2, usage.ExitCode);
    }

    [Fact]
    public async Task With_the_log_a_revoked_certificate_or_a_broken_chain_fails()
    {
        var (key, trust) = CertificateSealTests.NewBody();
        var claims = CertificateSealTests.Claims();
        var genuine = CertificateSeal.Seal(claims, key, "https://dkst.example.vn");
        var at = new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
        var issued = Entry(1, CertificateLogChain.Issued, claims.Code, at, CertificateLogChain.Genesis);

        Assert.Equal(0, (await CheckAsync(trust, genuine, [issued])).ExitCode);

        var revoked = Entry(2, CertificateLogChain.Revoked, claims.Code, at.AddDays(3), issued.EntryHash);
        var afterRevocation = await CheckAsync(trust, genuine, [issued, revoked]);
        Assert.Equal(1, afterRevocation.ExitCode);
        Assert.Contains("ĐÃ BỊ THU HỒI ngày 10/12/2026", afterRevocation.Output, StringComparison.Ordinal);

        var notLogged = await CheckAsync(trust, genuine, [Entry(1, CertificateLogChain.Issued, "OTHER", at, CertificateLogChain.Genesis)]);
        Assert.Equal(1, notLogged.ExitCode);

        var broken = await CheckAsync(trust, genuine, [issued, revoked with { OccurredAt = at.AddDays(4) }]);
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("KHÔNG NGUYÊN VẸN tại mục số 2", broken.Output, StringComparison.Ordinal);
    }

    private static CertificateLogEntry Entry(long seq, string kind, string code, DateTimeOffset at, string prev) =>
        new(seq, kind, code, "15/QĐ-MTTQ-BTT", "mttq:province:49", at, prev,
            CertificateLogChain.Hash(seq, kind, code, "15/QĐ-MTTQ-BTT", "mttq:province:49", at, prev));
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using DoanKetSangTao.Benchmarks;
using DoanKetSangTao.Launcher;
using Npgsql;

// Started by tests/Benchmarks/run.sh once the infrastructure runs and the solution is built in Release.
// Measures what the thin flow costs on real processes: latency from registration to the author's
// notification, registrations per second, and memory per process; then loads a million initiatives into
// registration's database and measures the list and search endpoint through the gateway. The Markdown
// report goes to stdout, progress to stderr.
var inv = CultureInfo.InvariantCulture;
var root = Path.GetFullPath(args.Length > 0 ? args[0] : ".");
const string Configuration = "Release";
const string DatabasePrefix = "bench";
var warmUp = Setting("DKST_BENCH_WARMUP", 20);
var registrations = Setting("DKST_BENCH_REGISTRATIONS", 200);
var pollInterval = TimeSpan.FromMilliseconds(Setting("DKST_BENCH_POLL_MS", 10));
var clients = Setting("DKST_BENCH_CLIENTS", 8);
var perClient = Setting("DKST_BENCH_PER_CLIENT", 25);
var settle = TimeSpan.FromSeconds(Setting("DKST_BENCH_SETTLE_S", 10));
var notificationTimeout = TimeSpan.FromSeconds(30);
// The thin flow (sections 1–3) can be left out while working on the search part: DKST_BENCH_FLOW=0.
var runFlow = Setting("DKST_BENCH_FLOW", 1) != 0;
// Search at scale: initiatives bulk-loaded after the flow's measurements (0 leaves the search part out).
var searchRows = Setting("DKST_BENCH_SEARCH_ROWS", 1_000_000);
var searchWarmUp = Setting("DKST_BENCH_SEARCH_WARMUP", 20);
var searchRequests = Setting("DKST_BENCH_SEARCH_REQUESTS", 200);
// Time for one request's measurements: a request taking seconds stops after 20 instead of 200.
var searchCaseBudget = TimeSpan.FromSeconds(Setting("DKST_BENCH_SEARCH_CASE_S", 60));
// The two demo authors; each is its own bucket at the gateway's per-caller rate limiter.
// Two authors in Phường Ba Đình: one files under the school's union his account belongs to, the other (no organization)
// through the ward's Front committee, as registration requires.
string[] authorNames = ["tacgia.an", "tacgia.chi"];
// Below the gateway's 50 requests per second per caller, so no poll is refused.
const int PacedPerSecond = 45;

// Similar initiatives (appraisal) at scale, in a database of its own, before the platform starts: with
// DKST_BENCH_FLOW=0 and DKST_BENCH_SEARCH_ROWS=0 it runs alone, without the services (0 leaves it out).
var similarRows = Setting("DKST_BENCH_SIMILAR_ROWS", 1_000_000);
var similarPerKind = Setting("DKST_BENCH_SIMILAR_QUERIES_PER_KIND", 80);
var similarAlternatives = Setting("DKST_BENCH_SIMILAR_ALTERNATIVES", 0) != 0;

// From a dossier's submission to its open appraisal case, through the platform (0 leaves it out).
var intakeDossiers = Setting("DKST_BENCH_INTAKE_DOSSIERS", 100);

// Registration's gRPC look-ups straight on its port, beside HTTP/1.1 requests on its HTTP port (0 leaves them out).
var grpcCalls = Setting("DKST_BENCH_GRPC_CALLS", 2000);

// Identity: the token endpoint (client credentials) and a person's whole sign-in (0 leaves them out).
var tokenCalls = Setting("DKST_BENCH_TOKEN_CALLS", 500);
var signIns = Setting("DKST_BENCH_SIGNINS", 50);

// Awards: one decision of this many certificates issued, rendered and downloaded, then the public verification (0 leaves it out).
var certificates = Setting("DKST_BENCH_CERTIFICATES", 1000);
var verifyCalls = Setting("DKST_BENCH_VERIFY_CALLS", 500);

// The reminder wave (issue 14): a D-3 dossier reminder to this many units, three officers each (0 or DKST_BENCH_WAVE=0 leaves it out).
var waveUnits = Setting("DKST_BENCH_WAVE", 1) != 0 ? Setting("DKST_BENCH_WAVE_UNITS", 3321) : 0;
var waveTimeout = TimeSpan.FromSeconds(Setting("DKST_BENCH_WAVE_TIMEOUT_S", 1800));

// Statistics at national scale (issue 13, P5): reporting's read models and a registration-shaped baseline of this many
// initiatives, GET /api/v1/reports/statistics beside the GROUP BY (off unless DKST_BENCH_STATS=1).
var statsRows = Setting("DKST_BENCH_STATS", 0) != 0 ? Setting("DKST_BENCH_STATS_ROWS", 1_000_000) : 0;
var statsRequests = Setting("DKST_BENCH_STATS_REQUESTS", 200);
var statsCaseBudget = TimeSpan.FromSeconds(Setting("DKST_BENCH_STATS_CASE_S", 120));

var pg = Env("DKST_PG_CONNECTION");
var loadBefore = LoadAverage();
var started = DateTime.UtcNow;

SimilarResult? similar = null;
if (similarRows > 0)
{
    similar = await SimilarLatency.MeasureAsync(pg, similarRows, warmUp: 20, similarPerKind, similarAlternatives, Progress);
}

if (!runFlow && searchRows == 0 && intakeDossiers == 0 && grpcCalls == 0 && (tokenCalls == 0 || signIns == 0) && certificates == 0 && waveUnits == 0 && statsRows == 0)
{
    Console.WriteLine(Machine(started, loadBefore) + (similar is null ? string.Empty : SimilarReport.Markdown(similar)));
    return;
}

// A fresh start each run: empty outboxes and inboxes, so nothing from an earlier run is measured.
await DropDatabasesAsync(pg);
Progress("starting the six services and the gateway…");
await using var system = await LocalSystem.StartAsync(new LocalSystemOptions
{
    RepositoryRoot = root,
    Configuration = Configuration,
    PostgresConnection = pg,
    RabbitUri = Env("DKST_RABBIT_URI"),
    SmtpHost = Env("DKST_SMTP_HOST"),
    SmtpPort = int.Parse(Env("DKST_SMTP_PORT"), inv),
    DatabasePrefix = DatabasePrefix,
    GatewayPort = Setting("DKST_BENCH_GATEWAY_PORT", 28080),
    ServiceBasePort = Setting("DKST_BENCH_SERVICE_BASE_PORT", 28100),
    StateDirectory = Path.Combine(root, ".local", "bench", "platform"),
    ServiceSettings = new Dictionary<string, IReadOnlyDictionary<string, string>> { ["notification"] = ReminderWave.NotificationSettings },
    // Every simulated person calls from 127.0.0.1: the per-address limits would measure themselves, not the services.
    GatewaySettings = new Dictionary<string, string>
    {
        ["Gateway:PerAddress:BurstLimit"] = "1000000",
        ["Gateway:PerAddress:Tokens"] = "1000000",
        ["Gateway:TokenEndpoint:BurstLimit"] = "1000000",
        ["Gateway:TokenEndpoint:Tokens"] = "1000000",
        // The verification stage calls the public look-ups (30 a minute per address otherwise) hundreds of times a second.
        ["Gateway:PublicLookup:BurstLimit"] = "1000000",
        ["Gateway:PublicLookup:Tokens"] = "1000000",
        ["Gateway:PublicLookup:PeriodSeconds"] = "1",
    }.Concat(certificates > 0
        // Its officer's baseline read and progress polls are one caller; the other stages keep the per-caller limit they pace under.
        ? [new("Gateway:BurstLimit", "1000000"), new("Gateway:RequestsPerSecond", "1000000")]
        : Array.Empty<KeyValuePair<string, string>>()).ToDictionary(),
});

var officerToken = await system.IssueTokenAsync("canbo.tinh.hanoi");
var authorTokens = await Task.WhenAll(authorNames.Select(n => system.IssueTokenAsync(n)));
var (campaignId, organizationId) = await SeedAsync(system.GatewayUrl, officerToken);
var authorOrganizations = authorNames.Select(LocalSystem.FilingOrganization).ToArray();

IReadOnlyList<(string Name, double MiB)> memoryAtRest = [];
IReadOnlyList<(string Name, double MiB)> memoryAfterLoad = [];
var authors = authorTokens.Select(t => new Caller(system.GatewayUrl, t, PacedPerSecond)).ToArray();
var samples = new List<Sample>();
var pollMs = new List<double>();
var stages = new Stages([], [], [], []);
var concurrent = new List<Caller>();
var created = new ConcurrentBag<Guid>();
var concurrentPosts = new ConcurrentBag<double>();
var postsDone = TimeSpan.Zero;
var allNotified = TimeSpan.Zero;
var rejectedConcurrent = 0;
if (runFlow)
{
    await MeasureFlowAsync();
}

StatisticsResult? statistics = null;
if (statsRows > 0)
{
    await using var reporting = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(pg) { Database = $"{DatabasePrefix}_reporting", CommandTimeout = 600 }.ConnectionString);
    var data = await StatisticsSeed.FillAsync(reporting, statsRows, Progress);
    statistics = await StatisticsLatency.MeasureAsync(system.GatewayUrl, n => system.IssueTokenAsync(n), reporting, data, warmUp: 20, statsRequests, statsCaseBudget, Progress);
}

CaseIntakeResult? intake = null;
if (intakeDossiers > 0)
{
    intake = await CaseIntakeLatency.MeasureAsync(system, pg, DatabasePrefix, campaignId, organizationId, authorOrganizations[0], intakeDossiers, Progress);
}

IdentityResult? identity = null;
if (tokenCalls > 0 && signIns > 0)
{
    identity = await IdentityLatency.MeasureAsync(system, tokenCalls, signIns, clients, Progress);
}

GrpcLookupResult? lookups = null;
if (grpcCalls > 0)
{
    // The flow's initiatives, or a few of its own when the flow was left out.
    var lookupIds = samples.Select(s => s.InitiativeId).Concat(created).ToList();
    for (var i = 0; lookupIds.Count < 20; i++)
    {
        using var response = await authors[0].SendAsync(RegistrationRequest($"Sáng kiến tra cứu số {i}", authorOrganizations[0]));
        lookupIds.Add(response.StatusCode == HttpStatusCode.Created
            ? await IdOfAsync(response)
            : throw new InvalidOperationException($"Registration failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}"));
    }

    lookups = await GrpcLookupLatency.MeasureAsync(system, [.. lookupIds], organizationId, campaignId, officerToken, grpcCalls, clients, Progress);
}

AwardsResult? awards = null;
if (certificates > 0)
{
    awards = await AwardsLatency.MeasureAsync(system, pg, DatabasePrefix, root, certificates, verifyCalls, clients, Progress);
}

ReminderWaveResult? wave = null;
if (waveUnits > 0)
{
    wave = await ReminderWave.MeasureAsync(system, pg, DatabasePrefix, waveUnits, waveTimeout, Progress);
}

LoadReport? searchLoad = null;
List<SearchResult> searchResults = [];
if (searchRows > 0)
{
    await MeasureSearchAsync();
}

Console.WriteLine(Report());
foreach (var caller in authors.Concat(concurrent))
{
    caller.Dispose();
}

Progress("stopping the platform…");
return;

async Task MeasureFlowAsync()
{
    Progress($"settling {settle.TotalSeconds:0} s before reading memory at rest…");
    await Task.Delay(settle);
    memoryAtRest = ProcessMemory.Read(root, Configuration);

    // 1. Sequential: one registration at a time, each followed until its notification is visible.
    Progress($"latency: {warmUp} warm-up and {registrations} measured registrations, one at a time…");
    for (var i = 0; i < warmUp + registrations; i++)
    {
        var sample = await RegisterAndFollowAsync(authors[i % authors.Length], authorOrganizations[i % authors.Length], i);
        if (i >= warmUp)
        {
            samples.Add(sample);
        }
    }

    stages = await StagesAsync(samples);

    // 2. Concurrent: clients split over the two authors, each author within one burst of its bucket.
    Progress("throughput: letting the gateway's buckets refill…");
    await Task.Delay(TimeSpan.FromSeconds(3));
    Progress($"throughput: {clients} clients × {perClient} registrations…");
    concurrent = Enumerable.Range(0, clients).Select(c => new Caller(system.GatewayUrl, authorTokens[c % authorTokens.Length], perSecond: 0)).ToList();
    var load = Stopwatch.StartNew();
    await Task.WhenAll(concurrent.Select((caller, c) => Task.Run(async () =>
    {
        for (var k = 0; k < perClient; k++)
        {
            var post = Stopwatch.StartNew();
            using var response = await caller.SendAsync(RegistrationRequest($"Sáng kiến đồng thời {c}-{k}", authorOrganizations[c % authorOrganizations.Length]));
            concurrentPosts.Add(post.Elapsed.TotalMilliseconds);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                created.Add(await IdOfAsync(response));
            }
            else if (response.StatusCode != HttpStatusCode.TooManyRequests)
            {
                throw new InvalidOperationException($"Registration failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
    })));
    postsDone = load.Elapsed;
    allNotified = await WaitAllNotifiedAsync([.. created], load);
    memoryAfterLoad = ProcessMemory.Read(root, Configuration);
    rejectedConcurrent = concurrent.Sum(c => c.Rejections);
}

// 4. Search at scale: bulk-load, then list and search through the gateway as three kinds of reader.
async Task MeasureSearchAsync()
{
    var registrationDb = new NpgsqlConnectionStringBuilder(pg) { Database = $"{DatabasePrefix}_registration" }.ConnectionString;
    Progress($"search: loading {searchRows:N0} initiatives into {DatabasePrefix}_registration…");
    // Registered from the start of 2024 until an hour before this run, so the flow's own initiatives stay the newest.
    searchLoad = await SearchLoad.LoadAsync(registrationDb, searchRows, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), started.AddHours(-1), Progress);
    var central = new Viewer("Front officer, central (canbo.trunguong)", "canbo.trunguong", await system.IssueTokenAsync("canbo.trunguong"));
    var province = new Viewer("Front officer, Hà Nội (canbo.tinh.hanoi)", "canbo.tinh.hanoi", await system.IssueTokenAsync("canbo.tinh.hanoi"));
    var author = new Viewer("Author (tacgia.an)", "tacgia.an", await system.IssueTokenAsync("tacgia.an"));
    var commune = new Viewer("Front officer, Phường Ba Đình (canbo.xa.badinh)", "canbo.xa.badinh", await system.IssueTokenAsync("canbo.xa.badinh"));
    var federation = new Viewer("Member organization officer (canbo.ldld.hanoi)", "canbo.ldld.hanoi", await system.IssueTokenAsync("canbo.ldld.hanoi"));
    var cases = SearchCases.All;
    searchResults = await SearchLatency.MeasureAsync(system.GatewayUrl, registrationDb,
        [(central, cases), (province, cases), (author, SearchCases.ForAuthor), (commune, SearchCases.ForNarrowScope), (federation, SearchCases.ForNarrowScope)],
        searchWarmUp, searchRequests, searchCaseBudget, Progress);
}

async Task<Sample> RegisterAndFollowAsync(Caller author, string filingOrganization, int index)
{
    await author.PaceAsync();
    var sentAt = DateTime.UtcNow;
    var clock = Stopwatch.StartNew();
    using var response = await author.SendAsync(RegistrationRequest($"Sáng kiến đo thời gian số {index}", filingOrganization));
    var postMs = clock.Elapsed.TotalMilliseconds;
    if (response.StatusCode != HttpStatusCode.Created)
    {
        throw new InvalidOperationException($"Registration {index} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    var id = await IdOfAsync(response);
    var polls = 0;
    while (clock.Elapsed < notificationTimeout)
    {
        polls++;
        await author.PaceAsync();
        // The newest notification comes first, and registrations are sequential, so a short page suffices.
        var pollStart = Stopwatch.GetTimestamp();
        using var poll = await author.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/notifications?limit=5"));
        if (index >= warmUp)
        {
            pollMs.Add(Stopwatch.GetElapsedTime(pollStart).TotalMilliseconds);
        }

        if (poll.IsSuccessStatusCode)
        {
            var list = await poll.Content.ReadFromJsonAsync<JsonElement>();
            if (list.EnumerateArray().Any(n => n.GetProperty("subjectId").GetString() == id.ToString()))
            {
                return new Sample(id, sentAt, postMs, clock.Elapsed.TotalMilliseconds, DateTime.UtcNow, polls);
            }
        }
        else if (poll.StatusCode != HttpStatusCode.TooManyRequests)
        {
            throw new InvalidOperationException($"Reading notifications failed: {(int)poll.StatusCode}");
        }

        await Task.Delay(pollInterval);
    }

    throw new TimeoutException($"The notification for registration {index} ({id}) did not appear within {notificationTimeout.TotalSeconds:0} s.");
}

HttpRequestMessage RegistrationRequest(string title, string filingOrganization) => new(HttpMethod.Post, "/api/v1/initiatives")
{
    Content = JsonContent.Create(new
    {
        campaignId,
        title,
        kind = "sang_kien",
        organizationId = filingOrganization,
        communeCode = "00004",
        summary = "Đo chi phí của luồng đăng ký – thông báo.",
        // Mẫu 1 requires the classification and the summary; "hanh_chinh" keeps these initiatives (the newest, in
        // Phường Ba Đình) out of the search benchmark's "sang kien nong nghiep".
        contentType = "tac_nghiep",
        movementArea = "he_thong_chinh_tri",
        field = "hanh_chinh",
        authors = new[] { new { fullName = "Nguyễn Văn An", email = "an.nguyen@tacgia.example.vn", isLead = true, contributionPercent = 100 } },
    }),
};

// Where the time goes, from the rows each step wrote (one host, so the database's clock is the client's):
// the registration transaction's start (outbox created_at), the relay's publish confirmed (sent_at), and
// the notification consumer's transaction start (notifications.created_at).
async Task<Stages> StagesAsync(List<Sample> measured)
{
    var ids = measured.Select(s => s.InitiativeId).ToArray();
    var outbox = new Dictionary<Guid, (DateTime Created, DateTime Sent)>();
    await using (var registration = await OpenAsync("registration"))
    {
        await using var cmd = new NpgsqlCommand(
            // Each registration also writes InitiativeStatusChanged (draft → registered), published just before this one.
            """
            SELECT (payload->>'initiativeId')::uuid, created_at, sent_at FROM outbox_messages
            WHERE (payload->>'initiativeId')::uuid = ANY(@ids) AND message_type = @type
            """, registration);
        cmd.Parameters.AddWithValue("type", DoanKetSangTao.Messaging.MessageTypeRegistry.NameOf(typeof(DoanKetSangTao.Contracts.IntegrationEvents.InitiativeRegistered)));
        cmd.Parameters.AddWithValue("ids", ids);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            outbox[reader.GetGuid(0)] = (reader.GetDateTime(1), reader.GetDateTime(2));
        }
    }

    var consumed = new Dictionary<Guid, DateTime>();
    await using (var notification = await OpenAsync("notification"))
    {
        await using var cmd = new NpgsqlCommand("SELECT subject_id, created_at FROM notifications WHERE subject_id = ANY(@ids)", notification);
        cmd.Parameters.AddWithValue("ids", ids);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            consumed[reader.GetGuid(0)] = reader.GetDateTime(1);
        }
    }

    var rows = measured.Select(s => (s, o: outbox[s.InitiativeId], n: consumed[s.InitiativeId])).ToList();
    return new Stages(
        [.. rows.Select(r => (r.o.Created - r.s.SentAt).TotalMilliseconds)],
        [.. rows.Select(r => (r.o.Sent - r.o.Created).TotalMilliseconds)],
        [.. rows.Select(r => (r.n - r.o.Created).TotalMilliseconds)],
        [.. rows.Select(r => (r.s.SeenAt - r.n).TotalMilliseconds)]);
}

async Task<TimeSpan> WaitAllNotifiedAsync(Guid[] ids, Stopwatch since)
{
    await using var notification = await OpenAsync("notification");
    await using var cmd = new NpgsqlCommand("SELECT count(*) FROM notifications WHERE subject_id = ANY(@ids)", notification);
    cmd.Parameters.AddWithValue("ids", ids);
    var deadline = since.Elapsed + TimeSpan.FromSeconds(120);
    while (since.Elapsed < deadline)
    {
        if ((long)(await cmd.ExecuteScalarAsync())! == ids.Length)
        {
            return since.Elapsed;
        }

        await Task.Delay(20);
    }

    throw new TimeoutException($"Not all {ids.Length} notifications appeared within 120 s.");
}

async Task<NpgsqlConnection> OpenAsync(string service)
{
    var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(pg) { Database = $"{DatabasePrefix}_{service}" }.ConnectionString);
    await connection.OpenAsync();
    return connection;
}

string Report()
{
    var md = new StringBuilder(Machine(started, loadBefore));
    var sequential = $"{registrations} registrations one at a time after {warmUp} warm-up, alternating two authors, notifications polled every {pollInterval.TotalMilliseconds:0} ms";
    if (runFlow)
    {
        Flow();
    }

    if (statistics is not null)
    {
        md.Append(StatisticsLatency.Markdown(statistics));
    }

    if (intake is not null)
    {
        md.Append(CaseIntakeLatency.Markdown(intake));
    }

    if (lookups is not null)
    {
        md.Append(GrpcLookupLatency.Markdown(lookups));
    }

    if (identity is not null)
    {
        md.Append(IdentityLatency.Markdown(identity));
    }

    if (awards is not null)
    {
        md.Append(AwardsLatency.Markdown(awards));
    }

    if (wave is not null)
    {
        md.Append(ReminderWaveReport.Markdown(wave));
    }

    if (similar is not null)
    {
        md.Append(SimilarReport.Markdown(similar));
    }

    if (searchLoad is not null)
    {
        md.Append(SearchReport.Markdown(searchLoad, searchResults, searchWarmUp, searchRequests, searchCaseBudget));
    }

    return md.ToString();

    void Flow()
    {
        md.AppendLine(inv, $"\n## Registration → notification\n\n{sequential}. Milliseconds.\n");
        md.AppendLine("| Measure | p50 | p95 | p99 | max |\n|---|---:|---:|---:|---:|");
        Row("POST /api/v1/initiatives answered 201", samples.Select(s => s.PostMs));
        Row("GET /api/v1/notifications answered (each poll)", pollMs);
        Row("**POST sent → notification seen by the author**", samples.Select(s => s.NotifiedMs));
        Row("↳ POST sent → registration transaction starts", stages.RequestToTransaction);
        Row("↳ registration transaction starts → InitiativeRegistered published (broker confirm)", stages.TransactionToPublished);
        Row("↳ registration transaction starts → notification consumer starts", stages.TransactionToConsumer);
        Row("↳ notification consumer starts → author's poll sees it", stages.ConsumerToSeen);
        md.AppendLine(inv, $"\nPolls per registration: median {Percentile(samples.Select(s => (double)s.Polls), 50):0}; " +
            $"pacer waits: {authors.Sum(a => a.PacerWaits)}; 429 answers: {authors.Sum(a => a.Rejections)}.");
        md.AppendLine(inv, $"\n## Registrations per second through the gateway\n");
        md.AppendLine("| Clients | Registrations | 429 answers | POSTs done after | Registrations/s (POSTs) | All notified after | Registrations/s (notified) | POST p50 | POST p95 |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        md.AppendLine(inv, $"| {clients} | {created.Count} | {rejectedConcurrent} | {postsDone.TotalSeconds:0.00} s | {created.Count / postsDone.TotalSeconds:0} | " +
            $"{allNotified.TotalSeconds:0.00} s | {created.Count / allNotified.TotalSeconds:0} | {Percentile(concurrentPosts, 50):0.0} ms | {Percentile(concurrentPosts, 95):0.0} ms |");
        md.AppendLine(inv, $"\n## Memory per process (VmRSS, MiB)\n\nAt rest: {settle.TotalSeconds:0} s after all were ready. After load: once the last notification of the throughput run was stored.\n");
        md.AppendLine("| Process | At rest | After load |\n|---|---:|---:|");
        foreach (var ((name, rest), (_, after)) in memoryAtRest.Zip(memoryAfterLoad))
        {
            md.AppendLine(inv, $"| {name} | {rest:0} | {after:0} |");
        }

        md.AppendLine(inv, $"| **total** | {memoryAtRest.Sum(m => m.MiB):0} | {memoryAfterLoad.Sum(m => m.MiB):0} |");
    }

    void Row(string measure, IEnumerable<double> values)
    {
        var v = values.ToList();
        md.AppendLine(inv, $"| {measure} | {Percentile(v, 50):0.0} | {Percentile(v, 95):0.0} | {Percentile(v, 99):0.0} | {v.Max():0.0} |");
    }
}

// Nearest-rank percentile.
static string Machine(DateTime started, string loadBefore)
{
    var inv = CultureInfo.InvariantCulture;
    var md = new StringBuilder();
    md.AppendLine(inv, $"## Machine\n");
    md.AppendLine("| | |\n|---|---|");
    md.AppendLine(inv, $"| Date (UTC) | {started:yyyy-MM-dd HH:mm} |");
    md.AppendLine(inv, $"| CPU | {Environment.ProcessorCount} × {CpuModel()} |");
    md.AppendLine(inv, $"| Memory | {MemTotalGiB():0.0} GiB |");
    md.AppendLine(inv, $"| OS | {OsName()} ({RuntimeInformation.OSDescription}) |");
    md.AppendLine(inv, $"| .NET | {RuntimeInformation.FrameworkDescription} |");
    md.AppendLine(inv, $"| Load average before / after (1, 5, 15 min) | {loadBefore} / {LoadAverage()} |");
    return md.ToString();
}

static double Percentile(IEnumerable<double> values, double p)
{
    var sorted = values.Order().ToArray();
    return sorted[Math.Max(0, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];
}

static async Task<Guid> IdOfAsync(HttpResponseMessage response) =>
    (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

static string OsName() =>
    File.Exists("/etc/os-release")
        ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"') ?? "unknown"
        : "unknown";

static string CpuModel() =>
    File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";

static double MemTotalGiB() =>
    long.Parse(File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
        CultureInfo.InvariantCulture) / 1024.0 / 1024.0;

// The 1, 5 and 15 minute load averages: the machine may be shared, and the latencies follow its load.
static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

static void Progress(string message) => Console.Error.WriteLine($"bench: {message}");

static int Setting(string name, int fallback) =>
    Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

static string Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v
    ? v
    : throw new InvalidOperationException($"{name} is not set: run tests/Benchmarks/run.sh, which starts the infrastructure first.");

static async Task DropDatabasesAsync(string connectionString)
{
    await using var admin = new NpgsqlConnection(connectionString);
    await admin.OpenAsync();
    foreach (var service in LocalSystem.Services)
    {
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabasePrefix}_{service.Name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}

// Like launcher/Launcher/Program.cs: a campaign for Hà Nội and an organization in Ba Đình, through the gateway.
static async Task<(string CampaignId, string OrganizationId)> SeedAsync(string gateway, string officerToken)
{
    using var officer = new Caller(gateway, officerToken, perSecond: 0);
    var year = DateTime.UtcNow.Year + 1;
    var campaign = await PostAsync("/api/v1/campaigns", new { year, name = $"Phong trào Đoàn kết sáng tạo Hà Nội năm {year}", provinceCode = "01", registrationDueBefore = $"{year}-01-15" });
    var organization = await PostAsync("/api/v1/organizations", new { name = "Ủy ban nhân dân phường Ba Đình", kind = "agency", communeCode = "00004" });
    return (campaign, organization);

    async Task<string> PostAsync(string path, object body)
    {
        using var response = await officer.Http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Seeding {path} failed: {(int)response.StatusCode} {text}");
        }

        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }
}

internal sealed record Sample(Guid InitiativeId, DateTime SentAt, double PostMs, double NotifiedMs, DateTime SeenAt, int Polls);

internal sealed record Stages(double[] RequestToTransaction, double[] TransactionToPublished, double[] TransactionToConsumer, double[] ConsumerToSeen);

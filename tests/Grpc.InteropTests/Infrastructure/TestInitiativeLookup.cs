using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using DoanKetSangTao.Contracts.Registration.V1;
using Grpc.Core;
using Google.Protobuf.WellKnownTypes;

namespace DoanKetSangTao.Tests.GrpcInteropTests.Infrastructure;

/// <summary>What the test service saw, for assertions from the test.</summary>
internal sealed class CallProbe
{
    public TaskCompletionSource<DateTime> SlowCallDeadline { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource SlowCallCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<int> ServiceInstances { get; } = new();

    public volatile bool Ready = true;
}

/// <summary>The InitiativeLookup the interop tests call; initiative ids pick the behaviour.</summary>
internal sealed class TestInitiativeLookup : InitiativeLookup.InitiativeLookupBase
{
    public const string NotFoundPrefix = "Không tìm thấy sáng kiến ";

    private readonly CallProbe _probe;

    public TestInitiativeLookup(CallProbe probe)
    {
        _probe = probe;
        probe.ServiceInstances.Enqueue(RuntimeHelpers.GetHashCode(this));
    }

    public static InitiativeReply Sample(string id) => new()
    {
        InitiativeId = id,
        CampaignId = "CD-2025",
        Title = "Sáng kiến số hoá sổ hộ tịch ở xã Đồng Tâm",
        Kind = "giải-pháp-kỹ-thuật",
        Status = "đã-đăng-ký",
        ProvinceCode = "01",
        CommuneCode = "00004",
        Summary = "Giảm thời gian tra cứu từ 3 ngày còn 15 phút",
        RegisteredAt = Timestamp.FromDateTime(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc)),
        Authors =
        {
            new InitiativeAuthor { FullName = "Lê Thị Ánh Tuyết", IsLead = true, ContributionPercent = 70 },
            new InitiativeAuthor { FullName = "Phạm Quốc Việt", ContributionPercent = 30 },
        },
    };

    public override async Task<InitiativeReply> GetInitiative(GetInitiativeRequest request, ServerCallContext context)
    {
        switch (request.InitiativeId)
        {
            case "SK-001" or "SK-002":
                return Sample(request.InitiativeId);

            case "slow":
                _probe.SlowCallDeadline.TrySetResult(context.Deadline);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(30), context.CancellationToken);
                }
                catch (OperationCanceledException)
                {
                    _probe.SlowCallCancelled.TrySetResult();
                    throw;
                }

                return Sample("slow");

            case "ignores-deadline":
                // Does not look at the token: the server must still answer at the deadline.
                await Task.Delay(TimeSpan.FromSeconds(3), CancellationToken.None);
                return Sample("ignores-deadline");

            case "boom":
                throw new InvalidOperationException("Host=db.internal;Password=bi-mat");

            case "echo":
                foreach (var entry in context.RequestHeaders.Where(e => e.Key.StartsWith("x-", StringComparison.Ordinal)))
                {
                    context.ResponseTrailers.Add(entry.IsBinary
                        ? new Metadata.Entry("echo-" + entry.Key, entry.ValueBytes)
                        : new Metadata.Entry("echo-" + entry.Key, entry.Value));
                }

                context.ResponseTrailers.Add("served-on-port",
                    context.GetHttpContext().Connection.LocalPort.ToString(CultureInfo.InvariantCulture));
                return Sample("echo");

            case "big":
                var big = Sample("big");
                big.Summary = new string('x', 10_000);
                return big;

            default:
                throw new RpcException(new Status(StatusCode.NotFound, NotFoundPrefix + request.InitiativeId));
        }
    }

    public override Task<GetInitiativesReply> GetInitiatives(GetInitiativesRequest request, ServerCallContext context)
    {
        var reply = new GetInitiativesReply();
        reply.Initiatives.AddRange(request.InitiativeIds.Where(id => id.StartsWith("SK-00", StringComparison.Ordinal)).Select(Sample));
        return Task.FromResult(reply);
    }
}

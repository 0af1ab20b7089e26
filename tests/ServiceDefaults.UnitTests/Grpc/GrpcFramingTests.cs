using System.Buffers;
using System.IO.Pipelines;
using DoanKetSangTao.Contracts.Registration.V1;
using DoanKetSangTao.ServiceDefaults.Grpc;
using DoanKetSangTao.ServiceDefaults.Grpc.Internal;
using Google.Protobuf;

namespace DoanKetSangTao.Tests.ServiceDefaultsUnitTests.Grpc;

public sealed class GrpcFramingTests
{
    private static readonly InitiativeReply Reply = new()
    {
        InitiativeId = "SK-001",
        Title = "Sáng kiến số hoá sổ hộ tịch",
        Authors = { new InitiativeAuthor { FullName = "Lê Thị Ánh Tuyết", IsLead = true, ContributionPercent = 100 } },
    };

    [Fact]
    public void Encoded_frame_is_flag_zero_big_endian_length_and_the_message()
    {
        var frame = GrpcFraming.EncodeMessage(Reply, maxSendSize: null);
        var payload = Reply.ToByteArray();

        Assert.Equal(5 + payload.Length, frame.Length);
        Assert.Equal(0, frame[0]);
        Assert.Equal([0, 0, (byte)(payload.Length >> 8), (byte)payload.Length], frame[1..5]);
        Assert.Equal(payload, frame[5..]);
    }

    [Fact]
    public void Empty_message_is_a_five_byte_frame()
    {
        Assert.Equal(new byte[5], GrpcFraming.EncodeMessage(new GetInitiativeRequest(), maxSendSize: null));
    }

    [Fact]
    public void Sending_more_than_the_limit_is_resource_exhausted()
    {
        var ex = Assert.Throws<RpcException>(() => GrpcFraming.EncodeMessage(Reply, maxSendSize: 10));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public void Frame_is_read_only_when_complete()
    {
        var frame = GrpcFraming.EncodeMessage(Reply, null);
        for (var length = 0; length < frame.Length; length++)
        {
            var partial = new ReadOnlySequence<byte>(frame, 0, length);
            Assert.False(GrpcFraming.TryReadFrame(ref partial, 4096, out _), $"A frame was read from {length} of {frame.Length} bytes.");
            Assert.Equal(length, partial.Length);
        }

        var whole = new ReadOnlySequence<byte>(frame);
        Assert.True(GrpcFraming.TryReadFrame(ref whole, 4096, out var payload));
        Assert.Equal(Reply, InitiativeReply.Parser.ParseFrom(payload));
        Assert.True(whole.IsEmpty);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    public void Frame_split_across_buffer_segments_is_read(int segmentLength)
    {
        var frame = GrpcFraming.EncodeMessage(Reply, null);
        var sequence = Segmented(frame, segmentLength);

        Assert.True(GrpcFraming.TryReadFrame(ref sequence, 4096, out var payload));
        Assert.False(payload.IsSingleSegment);
        Assert.Equal(Reply, InitiativeReply.Parser.ParseFrom(payload));
    }

    [Fact]
    public void Two_frames_in_one_buffer_are_read_one_at_a_time()
    {
        var first = GrpcFraming.EncodeMessage(new GetInitiativeRequest { InitiativeId = "a" }, null);
        var second = GrpcFraming.EncodeMessage(new GetInitiativeRequest { InitiativeId = "bb" }, null);
        var buffer = new ReadOnlySequence<byte>([.. first, .. second]);

        Assert.True(GrpcFraming.TryReadFrame(ref buffer, 100, out var payload1));
        Assert.Equal("a", GetInitiativeRequest.Parser.ParseFrom(payload1).InitiativeId);
        Assert.True(GrpcFraming.TryReadFrame(ref buffer, 100, out var payload2));
        Assert.Equal("bb", GetInitiativeRequest.Parser.ParseFrom(payload2).InitiativeId);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void Oversized_frame_is_refused_from_its_header_alone()
    {
        // Only the header: the 5 MiB payload is never buffered.
        var header = new ReadOnlySequence<byte>([0, 0, 0x50, 0, 0]);
        var ex = Assert.Throws<RpcException>(() => GrpcFraming.TryReadFrame(ref header, GrpcProtocol.DefaultMaxReceiveMessageSize, out _));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public void Frame_of_exactly_the_limit_is_accepted()
    {
        var frame = new byte[5 + 16];
        frame[4] = 16;
        var buffer = new ReadOnlySequence<byte>(frame);
        Assert.True(GrpcFraming.TryReadFrame(ref buffer, 16, out var payload));
        Assert.Equal(16, payload.Length);
    }

    [Fact]
    public void Compressed_flag_is_refused_as_unimplemented()
    {
        var frame = GrpcFraming.EncodeMessage(Reply, null);
        frame[0] = 1;
        var buffer = new ReadOnlySequence<byte>(frame);
        var ex = Assert.Throws<RpcException>(() => GrpcFraming.TryReadFrame(ref buffer, 4096, out _));
        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
    }

    [Fact]
    public void Unknown_flag_is_internal()
    {
        var buffer = new ReadOnlySequence<byte>([2, 0, 0, 0, 0]);
        var ex = Assert.Throws<RpcException>(() => GrpcFraming.TryReadFrame(ref buffer, 4096, out _));
        Assert.Equal(StatusCode.Internal, ex.StatusCode);
    }

    [Fact]
    public async Task Message_arriving_one_byte_at_a_time_is_read()
    {
        var pipe = new Pipe();
        var frame = GrpcFraming.EncodeMessage(Reply, null);
        var writer = Task.Run(async () =>
        {
            foreach (var b in frame)
            {
                await pipe.Writer.WriteAsync(new[] { b });
                await Task.Yield();
            }

            await pipe.Writer.CompleteAsync();
        });

        var message = await GrpcFraming.ReadSingleMessageAsync(pipe.Reader, InitiativeReply.Parser, 4096, CancellationToken.None);
        await writer;

        Assert.Equal(Reply, message);
    }

    [Fact]
    public async Task Oversized_message_fails_before_the_stream_ends()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(new byte[] { 0, 0, 0, 4, 1 });

        // The writer never completes: the read must fail on the header, not wait for the payload.
        var read = GrpcFraming.ReadSingleMessageAsync(pipe.Reader, InitiativeReply.Parser, 1024, CancellationToken.None).AsTask();
        var ex = await Assert.ThrowsAsync<RpcException>(() => read.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task Empty_stream_has_no_message()
    {
        var pipe = new Pipe();
        await pipe.Writer.CompleteAsync();
        Assert.Null(await GrpcFraming.ReadSingleMessageAsync(pipe.Reader, InitiativeReply.Parser, 4096, CancellationToken.None));
    }

    [Fact]
    public async Task Stream_ending_inside_a_message_is_internal()
    {
        var frame = GrpcFraming.EncodeMessage(Reply, null);
        var ex = await Assert.ThrowsAsync<RpcException>(() => ReadAllAsync(frame[..^1]));
        Assert.Equal(StatusCode.Internal, ex.StatusCode);
    }

    [Fact]
    public async Task Second_message_in_a_unary_stream_is_internal()
    {
        var frame = GrpcFraming.EncodeMessage(Reply, null);
        var ex = await Assert.ThrowsAsync<RpcException>(() => ReadAllAsync([.. frame, .. frame]));
        Assert.Equal(StatusCode.Internal, ex.StatusCode);
    }

    [Fact]
    public async Task Garbage_payload_is_internal()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => ReadAllAsync([0, 0, 0, 0, 2, 0xFF, 0xFF]));
        Assert.Equal(StatusCode.Internal, ex.StatusCode);
    }

    [Fact]
    public async Task Cancellation_stops_a_read_waiting_for_data()
    {
        var pipe = new Pipe();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await GrpcFraming.ReadSingleMessageAsync(pipe.Reader, InitiativeReply.Parser, 4096, cts.Token));
    }

    private static async Task<InitiativeReply?> ReadAllAsync(byte[] bytes)
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(bytes);
        await pipe.Writer.CompleteAsync();
        return await GrpcFraming.ReadSingleMessageAsync(pipe.Reader, InitiativeReply.Parser, 4096, CancellationToken.None);
    }

    private static ReadOnlySequence<byte> Segmented(byte[] bytes, int segmentLength)
    {
        Segment? first = null;
        Segment? last = null;
        for (var offset = 0; offset < bytes.Length; offset += segmentLength)
        {
            var memory = bytes.AsMemory(offset, Math.Min(segmentLength, bytes.Length - offset));
            var segment = new Segment(memory, last?.RunningIndex + last?.Memory.Length ?? 0);
            if (last is null)
            {
                first = segment;
            }
            else
            {
                last.SetNext(segment);
            }

            last = segment;
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public void SetNext(Segment next) => Next = next;
    }
}

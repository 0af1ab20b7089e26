using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Google.Protobuf;

namespace DoanKetSangTao.ServiceDefaults.Grpc.Internal;

/// <summary>
/// Length-prefixed messages: 1 byte compressed flag, 4 bytes big-endian length, then the
/// protobuf bytes. No grpc-encoding is negotiated, so a compressed message is refused.
/// </summary>
internal static class GrpcFraming
{
    public const int HeaderLength = 5;

    /// <summary>One whole frame for the message; RESOURCE_EXHAUSTED if it exceeds <paramref name="maxSendSize"/>.</summary>
    public static byte[] EncodeMessage(IMessage message, int? maxSendSize)
    {
        var size = message.CalculateSize();
        if (maxSendSize is { } max && size > max)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"Sending message exceeds the maximum configured message size ({size} > {max} bytes)."));
        }

        var frame = new byte[HeaderLength + size];
        frame[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1, 4), (uint)size);
        message.WriteTo(frame.AsSpan(HeaderLength));
        return frame;
    }

    /// <summary>
    /// Takes one frame off the front of <paramref name="buffer"/> when it is all there. The header
    /// is checked as soon as it is complete so an oversized message is refused before buffering it.
    /// </summary>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, int maxReceiveSize, out ReadOnlySequence<byte> payload)
    {
        payload = default;
        if (buffer.Length < HeaderLength)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[HeaderLength];
        buffer.Slice(0, HeaderLength).CopyTo(header);
        switch (header[0])
        {
            case 0:
                break;
            case 1:
                throw new RpcException(new Status(StatusCode.Unimplemented,
                    "Received a compressed message but no grpc-encoding was negotiated."));
            default:
                throw new RpcException(new Status(StatusCode.Internal,
                    $"Invalid compressed flag {header[0]} in message header."));
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > (uint)maxReceiveSize)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"Received message exceeds the maximum configured message size ({length} > {maxReceiveSize} bytes)."));
        }

        if (buffer.Length - HeaderLength < length)
        {
            return false;
        }

        payload = buffer.Slice(HeaderLength, length);
        buffer = buffer.Slice(payload.End);
        return true;
    }

    /// <summary>
    /// Reads the single message of a unary request or response, then the end of the stream.
    /// Returns null when the stream ends before any message; more than one message is INTERNAL.
    /// </summary>
    public static async ValueTask<T?> ReadSingleMessageAsync<T>(
        PipeReader reader, MessageParser<T> parser, int maxReceiveSize, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        T? message = null;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            try
            {
                if (message is null && TryReadFrame(ref buffer, maxReceiveSize, out var payload))
                {
                    message = Parse(parser, payload);
                }

                if (message is not null && !buffer.IsEmpty)
                {
                    throw new RpcException(new Status(StatusCode.Internal,
                        "Additional data after the message of a unary call."));
                }

                if (result.IsCanceled)
                {
                    throw new OperationCanceledException("The read was cancelled.");
                }

                if (result.IsCompleted)
                {
                    if (!buffer.IsEmpty)
                    {
                        throw new RpcException(new Status(StatusCode.Internal,
                            "The stream ended in the middle of a message."));
                    }

                    return message;
                }
            }
            finally
            {
                // Consumed up to what was parsed; examined everything so the next read waits for more.
                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
    }

    private static T Parse<T>(MessageParser<T> parser, ReadOnlySequence<byte> payload)
        where T : class, IMessage<T>
    {
        try
        {
            return parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to deserialize the message.", ex));
        }
    }
}

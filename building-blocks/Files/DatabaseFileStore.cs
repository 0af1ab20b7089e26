using System.Buffers;
using System.Data;
using Npgsql;
using NpgsqlTypes;

namespace DoanKetSangTao.Files;

/// <summary>
/// File contents in the service's own database, table <c>file_contents</c> (platform migration 0002),
/// so they are backed up, restored and replicated together with the records that point at them.
/// </summary>
public sealed class DatabaseFileStore(NpgsqlDataSource dataSource) : IFileStore
{
    public async Task<string> SaveAsync(ReceivedFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var key = FileStorageKey.FromSha256(file.Sha256);

        await using (var exists = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM file_contents WHERE sha256 = $1)"))
        {
            exists.Parameters.Add(new NpgsqlParameter<string> { TypedValue = file.Sha256 });
            if (await exists.ExecuteScalarAsync(cancellationToken) is true)
            {
                // Already there: skip sending the bytes again.
                return key;
            }
        }

        // Npgsql copies a Stream parameter into a MemoryStream before sending it, so the file is read
        // once into an array of exactly its size, which Npgsql then writes from directly.
        var content = GC.AllocateUninitializedArray<byte>(checked((int)file.Size));
        await using (var input = file.OpenRead())
        {
            await input.ReadExactlyAsync(content, cancellationToken);
        }

        // Two uploads of the same bytes may race past the check above; the second insert does nothing.
        await using var insert = dataSource.CreateCommand(
            "INSERT INTO file_contents (sha256, size, content) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING");
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = file.Sha256 });
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = file.Size });
        insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = content, NpgsqlDbType = NpgsqlDbType.Bytea });
        await insert.ExecuteNonQueryAsync(cancellationToken);
        return key;
    }

    public async Task<Stream?> OpenReadAsync(string storageKey, CancellationToken cancellationToken)
    {
        var sha256 = FileStorageKey.Sha256Of(storageKey);
        await using var command = dataSource.CreateCommand("SELECT size FROM file_contents WHERE sha256 = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256 });
        return await command.ExecuteScalarAsync(cancellationToken) is long size
            ? new DatabaseContentStream(dataSource, sha256, size)
            : null;
    }
}

/// <summary>
/// Reads stored content a slice at a time, one short query per slice. Neither a whole file in memory
/// nor a pooled connection held while a slow client downloads; seekable with a known length, so
/// downloads get Content-Length and range requests. Slices are cheap because the column is stored
/// uncompressed (STORAGE EXTERNAL), and consistent because a content row never changes.
/// </summary>
internal sealed class DatabaseContentStream(NpgsqlDataSource dataSource, string sha256, long length) : Stream
{
    internal const int SliceSize = 1024 * 1024;

    private const string SliceSql = "SELECT substring(content FROM $2 FOR $3) FROM file_contents WHERE sha256 = $1";

    private byte[]? slice;
    private long sliceStart;
    private int sliceCount;
    private long position;
    private bool disposed;

    public override bool CanRead => !disposed;

    public override bool CanSeek => !disposed;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (!PrepareRead(buffer.Length))
        {
            return 0;
        }

        if (!HasSliceAt(position))
        {
            using var command = SliceCommand();
            using var reader = command.ExecuteReader(CommandBehavior.SequentialAccess | CommandBehavior.SingleRow);
            if (!reader.Read())
            {
                throw Vanished();
            }

            using var column = reader.GetStream(0);
            AcceptSlice(column.ReadAtLeast(slice.AsSpan(0, SliceLength()), SliceLength(), throwOnEndOfStream: false));
        }

        return CopyOut(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!PrepareRead(buffer.Length))
        {
            return 0;
        }

        if (!HasSliceAt(position))
        {
            await using var command = SliceCommand();
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess | CommandBehavior.SingleRow, cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw Vanished();
            }

            await using var column = await reader.GetStreamAsync(0, cancellationToken);
            AcceptSlice(await column.ReadAtLeastAsync(slice.AsMemory(0, SliceLength()), SliceLength(), throwOnEndOfStream: false, cancellationToken));
        }

        return CopyOut(buffer.Span);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            SeekOrigin.End => length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));
        return position = target;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (!disposed && slice is not null)
        {
            ArrayPool<byte>.Shared.Return(slice);
            slice = null;
        }

        disposed = true;
        base.Dispose(disposing);
    }

    private bool PrepareRead(int wanted)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (wanted == 0 || position >= length)
        {
            return false;
        }

        slice ??= ArrayPool<byte>.Shared.Rent(SliceSize);
        return true;
    }

    private bool HasSliceAt(long at) => at >= sliceStart && at < sliceStart + sliceCount;

    private int SliceLength() => (int)Math.Min(SliceSize, length - position);

    private NpgsqlCommand SliceCommand()
    {
        var command = dataSource.CreateCommand(SliceSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256 });
        // SQL substring counts from 1.
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = checked((int)(position + 1)) });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = SliceLength() });
        return command;
    }

    private void AcceptSlice(int read)
    {
        if (read < SliceLength())
        {
            throw new IOException($"Stored content {FileStorageKey.Prefix}{sha256} is shorter than its recorded size of {length} bytes.");
        }

        sliceStart = position;
        sliceCount = read;
    }

    private int CopyOut(Span<byte> buffer)
    {
        var from = (int)(position - sliceStart);
        var count = Math.Min(buffer.Length, sliceCount - from);
        slice.AsSpan(from, count).CopyTo(buffer);
        position += count;
        return count;
    }

    private IOException Vanished() => new($"Stored content {FileStorageKey.Prefix}{sha256} disappeared while it was being read.");
}

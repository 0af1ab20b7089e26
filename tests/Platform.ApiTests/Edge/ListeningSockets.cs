using System.Globalization;
using System.Net;

namespace DoanKetSangTao.Tests.PlatformApiTests.Edge;

/// <summary>The TCP sockets a process listens on, read from Linux's /proc (its file descriptors and the kernel's socket tables).</summary>
public static class ListeningSockets
{
    public static IReadOnlyList<IPEndPoint> Of(int processId)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fd in Directory.EnumerateFiles($"/proc/{processId}/fd"))
        {
            var target = new FileInfo(fd).LinkTarget;
            if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
            {
                inodes.Add(target["socket:[".Length..^1]);
            }
        }

        var result = new List<IPEndPoint>();
        foreach (var table in new[] { "tcp", "tcp6" })
        {
            foreach (var line in File.ReadLines($"/proc/{processId}/net/{table}").Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                // st 0A is LISTEN; field 9 is the socket's inode.
                if (fields.Length > 9 && fields[3] == "0A" && inodes.Contains(fields[9]))
                {
                    result.Add(Parse(fields[1]));
                }
            }
        }

        return result;
    }

    /// <summary>"0100007F:1F90" (address in the kernel's byte order, port in hex) as an endpoint.</summary>
    private static IPEndPoint Parse(string field)
    {
        var (address, port) = (field[..field.IndexOf(':', StringComparison.Ordinal)], field[(field.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        var bytes = new byte[address.Length / 2];
        for (var word = 0; word < bytes.Length / 4; word++)
        {
            // Each 32-bit word is printed as a host-order (little-endian) number.
            for (var b = 0; b < 4; b++)
            {
                bytes[(word * 4) + b] = byte.Parse(address.AsSpan((word * 8) + ((3 - b) * 2), 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }
        }

        return new IPEndPoint(new IPAddress(bytes), int.Parse(port, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }
}

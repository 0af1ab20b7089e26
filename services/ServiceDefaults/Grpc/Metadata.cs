using System.Collections;
using System.Text;

namespace DoanKetSangTao.ServiceDefaults.Grpc;

/// <summary>
/// Custom metadata (headers and trailers) of a call. Keys are lower-cased; keys ending in
/// <c>-bin</c> carry bytes (base64 on the wire), all others printable ASCII. Keys gRPC or HTTP/2
/// reserve for themselves are rejected so an application cannot corrupt the protocol.
/// </summary>
public sealed class Metadata : IList<Metadata.Entry>
{
    public const string BinaryHeaderSuffix = "-bin";

    /// <summary>A read-only empty instance.</summary>
    public static readonly Metadata Empty = new Metadata().Freeze();

    private readonly List<Entry> _entries = [];
    private bool _readOnly;

    public int Count => _entries.Count;

    public bool IsReadOnly => _readOnly;

    public Entry this[int index]
    {
        get => _entries[index];
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            EnsureWritable();
            _entries[index] = value;
        }
    }

    public void Add(string key, string value) => Add(new Entry(key, value));

    public void Add(string key, byte[] valueBytes) => Add(new Entry(key, valueBytes));

    public void Add(Entry item)
    {
        ArgumentNullException.ThrowIfNull(item);
        EnsureWritable();
        _entries.Add(item);
    }

    /// <summary>The last entry with the key, or null.</summary>
    public Entry? Get(string key)
    {
        var normalized = NormalizeKey(key);
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (_entries[i].Key == normalized)
            {
                return _entries[i];
            }
        }

        return null;
    }

    public string? GetValue(string key) => Get(key)?.Value;

    public byte[]? GetValueBytes(string key) => Get(key)?.ValueBytes;

    public IEnumerable<Entry> GetAll(string key)
    {
        var normalized = NormalizeKey(key);
        return _entries.Where(e => e.Key == normalized);
    }

    public int IndexOf(Entry item) => _entries.IndexOf(item);

    public void Insert(int index, Entry item)
    {
        ArgumentNullException.ThrowIfNull(item);
        EnsureWritable();
        _entries.Insert(index, item);
    }

    public void RemoveAt(int index)
    {
        EnsureWritable();
        _entries.RemoveAt(index);
    }

    public bool Remove(Entry item)
    {
        EnsureWritable();
        return _entries.Remove(item);
    }

    public void Clear()
    {
        EnsureWritable();
        _entries.Clear();
    }

    public bool Contains(Entry item) => _entries.Contains(item);

    public void CopyTo(Entry[] array, int arrayIndex) => _entries.CopyTo(array, arrayIndex);

    public IEnumerator<Entry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal Metadata Freeze()
    {
        _readOnly = true;
        return this;
    }

    /// <summary>
    /// Adds a header received from the peer. Reserved or malformed entries are skipped rather
    /// than failing the call: they are protocol headers, not application metadata.
    /// </summary>
    internal bool TryAddFromWire(string key, string? value)
    {
        if (value is null)
        {
            return false;
        }

        var normalized = key.ToLowerInvariant();
        if (!IsValidKey(normalized) || IsReserved(normalized))
        {
            return false;
        }

        if (!normalized.EndsWith(BinaryHeaderSuffix, StringComparison.Ordinal))
        {
            if (!IsValidAsciiValue(value))
            {
                return false;
            }

            _entries.Add(new Entry(normalized, value, null));
            return true;
        }

        // Peers may coalesce repeated binary headers with commas; each part is its own value.
        var added = false;
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (TryDecodeBase64(part, out var bytes))
            {
                _entries.Add(new Entry(normalized, null, bytes));
                added = true;
            }
        }

        return added;
    }

    /// <summary>Base64 without padding, as the spec asks senders to emit.</summary>
    internal static string EncodeBinaryValue(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    internal static bool TryDecodeBase64(string value, out byte[] bytes)
    {
        // The spec requires accepting both padded and unpadded values.
        var padded = (value.Length % 4) switch
        {
            2 => value + "==",
            3 => value + "=",
            _ => value,
        };
        bytes = new byte[padded.Length / 4 * 3];
        if (Convert.TryFromBase64String(padded, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        bytes = [];
        return false;
    }

    internal static bool IsReserved(string normalizedKey) =>
        normalizedKey.StartsWith("grpc-", StringComparison.Ordinal)
        || normalizedKey is "content-type" or "te" or "host" or "connection" or "keep-alive"
            or "proxy-connection" or "transfer-encoding" or "upgrade";

    private static string NormalizeKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.ToLowerInvariant();
    }

    private static bool IsValidKey(string key)
    {
        if (key.Length == 0)
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsValidAsciiValue(string value)
    {
        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    private void EnsureWritable()
    {
        if (_readOnly)
        {
            throw new InvalidOperationException("This metadata instance is read-only.");
        }
    }

    /// <summary>One key and its value (text, or bytes for keys ending in <c>-bin</c>).</summary>
    public sealed class Entry
    {
        private readonly string? _value;
        private readonly byte[]? _valueBytes;

        public Entry(string key, string value)
        {
            ArgumentNullException.ThrowIfNull(value);
            Key = ValidateKey(key, binary: false);
            if (!IsValidAsciiValue(value))
            {
                throw new ArgumentException(
                    "Metadata values must be printable ASCII; use a key ending in '-bin' for other data.", nameof(value));
            }

            _value = value;
        }

        public Entry(string key, byte[] valueBytes)
        {
            ArgumentNullException.ThrowIfNull(valueBytes);
            Key = ValidateKey(key, binary: true);
            _valueBytes = valueBytes.ToArray();
        }

        internal Entry(string normalizedKey, string? value, byte[]? valueBytes)
        {
            Key = normalizedKey;
            _value = value;
            _valueBytes = valueBytes;
        }

        public string Key { get; }

        public bool IsBinary => _valueBytes is not null;

        public string Value => _value
            ?? throw new InvalidOperationException($"Entry '{Key}' is binary; read ValueBytes instead.");

        /// <summary>The bytes of a binary entry, or the ASCII bytes of a text entry (a copy).</summary>
        public byte[] ValueBytes => _valueBytes?.ToArray() ?? Encoding.ASCII.GetBytes(_value!);

        /// <summary>The header value as sent on the wire.</summary>
        internal string WireValue => _valueBytes is null ? _value! : EncodeBinaryValue(_valueBytes);

        public override string ToString() => IsBinary
            ? $"[Entry: key={Key}, valueBytes={_valueBytes!.Length} bytes]"
            : $"[Entry: key={Key}, value={_value}]";

        private static string ValidateKey(string key, bool binary)
        {
            ArgumentNullException.ThrowIfNull(key);
            var normalized = key.ToLowerInvariant();
            if (!IsValidKey(normalized))
            {
                throw new ArgumentException(
                    $"Metadata key '{key}' is invalid: use only 0-9, a-z, '_', '-' and '.'.", nameof(key));
            }

            if (IsReserved(normalized))
            {
                throw new ArgumentException($"Metadata key '{key}' is reserved by gRPC or HTTP/2.", nameof(key));
            }

            var isBinaryKey = normalized.EndsWith(BinaryHeaderSuffix, StringComparison.Ordinal);
            if (binary != isBinaryKey)
            {
                throw new ArgumentException(binary
                    ? $"Binary metadata key '{key}' must end with '{BinaryHeaderSuffix}'."
                    : $"Key '{key}' ends with '{BinaryHeaderSuffix}', so its value must be bytes.", nameof(key));
            }

            return normalized;
        }
    }
}

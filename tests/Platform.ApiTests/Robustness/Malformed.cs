using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace DoanKetSangTao.Tests.PlatformApiTests.Robustness;

/// <summary>One malformed request body: what was done to it, its bytes and the Content-Type it is sent with (null: none).</summary>
public sealed record MalformedBody(string What, byte[] Content, string? ContentType);

/// <summary>
/// Malformed variants of a request, each wrong in a way no endpoint may accept: the wrong JSON type, a number as a
/// string, numbers past every range, dates of year 1 or 9999, over-long text, text with NUL, zero-width, bidi or
/// decomposed-plus-bidi characters, broken JSON, the wrong content type, and broken multipart envelopes.
/// </summary>
public static class Malformed
{
    private const string Json = "application/json";

    public static IEnumerable<MalformedBody> JsonVariants(JsonNode valid)
    {
        var text = valid.ToJsonString();
        yield return new("JSON cut in half", Encoding.UTF8.GetBytes(text[..(text.Length / 2)]), Json);
        yield return new("JSON with trailing garbage", Encoding.UTF8.GetBytes(text + "}}"), Json);
        yield return new("single-quoted JSON", Encoding.UTF8.GetBytes(text.Replace('"', '\'')), Json);
        yield return new("empty body", [], Json);
        yield return new("JSON null body", "null"u8.ToArray(), Json);
        yield return new("JSON array body", "[]"u8.ToArray(), Json);
        yield return new("JSON string body", "\"xin chào\""u8.ToArray(), Json);
        yield return new("nested 200 deep", Encoding.UTF8.GetBytes(new string('[', 200) + new string(']', 200)), Json);
        if (Leaves(valid, "$").FirstOrDefault(l => l.Value.GetValueKind() == System.Text.Json.JsonValueKind.String) is { Value: not null } textLeaf)
        {
            // Bytes that are not UTF-8 inside a field the endpoint reads (an unknown field is skipped unread).
            var copy = valid.DeepClone();
            Set(copy, textLeaf.Path, "\uE000");
            var marked = copy.ToJsonString();
            var at = marked.IndexOf("\"\\uE000\"", StringComparison.Ordinal) is var i and >= 0 ? i : marked.IndexOf("\"\uE000\"", StringComparison.Ordinal);
            var before = Encoding.UTF8.GetBytes(marked[..(at + 1)]);
            var after = Encoding.UTF8.GetBytes(marked[(marked.IndexOf('"', at + 1))..]);
            yield return new($"{textLeaf.Path}: invalid UTF-8", [.. before, 0xC3, 0x28, 0xFF, .. after], Json);
        }
        yield return new("text/plain content type", Encoding.UTF8.GetBytes(text), "text/plain");
        yield return new("no content type", Encoding.UTF8.GetBytes(text), null);
        yield return new("form content type", Encoding.UTF8.GetBytes(text), "application/x-www-form-urlencoded");

        foreach (var (path, value) in Leaves(valid, "$"))
        {
            foreach (var (what, replacement) in ReplacementsFor(value))
            {
                var copy = valid.DeepClone();
                Set(copy, path, replacement);
                yield return new($"{path}: {what}", Encoding.UTF8.GetBytes(copy.ToJsonString()), Json);
            }
        }
    }

    /// <summary>Broken upload envelopes; the file itself is never acceptable (a renamed executable), so nothing could be stored even if the envelope were read.</summary>
    public static IEnumerable<MalformedBody> MultipartVariants()
    {
        const string Good = "dkst-boundary";
        byte[] Form(string boundary, string disposition, bool closed = true, string kind = "cover_letter") => Encoding.UTF8.GetBytes(
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n{kind}\r\n" +
            $"--{boundary}\r\n{disposition}\r\nContent-Type: application/pdf\r\n\r\nMZ\u0090\0\u0003 This program cannot be run in DOS mode.\r\n" +
            (closed ? $"--{boundary}--\r\n" : ""));
        string File(string name) => $"Content-Disposition: form-data; name=\"file\"; filename=\"{name}\"";

        yield return new("multipart without a boundary", Form(Good, File("to-trinh.pdf")), "multipart/form-data");
        yield return new("multipart with an empty boundary", Form(Good, File("to-trinh.pdf")), "multipart/form-data; boundary=");
        var longBoundary = new string('b', 2000);
        yield return new("multipart with a 2,000-character boundary", Form(longBoundary, File("to-trinh.pdf")), $"multipart/form-data; boundary={longBoundary}");
        var whole = Form(Good, File("to-trinh.pdf"), closed: false);
        yield return new("multipart body cut short", whole[..(whole.Length - 20)], $"multipart/form-data; boundary={Good}");
        yield return new("multipart boundary not the declared one", Form("other-boundary", File("to-trinh.pdf")), $"multipart/form-data; boundary={Good}");
        yield return new("Content-Disposition that does not parse", Form(Good, "Content-Disposition: ;;; filename"), $"multipart/form-data; boundary={Good}");
        yield return new("Content-Disposition without a colon", Form(Good, "Content-Disposition form-data name=file"), $"multipart/form-data; boundary={Good}");
        yield return new("quote inside the file name", Form(Good, File("to\"trinh.pdf")), $"multipart/form-data; boundary={Good}");
        yield return new("encoded quote in the file name", Form(Good, "Content-Disposition: form-data; name=\"file\"; filename*=UTF-8''to%22trinh.pdf"),
            $"multipart/form-data; boundary={Good}");
        yield return new("CR LF inside the file name", Form(Good, File("to\r\ntrinh.pdf")), $"multipart/form-data; boundary={Good}");
        yield return new("LF inside the file name", Form(Good, File("to\ntrinh.pdf")), $"multipart/form-data; boundary={Good}");
        yield return new("bidi override in the file name", Form(Good, File("to-trinh\u202Efdp.exe")), $"multipart/form-data; boundary={Good}");
        yield return new("20,000-character section header", Form(Good, File(new string('a', 20_000) + ".pdf")), $"multipart/form-data; boundary={Good}");
        yield return new("unknown attachment kind", Form(Good, File("to-trinh.pdf"), kind: "khong_ro"), $"multipart/form-data; boundary={Good}");
        yield return new("no file part", Encoding.UTF8.GetBytes($"--{Good}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\ncover_letter\r\n--{Good}--\r\n"),
            $"multipart/form-data; boundary={Good}");
        yield return new("renamed executable", Form(Good, File("to-trinh.pdf")), $"multipart/form-data; boundary={Good}");
        yield return new("JSON instead of a form", "{\"kind\":\"cover_letter\"}"u8.ToArray(), Json);
        yield return new("empty body", [], $"multipart/form-data; boundary={Good}");
    }

    private static IEnumerable<(string What, JsonNode? Replacement)> ReplacementsFor(JsonNode? value)
    {
        var kind = value?.GetValueKind();
        var text = kind == System.Text.Json.JsonValueKind.String ? value!.GetValue<string>() : null;
        switch (value)
        {
            case JsonValue when kind is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False:
                yield return ("boolean as a string", "true");
                yield return ("boolean as a number", 1);
                yield return ("boolean as null", null);
                break;
            case JsonValue when kind == System.Text.Json.JsonValueKind.Number:
                // No null here: a nullable number left empty is often valid.
                yield return ("number as a string", value.ToJsonString());
                yield return ("decimal.MaxValue", JsonNode.Parse("79228162514264337593543950335"));
                yield return ("-decimal.MaxValue", JsonNode.Parse("-79228162514264337593543950335"));
                yield return ("1e400", JsonNode.Parse("1e400"));
                yield return ("number as an object", new JsonObject());
                break;
            case JsonValue when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _):
                yield return ("date 0001-01-01", "0001-01-01");
                yield return ("date 9999-12-31", "9999-12-31");
                yield return ("date dd/MM/yyyy", "31/12/2025");
                yield return ("date as a number", 20250101);
                break;
            case JsonValue when Guid.TryParse(text, out _):
                yield return ("not a GUID", "khong-phai-guid");
                yield return ("GUID as a number", 12345);
                yield return ("GUID with a zero-width space", text + "\u200B");
                break;
            case JsonValue when text is not null:
                yield return ("string as a number", 123);
                yield return ("string as an array", new JsonArray("x"));
                yield return ("100,000 characters", new string('a', 100_000));
                yield return ("NUL character", text + "\u0000");
                yield return ("zero-width space", "Sáng\u200Bkiến " + text);
                yield return ("bidi override", "\u202E" + text);
                yield return ("decomposed (NFD) with a bidi isolate", "Sáng kiến".Normalize(NormalizationForm.FormD) + "\u2067" + text);
                break;
            case JsonArray:
                yield return ("array as an object", new JsonObject());
                yield return ("array as a string", "x");
                break;
            case JsonObject:
                yield return ("object as an array", new JsonArray());
                yield return ("object as a number", 5);
                break;
        }
    }

    /// <summary>Every non-null value under <paramref name="node"/> with its path ($.a.b[0].c); arrays contribute their first element.</summary>
    private static IEnumerable<(string Path, JsonNode Value)> Leaves(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                if (path != "$")
                {
                    yield return (path, obj);
                }

                foreach (var (name, child) in obj)
                {
                    foreach (var leaf in Leaves(child, $"{path}.{name}"))
                    {
                        yield return leaf;
                    }
                }

                break;
            case JsonArray array:
                yield return (path, array);
                if (array.Count > 0)
                {
                    foreach (var leaf in Leaves(array[0], $"{path}[0]"))
                    {
                        yield return leaf;
                    }
                }

                break;
            case JsonValue value:
                yield return (path, value);
                break;
        }
    }

    private static void Set(JsonNode root, string path, JsonNode? replacement)
    {
        var parts = System.Text.RegularExpressions.Regex.Matches(path, @"\.([^.\[]+)|\[(\d+)\]").Select(m => m.Groups[1].Success ? (object)m.Groups[1].Value : int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)).ToList();
        var parent = root;
        foreach (var part in parts.Take(parts.Count - 1))
        {
            parent = part is string name ? parent[name]! : parent[(int)part]!;
        }

        if (parts[^1] is string last)
        {
            parent[last] = replacement;
        }
        else
        {
            parent[(int)parts[^1]] = replacement;
        }
    }
}

using DoanKetSangTao.Domain;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DoanKetSangTao.ServiceDefaults.Http;

/// <summary>
/// How every service reads a JSON request body: numbers only as JSON numbers (never "100"), dates only as
/// yyyy-MM-dd (or ISO 8601 for instants) within <see cref="InputBounds"/>, decimals within
/// <see cref="InputBounds.MaxDecimal"/>. A value outside is refused where it is bound, before any handler
/// runs, so no endpoint can forget the check and no out-of-range value reaches arithmetic or the database.
/// </summary>
public static class JsonInput
{
    /// <summary>Applies the platform's input rules to the options minimal APIs bind request bodies with.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // JsonSerializerDefaults.Web allows "100" for a number; a client that sends strings has a bug worth hearing about.
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Insert(0, new BoundedDateOnlyConverter());
        options.Converters.Insert(0, new BoundedDateTimeConverter());
        options.Converters.Insert(0, new BoundedDateTimeOffsetConverter());
        options.Converters.Insert(0, new BoundedDecimalConverter());
    }

    private sealed class BoundedDateOnlyConverter : JsonConverter<DateOnly>
    {
        public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String
                || !DateOnly.TryParseExact(reader.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
            {
                throw JsonValueException.NotADate();
            }

            return InputBounds.IsSaneDate(value) ? value : throw JsonValueException.DateOutOfRange();
        }

        public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    private sealed class BoundedDateTimeConverter : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTime(out var value))
            {
                throw JsonValueException.NotADate();
            }

            return InputBounds.IsSaneDate(DateOnly.FromDateTime(value)) ? value : throw JsonValueException.DateOutOfRange();
        }

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    private sealed class BoundedDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var value))
            {
                throw JsonValueException.NotADate();
            }

            return InputBounds.IsSaneDate(DateOnly.FromDateTime(value.UtcDateTime)) ? value : throw JsonValueException.DateOutOfRange();
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    private sealed class BoundedDecimalConverter : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.Number)
            {
                throw JsonValueException.NotANumber();
            }

            // TryGetDecimal fails past ±7.9e28; anything past MaxDecimal is a typo or a probe, not a score.
            return reader.TryGetDecimal(out var value) && Math.Abs(value) <= InputBounds.MaxDecimal
                ? value
                : throw JsonValueException.NumberOutOfRange();
        }

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
    }
}

/// <summary>A JSON value of the right syntax but not acceptable where it is bound; carries a stable code and a Vietnamese message.</summary>
public sealed class JsonValueException(string code, string message) : JsonException(message)
{
    public const string OutOfRange = "value_out_of_range";

    /// <summary>A value of the wrong kind is reported with the code clients already match for JSON they must fix.</summary>
    public const string WrongType = "malformed_json";

    public string Code { get; } = code;

    internal static JsonValueException NotADate() =>
        new(WrongType, "Ngày phải được gửi dạng chuỗi yyyy-MM-dd (ví dụ \"2025-03-31\"), thời điểm dạng ISO 8601.");

    internal static JsonValueException DateOutOfRange() =>
        new(OutOfRange, $"Ngày phải nằm trong khoảng từ {InputBounds.DateRange}. Vui lòng kiểm tra lại năm đã nhập.");

    internal static JsonValueException NotANumber() =>
        new(WrongType, "Giá trị phải là một số JSON (không đặt trong dấu ngoặc kép), ví dụ 25 hoặc 7,5 viết là 7.5.");

    internal static JsonValueException NumberOutOfRange() =>
        new(OutOfRange, $"Số quá lớn: giá trị tuyệt đối không được vượt quá {InputBounds.MaxDecimal.ToString("#,##0", DoanKetSangTao.Domain.VietnameseText.Culture)}.");
}

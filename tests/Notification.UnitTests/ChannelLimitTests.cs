using DoanKetSangTao.Notification.API.Domain;
using DoanKetSangTao.Notification.API.Domain.Templates;

namespace DoanKetSangTao.Tests.NotificationUnitTests;

/// <summary>
/// The channels' limits enforced when a message is rendered with real values, which may be longer than the samples a
/// template was checked with: the text is cut safely, never refused, so no notice is lost for its length.
/// </summary>
public sealed class ChannelLimitTests
{
    [Fact]
    public void A_cut_stays_within_the_limit_ends_at_a_word_and_says_it_was_cut()
    {
        var text = string.Join(' ', Enumerable.Repeat("sáng kiến", 40));
        var cut = TemplateLimits.Cut(text, 50);

        Assert.True(cut.Length <= 50, cut);
        Assert.EndsWith("…", cut, StringComparison.Ordinal);
        Assert.StartsWith(cut[..^1], text, StringComparison.Ordinal);
        Assert.False(cut[..^1].EndsWith(' '));
        Assert.True(cut.EndsWith("kiến…", StringComparison.Ordinal) || cut.EndsWith("sáng…", StringComparison.Ordinal), cut);
        Assert.Equal("ngắn", TemplateLimits.Cut("ngắn", 50));
    }

    [Fact]
    public void A_cut_never_splits_a_letter_from_its_marks_or_a_surrogate_pair()
    {
        var decomposed = "Tiê\u0301n"; // ế as e + circumflex + acute
        Assert.DoesNotContain('\u0302', TemplateLimits.Cut(decomposed + new string('x', 10), 4, ""));
        var emoji = "ab😀😀😀";
        var cut = TemplateLimits.Cut(emoji, 3, "");
        Assert.Equal("ab", cut);
    }

    [Fact]
    public void Khong_dau_drops_the_marks_keeps_the_case_and_plain_punctuation()
    {
        Assert.Equal("Doan ket Sang tao: \"Tuoi nho giot\" - da xac nhan...", SmsText.KhongDau("Đoàn kết Sáng tạo: “Tưới nhỏ giọt” – đã xác nhận…"));
        Assert.True(SmsText.IsGsm7(SmsText.KhongDau("Ủy ban Mặt trận Tổ quốc Việt Nam")));
        Assert.Equal("Chuc mung ", SmsText.ToGsm7("Chúc mừng 🎉"));
    }

    [Fact]
    public async Task An_sms_is_sent_without_diacritics_within_two_parts_whatever_the_values()
    {
        var (template, _) = CompiledTemplate.Parse(NotificationChannels.Sms, new TemplateText(null, "{{ title }}: xem ung dung"));
        var message = await template!.RenderAsync(new Dictionary<string, string> { ["title"] = string.Concat(Enumerable.Repeat("Sáng kiến “số hóa” ", 40)) });

        Assert.True(message.Body.Length <= TemplateLimits.SmsMax, message.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(SmsText.IsGsm7(message.Body), message.Body);
        Assert.StartsWith("Sang kien \"so hoa\"", message.Body, StringComparison.Ordinal);
        Assert.EndsWith("...", message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zalo_parameters_are_cut_to_their_types_cap_and_the_message_to_400()
    {
        var body = "customer_name [customer_name]: {{ recipient_name }}\n" +
            string.Join('\n', Enumerable.Range(1, 3).Select(i => $"p{i} [address]: {{{{ title }}}}"));
        var (template, _) = CompiledTemplate.Parse(NotificationChannels.Zalo, new TemplateText(null, body, "231677"));
        var message = await template!.RenderAsync(new Dictionary<string, string>
        {
            ["recipient_name"] = "Công đoàn Trường Trung học cơ sở Ba Đình, Hà Nội",
            ["title"] = new string('x', 300) + "\nmột dòng nữa",
        });

        Assert.Equal("231677", message.ProviderTemplateId);
        Assert.True(message.Parameters!["customer_name"].Length <= 30, message.Parameters["customer_name"]);
        Assert.All(message.Parameters.Values, v => Assert.DoesNotContain('\n', v));
        Assert.All(new[] { "p1", "p2", "p3" }, p => Assert.True(message.Parameters[p].Length <= 200));
        Assert.True(message.Parameters.Values.Sum(v => v.Length) <= TemplateLimits.ZaloMessageMax);
        Assert.Contains("customer_name: Công đoàn", message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subject_is_one_line_within_its_limit()
    {
        var (template, _) = CompiledTemplate.Parse(NotificationChannels.Email, new TemplateText("{{ title }}", "{{ title }}"));
        var message = await template!.RenderAsync(new Dictionary<string, string> { ["title"] = "Dòng một\nDòng hai " + new string('x', 400) });

        Assert.StartsWith("Dòng một Dòng hai", message.Subject, StringComparison.Ordinal);
        Assert.True(message.Subject!.Length <= TemplateLimits.SubjectMax);
        Assert.Contains('\n', message.Body);
    }

    [Theory]
    [InlineData("email", "can.bo@mattran.org.vn", "can.bo@mattran.org.vn")]
    [InlineData("email", "Cán Bộ <can.bo@mattran.org.vn>", null)]
    [InlineData("email", "khong-phai-thu", null)]
    [InlineData("sms", "0912 345 678", "0912345678")]
    [InlineData("zalo", "+84912345678", "+84912345678")]
    [InlineData("sms", "0212345678", null)]
    [InlineData("sms", "091234567", null)]
    public void A_test_goes_to_an_email_address_or_a_vietnamese_mobile_number(string channel, string address, string? expected) =>
        Assert.Equal(expected, TestAddress.Normalize(channel, address));
}

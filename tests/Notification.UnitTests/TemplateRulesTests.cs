using DoanKetSangTao.Notification.API.Domain;
using DoanKetSangTao.Notification.API.Domain.Templates;

namespace DoanKetSangTao.Tests.NotificationUnitTests;

/// <summary>
/// What an operator's template must satisfy before it is saved (<see cref="TemplateRules"/>): it parses, uses only its
/// kind's placeholders and known filters, has a subject where the channel shows one, and fits the channel's limits.
/// </summary>
public sealed class TemplateRulesTests
{
    /// <summary>A kind of the tests' own, so that the rules are tested whatever the catalogue's kinds say.</summary>
    private static readonly NotificationKind Kind = new("kiem_thu", NotificationCategories.Reminders, "Nhắc việc kiểm thử",
        [
            new Placeholder("recipient_name", "Nguyễn Văn An", "Người nhận"),
            new Placeholder("title", "Báo cáo sơ kết quý IV", "Tên việc"),
            new Placeholder("due_date", "15/12/2026", "Hạn"),
        ],
        new Dictionary<string, TemplateText>
        {
            [NotificationChannels.InApp] = new("{{ title }}", "Hạn {{ due_date }}."),
            [NotificationChannels.Email] = new("{{ title }}", "Kính gửi {{ recipient_name }}, hạn {{ due_date }}."),
            [NotificationChannels.Sms] = new(null, "{{ title | khong_dau }} han {{ due_date }}"),
            [NotificationChannels.Zalo] = new(null, "customer_name [customer_name]: {{ recipient_name }}\ndue_date [time]: {{ due_date }}", "231677"),
        });

    private static async Task<TemplateCheck> Check(string channel, string? subject, string body, string? templateId = null)
    {
        var (text, refusal) = TemplateRules.Normalize(channel, subject, body, templateId);
        return refusal is not null ? new TemplateCheck(null, null, refusal) : await TemplateRules.CheckAsync(Kind, channel, text!);
    }

    private static async Task<string> RefusedWith(string channel, string? subject, string body, string? templateId = null)
    {
        var check = await Check(channel, subject, body, templateId);
        Assert.Null(check.Template);
        Assert.NotNull(check.Refusal);
        Assert.NotEmpty(check.Refusal!.Errors!);
        return check.Refusal.Code;
    }

    [Fact]
    public async Task A_template_using_its_kinds_placeholders_passes_and_renders_the_samples()
    {
        var check = await Check(NotificationChannels.Email, "Nhắc: {{ title }}", "Kính gửi {{ recipient_name }},\nHạn nộp {{ due_date }}.");

        Assert.Null(check.Refusal);
        Assert.Equal("Nhắc: Báo cáo sơ kết quý IV", check.Sample!.Subject);
        Assert.Equal("Kính gửi Nguyễn Văn An,\nHạn nộp 15/12/2026.", check.Sample.Body);
    }

    [Fact]
    public async Task Broken_liquid_is_refused_as_a_syntax_error()
    {
        Assert.Equal(TemplateRefusals.SyntaxError, await RefusedWith(NotificationChannels.InApp, "{{ title }}", "Hạn {{ due_date "));
        Assert.Equal(TemplateRefusals.SyntaxError, await RefusedWith(NotificationChannels.InApp, "{{ title }}", "{% if title %}không đóng"));
    }

    [Fact]
    public async Task A_placeholder_the_kind_does_not_have_is_refused_by_name()
    {
        var check = await Check(NotificationChannels.InApp, "{{ title }}", "Hạn {{ han_chot }} tại {{ due_date }}, {{ dia_diem.ten }}");

        Assert.Equal(TemplateRefusals.UnknownPlaceholder, check.Refusal!.Code);
        var messages = string.Join(" ", check.Refusal.Errors!["body"]);
        Assert.Contains("han_chot", messages, StringComparison.Ordinal);
        Assert.Contains("dia_diem", messages, StringComparison.Ordinal);
        Assert.DoesNotContain("due_date }}", messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Names_the_template_defines_itself_and_the_recipients_name_are_not_unknown()
    {
        var check = await Check(NotificationChannels.InApp, "{{ title | upcase }}",
            "{% assign han = due_date %}{% capture loi %}Chào {{ recipient_name }}{% endcapture %}{{ loi }} {% for c in (1..2) %}{{ c }}{{ forloop.index }}{% endfor %} {{ han }}");

        Assert.Null(check.Refusal);
        Assert.Equal("Chào Nguyễn Văn An 1122 15/12/2026", check.Sample!.Body);
    }

    [Fact]
    public async Task Unknown_filters_and_tags_that_load_files_are_refused()
    {
        Assert.Equal(TemplateRefusals.UnknownFilter, await RefusedWith(NotificationChannels.InApp, "{{ title }}", "{{ due_date | bo_loc_la }}"));
        Assert.Equal(TemplateRefusals.TagNotAllowed, await RefusedWith(NotificationChannels.InApp, "{{ title }}", "{% include 'chan_trang' %}"));
    }

    [Fact]
    public async Task A_template_that_would_run_away_is_refused_when_rendered_with_the_samples()
    {
        var code = await RefusedWith(NotificationChannels.Email, "{{ title }}", "{% for i in (1..10000000) %}x{% endfor %}");
        Assert.Contains(code, new[] { TemplateRefusals.RenderFailed, TemplateRefusals.TooLong });
    }

    [Fact]
    public async Task Email_and_in_app_need_a_subject_sms_and_zalo_have_none()
    {
        Assert.Equal(TemplateRefusals.SubjectRequired, await RefusedWith(NotificationChannels.Email, null, "Nội dung {{ title }}"));
        Assert.Equal(TemplateRefusals.SubjectRequired, await RefusedWith(NotificationChannels.InApp, "  ", "Nội dung"));
        Assert.Equal(TemplateRefusals.SubjectRequired, await RefusedWith(NotificationChannels.InApp, "{% if false %}x{% endif %}", "Nội dung"));
        Assert.Equal(TemplateRefusals.SubjectNotAllowed, await RefusedWith(NotificationChannels.Sms, "Tiêu đề", "Noi dung"));
        Assert.Equal(TemplateRefusals.BodyRequired, await RefusedWith(NotificationChannels.InApp, "{{ title }}", " \n "));
    }

    [Fact]
    public async Task An_sms_goes_without_diacritics_and_within_two_parts()
    {
        Assert.Equal(TemplateRefusals.SmsNotGsm7, await RefusedWith(NotificationChannels.Sms, null, "{{ title }} hạn {{ due_date }}"));

        var folded = await Check(NotificationChannels.Sms, null, "{{ title | khong_dau }} han {{ due_date }}");
        Assert.Null(folded.Refusal);
        Assert.Equal("Bao cao so ket quy IV han 15/12/2026", folded.Sample!.Body);

        Assert.Equal(TemplateRefusals.SmsTooLong, await RefusedWith(NotificationChannels.Sms, null, new string('a', TemplateLimits.SmsMax + 1)));
        Assert.Null((await Check(NotificationChannels.Sms, null, new string('a', TemplateLimits.SmsMax))).Refusal);
    }

    [Fact]
    public async Task A_zalo_template_names_its_approved_template_and_fills_its_parameters()
    {
        var check = await Check(NotificationChannels.Zalo, null, "customer_name [customer_name]: {{ recipient_name }}\n\nten_viec [product]: {{ title }}\nhan: {{ due_date }}", "231677");

        Assert.Null(check.Refusal);
        Assert.Equal("231677", check.Sample!.ProviderTemplateId);
        Assert.Equal(new Dictionary<string, string> { ["customer_name"] = "Nguyễn Văn An", ["ten_viec"] = "Báo cáo sơ kết quý IV", ["han"] = "15/12/2026" },
            check.Sample.Parameters);
    }

    [Fact]
    public async Task A_zalo_template_is_refused_without_its_id_with_a_malformed_line_or_a_type_zalo_does_not_have()
    {
        Assert.Equal(TemplateRefusals.ZaloTemplateIdRequired, await RefusedWith(NotificationChannels.Zalo, null, "ten: {{ recipient_name }}"));
        Assert.Equal(TemplateRefusals.ZaloParametersInvalid, await RefusedWith(NotificationChannels.Zalo, null, "tên có dấu: {{ title }}", "1"));
        Assert.Equal(TemplateRefusals.ZaloParametersInvalid, await RefusedWith(NotificationChannels.Zalo, null, "ten [hoten]: {{ title }}", "1"));
        Assert.Equal(TemplateRefusals.ZaloParametersInvalid, await RefusedWith(NotificationChannels.Zalo, null, "a: {{ title }}\na: {{ title }}", "1"));
        Assert.Equal(TemplateRefusals.ProviderTemplateIdNotAllowed, await RefusedWith(NotificationChannels.Email, "{{ title }}", "x", "231677"));
    }

    [Fact]
    public async Task Zalo_parameters_over_their_types_cap_or_a_message_over_400_are_refused()
    {
        // customer_name: 30 characters at Zalo; the sample "Báo cáo sơ kết quý IV" + 10 more is 31.
        Assert.Equal(TemplateRefusals.ZaloParameterTooLong,
            await RefusedWith(NotificationChannels.Zalo, null, "customer_name [customer_name]: {{ title }} 123456789", "1"));
        var lines = string.Join('\n', Enumerable.Range(1, 3).Select(i => $"p{i} [address]: {{{{ title }}}}{new string('x', 150)}"));
        Assert.Equal(TemplateRefusals.ZaloMessageTooLong, await RefusedWith(NotificationChannels.Zalo, null, lines, "1"));
    }

    [Fact]
    public void The_text_is_kept_as_typed_but_in_nfc_with_unix_line_breaks()
    {
        var (text, refusal) = TemplateRules.Normalize(NotificationChannels.Email, " Tie\u0302\u0301n độ ", "Kính gửi {{ recipient_name }},\r\n\r\nTrân trọng,\r\n", null);

        Assert.Null(refusal);
        Assert.Equal("Tiến độ", text!.Subject);
        Assert.Equal("Kính gửi {{ recipient_name }},\n\nTrân trọng,\n", text.Body);
        Assert.NotNull(TemplateRules.Normalize(NotificationChannels.Email, "x", "a\u0007b", null).Refusal);
    }

    [Fact]
    public void Values_for_a_preview_are_the_samples_with_given_ones_over_them_and_unknown_names_refused()
    {
        var (values, refusal) = TemplateRules.ValuesFor(Kind, new Dictionary<string, string> { ["title"] = "Hội nghị tổng kết" });
        Assert.Null(refusal);
        Assert.Equal("Hội nghị tổng kết", values!["title"]);
        Assert.Equal("15/12/2026", values["due_date"]);

        var (_, unknown) = TemplateRules.ValuesFor(Kind, new Dictionary<string, string> { ["khong_co"] = "x" });
        Assert.Equal(TemplateRefusals.ValueUnknown, unknown!.Code);
        Assert.Contains("khong_co", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_shipped_default_parses_and_uses_only_its_kinds_placeholders()
    {
        foreach (var kind in NotificationKinds.All)
        {
            var names = TemplateRules.PlaceholdersOf(kind);
            foreach (var (channel, text) in kind.Defaults)
            {
                var (template, problems) = CompiledTemplate.Parse(channel, text);
                Assert.True(template is not null, $"{kind.Code} on {channel}: {string.Join("; ", problems.Select(p => p.Message))}");
                var unknown = template!.Pieces.SelectMany(p => Liquid.UsageOf(p.Template).Variables).Where(v => !names.Contains(v)).ToList();
                Assert.True(unknown.Count == 0, $"{kind.Code} on {channel} uses {string.Join(", ", unknown)}, not among its placeholders.");
            }
        }
    }
}

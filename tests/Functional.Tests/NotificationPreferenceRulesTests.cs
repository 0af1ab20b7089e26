extern alias notification;

using notification::DoanKetSangTao.Notification.API.Domain;
using notification::DoanKetSangTao.Notification.API.Domain.Preferences;

namespace DoanKetSangTao.Tests.Functional;

/// <summary>
/// The pure rules of notification preferences (no host): phone numbers, the channel plan (mute, critical, fallback order,
/// reach, configured channels, quiet hours) and the digest's schedule.
/// </summary>
public sealed class NotificationPreferenceRulesTests
{
    private static readonly IReadOnlySet<string> Everything = new HashSet<string> { NotificationChannels.Email, NotificationChannels.Sms, NotificationChannels.Zalo };

    // 10:00 in Vietnam on Tuesday 8 December 2026: outside the platform's quiet hours (21:00–07:00).
    private static readonly DateTimeOffset Morning = new(2026, 12, 8, 3, 0, 0, TimeSpan.Zero);

    // 23:00 in Vietnam on Monday 7 December 2026: inside them.
    private static readonly DateTimeOffset Night = new(2026, 12, 7, 16, 0, 0, TimeSpan.Zero);

    /// <summary>A kind of <paramref name="category"/> worded for every channel.</summary>
    private static NotificationKind Kind(string category, bool digestible = false) => new("thu_nghiem", category, "Thử nghiệm", [],
        NotificationChannels.All.ToDictionary(c => c, _ => new TemplateText("t", "b")), digestible);

    private static PersonPreferences Person(string? phone, string digest = DigestFrequencies.Immediate, QuietHours? own = null, params (string Category, string[] Channels)[] chosen) =>
        new(null, phone, chosen.ToDictionary(c => c.Category, c => (IReadOnlyList<string>)c.Channels), digest, own);

    private static readonly Reach Both = new("an@example.vn", "+84912345678");

    [Theory]
    [InlineData("0912345678", "+84912345678")]
    [InlineData("0912 345 678", "+84912345678")]
    [InlineData("+84912345678", "+84912345678")]
    [InlineData("+84 912 345 678", "+84912345678")]
    [InlineData("84912345678", "+84912345678")]
    [InlineData("+84 0912.345.678", "+84912345678")]
    [InlineData("(039) 123-4567", "+84391234567")]
    [InlineData("0862345678", "+84862345678")]
    public void A_vietnamese_mobile_number_is_stored_in_one_form(string typed, string stored) =>
        Assert.Equal(stored, PhoneNumbers.Normalize(typed));

    [Theory]
    [InlineData("02438253456")] // a Hanoi landline: no SMS, no Zalo
    [InlineData("01234567890")] // an 11-digit number renumbered in 2018
    [InlineData("091234567")] // a digit short
    [InlineData("09123456789")] // a digit too many
    [InlineData("+1 650 253 0000")] // not Vietnamese
    [InlineData("0912\u200B345678")] // an invisible character
    [InlineData("0912a45678")]
    [InlineData("")]
    public void Anything_else_is_no_number(string typed) => Assert.Null(PhoneNumbers.Normalize(typed));

    [Fact]
    public void By_default_only_email_goes_out_and_only_when_an_address_is_known()
    {
        var plan = DeliveryRules.Plan(Kind(NotificationCategories.Registration), false, Both, PersonPreferences.Default, Everything, QuietHours.Default, Morning);
        Assert.Equal([NotificationChannels.Email], plan.Steps.Select(s => s.Channel));
        Assert.Equal("an@example.vn", plan.Steps[0].Address);

        var noAddress = DeliveryRules.Plan(Kind(NotificationCategories.Registration), false, new Reach(null, null), PersonPreferences.Default, Everything,
            QuietHours.Default, Morning);
        Assert.Empty(noAddress.Steps);
    }

    [Fact]
    public void A_muted_category_goes_to_the_inbox_only()
    {
        var person = Person("+84912345678", chosen: (NotificationCategories.Registration, []));
        Assert.Empty(DeliveryRules.Plan(Kind(NotificationCategories.Registration), false, Both, person, Everything, QuietHours.Default, Morning).Steps);
        // Other categories keep the default.
        Assert.Equal([NotificationChannels.Email],
            DeliveryRules.Plan(Kind(NotificationCategories.Awards), false, Both, person, Everything, QuietHours.Default, Morning).Steps.Select(s => s.Channel));
    }

    [Theory]
    [InlineData(NotificationCategories.AccountSecurity)]
    [InlineData(NotificationCategories.LegalDeadline)]
    public void A_critical_category_ignores_a_mute_and_keeps_the_persons_other_channels(string category)
    {
        var muted = Person("+84912345678", chosen: (category, []));
        Assert.Equal([NotificationChannels.Email], DeliveryRules.Plan(Kind(category), false, Both, muted, Everything, QuietHours.Default, Morning).Steps.Select(s => s.Channel));

        var smsOnly = Person("+84912345678", chosen: (category, [NotificationChannels.Sms]));
        Assert.Equal([NotificationChannels.Sms, NotificationChannels.Email],
            DeliveryRules.Plan(Kind(category), false, Both, smsOnly, Everything, QuietHours.Default, Morning).Steps.Select(s => s.Channel));
    }

    [Fact]
    public void Channels_chain_zalo_then_sms_then_email_among_those_allowed_reachable_and_configured()
    {
        var all = Person("+84912345678", chosen: (NotificationCategories.Reminders, [NotificationChannels.Email, NotificationChannels.Sms, NotificationChannels.Zalo]));
        var kind = Kind(NotificationCategories.Reminders);
        var plan = DeliveryRules.Plan(kind, false, Both, all, Everything, QuietHours.Default, Morning);
        Assert.Equal([NotificationChannels.Zalo, NotificationChannels.Sms, NotificationChannels.Email], plan.Steps.Select(s => s.Channel));
        Assert.Equal(["+84912345678", "+84912345678", "an@example.vn"], plan.Steps.Select(s => s.Address));

        // Zalo not configured on this deployment; SMS allowed but no phone known: e-mail alone.
        var onlySms = new HashSet<string> { NotificationChannels.Email, NotificationChannels.Sms };
        Assert.Equal([NotificationChannels.Sms, NotificationChannels.Email], DeliveryRules.Plan(kind, false, Both, all, onlySms, QuietHours.Default, Morning).Steps.Select(s => s.Channel));
        var noPhone = all with { Phone = null };
        Assert.Equal([NotificationChannels.Email], DeliveryRules.Plan(kind, false, new Reach("an@example.vn", null), noPhone, Everything, QuietHours.Default, Morning)
            .Steps.Select(s => s.Channel));

        // Zalo's template in force names no approved ZNS id yet: Zalo is skipped until an operator sets one.
        Assert.Equal([NotificationChannels.Sms, NotificationChannels.Email], DeliveryRules.Plan(kind, false, Both, all, Everything, QuietHours.Default, Morning,
            DeliveryRules.Worded(kind, zaloTemplateIdSet: false)).Steps.Select(s => s.Channel));
        Assert.Equal(NotificationChannels.Zalo, DeliveryRules.Plan(kind, false, Both, all, Everything, QuietHours.Default, Morning,
            DeliveryRules.Worded(kind, zaloTemplateIdSet: true)).Steps[0].Channel);

        // A kind not worded for SMS skips it.
        var emailOnlyKind = kind with { Defaults = new Dictionary<string, TemplateText> { [NotificationChannels.Email] = new("t", "b") } };
        Assert.Equal([NotificationChannels.Email], DeliveryRules.Plan(emailOnlyKind, false, Both, all, Everything, QuietHours.Default, Morning).Steps.Select(s => s.Channel));
    }

    [Fact]
    public void Quiet_hours_hold_sms_and_zalo_until_morning_but_not_email()
    {
        var person = Person("+84912345678", chosen: (NotificationCategories.Reminders, [NotificationChannels.Sms, NotificationChannels.Email]));
        var plan = DeliveryRules.Plan(Kind(NotificationCategories.Reminders), false, Both, person, Everything, QuietHours.Default, Night);

        // 07:00 on Tuesday 8 December in Vietnam.
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 0, 0, 0, TimeSpan.Zero), plan.Steps.Single(s => s.Channel == NotificationChannels.Sms).NotBefore);
        Assert.Equal(Night, plan.Steps.Single(s => s.Channel == NotificationChannels.Email).NotBefore);
        Assert.Equal(Morning, DeliveryRules.Plan(Kind(NotificationCategories.Reminders), false, Both, person, Everything, QuietHours.Default, Morning).Steps[0].NotBefore);
    }

    [Fact]
    public void A_persons_own_quiet_window_adds_to_the_platforms()
    {
        // Until 08:30 for them: the platform's 07:00 is not enough.
        var own = new QuietHours(new TimeOnly(22, 0), new TimeOnly(8, 30));
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 1, 30, 0, TimeSpan.Zero), DeliveryRules.NotBefore(Night, NotificationChannels.Zalo, QuietHours.Default, own));

        // A lunchtime window of theirs holds a message at 12:15 until 13:30; the platform would have sent it.
        var lunch = new QuietHours(new TimeOnly(12, 0), new TimeOnly(13, 30));
        var noon = new DateTimeOffset(2026, 12, 8, 5, 15, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 6, 30, 0, TimeSpan.Zero), DeliveryRules.NotBefore(noon, NotificationChannels.Sms, QuietHours.Default, lunch));
        Assert.Equal(noon, DeliveryRules.NotBefore(noon, NotificationChannels.Email, QuietHours.Default, lunch));
    }

    [Fact]
    public void A_digestible_kind_waits_for_the_digest_only_when_the_person_chose_one_and_never_when_critical()
    {
        var daily = Person(null, DigestFrequencies.Daily);
        Assert.True(DeliveryRules.Plan(Kind(NotificationCategories.Registration, true), true, Both, daily, Everything, QuietHours.Default, Morning).Digest);
        Assert.False(DeliveryRules.Plan(Kind(NotificationCategories.Registration), false, Both, daily, Everything, QuietHours.Default, Morning).Digest);
        Assert.False(DeliveryRules.Plan(Kind(NotificationCategories.Registration, true), true, Both, PersonPreferences.Default, Everything, QuietHours.Default, Morning).Digest);
        Assert.False(DeliveryRules.Plan(Kind(NotificationCategories.LegalDeadline, true), true, Both, daily, Everything, QuietHours.Default, Morning).Digest);
        // Nothing would go out anyway (muted): nothing to gather.
        var muted = daily with { Channels = new Dictionary<string, IReadOnlyList<string>> { [NotificationCategories.Registration] = [] } };
        Assert.False(DeliveryRules.Plan(Kind(NotificationCategories.Registration, true), true, Both, muted, Everything, QuietHours.Default, Morning).Digest);
    }

    [Fact]
    public void A_digest_goes_out_at_the_next_0730_in_vietnam_and_a_weekly_one_on_monday()
    {
        // 10:00 Tuesday → 07:30 Wednesday (00:30 UTC); 23:00 Monday → 07:30 Tuesday.
        Assert.Equal(new DateTimeOffset(2026, 12, 9, 0, 30, 0, TimeSpan.Zero), DigestFrequencies.NextSend(DigestFrequencies.Daily, Morning));
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 0, 30, 0, TimeSpan.Zero), DigestFrequencies.NextSend(DigestFrequencies.Daily, Night));
        // 06:00 Tuesday in Vietnam → 07:30 the same day.
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 0, 30, 0, TimeSpan.Zero), DigestFrequencies.NextSend(DigestFrequencies.Daily, new DateTimeOffset(2026, 12, 7, 23, 0, 0, TimeSpan.Zero)));
        // Tuesday → Monday 14 December 07:30.
        Assert.Equal(new DateTimeOffset(2026, 12, 14, 0, 30, 0, TimeSpan.Zero), DigestFrequencies.NextSend(DigestFrequencies.Weekly, Morning));
    }

    [Fact]
    public void A_choice_is_checked_whole_before_anything_is_kept()
    {
        var (ok, none) = PreferenceChoices.Validate(new PreferenceChoice("0912 345 678", "daily", "22:00", "06:30",
            [new CategoryChoice("registration", ["sms", "email", "sms"]), new CategoryChoice("account_security", [])]), "An@Example.vn");
        Assert.Null(none);
        Assert.Equal("+84912345678", ok!.Phone);
        Assert.Equal("an@example.vn", ok.Email);
        Assert.Equal(["sms", "email"], ok.ChannelsFor("registration"));
        Assert.Equal(["email"], ok.EffectiveChannelsFor("account_security"));
        Assert.Equal(new QuietHours(new TimeOnly(22, 0), new TimeOnly(6, 30)), ok.QuietHours);

        var (_, refusal) = PreferenceChoices.Validate(new PreferenceChoice(null, "hourly", "22h", null,
            [new CategoryChoice("khong_ro", ["email"]), new CategoryChoice("awards", ["zalo", "in_app", "fax"]), new CategoryChoice("awards", [])]), null);
        Assert.NotNull(refusal);
        Assert.Equal(
            ["categories[0].category", "categories[1].channels[0]", "categories[1].channels[1]", "categories[1].channels[2]", "categories[2].category", "digest",
                "quietHours.from", "quietHours.until"],
            refusal!.Errors!.Keys.Order(StringComparer.Ordinal));
    }
}

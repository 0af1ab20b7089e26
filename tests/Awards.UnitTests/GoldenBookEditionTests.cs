using DoanKetSangTao.Awards.API.Domain;
using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Tests.AwardsUnitTests;

/// <summary>An edition's number of entries, its nomination window, and who nominates which work.</summary>
public sealed class GoldenBookEditionTests
{
    // 10:00 on 7 December 2026 in Vietnam.
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(2026, 81)]
    [InlineData(2025, 80)]
    [InlineData(1946, 1)]
    public void The_default_number_of_entries_is_the_years_since_National_Day(int year, int entries) =>
        Assert.Equal(entries, GoldenBookEdition.DefaultEntries(year));

    [Fact]
    public void The_edition_s_own_number_overrides_the_setting_which_overrides_the_default()
    {
        Assert.Equal(81, GoldenBookEdition.EntriesFor(2026, null, null));
        Assert.Equal(50, GoldenBookEdition.EntriesFor(2026, null, 50));
        Assert.Equal(10, GoldenBookEdition.EntriesFor(2026, 10, 50));
    }

    [Fact]
    public void A_new_edition_takes_the_default_entries_and_a_due_date_from_today_to_the_end_of_its_year()
    {
        Assert.True(GoldenBookEdition.TryCreate(2026, new DateOnly(2026, 12, 7), null, null, Now, out var terms, out _));
        Assert.Equal(new EditionTerms(2026, new DateOnly(2026, 12, 7), 81), terms);

        Assert.False(GoldenBookEdition.TryCreate(2026, new DateOnly(2026, 12, 6), null, null, Now, out _, out var past));
        Assert.Equal(["nominationDue"], past.Errors!.Keys);
        Assert.False(GoldenBookEdition.TryCreate(2026, new DateOnly(2027, 1, 1), null, null, Now, out _, out var nextYear));
        Assert.Equal(["nominationDue"], nextYear.Errors!.Keys);
        Assert.False(GoldenBookEdition.TryCreate(1945, null, 0, null, Now, out _, out var all));
        Assert.Equal(["entries", "nominationDue", "year"], all.Errors!.Keys.Order());
        Assert.Equal(Refusal.ValidationFailed, all.Code);
    }

    [Fact]
    public void Amending_may_move_the_due_date_earlier_to_close_nominations_but_not_past_the_year()
    {
        var current = new EditionTerms(2026, new DateOnly(2026, 12, 31), 81);
        Assert.True(GoldenBookEdition.TryAmend(current, new DateOnly(2026, 12, 1), null, out var earlier, out _));
        Assert.Equal(current with { NominationDue = new DateOnly(2026, 12, 1) }, earlier);
        Assert.True(GoldenBookEdition.TryAmend(current, null, 5, out var fewer, out _));
        Assert.Equal(5, fewer.Entries);

        Assert.False(GoldenBookEdition.TryAmend(current, null, null, out _, out _));
        Assert.False(GoldenBookEdition.TryAmend(current, new DateOnly(2027, 1, 1), null, out _, out _));
        Assert.False(GoldenBookEdition.TryAmend(current, null, 1001, out _, out _));
    }

    [Fact]
    public void Nominations_are_taken_through_the_whole_due_date_in_Vietnam()
    {
        var due = new DateOnly(2026, 12, 7);
        // 23:59 on the due date in Vietnam is 16:59 UTC; midnight there closes.
        Assert.True(GoldenBookEdition.NominationsOpen(GoldenBookStates.Nominating, due, new DateTimeOffset(2026, 12, 7, 16, 59, 0, TimeSpan.Zero)));
        Assert.False(GoldenBookEdition.NominationsOpen(GoldenBookStates.Nominating, due, new DateTimeOffset(2026, 12, 7, 17, 0, 0, TimeSpan.Zero)));
        Assert.False(GoldenBookEdition.NominationsOpen(GoldenBookStates.Balloting, due, Now));
    }

    [Fact]
    public void A_province_Front_officer_and_province_or_central_organization_officers_nominate_the_centre_s_Front_does_not()
    {
        var org = Guid.NewGuid().ToString();
        Assert.Null(GoldenBookNomination.RefuseNominator(new(true, false, new AdministrativeScope("01", null), null)));
        Assert.Null(GoldenBookNomination.RefuseNominator(new(false, true, new AdministrativeScope("01", null), org)));
        Assert.Null(GoldenBookNomination.RefuseNominator(new(false, true, AdministrativeScope.Central, org)));

        Assert.Equal("golden_book_nominator_not_allowed", GoldenBookNomination.RefuseNominator(new(true, false, AdministrativeScope.Central, null))!.Code);
        Assert.NotNull(GoldenBookNomination.RefuseNominator(new(true, false, new AdministrativeScope("01", "00004"), null)));
        Assert.NotNull(GoldenBookNomination.RefuseNominator(new(false, true, new AdministrativeScope("01", null), null)));
        Assert.NotNull(GoldenBookNomination.RefuseNominator(new(false, false, null, null)));
    }

    [Fact]
    public void A_province_nominates_its_own_works_a_central_organization_any()
    {
        var org = Guid.NewGuid().ToString();
        Assert.Null(GoldenBookNomination.RefuseArea(new(true, false, new AdministrativeScope("01", null), null), "01"));
        Assert.Equal("golden_book_outside_scope", GoldenBookNomination.RefuseArea(new(true, false, new AdministrativeScope("01", null), null), "79")!.Code);
        Assert.Null(GoldenBookNomination.RefuseArea(new(false, true, AdministrativeScope.Central, org), "79"));
    }

    [Fact]
    public void The_reason_is_required_NFC_and_bounded()
    {
        var errors = new FieldErrors();
        Assert.Equal("Sáng kiến tiêu biểu", GoldenBookNomination.ReadReason("  Sa\u0301ng kiê\u0301n tiêu biểu ", errors));
        Assert.True(errors.IsEmpty);

        Assert.Null(GoldenBookNomination.ReadReason("   ", errors));
        Assert.Null(GoldenBookNomination.ReadReason(null, errors = new FieldErrors()));
        Assert.Null(GoldenBookNomination.ReadReason(new string('a', GoldenBookNomination.ReasonMaxLength + 1), errors = new FieldErrors()));
        Assert.Null(GoldenBookNomination.ReadReason("a\u0000b", errors = new FieldErrors()));
        Assert.Equal(["reason"], errors.ByField.Keys);
    }
}

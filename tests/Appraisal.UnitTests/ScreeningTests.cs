using DoanKetSangTao.Appraisal.API.Domain;
using static DoanKetSangTao.Tests.AppraisalUnitTests.Fixtures;

namespace DoanKetSangTao.Tests.AppraisalUnitTests;

/// <summary>Sơ loại hồ sơ: three exclusions, three conditions, and what each outcome needs.</summary>
public sealed class ScreeningTests
{
    private static readonly ScreeningChecklist Clean = new(Complete: true, Unlawful: false, IpProtected: false, StateFunded: false,
        AuthorsIdentified: true, MovementPlan: true, PracticalBenefit: true);

    private static void Check(ScreeningOutcome outcome, ScreeningChecklist checklist, string? reason = null, string? ground = null,
        bool planOnRecord = true, bool duplicate = false, string? number = "12/BB-HĐ", DateOnly? date = null) =>
        Screening.Check(outcome, checklist, reason, ground, planOnRecord, duplicate, number, date ?? new DateOnly(2026, 11, 20), Now);

    [Fact]
    public void A_clean_checklist_with_the_plan_on_record_is_admitted() => Check(ScreeningOutcome.Admit, Clean);

    [Theory]
    [InlineData("unlawful")]
    [InlineData("ip_protected")]
    [InlineData("state_funded")]
    [InlineData("authors_unidentified")]
    [InlineData("no_practical_benefit")]
    [InlineData("incomplete")]
    public void Any_exclusion_or_missing_condition_blocks_admission_and_is_named(string failing)
    {
        var checklist = failing switch
        {
            "unlawful" => Clean with { Unlawful = true },
            "ip_protected" => Clean with { IpProtected = true },
            "state_funded" => Clean with { StateFunded = true },
            "authors_unidentified" => Clean with { AuthorsIdentified = false },
            "no_practical_benefit" => Clean with { PracticalBenefit = false },
            _ => Clean with { Complete = false },
        };
        var problem = Refused(Screening.NotAdmissible, () => Check(ScreeningOutcome.Admit, checklist));
        Assert.Contains(checklist.Failures().Single().Text, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ticked_movement_plan_that_registration_does_not_hold_blocks_admission()
    {
        var problem = Refused(Screening.NotAdmissible, () => Check(ScreeningOutcome.Admit, Clean, planOnRecord: false));
        Assert.Contains("kế hoạch hưởng ứng", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_return_needs_the_reasons_the_author_must_act_on()
    {
        Refused(AppraisalRefusals.ValidationFailed, () => Check(ScreeningOutcome.Return, Clean with { Complete = false }));
        Check(ScreeningOutcome.Return, Clean with { Complete = false }, reason: "Bổ sung xác nhận hiệu quả áp dụng của đơn vị.");
    }

    [Fact]
    public void A_rejection_needs_a_ground_the_checklist_bears_out()
    {
        Check(ScreeningOutcome.Reject, Clean with { StateFunded = true }, ground: ScreeningGrounds.StateFunded);
        Refused(Screening.GroundNotShown, () => Check(ScreeningOutcome.Reject, Clean, ground: ScreeningGrounds.Unlawful));
        Refused(AppraisalRefusals.ValidationFailed, () => Check(ScreeningOutcome.Reject, Clean, ground: "khong_thich"));
        // A plan registration does not hold is a ground even if the box was ticked.
        Check(ScreeningOutcome.Reject, Clean, ground: ScreeningGrounds.NoMovementPlan, planOnRecord: false);
    }

    [Fact]
    public void A_duplicate_is_rejected_only_once_marked_against_an_earlier_initiative()
    {
        Refused(Screening.GroundNotShown, () => Check(ScreeningOutcome.Reject, Clean, ground: ScreeningGrounds.Duplicate));
        Check(ScreeningOutcome.Reject, Clean, ground: ScreeningGrounds.Duplicate, duplicate: true);
    }

    [Fact]
    public void A_rejection_needs_the_minutes_number_and_a_date_not_in_the_future()
    {
        var noNumber = Refused(AppraisalRefusals.ValidationFailed, () => Check(ScreeningOutcome.Reject, Clean with { Unlawful = true }, ground: "unlawful", number: " "));
        Assert.True(noNumber.Errors!.ContainsKey("decisionNumber"));
        var future = Refused(AppraisalRefusals.ValidationFailed, () => Check(ScreeningOutcome.Reject, Clean with { Unlawful = true }, ground: "unlawful",
            date: DateOnly.FromDateTime(Now.UtcDateTime).AddDays(2)));
        Assert.True(future.Errors!.ContainsKey("decisionDate"));
    }
}

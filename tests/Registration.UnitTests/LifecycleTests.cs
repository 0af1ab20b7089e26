using DoanKetSangTao.Registration.API.Domain;

namespace DoanKetSangTao.Tests.RegistrationUnitTests;

/// <summary>Vòng đời sáng kiến: what may follow what.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public void The_whole_path_from_draft_to_national_recognition_is_allowed_in_order()
    {
        var status = InitiativeStatus.Draft;
        foreach (var step in new[]
                 {
                     LifecycleStep.Submit, LifecycleStep.Confirm, LifecycleStep.SubmitDossier, LifecycleStep.ReturnDossier, LifecycleStep.SubmitDossier,
                     LifecycleStep.OpenAppraisal, LifecycleStep.Recognize, LifecycleStep.Nominate, LifecycleStep.OpenAppraisal, LifecycleStep.Recognize,
                 })
        {
            status = InitiativeLifecycle.Next(status, step) ?? throw new Xunit.Sdk.XunitException($"{step} refused from {status}");
        }

        Assert.Equal(InitiativeStatus.Recognized, status);
    }

    [Fact]
    public void A_returned_registration_goes_back_to_the_author_and_can_be_resubmitted()
    {
        Assert.Equal(InitiativeStatus.Returned, InitiativeLifecycle.Next(InitiativeStatus.Registered, LifecycleStep.Return));
        Assert.Equal(InitiativeStatus.Registered, InitiativeLifecycle.Next(InitiativeStatus.Returned, LifecycleStep.Submit));
        Assert.Contains(InitiativeStatus.Returned, InitiativeLifecycle.RegistrationEditable);
        Assert.DoesNotContain(InitiativeStatus.Registered, InitiativeLifecycle.RegistrationEditable);
    }

    [Theory]
    [InlineData(InitiativeStatus.Draft, LifecycleStep.Confirm)]
    [InlineData(InitiativeStatus.Registered, LifecycleStep.SubmitDossier)]
    [InlineData(InitiativeStatus.Confirmed, LifecycleStep.Confirm)]
    [InlineData(InitiativeStatus.DossierSubmitted, LifecycleStep.SubmitDossier)]
    [InlineData(InitiativeStatus.NotRecognized, LifecycleStep.Nominate)]
    [InlineData(InitiativeStatus.Registered, LifecycleStep.Nominate)]
    [InlineData(InitiativeStatus.Withdrawn, LifecycleStep.Submit)]
    public void Out_of_order_steps_are_refused_with_a_message_naming_the_current_status(string from, LifecycleStep step)
    {
        Assert.Null(InitiativeLifecycle.Next(from, step));
        Assert.Contains(InitiativeStatus.All.NameOf(from), InitiativeLifecycle.RefusalMessage(from, step));
    }

    [Theory]
    [InlineData(InitiativeStatus.Draft, true)]
    [InlineData(InitiativeStatus.Confirmed, true)]
    [InlineData(InitiativeStatus.UnderAppraisal, true)]
    [InlineData(InitiativeStatus.Recognized, false)]
    [InlineData(InitiativeStatus.NotRecognized, false)]
    [InlineData(InitiativeStatus.Nominated, false)]
    [InlineData(InitiativeStatus.Withdrawn, false)]
    public void Withdrawal_is_possible_only_before_a_decision(string from, bool allowed) =>
        Assert.Equal(allowed ? InitiativeStatus.Withdrawn : null, InitiativeLifecycle.Next(from, LifecycleStep.Withdraw));

    [Fact]
    public void A_decision_arriving_before_the_case_opened_event_still_applies()
    {
        Assert.Equal(InitiativeStatus.Recognized, InitiativeLifecycle.Next(InitiativeStatus.DossierSubmitted, LifecycleStep.Recognize));
        Assert.Equal(InitiativeStatus.NotRecognized, InitiativeLifecycle.Next(InitiativeStatus.DossierSubmitted, LifecycleStep.Reject));
    }

    [Fact]
    public void Every_status_the_code_declares_has_a_Vietnamese_name_in_the_catalog()
    {
        var declared = typeof(InitiativeStatus).GetFields()
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();
        Assert.Equal(11, declared.Count);
        Assert.All(declared, code => Assert.True(InitiativeStatus.All.IsKnown(code), $"{code} has no Vietnamese name"));
        Assert.All(InitiativeStatus.All.Entries, e => Assert.True(e.Name.IsNormalized(System.Text.NormalizationForm.FormC)));
    }
}

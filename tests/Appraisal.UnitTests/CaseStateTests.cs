using DoanKetSangTao.Appraisal.API.Domain;
using static DoanKetSangTao.Tests.AppraisalUnitTests.Fixtures;

namespace DoanKetSangTao.Tests.AppraisalUnitTests;

/// <summary>Trạng thái hồ sơ: which acts a case's state allows, and what the refusal says when it does not.</summary>
public sealed class CaseStateTests
{
    private const string Title = "Mô hình tưới nước tiết kiệm";

    [Fact]
    public void A_state_among_those_the_act_needs_is_allowed()
    {
        Assert.Null(CaseState.Refuse(CaseState.Admitted, Title, null, null, "chấm điểm", CaseState.Admitted));
        Assert.Null(CaseState.Refuse(CaseState.Screening, Title, null, null, "đánh dấu trùng lặp", CaseState.Screening, CaseState.Admitted));
    }

    [Fact]
    public void Another_state_is_a_conflict_that_names_the_act_the_case_and_its_state()
    {
        var refusal = CaseState.Refuse(CaseState.Decided, Title, null, null, "chấm điểm", CaseState.Admitted)!;
        Assert.Equal(AppraisalRefusals.CaseStateInvalid, refusal.Code);
        Assert.Equal(409, StatusOf(refusal));
        Assert.Equal($"Không thể chấm điểm: hồ sơ \"{Title}\" đang ở trạng thái \"đã có quyết định\".", refusal.Message);
    }

    [Fact]
    public void Every_act_on_a_withdrawn_case_is_refused_with_when_and_why_even_one_its_state_would_allow()
    {
        // 21/11/2026 17:30 UTC is 00:30 on 22/11/2026 in Vietnam: the date shown is Vietnam's.
        var refusal = CaseState.Refuse(CaseState.Withdrawn, Title, new DateTimeOffset(2026, 11, 21, 17, 30, 0, TimeSpan.Zero), "Tác giả xin rút",
            "sơ loại hồ sơ", CaseState.Withdrawn)!;
        Assert.Equal(AppraisalRefusals.CaseWithdrawn, refusal.Code);
        Assert.Equal(409, StatusOf(refusal));
        Assert.Equal($"Không thể sơ loại hồ sơ: tác giả đã rút sáng kiến \"{Title}\" ngày 22/11/2026 (lý do: Tác giả xin rút). "
            + "Hồ sơ thẩm định đã đóng; hội đồng không thực hiện thêm thao tác nào trên hồ sơ này.", refusal.Message);
    }

    [Fact]
    public void A_withdrawal_without_date_or_reason_says_only_that_the_case_is_closed()
    {
        var refusal = CaseState.Refuse(CaseState.Withdrawn, Title, null, null, "ra quyết định", CaseState.Admitted)!;
        Assert.Equal($"Không thể ra quyết định: tác giả đã rút sáng kiến \"{Title}\". "
            + "Hồ sơ thẩm định đã đóng; hội đồng không thực hiện thêm thao tác nào trên hồ sơ này.", refusal.Message);
    }
}

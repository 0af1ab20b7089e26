using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Appraisal.API.Domain;

/// <summary>
/// Quyền xem phiếu chấm (score-sheet visibility): members score independently, so a member sees other members'
/// sheets on a case only after submitting their own, and then only submitted ones (a draft is not yet a score).
/// The chair and the secretary, who run the council, see every sheet. A member conflicted on the case sees none
/// but their own, whatever their role.
/// </summary>
public static class ScoreVisibility
{
    /// <param name="viewer">The viewer's tenure current now.</param>
    /// <param name="sheet">The sheet asked for.</param>
    /// <param name="viewersOwnSheet">The viewer's sheet on the same case, if any.</param>
    /// <param name="viewerIsConflicted">Whether the viewer has a conflict of interest with the case.</param>
    public static bool CanSee(CouncilMember viewer, ScoreSheet sheet, ScoreSheet? viewersOwnSheet, bool viewerIsConflicted = false)
    {
        if (sheet.MemberId == viewer.Id)
        {
            return true;
        }

        if (viewerIsConflicted)
        {
            return false;
        }

        if (viewer.Role.SeesAllScoreSheets())
        {
            return true;
        }

        return sheet.IsSubmitted
            && viewersOwnSheet is { IsSubmitted: true }
            && viewersOwnSheet.MemberId == viewer.Id
            && viewersOwnSheet.CaseId == sheet.CaseId;
    }

    /// <summary>Refuses with <c>score_sheets_hidden</c> (403) and what to do, when <see cref="CanSee"/> says no.</summary>
    public static void EnsureCanSee(CouncilMember viewer, ScoreSheet sheet, ScoreSheet? viewersOwnSheet, bool viewerIsConflicted = false)
    {
        if (CanSee(viewer, sheet, viewersOwnSheet, viewerIsConflicted))
        {
            return;
        }

        var detail = viewerIsConflicted
            ? "Bạn có xung đột lợi ích với hồ sơ này nên không được xem phiếu chấm điểm của thành viên khác."
            : viewersOwnSheet is { IsSubmitted: true }
                ? "Phiếu này chưa được nộp; bạn chỉ xem được phiếu đã nộp của thành viên khác."
                : "Bạn cần nộp phiếu chấm điểm của mình cho hồ sơ này trước khi xem phiếu của thành viên khác.";
        throw Refusal.Forbidden(AppraisalRefusals.ScoreSheetsHidden, detail).ToException();
    }
}

using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Awards.API.Domain;

/// <summary>Lời từ chối của Sách vàng: the Golden Book's refusals, each with its stable code and what to do in Vietnamese.</summary>
public static class GoldenBookRefusals
{
    /// <summary>Unknown year, or an edition not yet published asked for by someone who may not see it before then.</summary>
    public static readonly Refusal EditionNotFound = Refusal.NotFound("golden_book_edition_not_found",
        "Không tìm thấy ấn bản Sách vàng Sáng tạo Việt Nam của năm này (hoặc ấn bản chưa được công bố).");

    public static readonly Refusal CentralOnly = Refusal.Forbidden("golden_book_central_only",
        "Chỉ cán bộ Ủy ban Trung ương MTTQ Việt Nam (phạm vi VN) được thực hiện thao tác này đối với Sách vàng.");

    public static readonly Refusal EditionExists = Refusal.Conflict("golden_book_edition_exists",
        "Ấn bản Sách vàng của năm này đã được tạo. Vui lòng sửa ấn bản đó thay vì tạo mới.");

    public static readonly Refusal NominatorNotAllowed = Refusal.Forbidden("golden_book_nominator_not_allowed",
        "Chỉ cán bộ Ủy ban MTTQ cấp tỉnh, hoặc cán bộ tổ chức thành viên cấp tỉnh hay Trung ương (có tổ chức trong mã truy cập), được đề cử vào Sách vàng.");

    public static readonly Refusal OutsideScope = Refusal.Forbidden("golden_book_outside_scope",
        "Sáng kiến này thuộc tỉnh, thành phố khác: bạn chỉ được đề cử sáng kiến của địa bàn mình phụ trách.");

    public static readonly Refusal NotNationallyRecognized = Refusal.Unprocessable("golden_book_not_nationally_recognized",
        "Chỉ sáng kiến đã được Hội đồng thẩm định cấp Trung ương công nhận mới được đề cử vào Sách vàng.");

    public static readonly Refusal AlreadyNominated = Refusal.Conflict("golden_book_already_nominated",
        "Sáng kiến này đã được đề cử vào ấn bản Sách vàng năm nay; mỗi sáng kiến chỉ được đề cử một lần mỗi năm.");

    public static Refusal NominationsClosed(DateOnly due) => Refusal.Conflict("golden_book_nominations_closed",
        $"Ấn bản này đã hết hạn nhận đề cử (hạn cuối ngày {due:dd/MM/yyyy}).");

    public static readonly Refusal NotNominating = Refusal.Conflict("golden_book_not_nominating",
        "Ấn bản đã mở bỏ phiếu: không còn sửa được hạn đề cử, số mục hay mở lại bỏ phiếu.");

    public static Refusal NominationsStillOpen(DateOnly due) => Refusal.Conflict("golden_book_nominations_still_open",
        $"Chưa hết hạn nhận đề cử (hạn cuối ngày {due:dd/MM/yyyy}): chỉ mở bỏ phiếu sau hạn này, hoặc sửa hạn đề cử trước.");

    public static readonly Refusal NoNominations = Refusal.Unprocessable("golden_book_no_nominations",
        "Ấn bản chưa có đề cử nào: không có gì để bỏ phiếu.");

    public static readonly Refusal BallotNotOpen = Refusal.Conflict("golden_book_ballot_not_open",
        "Cuộc bỏ phiếu của ấn bản này không đang mở.");

    public static readonly Refusal NotAVoter = Refusal.Forbidden("golden_book_not_a_voter",
        "Bạn không có tên trong Hội đồng tuyển chọn Sách vàng của ấn bản này nên không được bỏ phiếu.");

    public static readonly Refusal BallotAlreadyCast = Refusal.Conflict("golden_book_ballot_already_cast",
        "Bạn đã bỏ phiếu cho ấn bản này; mỗi thành viên chỉ bỏ một phiếu và phiếu đã bỏ không sửa được.");

    public static Refusal QuorumNotMet(int cast, int voters, int required) => Refusal.Unprocessable("golden_book_quorum_not_met",
        $"Chưa đủ túc số để kết thúc bỏ phiếu: mới có {cast}/{voters} thành viên bỏ phiếu, cần ít nhất {required} (quá nửa).");

    public static readonly Refusal NotCounted = Refusal.Conflict("golden_book_not_counted",
        "Ấn bản chưa kết thúc bỏ phiếu, hoặc đã được công bố.");

    public static readonly Refusal NoTie = Refusal.Conflict("golden_book_no_tie",
        "Kết quả bỏ phiếu không có trường hợp đồng phiếu cần chọn.");

    public static Refusal TieUnresolved(int seats) => Refusal.Conflict("golden_book_tie_unresolved",
        $"Còn {seats} mục có nhiều đề cử đồng phiếu ở ranh giới: vui lòng chọn trong số đề cử đồng phiếu trước khi công bố.");

    public static readonly Refusal NothingSelected = Refusal.Unprocessable("golden_book_nothing_selected",
        "Không có đề cử nào đạt quá nửa số phiếu: chưa có mục nào để công bố.");
}

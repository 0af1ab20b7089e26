using System.Text.Json;

namespace DoanKetSangTao.Awards.API.Apis;

/// <summary>Tạo ấn bản Sách vàng: năm, hạn nhận đề cử (ngày cuối cùng, giờ Việt Nam) và số mục (mặc định: số năm kể từ Quốc khánh 2/9/1945).</summary>
public sealed record CreateEditionRequest(int? Year, DateOnly? NominationDue, int? Entries);

/// <summary>Sửa ấn bản đang nhận đề cử: hạn nhận đề cử mới và/hoặc số mục mới.</summary>
public sealed record AmendEditionRequest(DateOnly? NominationDue, int? Entries);

/// <summary>Đề cử một sáng kiến đã được công nhận cấp Trung ương, kèm lý do đề cử.</summary>
public sealed record NominateRequest(Guid? InitiativeId, string? Reason);

/// <summary>Mở bỏ phiếu: tài khoản (mã <c>sub</c>) của các thành viên Hội đồng tuyển chọn.</summary>
public sealed record OpenBallotRequest(IReadOnlyList<string?>? VoterIds);

/// <summary>Phiếu bầu: các đề cử được chọn (tối đa bằng số mục của ấn bản; danh sách rỗng là phiếu trắng).</summary>
public sealed record BallotRequest(IReadOnlyList<Guid>? NominationIds);

/// <summary>Chọn trong số đề cử đồng phiếu ở ranh giới: đúng số mục còn trống, kèm lý do.</summary>
public sealed record TieBreakRequest(IReadOnlyList<Guid>? NominationIds, string? Reason);

/// <summary>Một mục của Sách vàng: thứ hạng theo số phiếu (đồng phiếu cùng hạng), sáng kiến, địa bàn, quyết định công nhận cấp Trung ương.</summary>
public sealed record GoldenBookEntry(int Rank, Guid InitiativeId, string? Title, string ProvinceCode, string CommuneCode,
    string DecisionNumber, DateOnly DecisionDate, int Votes);

/// <summary>
/// Ấn bản Sách vàng Sáng tạo Việt Nam của một năm: số mục, hạn đề cử, trạng thái và các mục được chọn (sau khi kiểm
/// phiếu; công khai sau khi công bố).
/// </summary>
public sealed record GoldenBookEditionResponse(int Year, string Title, int EntryCount, DateOnly NominationDue, string State, string StateName,
    bool Published, DateTimeOffset? PublishedAt, IReadOnlyList<GoldenBookEntry> Entries);

/// <summary>Một đề cử: sáng kiến, địa bàn, lý do, người đề cử và, sau kiểm phiếu, số phiếu và kết quả (selected, tied, not_selected).</summary>
public sealed record NominationResponse(Guid Id, Guid InitiativeId, string? Title, string ProvinceCode, string CommuneCode, string DecisionNumber,
    DateOnly DecisionDate, string Reason, string NominatorId, string? NominatorName, string NominatorRole, string NominatorScope,
    Guid? NominatorOrganizationId, DateTimeOffset NominatedAt, int? Votes, string? Outcome);

/// <summary>
/// Kết quả bỏ phiếu: số thành viên, số phiếu đã bỏ, túc số (quá nửa số thành viên), số phiếu tối thiểu để được chọn
/// (quá nửa số phiếu đã bỏ), số mục còn chờ chọn vì đồng phiếu, và các đề cử xếp theo số phiếu (sau khi kết thúc bỏ phiếu).
/// </summary>
public sealed record BallotResultsResponse(int Year, string State, int Voters, int BallotsCast, int QuorumRequired, bool QuorumMet,
    int MajorityRequired, int Seats, int TieSeats, IReadOnlyList<NominationResponse> Ranking);

/// <summary>Một mục nhật ký Sách vàng: thao tác, người thực hiện, thời điểm và chi tiết.</summary>
public sealed record GoldenBookAuditResponse(long Id, string Action, string ActorId, string? ActorName, DateTimeOffset At, JsonElement Details);

using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Awards.API.Domain;

/// <summary>Kết quả của một đề cử sau kiểm phiếu (outcome after the count).</summary>
public static class GoldenBookOutcomes
{
    /// <summary>Được chọn vào Sách vàng.</summary>
    public const string Selected = "selected";

    /// <summary>Đồng phiếu ở ranh giới: the officer chooses among these for the seats left.</summary>
    public const string Tied = "tied";

    /// <summary>Không được chọn.</summary>
    public const string NotSelected = "not_selected";
}

/// <summary>A nomination's votes; <c>Order</c> is when it was nominated, to list equal votes the same way every time.</summary>
public sealed record Tally(Guid NominationId, int Votes, long Order);

/// <summary>A nomination's place in the count: competition rank (equal votes share a rank), votes and outcome.</summary>
public sealed record RankedNomination(Guid NominationId, int Rank, int Votes, string Outcome);

/// <summary>The count: every nomination ranked, and the seats left to the officer's choice among the tied ones (0: none).</summary>
public sealed record SelectionResult(IReadOnlyList<RankedNomination> Ranking, int TieSeats);

/// <summary>
/// Bỏ phiếu của Hội đồng tuyển chọn Trung ương (the central selection council's ballot).
/// <list type="bullet">
/// <item>Phiếu bầu (ballot): each named voter casts one, choosing up to N nominations (N = the edition's entries), or
/// none (a blank ballot still counts as cast). A cast ballot is final: it cannot be replaced, as a paper ballot in the
/// box cannot; the counts the council sees then never move backwards.</item>
/// <item>Túc số (quorum): the ballot closes only when more than half the named voters have voted.</item>
/// <item>Chọn (selection): nominations ranked by votes; the top N of those chosen on more than half the ballots cast
/// are selected. Fewer than N may be selected: the book does not take a work most of the council did not choose.</item>
/// <item>Đồng phiếu (tie): when the N-th seat falls among nominations with equal votes, none of those is chosen by
/// a silent rule (name, date, province would all be arbitrary); they are reported "tied" and the central officer
/// chooses which of them fill the seats left, with a reason, before the edition can be published.</item>
/// </list>
/// </summary>
public static class GoldenBookBallot
{
    public const int MaxVoters = 200;
    public const int VoterIdMaxLength = 200;

    /// <summary>The least number of ballots to close: more than half the voters.</summary>
    public static int QuorumOf(int voters) => voters / 2 + 1;

    public static bool QuorumMet(int cast, int voters) => voters > 0 && cast >= QuorumOf(voters);

    /// <summary>The least votes a nomination needs to be selected: more than half the ballots cast.</summary>
    public static int MajorityOf(int cast) => cast / 2 + 1;

    /// <summary>Ranks the nominations and selects the top <paramref name="seats"/> of those with a majority, reporting a tie at the boundary.</summary>
    public static SelectionResult Select(IEnumerable<Tally> tallies, int ballotsCast, int seats)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ballotsCast);
        ArgumentOutOfRangeException.ThrowIfLessThan(seats, 1);

        var ordered = tallies.OrderByDescending(t => t.Votes).ThenBy(t => t.Order).ThenBy(t => t.NominationId).ToList();
        var majority = MajorityOf(ballotsCast);
        var eligible = ordered.Where(t => t.Votes >= majority).ToList();
        var selected = new HashSet<Guid>();
        var tied = new HashSet<Guid>();
        var tieSeats = 0;
        if (eligible.Count <= seats)
        {
            selected.UnionWith(eligible.Select(t => t.NominationId));
        }
        else
        {
            var boundary = eligible[seats - 1].Votes;
            if (eligible[seats].Votes < boundary)
            {
                selected.UnionWith(eligible.Take(seats).Select(t => t.NominationId));
            }
            else
            {
                selected.UnionWith(eligible.Where(t => t.Votes > boundary).Select(t => t.NominationId));
                tied.UnionWith(eligible.Where(t => t.Votes == boundary).Select(t => t.NominationId));
                tieSeats = seats - selected.Count;
            }
        }

        var ranking = ordered.Select(t => new RankedNomination(t.NominationId, 1 + ordered.Count(o => o.Votes > t.Votes), t.Votes,
            selected.Contains(t.NominationId) ? GoldenBookOutcomes.Selected
            : tied.Contains(t.NominationId) ? GoldenBookOutcomes.Tied
            : GoldenBookOutcomes.NotSelected)).ToList();
        return new SelectionResult(ranking, tieSeats);
    }

    /// <summary>
    /// Reads a ballot's choices: given (an empty list is a blank ballot), at most <paramref name="seats"/>, distinct, each
    /// a nomination of the edition. Null with the errors otherwise.
    /// </summary>
    public static IReadOnlyList<Guid>? ReadChoices(IReadOnlyList<Guid>? choices, int seats, IReadOnlySet<Guid> nominations, FieldErrors errors)
    {
        if (choices is null)
        {
            errors.Add("nominationIds", "Vui lòng gửi danh sách đề cử được chọn (danh sách rỗng là phiếu trắng).");
            return null;
        }

        if (choices.Count > seats)
        {
            errors.Add("nominationIds", $"Mỗi phiếu chọn tối đa {seats} đề cử (số mục của ấn bản); phiếu này chọn {choices.Count}.");
        }

        if (choices.Distinct().Count() != choices.Count)
        {
            errors.Add("nominationIds", "Mỗi đề cử chỉ được chọn một lần trên một phiếu.");
        }

        for (var i = 0; i < choices.Count; i++)
        {
            if (!nominations.Contains(choices[i]))
            {
                errors.Add($"nominationIds[{i}]", "Đây không phải một đề cử của ấn bản Sách vàng này.");
            }
        }

        return errors.IsEmpty ? choices : null;
    }

    /// <summary>Reads the voters named for the ballot: 1 to <see cref="MaxVoters"/> distinct account ids. Null with the errors otherwise.</summary>
    public static IReadOnlyList<string>? ReadVoters(IReadOnlyList<string?>? voterIds, FieldErrors errors)
    {
        if (voterIds is not { Count: > 0 } || voterIds.Count > MaxVoters)
        {
            errors.Add("voterIds", $"Vui lòng nêu tài khoản của các thành viên Hội đồng tuyển chọn (từ 1 đến {MaxVoters} người).");
            return null;
        }

        var ids = new List<string>();
        for (var i = 0; i < voterIds.Count; i++)
        {
            if (VietnameseText.TryNormalize(voterIds[i]) is not { Length: > 0 and <= VoterIdMaxLength } id)
            {
                errors.Add($"voterIds[{i}]", $"Mã tài khoản không hợp lệ (bắt buộc, tối đa {VoterIdMaxLength} ký tự).");
                continue;
            }

            ids.Add(id);
        }

        if (ids.Distinct(StringComparer.Ordinal).Count() != ids.Count)
        {
            errors.Add("voterIds", "Mỗi thành viên chỉ được nêu một lần.");
        }

        return errors.IsEmpty ? ids : null;
    }

    /// <summary>
    /// Reads the officer's choice among tied nominations: exactly <paramref name="tieSeats"/> distinct ones, all tied,
    /// and the reason for it. Null with the errors otherwise.
    /// </summary>
    public static IReadOnlyList<Guid>? ReadTieChoice(IReadOnlyList<Guid>? choices, int tieSeats, IReadOnlySet<Guid> tied, FieldErrors errors)
    {
        if (choices is null || choices.Count != tieSeats || choices.Distinct().Count() != choices.Count)
        {
            errors.Add("nominationIds", $"Vui lòng chọn đúng {tieSeats} đề cử khác nhau trong số các đề cử đồng phiếu.");
            return null;
        }

        for (var i = 0; i < choices.Count; i++)
        {
            if (!tied.Contains(choices[i]))
            {
                errors.Add($"nominationIds[{i}]", "Đề cử này không nằm trong nhóm đồng phiếu ở ranh giới.");
            }
        }

        return errors.IsEmpty ? choices : null;
    }
}

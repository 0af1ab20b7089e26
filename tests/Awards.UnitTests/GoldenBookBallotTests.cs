using DoanKetSangTao.Awards.API.Domain;
using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Tests.AwardsUnitTests;

/// <summary>The central selection council's ballot: quorum, majority, selection of the top N, ties at the boundary, ballots read.</summary>
public sealed class GoldenBookBallotTests
{
    private static readonly Guid A = Guid.NewGuid(), B = Guid.NewGuid(), C = Guid.NewGuid(), D = Guid.NewGuid(), E = Guid.NewGuid();

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(5, 3)]
    [InlineData(15, 8)]
    public void Quorum_is_more_than_half_the_voters(int voters, int required)
    {
        Assert.Equal(required, GoldenBookBallot.QuorumOf(voters));
        Assert.True(GoldenBookBallot.QuorumMet(required, voters));
        Assert.False(GoldenBookBallot.QuorumMet(required - 1, voters));
    }

    [Fact]
    public void No_voters_is_never_a_quorum() => Assert.False(GoldenBookBallot.QuorumMet(0, 0));

    [Fact]
    public void The_top_N_with_a_majority_are_selected_in_order_of_votes()
    {
        // 5 ballots: a majority is 3 votes.
        var result = GoldenBookBallot.Select([new(A, 2, 1), new(B, 5, 2), new(C, 3, 3), new(D, 4, 4), new(E, 0, 5)], 5, 2);

        Assert.Equal(0, result.TieSeats);
        Assert.Equal([B, D, C, A, E], result.Ranking.Select(r => r.NominationId));
        Assert.Equal([GoldenBookOutcomes.Selected, GoldenBookOutcomes.Selected, GoldenBookOutcomes.NotSelected, GoldenBookOutcomes.NotSelected,
            GoldenBookOutcomes.NotSelected], result.Ranking.Select(r => r.Outcome));
        Assert.Equal([1, 2, 3, 4, 5], result.Ranking.Select(r => r.Rank));
    }

    [Fact]
    public void Fewer_than_N_are_selected_when_fewer_have_a_majority()
    {
        // 4 ballots: a majority is 3; 2 votes of 4 is half, not more.
        var result = GoldenBookBallot.Select([new(A, 3, 1), new(B, 2, 2), new(C, 4, 3)], 4, 3);

        Assert.Equal([C, A], result.Ranking.Where(r => r.Outcome == GoldenBookOutcomes.Selected).Select(r => r.NominationId));
        Assert.Equal(GoldenBookOutcomes.NotSelected, result.Ranking.Single(r => r.NominationId == B).Outcome);
        Assert.Equal(0, result.TieSeats);
    }

    [Fact]
    public void A_tie_at_the_boundary_is_reported_with_the_seats_left_not_broken()
    {
        // 2 seats; A is clear, B, C and D share the second place with a majority.
        var result = GoldenBookBallot.Select([new(A, 5, 4), new(B, 4, 1), new(C, 4, 2), new(D, 4, 3), new(E, 1, 5)], 5, 2);

        Assert.Equal(1, result.TieSeats);
        Assert.Equal(GoldenBookOutcomes.Selected, result.Ranking.Single(r => r.NominationId == A).Outcome);
        Assert.Equal([B, C, D], result.Ranking.Where(r => r.Outcome == GoldenBookOutcomes.Tied).Select(r => r.NominationId));
        Assert.All(result.Ranking.Where(r => r.Outcome == GoldenBookOutcomes.Tied), r => Assert.Equal(2, r.Rank));
        Assert.Equal(GoldenBookOutcomes.NotSelected, result.Ranking.Single(r => r.NominationId == E).Outcome);
    }

    [Fact]
    public void Equal_votes_inside_the_seats_are_no_tie_and_share_a_rank()
    {
        var result = GoldenBookBallot.Select([new(A, 4, 2), new(B, 4, 1), new(C, 3, 3)], 5, 2);

        Assert.Equal(0, result.TieSeats);
        // Equal votes are listed in the order they were nominated.
        Assert.Equal([B, A], result.Ranking.Where(r => r.Outcome == GoldenBookOutcomes.Selected).Select(r => r.NominationId));
        Assert.Equal([1, 1, 3], result.Ranking.Select(r => r.Rank));
    }

    [Fact]
    public void A_tie_below_the_majority_does_not_hold_up_the_edition()
    {
        // 2 seats, 5 ballots: only A has a majority; B and C tie on 2 votes, below it.
        var result = GoldenBookBallot.Select([new(A, 3, 1), new(B, 2, 2), new(C, 2, 3)], 5, 2);

        Assert.Equal(0, result.TieSeats);
        Assert.Equal([A], result.Ranking.Where(r => r.Outcome == GoldenBookOutcomes.Selected).Select(r => r.NominationId));
    }

    [Fact]
    public void A_ballot_chooses_at_most_N_distinct_nominations_of_the_edition()
    {
        var nominations = new HashSet<Guid> { A, B, C };
        var errors = new FieldErrors();
        Assert.Equal([A, B], GoldenBookBallot.ReadChoices([A, B], 2, nominations, errors));
        Assert.Empty(GoldenBookBallot.ReadChoices([], 2, nominations, errors)!);
        Assert.True(errors.IsEmpty);

        Assert.Null(GoldenBookBallot.ReadChoices([A, B, C], 2, nominations, errors = new FieldErrors()));
        Assert.Contains("nominationIds", errors.ByField.Keys);
        Assert.Null(GoldenBookBallot.ReadChoices([A, A], 2, nominations, errors = new FieldErrors()));
        Assert.Contains("nominationIds", errors.ByField.Keys);
        Assert.Null(GoldenBookBallot.ReadChoices([A, D], 2, nominations, errors = new FieldErrors()));
        Assert.Equal(["nominationIds[1]"], errors.ByField.Keys);
        Assert.Null(GoldenBookBallot.ReadChoices(null, 2, nominations, errors = new FieldErrors()));
        Assert.Contains("nominationIds", errors.ByField.Keys);
    }

    [Fact]
    public void Voters_are_named_once_each()
    {
        var errors = new FieldErrors();
        Assert.Equal(["a", "b"], GoldenBookBallot.ReadVoters([" a ", "b"], errors));

        Assert.Null(GoldenBookBallot.ReadVoters(["a", "a"], errors = new FieldErrors()));
        Assert.Contains("voterIds", errors.ByField.Keys);
        Assert.Null(GoldenBookBallot.ReadVoters([], errors = new FieldErrors()));
        Assert.Null(GoldenBookBallot.ReadVoters(["a", " "], errors = new FieldErrors()));
        Assert.Equal(["voterIds[1]"], errors.ByField.Keys);
    }

    [Fact]
    public void The_choice_among_ties_fills_exactly_the_seats_left_from_the_tied()
    {
        var tied = new HashSet<Guid> { B, C, D };
        var errors = new FieldErrors();
        Assert.Equal([C], GoldenBookBallot.ReadTieChoice([C], 1, tied, errors));

        Assert.Null(GoldenBookBallot.ReadTieChoice([B, C], 1, tied, errors = new FieldErrors()));
        Assert.Null(GoldenBookBallot.ReadTieChoice([A], 1, tied, errors = new FieldErrors()));
        Assert.Equal(["nominationIds[0]"], errors.ByField.Keys);
    }
}

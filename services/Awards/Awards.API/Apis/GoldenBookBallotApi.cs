using DoanKetSangTao.Awards.API.Domain;
using DoanKetSangTao.Awards.API.Infrastructure;
using DoanKetSangTao.Domain;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Awards.API.Apis;

/// <summary>
/// Bỏ phiếu của Hội đồng tuyển chọn Trung ương (<c>/api/v1/golden-book/{year}/ballot…</c>): the central officer names
/// the voters and opens the ballot once nominations are closed, each voter casts one final ballot, the officer closes it
/// (quorum: more than half the voters) and, if the last seats fall on a tie, chooses among the tied. The rules are
/// <see cref="GoldenBookBallot"/>'s.
/// </summary>
public static class GoldenBookBallotApi
{
    /// <summary>
    /// The roles a selection council's member may hold: Front and member-organization officers, and appraisal council
    /// members and secretaries (experts). Whether the caller is one of the edition's voters is checked in the handler.
    /// </summary>
    public static readonly string[] VoterRoles =
        [PlatformRoles.FrontOfficer, PlatformRoles.MemberOrganizationOfficer, PlatformRoles.CouncilMember, PlatformRoles.CouncilSecretary];

    internal static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/{year:int}/ballot/open", OpenBallot).RequireRoles(PlatformRoles.FrontOfficer);
        api.MapPost("/{year:int}/ballots", CastBallot).RequireRoles(VoterRoles);
        api.MapPost("/{year:int}/ballot/close", CloseBallot).RequireRoles(PlatformRoles.FrontOfficer);
        api.MapGet("/{year:int}/results", GetResults).RequireRoles(PlatformRoles.FrontOfficer);
        api.MapPost("/{year:int}/ballot/tie-break", BreakTie).RequireRoles(PlatformRoles.FrontOfficer);
    }

    /// <summary>Mở bỏ phiếu sau hạn nhận đề cử, với danh sách thành viên Hội đồng tuyển chọn (cán bộ Trung ương).</summary>
    /// <remarks>Danh sách thành viên cố định từ khi mở bỏ phiếu: túc số tính trên danh sách này.</remarks>
    public static async Task<Results<Ok<BallotResultsResponse>, ProblemHttpResult>> OpenBallot(
        int year, OpenBallotRequest request, [AsParameters] GoldenBookContext s, CancellationToken ct)
    {
        if (!s.IsCentralOfficer)
        {
            return GoldenBookRefusals.CentralOnly.ToProblem();
        }

        var errors = new FieldErrors();
        if (GoldenBookBallot.ReadVoters(request.VoterIds, errors) is not { } voters)
        {
            return errors.ToRefusal("Danh sách Hội đồng tuyển chọn chưa hợp lệ. Vui lòng sửa các trường được nêu.")!.ToProblem();
        }

        var now = s.Clock.GetUtcNow();
        await using var db = await s.Db.BeginAsync(ct);
        if (await GoldenBookStore.LockEditionAsync(db, year, ct) is not { } edition)
        {
            return GoldenBookRefusals.EditionNotFound.ToProblem();
        }

        if (edition.State != GoldenBookStates.Nominating)
        {
            return GoldenBookRefusals.NotNominating.ToProblem();
        }

        if (GoldenBookEdition.NominationsOpen(edition.State, edition.NominationDue, now))
        {
            return GoldenBookRefusals.NominationsStillOpen(edition.NominationDue).ToProblem();
        }

        if ((await GoldenBookStore.NominationIdsAsync(db, year, null, ct)).Count == 0)
        {
            return GoldenBookRefusals.NoNominations.ToProblem();
        }

        await GoldenBookStore.AddVotersAsync(db, year, voters, ct);
        await GoldenBookStore.SetStateAsync(db, year, GoldenBookStates.Balloting, 0, null, ct);
        await s.AuditAsync(db, year, "ballot_opened", new { VoterIds = voters }, now, ct);
        var results = await ResultsAsync(db, year, ct);
        await db.CommitAsync(ct);
        return TypedResults.Ok(results);
    }

    /// <summary>Bỏ phiếu (thành viên Hội đồng tuyển chọn): chọn tối đa số mục của ấn bản; mỗi người một phiếu, đã bỏ thì không sửa.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> CastBallot(
        int year, BallotRequest request, [AsParameters] GoldenBookContext s, CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow();
        await using var db = await s.Db.BeginAsync(ct);
        if (await GoldenBookStore.LockEditionAsync(db, year, ct) is not { } edition)
        {
            return GoldenBookRefusals.EditionNotFound.ToProblem();
        }

        if (!await GoldenBookStore.IsVoterAsync(db, year, s.User.Id, ct))
        {
            return GoldenBookRefusals.NotAVoter.ToProblem();
        }

        if (edition.State != GoldenBookStates.Balloting)
        {
            return GoldenBookRefusals.BallotNotOpen.ToProblem();
        }

        var errors = new FieldErrors();
        var nominations = await GoldenBookStore.NominationIdsAsync(db, year, null, ct);
        if (GoldenBookBallot.ReadChoices(request.NominationIds, edition.Entries, nominations, errors) is not { } choices)
        {
            return errors.ToRefusal("Phiếu bầu chưa hợp lệ. Vui lòng sửa các trường được nêu.")!.ToProblem();
        }

        if (!await GoldenBookStore.CastBallotAsync(db, year, s.User.Id, choices, now, ct))
        {
            return GoldenBookRefusals.BallotAlreadyCast.ToProblem();
        }

        // Who voted and when is the audit's; what they chose stays with the ballot, read only through the count.
        await s.AuditAsync(db, year, "ballot_cast", new { Choices = choices.Count }, now, ct);
        await db.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>Kết thúc bỏ phiếu và kiểm phiếu (cán bộ Trung ương): cần quá nửa số thành viên đã bỏ phiếu.</summary>
    /// <remarks>
    /// Được chọn: tối đa số mục của ấn bản, trong các đề cử có quá nửa số phiếu đã bỏ, theo số phiếu. Nếu mục cuối rơi vào
    /// nhiều đề cử đồng phiếu, các đề cử đó ở trạng thái "tied" và cán bộ chọn bằng <c>ballot/tie-break</c>.
    /// </remarks>
    public static async Task<Results<Ok<BallotResultsResponse>, ProblemHttpResult>> CloseBallot(int year, [AsParameters] GoldenBookContext s, CancellationToken ct)
    {
        if (!s.IsCentralOfficer)
        {
            return GoldenBookRefusals.CentralOnly.ToProblem();
        }

        await using var db = await s.Db.BeginAsync(ct);
        if (await GoldenBookStore.LockEditionAsync(db, year, ct) is not { } edition)
        {
            return GoldenBookRefusals.EditionNotFound.ToProblem();
        }

        if (edition.State != GoldenBookStates.Balloting)
        {
            return GoldenBookRefusals.BallotNotOpen.ToProblem();
        }

        var (voters, cast) = await GoldenBookStore.CountBallotsAsync(db, year, ct);
        if (!GoldenBookBallot.QuorumMet(cast, voters))
        {
            return GoldenBookRefusals.QuorumNotMet(cast, voters, GoldenBookBallot.QuorumOf(voters)).ToProblem();
        }

        var now = s.Clock.GetUtcNow();
        var count = GoldenBookBallot.Select(await GoldenBookStore.TallyAsync(db, year, ct), cast, edition.Entries);
        await GoldenBookStore.RecordCountAsync(db, count.Ranking, ct);
        await GoldenBookStore.SetStateAsync(db, year, GoldenBookStates.Counted, count.TieSeats, null, ct);
        await s.AuditAsync(db, year, "ballot_closed", new
        {
            Voters = voters, BallotsCast = cast, count.TieSeats,
            Selected = count.Ranking.Where(r => r.Outcome == GoldenBookOutcomes.Selected).Select(r => r.NominationId),
            Tied = count.Ranking.Where(r => r.Outcome == GoldenBookOutcomes.Tied).Select(r => r.NominationId),
        }, now, ct);
        var results = await ResultsAsync(db, year, ct);
        await db.CommitAsync(ct);
        return TypedResults.Ok(results);
    }

    /// <summary>Kết quả bỏ phiếu (cán bộ Trung ương): số phiếu đã bỏ khi đang bỏ phiếu; số phiếu từng đề cử chỉ sau khi kết thúc.</summary>
    public static async Task<Results<Ok<BallotResultsResponse>, ProblemHttpResult>> GetResults(int year, [AsParameters] GoldenBookContext s, CancellationToken ct)
    {
        if (!s.IsCentralOfficer)
        {
            return GoldenBookRefusals.CentralOnly.ToProblem();
        }

        await using var db = await s.Db.OpenAsync(ct);
        return await GoldenBookStore.LoadEditionAsync(db, year, ct) is null
            ? GoldenBookRefusals.EditionNotFound.ToProblem()
            : TypedResults.Ok(await ResultsAsync(db, year, ct));
    }

    /// <summary>Chọn trong số đề cử đồng phiếu ở ranh giới cho các mục còn trống, kèm lý do (cán bộ Trung ương).</summary>
    public static async Task<Results<Ok<BallotResultsResponse>, ProblemHttpResult>> BreakTie(
        int year, TieBreakRequest request, [AsParameters] GoldenBookContext s, CancellationToken ct)
    {
        if (!s.IsCentralOfficer)
        {
            return GoldenBookRefusals.CentralOnly.ToProblem();
        }

        await using var db = await s.Db.BeginAsync(ct);
        if (await GoldenBookStore.LockEditionAsync(db, year, ct) is not { } edition)
        {
            return GoldenBookRefusals.EditionNotFound.ToProblem();
        }

        if (edition.State != GoldenBookStates.Counted)
        {
            return GoldenBookRefusals.NotCounted.ToProblem();
        }

        if (edition.TieSeats == 0)
        {
            return GoldenBookRefusals.NoTie.ToProblem();
        }

        var errors = new FieldErrors();
        var tied = await GoldenBookStore.NominationIdsAsync(db, year, GoldenBookOutcomes.Tied, ct);
        var chosen = GoldenBookBallot.ReadTieChoice(request.NominationIds, edition.TieSeats, tied, errors);
        var reason = GoldenBookNomination.ReadReason(request.Reason, errors, "Vui lòng nêu lý do chọn trong số các đề cử đồng phiếu.");
        if (errors.ToRefusal("Lựa chọn trong số đề cử đồng phiếu chưa hợp lệ. Vui lòng sửa các trường được nêu.") is { } invalid)
        {
            return invalid.ToProblem();
        }

        var now = s.Clock.GetUtcNow();
        await GoldenBookStore.ResolveTieAsync(db, year, chosen!, ct);
        await GoldenBookStore.SetStateAsync(db, year, GoldenBookStates.Counted, 0, null, ct);
        await s.AuditAsync(db, year, "tie_broken", new { Chosen = chosen, Tied = tied, Reason = reason }, now, ct);
        var results = await ResultsAsync(db, year, ct);
        await db.CommitAsync(ct);
        return TypedResults.Ok(results);
    }

    private static async Task<BallotResultsResponse> ResultsAsync(Messaging.DatabaseSession db, int year, CancellationToken ct)
    {
        var edition = (await GoldenBookStore.LoadEditionAsync(db, year, ct))!;
        var (voters, cast) = await GoldenBookStore.CountBallotsAsync(db, year, ct);
        // Votes are not shown while the ballot is open, so that early ballots do not steer later ones.
        var counted = edition.State is GoldenBookStates.Counted or GoldenBookStates.Published;
        var ranking = counted ? (await GoldenBookStore.ListNominationsAsync(db, year, null, ct)).Select(GoldenBookApi.Nomination).ToList() : [];
        return new BallotResultsResponse(year, edition.State, voters, cast, GoldenBookBallot.QuorumOf(voters), GoldenBookBallot.QuorumMet(cast, voters),
            GoldenBookBallot.MajorityOf(cast), edition.Entries, edition.TieSeats, ranking);
    }
}

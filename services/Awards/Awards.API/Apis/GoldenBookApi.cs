using System.Text.Json;
using DoanKetSangTao.Awards.API.Domain;
using DoanKetSangTao.Awards.API.Infrastructure;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Awards.API.Apis;

/// <summary>The setting <c>GoldenBook:Entries</c>: the number of entries of every edition; null for the years since National Day.</summary>
public sealed record GoldenBookSettings(int? Entries);

/// <summary>What every Golden Book endpoint needs, bound with <c>[AsParameters]</c>.</summary>
public sealed class GoldenBookContext(ServiceDatabase db, CurrentUser user, TimeProvider clock, GoldenBookSettings settings)
{
    public ServiceDatabase Db { get; } = db;

    public CurrentUser User { get; } = user;

    public TimeProvider Clock { get; } = clock;

    public GoldenBookSettings Settings { get; } = settings;

    /// <summary>Cán bộ Trung ương: a Front officer of scope VN keeps the book (editions, ballot, publication).</summary>
    public bool IsCentralOfficer => User.IsInRole(PlatformRoles.FrontOfficer) && User.Scope?.Level == AdministrativeLevel.Central;

    /// <summary>Records the act in the edition's audit trail: who (account and name), when, what.</summary>
    public Task AuditAsync(DatabaseSession db, int year, string action, object details, DateTimeOffset now, CancellationToken ct) =>
        GoldenBookStore.AuditAsync(db, year, action, User.Id, User.Name, details, now, ct);
}

/// <summary>
/// Sách vàng Sáng tạo Việt Nam (<c>/api/v1/golden-book</c>): the central office creates each year's edition (ấn bản);
/// provinces and member organizations nominate (đề cử) nationally recognized works; the central selection council
/// votes (<see cref="GoldenBookBallotApi"/>); the office publishes, and the published edition is public. The gateway lets
/// every request through anonymously, so each endpoint authorizes itself.
/// </summary>
public static class GoldenBookApi
{
    public const string Route = "/api/v1/golden-book";

    /// <summary>Maps every Golden Book endpoint; the lead calls it from Program.cs.</summary>
    public static RouteGroupBuilder MapGoldenBookApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Route).WithTags("Sách vàng Sáng tạo Việt Nam (golden book)");
        api.MapPost("/", CreateEdition).RequireRoles(PlatformRoles.FrontOfficer);
        api.MapGet("/{year:int}", GetEdition).AllowAnonymous();
        api.MapPatch("/{year:int}", AmendEdition).RequireRoles(PlatformRoles.FrontOfficer);
        api.MapPost("/{year:int}/nominations", Nominate).RequireRoles(PlatformRoles.FrontOfficer, PlatformRoles.MemberOrganizationOfficer);
        api.MapGet("/{year:int}/nominations", ListNominations).RequireRoles(GoldenBookBallotApi.VoterRoles);
        api.MapPost("/{year:int}/publish", Publish).RequireRoles(PlatformRoles.FrontOfficer);
        api.MapGet("/{year:int}/audit", ListAudit).RequireRoles(PlatformRoles.FrontOfficer);
        GoldenBookBallotApi.Map(api);
        return api;
    }

    /// <summary>Tạo ấn bản Sách vàng của một năm (cán bộ Trung ương).</summary>
    /// <remarks>Số mục mặc định là số năm kể từ Quốc khánh 2/9/1945 (năm 2026: 81 mục), hoặc theo thiết lập GoldenBook:Entries.</remarks>
    public static async Task<Results<Created<GoldenBookEditionResponse>, ProblemHttpResult>> CreateEdition(
        CreateEditionRequest request, [AsParameters] GoldenBookContext s, CancellationToken ct)
    {
        if (!s.IsCentralOfficer)
        {
            return GoldenBookRefusals.CentralOnly.ToProblem();
        }

        var now = s.Clock.GetUtcNow();
        if (!GoldenBookEdition.TryCreate(request.Year, request.NominationDue, request.Entries, s.Settings.Entries, now, out var terms, out var refusal))
        {
            return refusal.ToProblem();
        }

        await using var db = await s.Db.BeginAsync(ct);
        if (!await GoldenBookStore.CreateEditionAsync(db, terms, s.User.Id, now, ct))
        {
            return GoldenBookRefusals.EditionExists.ToProblem();
        }

        await s.AuditAsync(db, terms.Year, "edition_created", terms, now, ct);
        var edition = (await GoldenBookStore.LoadEditionAsync(db, terms.Year, ct))!;
        await db.CommitAsync(ct);
        return TypedResults.Created($"{Route}/{terms.Year}", Edition(edition, []));
    }

    /// <summary>Ấn bản Sách vàng của một năm: công khai (không cần đăng nhập) khi đã công bố; trước đó chỉ cán bộ Trung ương xem được.</summary>
    public static async Task<Results<Ok<GoldenBookEditionResponse>, ProblemHttpResult>> GetEdition(int year, [AsParameters] GoldenBookContext s, CancellationToken ct)
    {
        await using var db = await s.Db.OpenAsync(ct);
        // Unpublished editions answer as unknown ones, so that the public learns nothing before the office publishes.
        if (await GoldenBookStore.LoadEditionAsync(db, year, ct) is not { } edition
            || (edition.State != GoldenBookStates.Published && !s.IsCentralOfficer))
        {
            return GoldenBookRefusals.EditionNotFound.ToProblem();
        }

        var entries = edition.State is GoldenBookStates.Counted or GoldenBookStates.Published ? await GoldenBookStore.ListEntriesAsync(db, year, ct) : [];
        return TypedResults.Ok(Edition(edition, entries));
    }

    /// <summary>Sửa hạn nhận đề cử và/hoặc số mục của ấn bản đang nhận đề cử (cán bộ Trung ương).</summary>
    /// <remarks>Đưa hạn về trước ngày hôm nay là khóa sổ đề cử sớm.</remarks>
    public static async Task<Results<Ok<GoldenBookEditionResponse>, ProblemHttpResult>> AmendEdition(
        int year, AmendEditionRequest request, [AsParameters] GoldenBookContext s, CancellationToken ct)
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

        if (!GoldenBookEdition.TryAmend(edition.Terms, request.NominationDue, request.Entries, out var terms, out var refusal))
        {
            return refusal.ToProblem();
        }

        if (edition.State != GoldenBookStates.Nominating)
        {
            return GoldenBookRefusals.NotNominating.ToProblem();
        }

        var now = s.Clock.GetUtcNow();
        await GoldenBookStore.AmendEditionAsync(db, terms, ct);
        await s.AuditAsync(db, year, "edition_amended", new { Before = edition.Terms, After = terms }, now, ct);
        edition = (await GoldenBookStore.LoadEditionAsync(db, year, ct))!;
        await db.CommitAsync(ct);
        return TypedResults.Ok(Edition(edition, []));
    }

    /// <summary>Đề cử một sáng kiến đã được công nhận cấp Trung ương vào ấn bản (cán bộ MTTQ tỉnh, cán bộ tổ chức thành viên cấp tỉnh hoặc Trung ương).</summary>
    public static async Task<Results<Created<NominationResponse>, ProblemHttpResult>> Nominate(
        int year, NominateRequest request, [AsParameters] GoldenBookContext s, CancellationToken ct)
    {
        var nominator = new Nominator(s.User.IsInRole(PlatformRoles.FrontOfficer), s.User.IsInRole(PlatformRoles.MemberOrganizationOfficer),
            s.User.Scope, s.User.OrganizationId);
        if (GoldenBookNomination.RefuseNominator(nominator) is { } notAllowed)
        {
            return notAllowed.ToProblem();
        }

        var errors = new FieldErrors();
        if (request.InitiativeId is null || request.InitiativeId == Guid.Empty)
        {
            errors.Add("initiativeId", "Vui lòng chọn sáng kiến được đề cử.");
        }

        var reason = GoldenBookNomination.ReadReason(request.Reason, errors);
        if (errors.ToRefusal("Đề cử chưa hợp lệ. Vui lòng sửa các trường được nêu.") is { } invalid)
        {
            return invalid.ToProblem();
        }

        var now = s.Clock.GetUtcNow();
        await using var db = await s.Db.BeginAsync(ct);
        if (await GoldenBookStore.LockEditionAsync(db, year, ct) is not { } edition)
        {
            return GoldenBookRefusals.EditionNotFound.ToProblem();
        }

        if (!GoldenBookEdition.NominationsOpen(edition.State, edition.NominationDue, now))
        {
            return GoldenBookRefusals.NominationsClosed(edition.NominationDue).ToProblem();
        }

        if (await GoldenBookStore.FindCentralRecognitionAsync(db, request.InitiativeId!.Value, ct) is not { } work)
        {
            return GoldenBookRefusals.NotNationallyRecognized.ToProblem();
        }

        if (GoldenBookNomination.RefuseArea(nominator, work.ProvinceCode) is { } outside)
        {
            return outside.ToProblem();
        }

        var role = nominator.IsFrontOfficer && nominator.Scope!.Level == AdministrativeLevel.Province
            ? PlatformRoles.FrontOfficer : PlatformRoles.MemberOrganizationOfficer;
        var nomination = new NewNomination(Guid.CreateVersion7(), year, work, reason!, s.User.Id, s.User.Name, role, nominator.Scope!.Path,
            Guid.TryParse(s.User.OrganizationId, out var org) ? org : null, now);
        if (!await GoldenBookStore.AddNominationAsync(db, nomination, ct))
        {
            return GoldenBookRefusals.AlreadyNominated.ToProblem();
        }

        await s.AuditAsync(db, year, "nominated", new { nomination.Id, work.InitiativeId, work.ProvinceCode, Role = role, nomination.NominatorScope, Reason = reason }, now, ct);
        var row = (await GoldenBookStore.ListNominationsAsync(db, year, work.ProvinceCode, ct)).Single(n => n.Id == nomination.Id);
        await db.CommitAsync(ct);
        return TypedResults.Created($"{Route}/{year}/nominations", Nomination(row));
    }

    /// <summary>Các đề cử của ấn bản: cán bộ Trung ương và thành viên Hội đồng tuyển chọn xem tất cả; cán bộ cấp tỉnh xem đề cử của tỉnh mình.</summary>
    public static async Task<Results<Ok<List<NominationResponse>>, ProblemHttpResult>> ListNominations(int year, [AsParameters] GoldenBookContext s, CancellationToken ct)
    {
        await using var db = await s.Db.OpenAsync(ct);
        if (await GoldenBookStore.LoadEditionAsync(db, year, ct) is null)
        {
            return GoldenBookRefusals.EditionNotFound.ToProblem();
        }

        // The centre (Front or member organization) and the council's voters see every nomination; a province, its own.
        var nominating = s.User.IsInRole(PlatformRoles.FrontOfficer) || s.User.IsInRole(PlatformRoles.MemberOrganizationOfficer);
        string? province;
        if ((nominating && s.User.Scope?.Level == AdministrativeLevel.Central) || await GoldenBookStore.IsVoterAsync(db, year, s.User.Id, ct))
        {
            province = null;
        }
        else if (nominating && s.User.Scope is { Level: AdministrativeLevel.Province } scope)
        {
            province = scope.ProvinceCode;
        }
        else
        {
            return GoldenBookRefusals.OutsideScope.ToProblem();
        }

        return TypedResults.Ok((await GoldenBookStore.ListNominationsAsync(db, year, province, ct)).Select(Nomination).ToList());
    }

    /// <summary>Công bố ấn bản sau khi kiểm phiếu (cán bộ Trung ương): từ đó ai cũng xem được các mục của Sách vàng.</summary>
    public static async Task<Results<Ok<GoldenBookEditionResponse>, ProblemHttpResult>> Publish(int year, [AsParameters] GoldenBookContext s, CancellationToken ct)
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

        if (edition.TieSeats > 0)
        {
            return GoldenBookRefusals.TieUnresolved(edition.TieSeats).ToProblem();
        }

        var entries = await GoldenBookStore.ListEntriesAsync(db, year, ct);
        if (entries.Count == 0)
        {
            return GoldenBookRefusals.NothingSelected.ToProblem();
        }

        var now = s.Clock.GetUtcNow();
        await GoldenBookStore.SetStateAsync(db, year, GoldenBookStates.Published, 0, now, ct);
        await s.AuditAsync(db, year, "published", new { Entries = entries.Select(e => e.Id) }, now, ct);
        edition = (await GoldenBookStore.LoadEditionAsync(db, year, ct))!;
        await db.CommitAsync(ct);
        return TypedResults.Ok(Edition(edition, entries));
    }

    /// <summary>Nhật ký Sách vàng của ấn bản (cán bộ Trung ương): mọi thao tác, ai, lúc nào.</summary>
    public static async Task<Results<Ok<List<GoldenBookAuditResponse>>, ProblemHttpResult>> ListAudit(int year, [AsParameters] GoldenBookContext s, CancellationToken ct)
    {
        if (!s.IsCentralOfficer)
        {
            return GoldenBookRefusals.CentralOnly.ToProblem();
        }

        await using var db = await s.Db.OpenAsync(ct);
        if (await GoldenBookStore.LoadEditionAsync(db, year, ct) is null)
        {
            return GoldenBookRefusals.EditionNotFound.ToProblem();
        }

        return TypedResults.Ok((await GoldenBookStore.ListAuditAsync(db, year, ct)).Select(a => new GoldenBookAuditResponse(
            a.Id, a.Action, a.ActorId, a.ActorName, new DateTimeOffset(a.At, TimeSpan.Zero), JsonDocument.Parse(a.Details).RootElement.Clone())).ToList());
    }

    internal static GoldenBookEditionResponse Edition(EditionRow e, IReadOnlyList<NominationRow> entries) => new(
        e.Year, $"Sách vàng Sáng tạo Việt Nam năm {e.Year}", e.Entries, e.NominationDue, e.State, GoldenBookStates.VietnameseName(e.State),
        e.State == GoldenBookStates.Published, e.PublishedAt is { } p ? new DateTimeOffset(p, TimeSpan.Zero) : null,
        entries.Select(n => new GoldenBookEntry(1 + entries.Count(o => o.Votes > n.Votes), n.InitiativeId, n.Title, n.ProvinceCode, n.CommuneCode,
            n.DecisionNumber, n.DecisionDate, n.Votes ?? 0)).ToList());

    internal static NominationResponse Nomination(NominationRow n) => new(
        n.Id, n.InitiativeId, n.Title, n.ProvinceCode, n.CommuneCode, n.DecisionNumber, n.DecisionDate, n.Reason, n.NominatorId, n.NominatorName,
        n.NominatorRole, n.NominatorScope, n.NominatorOrg, new DateTimeOffset(n.NominatedAt, TimeSpan.Zero), n.Votes, n.Outcome);
}

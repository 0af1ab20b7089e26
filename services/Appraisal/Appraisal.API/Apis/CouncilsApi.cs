using System.Text.Json;
using Dapper;
using DoanKetSangTao.Appraisal.API.Domain;
using DoanKetSangTao.Appraisal.API.Infrastructure;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.Domain;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace DoanKetSangTao.Appraisal.API.Apis;

public sealed record MemberRequest(string? UserId, string? FullName, string? Email, string? Role, Guid? OrganizationId, string? Reason = null);

/// <summary>Quyết định thành lập hội đồng: <c>scope</c> is "VN", "VN/{province}" or "VN/{province}/{commune}".</summary>
public sealed record CreateCouncilRequest(
    Guid? CampaignId, string? Scope, string? Name, string? DecisionNumber, DateOnly? DecisionDate, string? DecisionSigner,
    int? NominationQuota, int? QuorumNumerator, int? QuorumDenominator, IReadOnlyList<MemberRequest>? Members);

public sealed record ChangeRoleRequest(string? Role, string? Reason);

public sealed record LeaveRequest(string? Reason);

public sealed record SchemeRequest(IReadOnlyList<RubricCriterion?>? Criteria, IReadOnlyList<GradeBand?>? Bands);

public sealed record AutoAssignRequest(int? ReviewersPerCase, IReadOnlyList<Guid>? CaseIds);

public sealed record NominateRequest(IReadOnlyList<Guid>? CaseIds);

public sealed record MemberResponse(Guid PersonId, string UserId, string FullName, string Role, string RoleName, Guid OrganizationId,
    DateTimeOffset JoinedAt, DateTimeOffset? LeftAt, string? ChangeReason);

public sealed record CouncilResponse(
    Guid Id, Guid CampaignId, string Level, string LevelName, string Scope, string Name, string DecisionNumber, DateOnly DecisionDate,
    string DecisionSigner, int? NominationQuota, string Quorum, IReadOnlyList<RubricCriterion> Criteria, IReadOnlyList<GradeBand> Bands,
    bool RubricFrozen, IReadOnlyList<MemberResponse> Members, IReadOnlyList<MemberResponse> History, IReadOnlyDictionary<string, int> CasesByState);

public sealed record CouncilSummary(Guid Id, Guid CampaignId, string Level, string LevelName, string Scope, string Name, string DecisionNumber,
    DateOnly DecisionDate, int Members, int Cases, int Decided);

/// <summary>A row of the council list: the council's own columns and its counts.</summary>
public sealed class CouncilSummaryRow : CouncilRow
{
    public int Members { get; set; }

    public int Cases { get; set; }

    public int Decided { get; set; }
}

public sealed record CaseSummary(Guid Id, Guid InitiativeId, string Title, string State, string StateName, int Assigned, int Submitted,
    string Progress, bool AssignedToMe, bool? Recognized, decimal? AggregateTotal, string? Grade, bool Nominated, DateTime OpenedAt);

public sealed record MemberProgress(Guid PersonId, string FullName, int Assigned, int Submitted, string Progress);

public sealed record ProgressResponse(IReadOnlyList<CaseSummary> Cases, IReadOnlyList<MemberProgress> Members);

public sealed record AssignmentResponse(IReadOnlyList<CaseAssignment> Assignments, IReadOnlyList<UnassignedCase> Unassigned);

public sealed record NominationResponse(Guid CaseId, Guid UpperCaseId, Guid UpperCouncilId, string ToLevel);

public sealed record AuditEntryResponse(long Id, Guid? CaseId, string Action, string Actor, DateTimeOffset At, JsonElement Details);

/// <summary>
/// Hội đồng thẩm định: set up by the Front committee of its level (a Front officer of the area) with the decision that
/// founds it; membership changes are new tenures, recorded; the secretary (or chair) sets the rubric, assigns, and
/// nominates the best recognized cases to the council above.
/// </summary>
public static class CouncilsApi
{
    private static readonly string[] Readers =
        [PlatformRoles.CouncilSecretary, PlatformRoles.CouncilMember, PlatformRoles.FrontOfficer, PlatformRoles.Operator];

    /// <summary>Bounds on what one request may carry.</summary>
    public const int MaxMembers = 100;

    public const int MaxCasesPerRequest = 1000;

    public static RouteGroupBuilder MapCouncilsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/councils").WithTags("Hội đồng thẩm định (councils)").RequireRoles(Readers);
        api.MapPost("/", CreateCouncil).RequireRoles(PlatformRoles.FrontOfficer, PlatformRoles.Operator);
        api.MapGet("/", ListCouncils);
        api.MapGet("/{id:guid}", GetCouncil);
        api.MapPost("/{id:guid}/members", AddMember);
        api.MapPut("/{id:guid}/members/{personId:guid}/role", ChangeRole);
        api.MapPost("/{id:guid}/members/{personId:guid}/leave", Leave);
        api.MapPut("/{id:guid}/scheme", SetScheme);
        api.MapGet("/{id:guid}/progress", GetProgress);
        api.MapPost("/{id:guid}/assignments/auto", AutoAssign);
        api.MapPost("/{id:guid}/nominations", Nominate);
        api.MapGet("/{id:guid}/audit", GetAudit);
        return api;
    }

    /// <summary>Thành lập hội đồng: one per campaign, level and scope; dossiers already waiting in its scope become its cases.</summary>
    public static async Task<Created<CouncilResponse>> CreateCouncil(CreateCouncilRequest request, CampaignDirectory campaigns, [AsParameters] AppraisalServices s,
        CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var scope = AdministrativeScope.TryParse(request.Scope);
        if (scope is null)
        {
            AppraisalErrors.Add(errors, "scope", "Phạm vi hội đồng phải có dạng VN (Trung ương), VN/{mã tỉnh} hoặc VN/{mã tỉnh}/{mã xã}.");
        }
        else if (s.User.Scope is not { } mine || !(mine.Level == AdministrativeLevel.Central
                 || (scope.Level != AdministrativeLevel.Central && mine.Covers(scope.ProvinceCode!, scope.CommuneCode))))
        {
            throw AppraisalErrors.Forbidden("council_outside_scope", "Bạn chỉ được thành lập hội đồng thẩm định trong địa bàn mình phụ trách.");
        }

        if (request.CampaignId is null || request.CampaignId == Guid.Empty)
        {
            AppraisalErrors.Add(errors, "campaignId", "Vui lòng chọn đợt thi đua của hội đồng.");
        }

        foreach (var (field, value, max) in new[] { ("decisionNumber", request.DecisionNumber, RecognitionDecision.NumberMaxLength), ("decisionSigner", request.DecisionSigner, 200) })
        {
            if (VietnameseText.TryNormalize(value) is not { Length: > 0 } text || text.Length > max)
            {
                AppraisalErrors.Add(errors, field, field == "decisionNumber"
                    ? "Vui lòng nhập số quyết định thành lập hội đồng (ví dụ: 15/QĐ-MTTQ-BTT)."
                    : "Vui lòng nhập họ tên, chức vụ người ký quyết định thành lập hội đồng.");
            }
        }

        if (request.DecisionDate is null || request.DecisionDate < InputBounds.MinDate || request.DecisionDate > DateOnly.FromDateTime(VietnamTime.ToLocal(now).DateTime))
        {
            AppraisalErrors.Add(errors, "decisionDate",
                $"Vui lòng nhập ngày quyết định thành lập, từ {InputBounds.MinDate:dd/MM/yyyy} đến ngày hôm nay ({VietnamTime.FormatDate(now)}).");
        }

        QuorumRule? quorum = null;
        try
        {
            quorum = QuorumRule.Create(request.QuorumNumerator ?? 2, request.QuorumDenominator ?? 3);
        }
        catch (ProblemException e) when (e.Errors is not null)
        {
            foreach (var (k, v) in e.Errors)
            {
                errors[k] = v;
            }
        }

        if (request.Members is { Count: > MaxMembers })
        {
            throw Problems.ValidationException("members", $"Hội đồng có tối đa {MaxMembers} thành viên.");
        }

        var councilId = Guid.CreateVersion7();
        var members = (request.Members ?? []).Select((m, i) => ToTenure(m ?? new MemberRequest(null, null, null, null, null), Guid.NewGuid(), now, errors, $"members[{i}]")).ToList();
        if (members.Count(m => m.Role == "secretary") == 0)
        {
            AppraisalErrors.Add(errors, "members", "Hội đồng cần có Thư ký để tiếp nhận, sơ loại và phân công hồ sơ.");
        }

        if (members.GroupBy(m => m.UserId).Any(g => g.Count() > 1))
        {
            AppraisalErrors.Add(errors, "members", "Mỗi tài khoản chỉ được có một vai trò trong hội đồng.");
        }

        var level = scope?.Level switch
        {
            AdministrativeLevel.Central => CouncilLevel.Central,
            AdministrativeLevel.Province => CouncilLevel.Province,
            _ => CouncilLevel.Commune,
        };
        var domain = new AppraisalCouncil(councilId, request.Name ?? string.Empty, level, members.Select(m => m.ToDomain()).ToList(), request.NominationQuota);
        foreach (var (k, v) in domain.Validate())
        {
            errors[k] = v;
        }

        if (errors.Count > 0)
        {
            throw AppraisalErrors.Validation("Quyết định thành lập hội đồng chưa hợp lệ. Vui lòng sửa các mục được nêu.", errors);
        }

        // The campaign must exist in registration, and a province's campaign has councils only in that province.
        var campaign = await campaigns.FindAsync(request.CampaignId!.Value, ct)
            ?? throw AppraisalErrors.Unprocessable("campaign_unknown", "Không tìm thấy đợt thi đua này. Vui lòng chọn một đợt thi đua đã được tạo.");
        if (campaign.ProvinceCode is { } campaignProvince && scope!.ProvinceCode != campaignProvince)
        {
            throw AppraisalErrors.Unprocessable("council_outside_campaign",
                $"Đợt thi đua này của tỉnh, thành phố mã {campaignProvince}: hội đồng của đợt phải ở tỉnh, thành phố đó hoặc một xã, phường của nó.");
        }

        await using var connection = await s.Db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await CaseIntake.LockCampaignAsync(tx, request.CampaignId!.Value, ct);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO councils (id, campaign_id, level, scope_code, province_code, name, decision_number, decision_date, decision_signer,
                                  nomination_quota, quorum_numerator, quorum_denominator, rubric, grade_bands, created_at, created_by, campaign_year)
            VALUES (@councilId, @CampaignId, @level, @scopeCode, @province, @name, @number, @date, @signer, @NominationQuota, @num, @den,
                    @rubric::jsonb, @bands::jsonb, @now, @by, @year)
            ON CONFLICT (campaign_id, level, scope_code) DO NOTHING
            """,
            new
            {
                councilId, request.CampaignId, level = CouncilCodes.Of(level), scopeCode = ScopeCode(scope!), province = scope!.ProvinceCode,
                name = VietnameseText.TryNormalize(request.Name), number = VietnameseText.TryNormalize(request.DecisionNumber),
                date = request.DecisionDate!.Value.ToDateTime(TimeOnly.MinValue), signer = VietnameseText.TryNormalize(request.DecisionSigner),
                request.NominationQuota, num = quorum!.Numerator, den = quorum.Denominator,
                rubric = JsonSerializer.Serialize(Rubric.Default.Criteria, CouncilState.Json),
                bands = JsonSerializer.Serialize(GradeBands.Default.Bands, CouncilState.Json), now = now.UtcDateTime, by = s.Actor, year = campaign.Year,
            }, tx, cancellationToken: ct));
        if (inserted == 0)
        {
            throw AppraisalErrors.Conflict("council_exists",
                $"Đợt thi đua này đã có hội đồng thẩm định {level.VietnameseName()} cho phạm vi {scope}. Vui lòng bổ sung thành viên vào hội đồng đó.");
        }

        foreach (var m in members)
        {
            await InsertTenureAsync(tx, councilId, m, s.Actor, now, ct);
        }

        var council = await CouncilStore.LoadAsync(connection, councilId, tx, ct);
        await AuditTrail.RecordAsync(tx, councilId, null, "council_created", s.Actor,
            new { council.Row.Name, council.Row.DecisionNumber, DecisionDate = request.DecisionDate, council.Row.DecisionSigner, Members = members.Count }, now, ct);
        await CaseIntake.BackfillAsync(tx, s.Outbox, council, now, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/councils/{councilId}", await ResponseAsync(connection, council, ct));
    }

    /// <summary>
    /// The councils the caller sits on, and those of the area a Front officer oversees, newest first: one row each with its
    /// current members and cases counted (the details are at <c>GET /councils/{id}</c>).
    /// </summary>
    public static async Task<Ok<List<CouncilSummary>>> ListCouncils(Guid? campaignId, [AsParameters] AppraisalServices s, CancellationToken ct)
    {
        await using var connection = await s.Db.OpenConnectionAsync(ct);
        var officer = s.User.IsInRole(PlatformRoles.FrontOfficer) || s.User.IsInRole(PlatformRoles.Operator);
        var scope = s.User.Scope;
        var rows = await connection.QueryAsync<CouncilSummaryRow>(new CommandDefinition(
            """
            SELECT k.id AS Id, k.campaign_id AS CampaignId, k.level AS Level, k.scope_code AS ScopeCode, k.province_code AS ProvinceCode, k.name AS Name,
                   k.decision_number AS DecisionNumber, k.decision_date AS DecisionDate,
                   (SELECT count(*)::int FROM council_members m WHERE m.council_id = k.id AND m.left_at IS NULL) AS Members,
                   (SELECT count(*)::int FROM appraisal_cases c WHERE c.council_id = k.id) AS Cases,
                   (SELECT count(*)::int FROM appraisal_cases c WHERE c.council_id = k.id AND c.state = 'decided') AS Decided
            FROM councils k
            WHERE (@campaignId::uuid IS NULL OR k.campaign_id = @campaignId)
              AND (k.id IN (SELECT council_id FROM council_members WHERE user_id = @me AND left_at IS NULL)
                   OR (@officer AND (@province::text IS NULL
                        OR (@commune::text IS NULL AND k.province_code = @province)
                        OR (k.level = 'commune' AND k.scope_code = @commune))))
            ORDER BY k.created_at DESC
            LIMIT 500
            """,
            new { campaignId, me = s.User.Id, officer = officer && scope is not null, province = scope?.ProvinceCode, commune = scope?.CommuneCode },
            cancellationToken: ct));
        return TypedResults.Ok(rows.Select(r =>
        {
            var level = CouncilCodes.Level(r.Level);
            var path = level switch
            {
                CouncilLevel.Central => "VN",
                CouncilLevel.Province => $"VN/{r.ScopeCode}",
                _ => $"VN/{r.ProvinceCode}/{r.ScopeCode}",
            };
            return new CouncilSummary(r.Id, r.CampaignId, r.Level, level.VietnameseName(), path, r.Name, r.DecisionNumber, DateOnly.FromDateTime(r.DecisionDate),
                r.Members, r.Cases, r.Decided);
        }).ToList());
    }

    public static async Task<Ok<CouncilResponse>> GetCouncil(Guid id, [AsParameters] AppraisalServices s, CancellationToken ct)
    {
        await using var connection = await s.Db.OpenConnectionAsync(ct);
        var council = await CouncilStore.LoadAsync(connection, id, ct: ct);
        council.EnsureCanRead(s.User, s.Clock.GetUtcNow());
        return TypedResults.Ok(await ResponseAsync(connection, council, ct));
    }

    /// <summary>Bổ sung thành viên: a new tenure from now, recorded with the reason.</summary>
    public static async Task<Ok<CouncilResponse>> AddMember(Guid id, MemberRequest request, [AsParameters] AppraisalServices s, CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow();
        await using var connection = await s.Db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var council = await CouncilStore.LoadAsync(connection, id, tx, ct);
        council.EnsureRunBy(s.User, now, orOverseer: true);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var personId = council.Tenures.FirstOrDefault(t => t.UserId == request.UserId)?.PersonId ?? Guid.NewGuid();
        var tenure = ToTenure(request, personId, now, errors, "member");
        if (council.Tenures.Any(t => t.UserId == tenure.UserId && t.LeftAt is null))
        {
            throw AppraisalErrors.Conflict("member_exists", $"{tenure.FullName} đang là thành viên hội đồng; muốn đổi vai trò, vui lòng dùng chức năng đổi vai trò.");
        }

        await ApplyMembershipAsync(tx, council, [.. council.Tenures, tenure], errors, ct);
        await InsertTenureAsync(tx, id, tenure, s.Actor, now, ct);
        await AuditTrail.RecordAsync(tx, id, null, "member_added", s.Actor, new { tenure.PersonId, tenure.UserId, tenure.FullName, tenure.Role, tenure.ChangeReason }, now, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(await ResponseAsync(connection, await CouncilStore.LoadAsync(connection, id, ct: ct), ct));
    }

    /// <summary>Đổi vai trò: the current tenure ends now and a new one begins, so earlier acts keep the role they were done in.</summary>
    public static async Task<Ok<CouncilResponse>> ChangeRole(Guid id, Guid personId, ChangeRoleRequest request, [AsParameters] AppraisalServices s, CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow();
        await using var connection = await s.Db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var council = await CouncilStore.LoadAsync(connection, id, tx, ct);
        council.EnsureRunBy(s.User, now, orOverseer: true);
        var current = CurrentTenure(council, personId);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var next = ToTenure(new MemberRequest(current.UserId, current.FullName, current.Email, request.Role, current.OrganizationId, request.Reason),
            personId, now, errors, "member");
        RequireReason(request.Reason, errors);
        var closed = Copy(current, leftAt: now.UtcDateTime);
        await ApplyMembershipAsync(tx, council, [.. council.Tenures.Where(t => t.Id != current.Id), closed, next], errors, ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE council_members SET left_at = @now, change_reason = @reason WHERE id = @Id",
            new { now = now.UtcDateTime, reason = next.ChangeReason, current.Id }, tx, cancellationToken: ct));
        await InsertTenureAsync(tx, id, next, s.Actor, now, ct);
        await AuditTrail.RecordAsync(tx, id, null, "member_role_changed", s.Actor, new { personId, current.FullName, From = current.Role, To = next.Role, next.ChangeReason }, now, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(await ResponseAsync(connection, await CouncilStore.LoadAsync(connection, id, ct: ct), ct));
    }

    /// <summary>Thôi tham gia hội đồng: the tenure ends now; their assignments without a submitted sheet are withdrawn.</summary>
    public static async Task<Ok<CouncilResponse>> Leave(Guid id, Guid personId, LeaveRequest request, [AsParameters] AppraisalServices s, CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow();
        await using var connection = await s.Db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var council = await CouncilStore.LoadAsync(connection, id, tx, ct);
        council.EnsureRunBy(s.User, now, orOverseer: true);
        var current = CurrentTenure(council, personId);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        RequireReason(request.Reason, errors);
        if (errors.Count > 0)
        {
            throw AppraisalErrors.Validation("Thông tin thay đổi thành viên chưa hợp lệ.", errors);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE council_members SET left_at = @now, change_reason = @reason WHERE id = @Id;
            DELETE FROM case_assignments a USING appraisal_cases c
            WHERE a.case_id = c.id AND c.council_id = @council AND a.person_id = @personId AND c.state = 'admitted'
              AND NOT EXISTS (SELECT 1 FROM score_sheets sh WHERE sh.case_id = a.case_id AND sh.person_id = a.person_id AND sh.submitted_at IS NOT NULL);
            -- Their drafts go with the withdrawn assignments: a draft would otherwise keep the case from being reassigned.
            DELETE FROM score_sheets sh USING appraisal_cases c
            WHERE sh.case_id = c.id AND c.council_id = @council AND sh.person_id = @personId AND c.state = 'admitted' AND sh.submitted_at IS NULL;
            """,
            new { now = now.UtcDateTime, reason = VietnameseText.TryNormalize(request.Reason), current.Id, council = id, personId }, tx, cancellationToken: ct));
        await AuditTrail.RecordAsync(tx, id, null, "member_left", s.Actor, new { personId, current.FullName, current.Role, Reason = VietnameseText.TryNormalize(request.Reason) }, now, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(await ResponseAsync(connection, await CouncilStore.LoadAsync(connection, id, ct: ct), ct));
    }

    /// <summary>Bộ tiêu chí và xếp loại of the council: replaced until the first score is given, frozen after.</summary>
    public static async Task<Ok<CouncilResponse>> SetScheme(Guid id, SchemeRequest request, [AsParameters] AppraisalServices s, CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow();
        await using var connection = await s.Db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var council = await CouncilStore.LoadAsync(connection, id, tx, ct);
        council.EnsureRunBy(s.User, now);
        var scheme = council.Scheme;
        if (request.Criteria is not null)
        {
            var rubric = Rubric.Create(request.Criteria);
            // New criteria change the maximum: bands given with them are fitted to it, otherwise the defaults for it.
            scheme = scheme.IsFrozen ? scheme.WithRubric(rubric)
                : ScoringScheme.Create(rubric, request.Bands is null ? GradeBands.DefaultFor(rubric.MaxTotal) : GradeBands.Create(request.Bands, rubric.MaxTotal));
        }
        else if (request.Bands is not null)
        {
            scheme = scheme.WithBands(GradeBands.Create(request.Bands, scheme.Rubric.MaxTotal));
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE councils SET rubric = @rubric::jsonb, grade_bands = @bands::jsonb WHERE id = @id",
            new { id, rubric = JsonSerializer.Serialize(scheme.Rubric.Criteria, CouncilState.Json), bands = JsonSerializer.Serialize(scheme.Bands.Bands, CouncilState.Json) },
            tx, cancellationToken: ct));
        await AuditTrail.RecordAsync(tx, id, null, "scheme_changed", s.Actor, new { scheme.Rubric.Criteria, scheme.Bands.Bands }, now, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(await ResponseAsync(connection, await CouncilStore.LoadAsync(connection, id, ct: ct), ct));
    }

    /// <summary>
    /// Tiến độ chấm: per case (3/5 scored) and per member. Members see only the cases assigned to them; the secretary,
    /// chair and the overseeing Front officers see all.
    /// </summary>
    public static async Task<Ok<ProgressResponse>> GetProgress(Guid id, string? state, [AsParameters] AppraisalServices s, CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow();
        await using var connection = await s.Db.OpenConnectionAsync(ct);
        var council = await CouncilStore.LoadAsync(connection, id, ct: ct);
        council.EnsureCanRead(s.User, now);
        var seesAll = council.IsRunBy(s.User, now) || council.IsOverseenBy(s.User);
        var me = council.TenureOf(s.User, now)?.PersonId;
        var cases = (await connection.QueryAsync<CaseSummary>(new CommandDefinition(
            """
            SELECT c.id AS Id, c.initiative_id AS InitiativeId, c.title AS Title, c.state AS State, '' AS StateName,
                   (SELECT count(*)::int FROM case_assignments a WHERE a.case_id = c.id) AS Assigned,
                   (SELECT count(*)::int FROM score_sheets sh JOIN case_assignments a ON a.case_id = sh.case_id AND a.person_id = sh.person_id
                    WHERE sh.case_id = c.id AND sh.submitted_at IS NOT NULL) AS Submitted,
                   '' AS Progress,
                   EXISTS (SELECT 1 FROM case_assignments a WHERE a.case_id = c.id AND a.person_id = @me) AS AssignedToMe,
                   c.recognized AS Recognized, c.aggregate_total AS AggregateTotal, c.grade AS Grade,
                   c.nominated_to_case_id IS NOT NULL AS Nominated, c.opened_at AS OpenedAt
            FROM appraisal_cases c
            WHERE c.council_id = @id AND (@state::text IS NULL OR c.state = @state)
              AND (@seesAll OR EXISTS (SELECT 1 FROM case_assignments a WHERE a.case_id = c.id AND a.person_id = @me))
            ORDER BY c.opened_at, c.id
            """, new { id, state, seesAll, me }, cancellationToken: ct)))
            .Select(c => c with { StateName = CaseState.NameOf(c.State), Progress = $"{c.Submitted}/{c.Assigned}" })
            .ToList();
        var members = (await connection.QueryAsync<(Guid PersonId, int Assigned, int Submitted)>(new CommandDefinition(
            """
            SELECT a.person_id, count(*)::int, count(sh.submitted_at)::int
            FROM case_assignments a JOIN appraisal_cases c ON c.id = a.case_id
            LEFT JOIN score_sheets sh ON sh.case_id = a.case_id AND sh.person_id = a.person_id
            WHERE c.council_id = @id AND (@seesAll OR a.person_id = @me)
            GROUP BY a.person_id
            """, new { id, seesAll, me }, cancellationToken: ct)))
            .Select(m => new MemberProgress(m.PersonId, council.Tenures.Last(t => t.PersonId == m.PersonId).FullName, m.Assigned, m.Submitted, $"{m.Submitted}/{m.Assigned}"))
            .OrderBy(m => m.FullName, StringComparer.Create(VietnameseText.Culture, false))
            .ToList();
        return TypedResults.Ok(new ProgressResponse(cases, members));
    }

    /// <summary>
    /// Phân công tự động: the admitted cases with nobody assigned yet (or those named) are shared among current members by
    /// load, never to a member with a conflict of interest; a case that cannot be staffed is reported with the reason.
    /// </summary>
    public static async Task<Ok<AssignmentResponse>> AutoAssign(Guid id, AutoAssignRequest request, [AsParameters] AppraisalServices s, CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow();
        await using var connection = await s.Db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var council = await CouncilStore.LoadAsync(connection, id, tx, ct);
        council.EnsureRunBy(s.User, now);
        if (request.CaseIds is { Count: > MaxCasesPerRequest })
        {
            throw Problems.ValidationException("caseIds", $"Mỗi lần phân công tối đa {MaxCasesPerRequest} hồ sơ.");
        }

        var cases = (await connection.QueryAsync<CaseRow>(new CommandDefinition(
            $"""
            SELECT {CaseStore.Columns} FROM appraisal_cases c
            WHERE c.council_id = @id AND c.state = 'admitted'
              AND (@caseIds::uuid[] IS NULL OR c.id = ANY(@caseIds))
              AND (@caseIds::uuid[] IS NOT NULL OR NOT EXISTS (SELECT 1 FROM case_assignments a WHERE a.case_id = c.id))
            ORDER BY c.opened_at FOR UPDATE
            """, new { id, caseIds = request.CaseIds?.ToArray() }, tx, cancellationToken: ct))).ToList();
        var loads = (await connection.QueryAsync<(Guid PersonId, int Load)>(new CommandDefinition(
            "SELECT a.person_id, count(*)::int FROM case_assignments a JOIN appraisal_cases c ON c.id = a.case_id WHERE c.council_id = @id GROUP BY a.person_id",
            new { id }, tx, cancellationToken: ct))).ToDictionary(l => l.PersonId, l => l.Load);
        // The secretary keeps the records and does not score (a council's choice in practice; the chair scores).
        var reviewers = council.Council.MembersAt(now).Where(m => m.Role != CouncilRole.Secretary)
            .Select(m => new ReviewerLoad(m, loads.GetValueOrDefault(m.Id))).ToList();
        var conflicts = await CaseScoring.ConflictsAsync(connection, tx, s.Organizations, council, cases, ct);
        var plan = ReviewerAssignment.Assign(cases.Select(c => c.ToDomain()).ToList(), reviewers, request.ReviewersPerCase ?? 3, conflicts, now);
        var byId = cases.ToDictionary(c => c.Id);
        foreach (var assignment in plan.Assignments)
        {
            await CaseAssignments.SetAsync(tx, council, byId[assignment.CaseId], assignment.MemberIds, automatic: true, s.Actor, s.Outbox, now, ct);
        }

        await tx.CommitAsync(ct);
        return TypedResults.Ok(new AssignmentResponse(plan.Assignments, plan.Unassigned));
    }

    /// <summary>
    /// Đề cử lên cấp trên: recognized cases go to the council of the next level covering them, within the quota; each
    /// becomes a case there with this council's result attached, and registration and the authors are told.
    /// </summary>
    public static async Task<Ok<List<NominationResponse>>> Nominate(Guid id, NominateRequest request, [AsParameters] AppraisalServices s, CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow();
        await using var connection = await s.Db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var council = await CouncilStore.LoadAsync(connection, id, tx, ct);
        council.EnsureRunBy(s.User, now);
        // 403 before 400: the list is checked only for those who run the council.
        if (request.CaseIds is not { Count: > 0 and <= MaxCasesPerRequest } caseIds)
        {
            throw Problems.ValidationException("caseIds", $"Vui lòng chọn từ 1 đến {MaxCasesPerRequest} hồ sơ để đề cử.");
        }

        var already = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*)::int FROM appraisal_cases WHERE council_id = @id AND nominated_to_case_id IS NOT NULL", new { id }, tx, cancellationToken: ct));
        var result = new List<NominationResponse>();
        foreach (var caseId in caseIds.Distinct())
        {
            var row = await CaseStore.LoadAsync(connection, caseId, tx, ct);
            if (row.CouncilId != id)
            {
                throw new ProblemException(StatusCodes.Status404NotFound, "case_not_found", "Hồ sơ không thuộc hội đồng này.");
            }

            CaseStore.EnsureState(row, "đề cử hồ sơ chưa có quyết định công nhận", CaseState.Decided);
            if (row.NominatedToCaseId is not null)
            {
                throw AppraisalErrors.Conflict("case_already_nominated", $"Hồ sơ \"{row.Title}\" đã được đề cử lên cấp trên.");
            }

            var decision = RecognitionDecision.Restore(row.Id, id, council.Level, row.Recognized == true, row.DecisionNumber ?? string.Empty,
                DateOnly.FromDateTime(row.DecisionDate ?? now.UtcDateTime), Recommendation.Recognize, null, row.AggregateTotal, null);
            var nomination = Nomination.Create(council.Council, decision, council.Level.Above() ?? council.Level, already);
            var upperId = await CouncilStore.FindAboveAsync(connection, tx, council.Row, nomination.ToLevel, row.ProvinceCode, ct)
                ?? throw AppraisalErrors.Unprocessable("upper_council_missing",
                    $"Chưa có Hội đồng thẩm định {nomination.ToLevel.VietnameseName()} để nhận đề cử. Vui lòng đề nghị Ủy ban MTTQ cấp trên thành lập hội đồng trước.");
            var upperCaseId = Guid.CreateVersion7();
            var lower = new
            {
                CouncilId = id, council.Row.Name, Level = council.Row.Level, row.AggregateTotal, row.Grade, row.DecisionNumber,
                DecisionDate = row.DecisionDate is { } d ? DateOnly.FromDateTime(d) : (DateOnly?)null, row.PublishedComment,
            };
            var inserted = await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO appraisal_cases (id, council_id, initiative_id, dossier_id, dossier_version, campaign_id, title, kind, field, organization_id,
                                             province_code, commune_code, author_org_ids, submitted_by, submitted_at, state, nominated_from_case_id,
                                             lower_result, opened_at, updated_at)
                SELECT @upperCaseId, @upperId, initiative_id, dossier_id, dossier_version, campaign_id, title, kind, field, organization_id,
                       province_code, commune_code, author_org_ids, submitted_by, submitted_at, 'screening', id, @lower::jsonb, @now, @now
                FROM appraisal_cases WHERE id = @caseId
                ON CONFLICT (council_id, initiative_id) DO NOTHING;
                """,
                new { upperCaseId, upperId, caseId, lower = JsonSerializer.Serialize(lower, CouncilState.Json), now = now.UtcDateTime }, tx, cancellationToken: ct));
            if (inserted == 0)
            {
                throw AppraisalErrors.Conflict("case_already_nominated", $"Hội đồng cấp trên đã có hồ sơ của sáng kiến \"{row.Title}\".");
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE appraisal_cases SET nominated_to_case_id = @upperCaseId, updated_at = @now WHERE id = @caseId",
                new { upperCaseId, caseId, now = now.UtcDateTime }, tx, cancellationToken: ct));
            already++;
            var toLevel = CouncilCodes.Of(nomination.ToLevel);
            await AuditTrail.RecordAsync(tx, id, caseId, "nominated", s.Actor, new { UpperCouncilId = upperId, UpperCaseId = upperCaseId, ToLevel = toLevel }, now, ct);
            await AuditTrail.RecordAsync(tx, upperId, upperCaseId, "case_opened", s.Actor, new { NominatedFromCaseId = caseId, FromCouncilId = id }, now, ct);
            await s.Outbox.EnqueueAsync(new InitiativeNominated(Guid.CreateVersion7(), now, caseId, id, council.Row.Level, toLevel, row.InitiativeId, upperId), tx, ct);
            await s.Outbox.EnqueueAsync(new AppraisalCaseOpened(Guid.CreateVersion7(), now, upperCaseId, upperId, toLevel, row.InitiativeId, row.DossierVersion), tx, ct);
            result.Add(new NominationResponse(caseId, upperCaseId, upperId, toLevel));
        }

        await tx.CommitAsync(ct);
        return TypedResults.Ok(result);
    }

    /// <summary>Nhật ký thẩm định of the council, oldest first, for its secretary and chair and the overseeing officers.</summary>
    public static async Task<Ok<List<AuditEntryResponse>>> GetAudit(Guid id, Guid? caseId, long? after, [AsParameters] AppraisalServices s, CancellationToken ct)
    {
        await using var connection = await s.Db.OpenConnectionAsync(ct);
        var council = await CouncilStore.LoadAsync(connection, id, ct: ct);
        council.EnsureRunBy(s.User, s.Clock.GetUtcNow(), orOverseer: true);
        var rows = await connection.QueryAsync<(long Id, Guid? CaseId, string Action, string Actor, DateTime At, string Details)>(new CommandDefinition(
            """
            SELECT id, case_id, action, actor, at, details::text FROM audit_entries
            WHERE council_id = @id AND (@caseId::uuid IS NULL OR case_id = @caseId) AND id > @after
            ORDER BY id LIMIT 1000
            """, new { id, caseId, after = after ?? 0 }, cancellationToken: ct));
        // Overseeing officers see scores once the case is decided, as everywhere else; before that, only who scored.
        var hidden = council.IsRunBy(s.User, s.Clock.GetUtcNow()) ? [] : (await connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT id FROM appraisal_cases WHERE council_id = @id AND state <> 'decided'", new { id }, cancellationToken: ct))).ToHashSet();
        return TypedResults.Ok(rows.Select(r =>
        {
            var details = JsonDocument.Parse(r.Details).RootElement.Clone();
            if (r.Action is "score_saved" or "score_submitted" && r.CaseId is { } c && hidden.Contains(c))
            {
                details = JsonSerializer.SerializeToElement(new { PersonId = details.GetProperty("personId").GetGuid(), Scores = "ẩn đến khi hội đồng ra quyết định" }, CouncilState.Json);
            }

            return new AuditEntryResponse(r.Id, r.CaseId, r.Action, r.Actor, new DateTimeOffset(r.At, TimeSpan.Zero), details);
        }).ToList());
    }

    internal static async Task<CouncilResponse> ResponseAsync(NpgsqlConnection connection, CouncilState council, CancellationToken ct)
    {
        var states = (await connection.QueryAsync<(string State, int Count)>(new CommandDefinition(
            "SELECT state, count(*)::int FROM appraisal_cases WHERE council_id = @Id GROUP BY state", new { council.Row.Id }, cancellationToken: ct)))
            .ToDictionary(x => x.State, x => x.Count);
        var scheme = council.Scheme;
        var r = council.Row;
        static MemberResponse Member(MemberRow t) => new(t.PersonId, t.UserId, t.FullName, t.Role, CouncilCodes.Role(t.Role).VietnameseName(), t.OrganizationId,
            new DateTimeOffset(t.JoinedAt, TimeSpan.Zero), t.LeftAt is { } l ? new DateTimeOffset(l, TimeSpan.Zero) : null, t.ChangeReason);
        return new CouncilResponse(r.Id, r.CampaignId, r.Level, council.Level.VietnameseName(), council.Scope.Path, r.Name, r.DecisionNumber,
            DateOnly.FromDateTime(r.DecisionDate), r.DecisionSigner, r.NominationQuota, $"{r.QuorumNumerator}/{r.QuorumDenominator}",
            scheme.Rubric.Criteria, scheme.Bands.Bands, scheme.IsFrozen,
            council.Tenures.Where(t => t.LeftAt is null).Select(Member).ToList(), council.Tenures.Select(Member).ToList(), states);
    }

    private static string ScopeCode(AdministrativeScope scope) => scope.Level switch
    {
        AdministrativeLevel.Central => "VN",
        AdministrativeLevel.Province => scope.ProvinceCode!,
        _ => scope.CommuneCode!,
    };

    private static MemberRow CurrentTenure(CouncilState council, Guid personId) =>
        council.Tenures.FirstOrDefault(t => t.PersonId == personId && t.LeftAt is null)
        ?? throw new ProblemException(StatusCodes.Status404NotFound, "member_not_found", "Không tìm thấy thành viên đương nhiệm này trong hội đồng.");

    private static void RequireReason(string? reason, Dictionary<string, string[]> errors)
    {
        if (VietnameseText.TryNormalize(reason) is not { Length: > 0 and <= 1000 })
        {
            AppraisalErrors.Add(errors, "reason", "Vui lòng ghi lý do thay đổi thành viên (tối đa 1000 ký tự), ví dụ số quyết định kiện toàn hội đồng.");
        }
    }

    /// <summary>Validates the membership as it would be after a change; nothing is written when it breaks a rule.</summary>
    private static async Task ApplyMembershipAsync(NpgsqlTransaction tx, CouncilState council, IReadOnlyList<MemberRow> tenures,
        Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var after = council.Council with { Members = tenures.Select(t => t.ToDomain()).ToList() };
        foreach (var (k, v) in after.Validate())
        {
            errors[k] = v;
        }

        if (errors.Count > 0)
        {
            await tx.RollbackAsync(ct);
            throw AppraisalErrors.Validation("Thay đổi thành viên hội đồng chưa hợp lệ. Vui lòng sửa các mục được nêu.", errors);
        }
    }

    private static MemberRow ToTenure(MemberRequest m, Guid personId, DateTimeOffset now, Dictionary<string, string[]> errors, string field)
    {
        var fullName = VietnameseText.TryNormalize(m.FullName);
        if (fullName is not { Length: > 0 and <= 200 })
        {
            AppraisalErrors.Add(errors, $"{field}.fullName", "Vui lòng nhập họ và tên thành viên (tối đa 200 ký tự), bằng chữ tiếng Việt thông thường.");
        }

        var reason = VietnameseText.TryNormalize(m.Reason);
        if (m.Reason is not null && reason is not { Length: <= 1000 })
        {
            AppraisalErrors.Add(errors, $"{field}.reason", "Lý do dài tối đa 1000 ký tự, bằng chữ tiếng Việt thông thường.");
        }

        if (m.UserId is not { Length: > 0 and <= 200 } || VietnameseText.TryNormalize(m.UserId) != m.UserId)
        {
            AppraisalErrors.Add(errors, $"{field}.userId", "Vui lòng nhập tài khoản đăng nhập của thành viên.");
        }

        if (CouncilCodes.TryRole(m.Role) is null)
        {
            AppraisalErrors.Add(errors, $"{field}.role", "Vai trò phải là một trong: chair (Chủ tịch), vice_chair (Phó Chủ tịch), secretary (Thư ký), member (Ủy viên), expert (Chuyên gia).");
        }

        var email = VietnameseText.TryNormalize(m.Email);
        if (m.Email is not null && (email is not { Length: > 2 and <= 254 } || !email.Contains('@', StringComparison.Ordinal) || email.Contains(' ', StringComparison.Ordinal)))
        {
            AppraisalErrors.Add(errors, $"{field}.email", "Địa chỉ thư điện tử không hợp lệ.");
        }

        return new MemberRow
        {
            // An unknown role is reported above; "member" stands in so that the other rules can still be checked.
            PersonId = personId, UserId = m.UserId ?? string.Empty, FullName = fullName ?? string.Empty, Email = email,
            Role = CouncilCodes.TryRole(m.Role) is null ? "member" : m.Role!, OrganizationId = m.OrganizationId ?? Guid.Empty, JoinedAt = now.UtcDateTime,
            ChangeReason = reason,
        };
    }

    private static MemberRow Copy(MemberRow t, DateTime leftAt) => new()
    {
        Id = t.Id, PersonId = t.PersonId, UserId = t.UserId, FullName = t.FullName, Email = t.Email, Role = t.Role, OrganizationId = t.OrganizationId,
        JoinedAt = t.JoinedAt, LeftAt = leftAt, ChangeReason = t.ChangeReason,
    };

    private static Task InsertTenureAsync(NpgsqlTransaction tx, Guid councilId, MemberRow m, string by, DateTimeOffset now, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO council_members (council_id, person_id, user_id, full_name, email, role, organization_id, joined_at, change_reason, recorded_by, recorded_at)
            VALUES (@councilId, @PersonId, @UserId, @FullName, @Email, @Role, @OrganizationId, @JoinedAt, @ChangeReason, @by, @now)
            """,
            new { councilId, m.PersonId, m.UserId, m.FullName, m.Email, m.Role, m.OrganizationId, m.JoinedAt, m.ChangeReason, by, now = now.UtcDateTime },
            tx, cancellationToken: ct));
}

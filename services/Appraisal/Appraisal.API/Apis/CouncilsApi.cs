using DoanKetSangTao.Messaging;
using DoanKetSangTao.Appraisal.API.Domain;
using DoanKetSangTao.Appraisal.API.Infrastructure;
using DoanKetSangTao.Domain;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Appraisal.API.Apis;

/// <summary>
/// Hội đồng thẩm định (<c>/api/v1/councils</c>): set up by the Front committee of its level (a Front officer of the area)
/// with the decision that founds it, listed and read. Its membership, scheme, progress, nominations, audit trail and
/// exports are the other files of the same route group.
/// </summary>
public static class CouncilsApi
{
    public static RouteGroupBuilder MapCouncilsApi(this IEndpointRouteBuilder app)
    {
        var api = AppraisalRoutes.Councils(app);
        api.MapPost("/", CreateCouncil).RequireRoles(PlatformRoles.FrontOfficer, PlatformRoles.Operator);
        api.MapGet("/", ListCouncils);
        api.MapGet("/{id:guid}", GetCouncil);
        return api;
    }

    /// <summary>Thành lập hội đồng thẩm định theo quyết định thành lập.</summary>
    /// <remarks>
    /// Một hội đồng cho mỗi đợt thi đua, cấp và phạm vi; hồ sơ đã tiếp nhận trong phạm vi của hội đồng trở thành hồ sơ
    /// thẩm định của hội đồng. Phạm vi: "VN", "VN/{mã tỉnh}" hoặc "VN/{mã tỉnh}/{mã xã}".
    /// </remarks>
    public static async Task<Results<Created<CouncilResponse>, ProblemHttpResult>> CreateCouncil(CreateCouncilRequest request, CampaignDirectory campaigns,
        [AsParameters] AppraisalServices s, CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow();
        var errors = new FieldErrors();
        var scope = AdministrativeScope.TryParse(request.Scope);
        if (scope is null)
        {
            errors.Add("scope", "Phạm vi hội đồng phải có dạng VN (Trung ương), VN/{mã tỉnh} hoặc VN/{mã tỉnh}/{mã xã}.");
        }
        else if (s.User.Scope is not { } mine || !(mine.Level == AdministrativeLevel.Central
                 || (scope.Level != AdministrativeLevel.Central && mine.Covers(scope.ProvinceCode!, scope.CommuneCode))))
        {
            return Refusal.Forbidden("council_outside_scope", "Bạn chỉ được thành lập hội đồng thẩm định trong địa bàn mình phụ trách.").ToProblem();
        }

        if (request.CampaignId is null || request.CampaignId == Guid.Empty)
        {
            errors.Add("campaignId", "Vui lòng chọn đợt thi đua của hội đồng.");
        }

        foreach (var (field, value, max) in new[] { ("decisionNumber", request.DecisionNumber, RecognitionDecision.NumberMaxLength), ("decisionSigner", request.DecisionSigner, 200) })
        {
            if (VietnameseText.TryNormalize(value) is not { Length: > 0 } text || text.Length > max)
            {
                errors.Add(field, field == "decisionNumber"
                    ? "Vui lòng nhập số quyết định thành lập hội đồng (ví dụ: 15/QĐ-MTTQ-BTT)."
                    : "Vui lòng nhập họ tên, chức vụ người ký quyết định thành lập hội đồng.");
            }
        }

        if (request.DecisionDate is null || request.DecisionDate < InputBounds.MinDate || request.DecisionDate > DateOnly.FromDateTime(VietnamTime.ToLocal(now).DateTime))
        {
            errors.Add("decisionDate",
                $"Vui lòng nhập ngày quyết định thành lập, từ {InputBounds.MinDate:dd/MM/yyyy} đến ngày hôm nay ({VietnamTime.FormatDate(now)}).");
        }

        QuorumRule? quorum = null;
        try
        {
            quorum = QuorumRule.Create(request.QuorumNumerator ?? 2, request.QuorumDenominator ?? 3);
        }
        catch (RefusalException e) when (e.Refusal.Errors is not null)
        {
            foreach (var (field, messages) in e.Refusal.Errors)
            {
                foreach (var message in messages)
                {
                    errors.Add(field, message);
                }
            }
        }

        if (request.Members is { Count: > AppraisalRoutes.MaxMembers })
        {
            return Refusal.Invalid("members", $"Hội đồng có tối đa {AppraisalRoutes.MaxMembers} thành viên.").ToProblem();
        }

        var councilId = Guid.CreateVersion7();
        var members = (request.Members ?? [])
            .Select((m, i) => CouncilMembershipApi.ToTenure(m ?? new MemberRequest(null, null, null, null, null), Guid.NewGuid(), now, errors, $"members[{i}]"))
            .ToList();
        if (members.Count(m => m.Role == "secretary") == 0)
        {
            errors.Add("members", "Hội đồng cần có Thư ký để tiếp nhận, sơ loại và phân công hồ sơ.");
        }

        if (members.GroupBy(m => m.UserId).Any(g => g.Count() > 1))
        {
            errors.Add("members", "Mỗi tài khoản chỉ được có một vai trò trong hội đồng.");
        }

        var level = scope?.Level switch
        {
            AdministrativeLevel.Central => CouncilLevel.Central,
            AdministrativeLevel.Province => CouncilLevel.Province,
            _ => CouncilLevel.Commune,
        };
        var domain = new AppraisalCouncil(councilId, request.Name ?? string.Empty, level, members.Select(m => m.ToDomain()).ToList(), request.NominationQuota);
        if (CouncilMembershipApi.Refuse(errors, domain, "Quyết định thành lập hội đồng chưa hợp lệ. Vui lòng sửa các mục được nêu.") is { } invalid)
        {
            return invalid.ToProblem();
        }

        // The campaign must exist in registration, and a province's campaign has councils only in that province.
        if (await campaigns.FindAsync(request.CampaignId!.Value, ct) is not { } campaign)
        {
            return Refusal.Unprocessable("campaign_unknown", "Không tìm thấy đợt thi đua này. Vui lòng chọn một đợt thi đua đã được tạo.").ToProblem();
        }

        if (campaign.ProvinceCode is { } campaignProvince && scope!.ProvinceCode != campaignProvince)
        {
            return Refusal.Unprocessable("council_outside_campaign",
                $"Đợt thi đua này của tỉnh, thành phố mã {campaignProvince}: hội đồng của đợt phải ở tỉnh, thành phố đó hoặc một xã, phường của nó.").ToProblem();
        }

        await using var db = await s.Db.BeginAsync(ct);
        await CaseIntake.LockCampaignAsync(db, request.CampaignId!.Value, ct);
        var founded = new NewCouncil(councilId, request.CampaignId!.Value, level, scope!, request.Name, request.DecisionNumber, request.DecisionDate!.Value,
            request.DecisionSigner, request.NominationQuota, quorum!, ScoringScheme.Default, campaign.Year);
        if (!await CouncilStore.CreateAsync(db, founded, s.Actor, now, ct))
        {
            return Refusal.Conflict("council_exists",
                $"Đợt thi đua này đã có hội đồng thẩm định {level.VietnameseName()} cho phạm vi {scope}. Vui lòng bổ sung thành viên vào hội đồng đó.").ToProblem();
        }

        foreach (var m in members)
        {
            await MembershipStore.AddTenureAsync(db, councilId, m, s.Actor, now, ct);
        }

        // Just inserted in this session.
        var council = (await CouncilStore.LockAsync(db, councilId, ct))!;
        await AuditTrail.RecordAsync(db, councilId, null, "council_created", s.Actor,
            new { council.Row.Name, council.Row.DecisionNumber, DecisionDate = request.DecisionDate, council.Row.DecisionSigner, Members = members.Count }, now, ct);
        await CaseIntake.BackfillAsync(db, council, now, ct);
        await db.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/councils/{councilId}", await ResponseAsync(db, council, ct));
    }

    /// <summary>Danh sách hội đồng thẩm định của người dùng, mới nhất trước.</summary>
    /// <remarks>
    /// The councils the caller sits on, and those of the area a Front officer oversees: one row each with its current
    /// members and cases counted (the details are at <c>GET /councils/{id}</c>).
    /// </remarks>
    public static async Task<Ok<List<CouncilSummary>>> ListCouncils(Guid? campaignId, [AsParameters] AppraisalServices s, CancellationToken ct)
    {
        await using var db = await s.Db.OpenAsync(ct);
        var officer = s.User.IsInRole(PlatformRoles.FrontOfficer) || s.User.IsInRole(PlatformRoles.Operator);
        var rows = await CouncilStore.ListAsync(db, campaignId, s.User.Id, officer, s.User.Scope, ct);
        return TypedResults.Ok(rows.Select(r =>
        {
            var level = CouncilLevels.Parse(r.Level);
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

    /// <summary>Chi tiết hội đồng: thành viên, lịch sử nhiệm kỳ, bộ tiêu chí, thang xếp loại và số hồ sơ theo trạng thái.</summary>
    public static async Task<Results<Ok<CouncilResponse>, ProblemHttpResult>> GetCouncil(Guid id, [AsParameters] AppraisalServices s, CancellationToken ct)
    {
        await using var db = await s.Db.OpenAsync(ct);
        if (await CouncilStore.LoadAsync(db, id, ct) is not { } council)
        {
            return CouncilAccess.NotFound.ToProblem();
        }

        if (council.AccessOf(s.User, s.Clock.GetUtcNow()).RefuseRead() is { } refusal)
        {
            return refusal.ToProblem();
        }

        return TypedResults.Ok(await ResponseAsync(db, council, ct));
    }

    /// <summary>The council as its endpoints answer it, read again after a change (it exists: the session locked it).</summary>
    internal static async Task<CouncilResponse> ReloadAsync(DatabaseSession db, Guid id, CancellationToken ct) =>
        await ResponseAsync(db, (await CouncilStore.LoadAsync(db, id, ct))!, ct);

    /// <summary>The council as its endpoints answer it, with its cases counted by state.</summary>
    internal static async Task<CouncilResponse> ResponseAsync(DatabaseSession db, CouncilState council, CancellationToken ct)
    {
        var states = await CouncilStore.CasesByStateAsync(db, council.Row.Id, ct);
        var scheme = council.Scheme;
        var r = council.Row;
        static MemberResponse Member(MemberRow t) => new(t.PersonId, t.UserId, t.FullName, t.Role, CouncilCodes.Role(t.Role).VietnameseName(), t.OrganizationId,
            new DateTimeOffset(t.JoinedAt, TimeSpan.Zero), t.LeftAt is { } l ? new DateTimeOffset(l, TimeSpan.Zero) : null, t.ChangeReason);
        return new CouncilResponse(r.Id, r.CampaignId, r.Level, council.Level.VietnameseName(), council.Scope.Path, r.Name, r.DecisionNumber,
            DateOnly.FromDateTime(r.DecisionDate), r.DecisionSigner, r.NominationQuota, $"{r.QuorumNumerator}/{r.QuorumDenominator}",
            scheme.Rubric.Criteria, scheme.Bands.Bands, scheme.IsFrozen,
            council.Tenures.Where(t => t.LeftAt is null).Select(Member).ToList(), council.Tenures.Select(Member).ToList(), states);
    }
}

using DoanKetSangTao.Awards.API.Domain;
using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Tests.Awards;

/// <summary>The pure rules of commendations: who issues, whom they reach, what a recipient is, codes and masked names.</summary>
public sealed class CommendationRulesTests
{
    private static readonly AwardTypeTerms BangKhen = new("bang_khen_tinh", "Bằng khen của Ủy ban MTTQ Việt Nam tỉnh", "province", true, true, 500000m, true);
    private static readonly AwardTypeTerms Title = new("nguoi_viet_dkst", "Danh hiệu \"Người Việt đoàn kết sáng tạo\"", "central", true, false, null, true);

    [Fact]
    public void A_front_officer_issues_for_the_committee_of_their_area_and_an_organization_officer_for_their_organization()
    {
        var org = Guid.NewGuid();
        var committee = IssuingBody.Of(frontOfficer: true, organizationOfficer: false, new AdministrativeScope("01", null), null)!;
        var union = IssuingBody.Of(frontOfficer: false, organizationOfficer: true, new AdministrativeScope("01", "00004"), org.ToString())!;

        Assert.Equal(("mttq:VN/01", "province"), (committee.Key, committee.Level));
        Assert.Equal(($"org:{org}", "commune"), (union.Key, union.Level));
        Assert.Equal("12/QĐ-MTTQ", committee.NumberText(12));
        Assert.Equal("3/QĐ-KT", union.NumberText(3));
        Assert.Null(IssuingBody.Of(false, true, new AdministrativeScope("01", null), null));
        Assert.Null(IssuingBody.Of(true, false, null, null));
    }

    [Fact]
    public void A_body_reaches_its_own_area_only()
    {
        var hanoi = new IssuingBody("mttq:VN/01", "province", "01", null);
        var baDinh = new IssuingBody("mttq:VN/01/00004", "commune", "01", "00004");
        var centre = new IssuingBody("mttq:VN", "central", null, null);

        Assert.True(hanoi.Reaches("01", "00008"));
        Assert.False(hanoi.Reaches("79", null));
        Assert.True(baDinh.Reaches("01", "00004"));
        Assert.False(baDinh.Reaches("01", "00008"));
        Assert.False(baDinh.Reaches("01", null));
        Assert.True(centre.Reaches("79", null));
    }

    [Fact]
    public void A_decision_is_read_by_its_own_body_and_by_front_committees_above_it_only()
    {
        var hanoi = new IssuingBody("mttq:VN/01", "province", "01", null);
        var baDinh = new IssuingBody("mttq:VN/01/00004", "commune", "01", "00004");
        var union = new IssuingBody("org:7b1f0c1e-0000-0000-0000-000000000001", "province", "01", null);
        var centre = new IssuingBody("mttq:VN", "central", null, null);

        Assert.True(hanoi.CanRead("mttq:VN/01/00004", "01", "00004"));
        Assert.True(hanoi.CanRead("org:other", "01", null));
        Assert.False(hanoi.CanRead("mttq:VN/79", "79", null));
        Assert.False(baDinh.CanRead("mttq:VN/01", "01", null));
        Assert.True(baDinh.CanRead("mttq:VN/01/00004", "01", "00004"));
        Assert.False(union.CanRead("mttq:VN/01/00004", "01", "00004"));
        Assert.True(union.CanRead(union.Key, "01", null));
        Assert.True(centre.CanRead("mttq:VN/79", "79", null));
    }

    [Fact]
    public void Recipients_are_checked_field_by_field_and_the_award_must_suit_their_kind()
    {
        var errors = new FieldErrors();
        var read = RecipientRules.Read(
        [
            new RecipientInput("individual", "  Nguye\u0302\u0303n Văn An ", null, "01", "00004", null, "an@example.vn", null, null, null),
            new RecipientInput("robot", "", null, "1", "4", null, "không-phải-thư", null, null, -5m),
            new RecipientInput("collective", "Trường THCS Ba Đình", null, "01", null, null, null, null, null, null),
        ], Title, errors);

        var an = Assert.Single(read);
        Assert.Equal("Nguyễn Văn An", an.FullName);
        Assert.True(an.FullName.IsNormalized(System.Text.NormalizationForm.FormC));
        Assert.Equal(
            ["recipients[1].amount", "recipients[1].communeCode", "recipients[1].email", "recipients[1].fullName", "recipients[1].kind", "recipients[1].provinceCode", "recipients[2].kind"],
            errors.ByField.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("không dành cho tập thể", errors.ByField["recipients[2].kind"][0]);
    }

    [Fact]
    public void A_recipient_takes_the_award_types_amount_unless_one_is_given()
    {
        var errors = new FieldErrors();
        var read = RecipientRules.Read(
        [
            new RecipientInput("individual", "Lê Thị Hà", null, "01", null, null, null, null, null, null),
            new RecipientInput("individual", "Lê Văn Tú", null, "01", null, null, null, null, null, 1_000_000m),
        ], BangKhen, errors);

        Assert.True(errors.IsEmpty);
        Assert.Equal([500000m, 1_000_000m], read.Select(r => r.Amount));
    }

    [Fact]
    public void No_recipients_or_too_many_are_refused()
    {
        var none = new FieldErrors();
        RecipientRules.Read([], BangKhen, none);
        var many = new FieldErrors();
        RecipientRules.Read(Enumerable.Repeat(new RecipientInput("individual", "A", null, "01", null, null, null, null, null, null), RecipientRules.MaxRecipients + 1).ToList(), BangKhen, many);

        Assert.True(none.ByField.ContainsKey("recipients"));
        Assert.Contains("chia thành nhiều quyết định", many.ByField["recipients"][0]);
    }

    [Fact]
    public void Only_a_draft_changes_and_only_an_issued_decision_is_revoked()
    {
        Assert.Null(CommendationDecisionRules.CanChange(DecisionStatuses.Draft));
        Assert.All(new[] { DecisionStatuses.Issued, DecisionStatuses.Revoked, DecisionStatuses.Superseded },
            s => Assert.Equal("decision_already_issued", CommendationDecisionRules.CanChange(s)!.Code));
        Assert.Null(CommendationDecisionRules.CanRevoke(DecisionStatuses.Issued));
        Assert.All(new[] { DecisionStatuses.Draft, DecisionStatuses.Revoked, DecisionStatuses.Superseded },
            s => Assert.Equal("decision_not_issued", CommendationDecisionRules.CanRevoke(s)!.Code));
    }

    [Fact]
    public void A_decision_date_is_today_by_default_and_never_in_the_future()
    {
        var today = new DateOnly(2026, 12, 7);
        var errors = new FieldErrors();

        Assert.Equal(today, CommendationDecisionRules.DecisionDate(null, today, errors));
        Assert.Equal(new DateOnly(2026, 12, 1), CommendationDecisionRules.DecisionDate(new DateOnly(2026, 12, 1), today, errors));
        Assert.True(errors.IsEmpty);
        Assert.Null(CommendationDecisionRules.DecisionDate(new DateOnly(2026, 12, 8), today, errors));
        Assert.Contains("07/12/2026", errors.ByField["decisionDate"][0]);
    }

    [Fact]
    public void A_proposal_is_sent_once_by_an_invited_proposer_before_the_due_time_within_its_quota()
    {
        var quota = new ProposerQuota("org:1", "Liên đoàn Lao động", 2);
        var due = new DateTimeOffset(2026, 12, 10, 0, 0, 0, TimeSpan.Zero);
        var now = due.AddDays(-1);

        Assert.Null(ProposalRules.CanSubmit(quota, due, now, null, 2));
        Assert.Null(ProposalRules.CanSubmit(quota, due, now, ProposalStatuses.Returned, 1));
        Assert.Equal("proposal_over_quota", ProposalRules.CanSubmit(quota, due, now, null, 3)!.Code);
        Assert.Equal("proposal_not_invited", ProposalRules.CanSubmit(null, due, now, null, 1)!.Code);
        Assert.Equal("proposal_past_due", ProposalRules.CanSubmit(quota, due, due, null, 1)!.Code);
        Assert.Equal("proposal_already_submitted", ProposalRules.CanSubmit(quota, due, now, ProposalStatuses.Submitted, 1)!.Code);
        Assert.Equal("proposal_already_submitted", ProposalRules.CanSubmit(quota, due, now, ProposalStatuses.Accepted, 1)!.Code);
        Assert.Null(ProposalRules.CanDecide(ProposalStatuses.Submitted));
        Assert.Equal("proposal_not_awaiting", ProposalRules.CanDecide(ProposalStatuses.Accepted)!.Code);
    }

    [Fact]
    public void Verification_codes_are_random_well_formed_and_not_guessable_in_order()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => VerificationCode.New()).ToList();

        Assert.All(codes, c => Assert.True(VerificationCode.IsWellFormed(c)));
        Assert.Equal(codes.Count, codes.Distinct().Count());
        // Every position takes many values: nothing counts up or stays fixed.
        Assert.All(Enumerable.Range(0, VerificationCode.Length), i => Assert.True(codes.Select(c => c[i]).Distinct().Count() > 25));
        Assert.False(VerificationCode.IsWellFormed("ILOU0000000000000000"));
        Assert.False(VerificationCode.IsWellFormed("abc"));
        Assert.False(VerificationCode.IsWellFormed(null));
    }

    [Fact]
    public void A_persons_name_is_masked_on_the_public_page_and_a_collectives_is_not()
    {
        Assert.Equal("Nguyễn T. H. N.", HolderName.Masked("Nguyễn Thị Hồng Nhung", collective: false));
        Assert.Equal("Đỗ Đ.", HolderName.Masked("Đỗ Đức", collective: false));
        Assert.Equal("Ê.", HolderName.Masked("Êban", collective: false));
        Assert.Equal("Công đoàn phường Ba Đình", HolderName.Masked("Công đoàn phường Ba Đình", collective: true));
    }

    [Fact]
    public void An_award_type_has_a_lowercase_code_a_known_level_and_goes_to_someone()
    {
        Assert.True(AwardTypeCatalogue.TryRead("giay_khen_btt", "Giấy khen của Ban Thường trực", "commune", null, null, false, 200000m, out var draft, out _));
        Assert.Equal(("", true, false), (draft!.Description, draft.ForIndividuals, draft.ForCollectives));
        Assert.False(AwardTypeCatalogue.TryRead("Giấy Khen", "", "district", null, false, false, 1.5m, out _, out var refusal));
        Assert.Equal(["amount", "code", "forIndividuals", "level", "name"], refusal!.Errors!.Keys.Order(StringComparer.Ordinal));
    }
}

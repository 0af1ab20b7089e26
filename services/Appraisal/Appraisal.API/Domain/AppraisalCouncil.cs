using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Appraisal.API.Domain;

/// <summary>
/// Hội đồng thẩm định (also Hội đồng tuyển chọn): the council set up by decision of the Front chairman at its
/// level, whose members appraise, score and recognize initiatives. Membership is a list of tenures so that
/// "who was a member" can be answered for any instant (an assignment last March, a decision today).
/// </summary>
/// <param name="NominationQuota">Chỉ tiêu đề cử: the most cases it may nominate to the level above; null for no limit.</param>
public sealed record AppraisalCouncil(
    Guid Id,
    string Name,
    CouncilLevel Level,
    IReadOnlyList<CouncilMember> Members,
    int? NominationQuota = null)
{
    public const int NameMaxLength = 300;

    /// <summary>Cấp trên: where this council nominates; null for the central council.</summary>
    public CouncilLevel? LevelAbove => Level.Above();

    /// <summary>True for the central council, whose recognition is national.</summary>
    public bool IsNational => Level.IsNational();

    /// <summary>The tenures current at the instant (one per person, as tenures of a person do not overlap).</summary>
    public IReadOnlyList<CouncilMember> MembersAt(DateTimeOffset at) => Members.Where(m => m.IsMemberAt(at)).ToList();

    /// <summary>The person's tenure current at the instant, or null if they were not a member then.</summary>
    public CouncilMember? MemberAt(Guid personId, DateTimeOffset at) => Members.FirstOrDefault(m => m.Id == personId && m.IsMemberAt(at));

    /// <summary>
    /// The composition rules: a name; every member named, with an organization, leaving after joining;
    /// a person's tenures do not overlap; at most one chair at any instant; a quota, if set, of at least 1.
    /// </summary>
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        var name = VietnameseText.TryNormalize(Name);
        if (string.IsNullOrEmpty(name) || name.Length > NameMaxLength)
        {
            errors.Add("name", $"Vui lòng nhập tên hội đồng (tối đa {NameMaxLength} ký tự).");
        }

        if (NominationQuota is < 1)
        {
            errors.Add("nominationQuota", "Chỉ tiêu đề cử lên cấp trên phải từ 1 trở lên (để trống nếu không giới hạn).");
        }

        for (var i = 0; i < Members.Count; i++)
        {
            var m = Members[i];
            if (string.IsNullOrEmpty(VietnameseText.TryNormalize(m.FullName)))
            {
                errors.Add($"members[{i}].fullName", "Vui lòng nhập họ và tên thành viên hội đồng.");
            }

            if (m.OrganizationId == Guid.Empty)
            {
                errors.Add($"members[{i}].organizationId", "Vui lòng chọn cơ quan, đơn vị công tác của thành viên (dùng để kiểm tra xung đột lợi ích).");
            }

            if (m.LeftAt is { } left && left <= m.JoinedAt)
            {
                errors.Add($"members[{i}].leftAt", "Ngày thôi tham gia hội đồng phải sau ngày bắt đầu tham gia.");
            }

            for (var j = 0; j < i; j++)
            {
                var other = Members[j];
                if (other.Id == m.Id && other.Overlaps(m))
                {
                    errors.Add($"members[{i}]", $"{m.FullName} đã có một nhiệm kỳ khác trùng thời gian trong hội đồng.");
                }
                else if (m.Role == CouncilRole.Chair && other.Role == CouncilRole.Chair && other.Overlaps(m))
                {
                    errors.Add($"members[{i}].role", $"Hội đồng chỉ có một Chủ tịch tại mỗi thời điểm; {other.FullName} đang là Chủ tịch trong cùng thời gian.");
                }
            }
        }

        return errors;
    }
}

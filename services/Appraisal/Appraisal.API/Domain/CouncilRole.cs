namespace DoanKetSangTao.Appraisal.API.Domain;

/// <summary>Vai trò trong hội đồng thẩm định: a member's role on an appraisal council.</summary>
public enum CouncilRole
{
    /// <summary>Chủ tịch hội đồng: chairs the council; sees every score sheet.</summary>
    Chair = 1,

    /// <summary>Phó chủ tịch hội đồng: scores like a member.</summary>
    ViceChair = 2,

    /// <summary>Thư ký hội đồng: keeps the records; sees every score sheet.</summary>
    Secretary = 3,

    /// <summary>Ủy viên.</summary>
    Member = 4,

    /// <summary>Chuyên gia: an expert in the field, invited to the council.</summary>
    Expert = 5,
}

/// <summary>Rules of <see cref="CouncilRole"/> (vai trò trong hội đồng).</summary>
public static class CouncilRoles
{
    /// <summary>"Chủ tịch", "Phó Chủ tịch", "Thư ký", "Ủy viên", "Chuyên gia".</summary>
    public static string VietnameseName(this CouncilRole role) => role switch
    {
        CouncilRole.Chair => "Chủ tịch",
        CouncilRole.ViceChair => "Phó Chủ tịch",
        CouncilRole.Secretary => "Thư ký",
        CouncilRole.Member => "Ủy viên",
        CouncilRole.Expert => "Chuyên gia",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown council role."),
    };

    /// <summary>The chair and the secretary run the council, so they follow every sheet, drafts included.</summary>
    public static bool SeesAllScoreSheets(this CouncilRole role) => role is CouncilRole.Chair or CouncilRole.Secretary;
}

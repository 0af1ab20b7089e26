namespace DoanKetSangTao.Registration.API.Domain;

/// <summary>The organization a registration is filed under, as registration holds it.</summary>
public sealed record FilingOrganization(Guid Id, string Kind, string ProvinceCode, string? CommuneCode);

/// <summary>Who is filing: the organization their account belongs to (the token's <c>org</c>), else the commune where they live.</summary>
/// <param name="Organization">The account's organization, or null for a person who belongs to none.</param>
/// <param name="ResidenceCommunes">
/// The commune of the account's administrative unit and, when it has been merged away, the communes it was merged into;
/// empty when the account names no commune.
/// </param>
public sealed record Filer(Guid? Organization, IReadOnlyCollection<string> ResidenceCommunes);

/// <summary>A refusal of a filing, as the API answers it.</summary>
public sealed record FilingRefusal(int Status, string Code, string Message);

/// <summary>
/// Đăng ký dưới tên đơn vị nào: what an author files under must be theirs. A person whose account belongs to an
/// organization files under that organization; a person who belongs to none files through the Front committee
/// (Ủy ban Mặt trận Tổ quốc) of the commune where they live. The campaign must cover the organization's area, and
/// an organization seated in a commune files in that commune (the area its Front officers and council see).
/// </summary>
public static class FilingRights
{
    /// <summary>The kind of organization a person without one files through.</summary>
    public const string FrontCommittee = "front_committee";

    public static FilingRefusal? Check(Filer filer, FilingOrganization organization, Campaign campaign, string communeCode)
    {
        if (filer.Organization is { } own)
        {
            if (organization.Id != own)
            {
                return new(403, "organization_not_yours",
                    "Bạn chỉ được đăng ký sáng kiến dưới tên cơ quan, đơn vị mà tài khoản của bạn thuộc về. "
                    + "Nếu bạn đã chuyển công tác, vui lòng đề nghị quản trị cập nhật đơn vị trong tài khoản.");
            }
        }
        else if (filer.ResidenceCommunes.Count == 0)
        {
            return new(403, "residence_unknown",
                "Tài khoản của bạn không thuộc cơ quan, đơn vị nào và chưa ghi xã/phường nơi cư trú, nên chưa thể đăng ký sáng kiến. "
                + "Vui lòng đề nghị quản trị bổ sung xã/phường nơi cư trú vào tài khoản.");
        }
        else if (organization.Kind != FrontCommittee || organization.CommuneCode is null || !filer.ResidenceCommunes.Contains(organization.CommuneCode))
        {
            return new(403, "organization_not_yours",
                "Tài khoản của bạn không thuộc cơ quan, đơn vị nào: vui lòng đăng ký sáng kiến qua Ủy ban Mặt trận Tổ quốc xã/phường nơi bạn cư trú.");
        }

        if (!campaign.Covers(organization.ProvinceCode))
        {
            return new(422, "organization_outside_campaign",
                "Cơ quan, đơn vị của bạn không thuộc tỉnh/thành phố của đợt thi đua này. Vui lòng chọn đợt thi đua của địa phương nơi đơn vị đóng trụ sở.");
        }

        if (organization.CommuneCode is { } seat && seat != communeCode)
        {
            return new(422, "commune_not_organization",
                "Xã/phường nơi đăng ký phải là xã/phường nơi cơ quan, đơn vị của bạn đóng trụ sở. Vui lòng chọn lại xã/phường.");
        }

        return null;
    }
}

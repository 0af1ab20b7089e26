using DoanKetSangTao.Domain;

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

/// <summary>
/// What a registration's place needs from the catalogs, loaded before the rule runs (<c>FilingStore</c>).
/// </summary>
/// <param name="CommuneProvince">The province of the chosen commune; null when the commune is not a current one.</param>
/// <param name="Organization">The chosen organization; null when there is none with that id.</param>
/// <param name="Filer">Who is filing.</param>
/// <param name="KnownAuthorOrganizations">How many of the authors' distinct organizations exist.</param>
public sealed record FilingFacts(string? CommuneProvince, FilingOrganization? Organization, Filer Filer, int KnownAuthorOrganizations);

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

    public static Refusal? Check(Filer filer, FilingOrganization organization, Campaign campaign, string communeCode)
    {
        if (filer.Organization is { } own)
        {
            if (organization.Id != own)
            {
                return Refusal.Forbidden("organization_not_yours",
                    "Bạn chỉ được đăng ký sáng kiến dưới tên cơ quan, đơn vị mà tài khoản của bạn thuộc về. "
                    + "Nếu bạn đã chuyển công tác, vui lòng đề nghị quản trị cập nhật đơn vị trong tài khoản.");
            }
        }
        else if (filer.ResidenceCommunes.Count == 0)
        {
            return Refusal.Forbidden("residence_unknown",
                "Tài khoản của bạn không thuộc cơ quan, đơn vị nào và chưa ghi xã/phường nơi cư trú, nên chưa thể đăng ký sáng kiến. "
                + "Vui lòng đề nghị quản trị bổ sung xã/phường nơi cư trú vào tài khoản.");
        }
        else if (organization.Kind != FrontCommittee || organization.CommuneCode is null || !filer.ResidenceCommunes.Contains(organization.CommuneCode))
        {
            return Refusal.Forbidden("organization_not_yours",
                "Tài khoản của bạn không thuộc cơ quan, đơn vị nào: vui lòng đăng ký sáng kiến qua Ủy ban Mặt trận Tổ quốc xã/phường nơi bạn cư trú.");
        }

        if (!campaign.Covers(organization.ProvinceCode))
        {
            return Refusal.Unprocessable("organization_outside_campaign",
                "Cơ quan, đơn vị của bạn không thuộc tỉnh/thành phố của đợt thi đua này. Vui lòng chọn đợt thi đua của địa phương nơi đơn vị đóng trụ sở.");
        }

        if (organization.CommuneCode is { } seat && seat != communeCode)
        {
            return Refusal.Unprocessable("commune_not_organization",
                "Xã/phường nơi đăng ký phải là xã/phường nơi cơ quan, đơn vị của bạn đóng trụ sở. Vui lòng chọn lại xã/phường.");
        }

        return null;
    }

    /// <summary>
    /// Where a registration is filed, checked in this order: the commune is a current one, the organization exists and
    /// is the filer's (<see cref="Check"/>), the campaign covers the commune's province, the organization is in that
    /// province, and every author's organization exists. The province it is filed in, or the first refusal.
    /// </summary>
    public static FilingPlace Place(FilingFacts facts, Campaign campaign, ValidRegistration registration)
    {
        if (facts.CommuneProvince is not { } province)
        {
            return Refusal.Invalid("communeCode", "Mã xã/phường không có trong danh mục đơn vị hành chính hiện hành.");
        }

        if (facts.Organization is not { } organization)
        {
            return Refusal.Invalid("organizationId", "Không tìm thấy cơ quan, đơn vị đã chọn.");
        }

        if (Check(facts.Filer, organization, campaign, registration.CommuneCode) is { } refusal)
        {
            return refusal;
        }

        if (!campaign.Covers(province))
        {
            return Refusal.Unprocessable("commune_outside_campaign",
                "Xã/phường đã chọn không thuộc tỉnh/thành phố của đợt thi đua này. Vui lòng chọn đúng đợt thi đua của địa phương.");
        }

        if (organization.ProvinceCode != province)
        {
            return Refusal.Invalid("organizationId", "Cơ quan, đơn vị đã chọn không thuộc tỉnh/thành phố của xã/phường nơi đăng ký sáng kiến.");
        }

        if (facts.KnownAuthorOrganizations != registration.AuthorOrganizations().Count)
        {
            return Refusal.Invalid("authors", "Có tác giả khai cơ quan, đơn vị không có trong danh mục. Vui lòng chọn lại đơn vị công tác của từng tác giả.");
        }

        return new FilingPlace(province, null);
    }
}

/// <summary>The province a registration is filed in, or why it may not be filed there.</summary>
public sealed record FilingPlace(string? ProvinceCode, Refusal? Refusal)
{
    public static implicit operator FilingPlace(Refusal refusal) => new(null, refusal);
}

using System.Diagnostics.CodeAnalysis;
using DoanKetSangTao.Contracts.Vocabulary;
using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Awards.API.Domain;

/// <summary>What a decision needs of its award type: its name, whom it may go to, and its default amount.</summary>
public sealed record AwardTypeTerms(string Code, string Name, string Level, bool ForIndividuals, bool ForCollectives, decimal? Amount, bool Active);

/// <summary>An award type as an operator writes it.</summary>
public sealed record AwardTypeDraft(string Code, string Name, string Level, string Description, bool ForIndividuals, bool ForCollectives, decimal? Amount);

/// <summary>
/// Danh mục hình thức khen thưởng (award-type catalogue), per issuing level: kept by operators and central Front officers.
/// A code never changes and is never reused; a type is retired (ngừng áp dụng), never deleted, so the decisions that
/// name it still read.
/// </summary>
public static class AwardTypeCatalogue
{
    public static readonly Refusal UnknownType = Refusal.NotFound("award_type_not_found",
        "Không có hình thức khen thưởng với mã này. Xem danh mục tại /api/v1/award-types.");

    public static readonly Refusal RetiredType = Refusal.Unprocessable("award_type_retired",
        "Hình thức khen thưởng này đã ngừng áp dụng; vui lòng chọn hình thức đang áp dụng.");

    public static readonly Refusal CodeTaken = Refusal.Conflict("award_type_code_taken",
        "Mã hình thức khen thưởng này đã có (kể cả hình thức đã ngừng áp dụng). Vui lòng chọn mã khác.");

    public static readonly Refusal NotKeeper = Refusal.Forbidden("award_type_keeper_only",
        "Chỉ cán bộ vận hành hoặc cán bộ Mặt trận cấp Trung ương được sửa danh mục hình thức khen thưởng.");

    /// <summary>The level of a type given at every level (Giấy chứng nhận sáng kiến).</summary>
    public const string AnyLevel = AwardEligibility.AnyLevel;

    public static bool TryRead(
        string? code, string? name, string? level, string? description, bool? forIndividuals, bool? forCollectives, decimal? amount,
        [NotNullWhen(true)] out AwardTypeDraft? draft, [NotNullWhen(false)] out Refusal? refusal)
    {
        var errors = new FieldErrors();
        if (code is null || code.Length is < 2 or > 40 || !code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            errors.Add("code", "Mã gồm 2–40 chữ thường không dấu, chữ số hoặc dấu gạch dưới, ví dụ bang_khen_tinh.");
        }

        var n = RecipientRules.Text(name, 200);
        if (n is null)
        {
            errors.Add("name", "Nhập tên hình thức khen thưởng, tối đa 200 ký tự.");
        }

        if (level is not (AnyLevel or CouncilLevels.Commune or CouncilLevels.Province or CouncilLevels.Central))
        {
            errors.Add("level", "Cấp ban hành phải là commune, province, central hoặc any (mọi cấp).");
        }

        var d = description is null ? string.Empty : RecipientRules.Text(description, 2000);
        if (d is null)
        {
            errors.Add("description", "Mô tả tối đa 2.000 ký tự, không chứa ký tự điều khiển.");
        }

        var individuals = forIndividuals ?? true;
        var collectives = forCollectives ?? true;
        if (!individuals && !collectives)
        {
            errors.Add("forIndividuals", "Hình thức khen thưởng phải dành cho cá nhân, tập thể hoặc cả hai.");
        }

        if (amount is < 0 or > RecipientRules.MaxAmount || (amount is { } a && a != decimal.Truncate(a)))
        {
            errors.Add("amount", "Mức tiền thưởng là số đồng nguyên, từ 0 đến 1.000.000.000.");
        }

        refusal = errors.ToRefusal();
        draft = refusal is null ? new AwardTypeDraft(code!, n!, level!, d!, individuals, collectives, amount) : null;
        return refusal is null;
    }
}

namespace DoanKetSangTao.Appraisal.API.Domain;

/// <summary>
/// Tiêu chí chấm điểm: one criterion of a rubric (Quảng Trị 4.2: tính mới, tính phù hợp, tính tập thể,
/// tính thiết thực, hiệu quả, tính kinh tế).
/// </summary>
/// <param name="Code">Stable ASCII key (tinh_moi), used in score sheets and exports.</param>
/// <param name="Name">Vietnamese name shown to members (Tính mới).</param>
/// <param name="MaxPoints">Điểm tối đa a member may give.</param>
/// <param name="Weight">Hệ số: the member's points are multiplied by it in the total.</param>
/// <param name="MinPoints">Điểm sàn: if the council's mean on this criterion is below it, the case is graded "not recognized" whatever its total.</param>
public sealed record RubricCriterion(string Code, string Name, decimal MaxPoints, decimal Weight = 1m, decimal? MinPoints = null)
{
    /// <summary>The most this criterion adds to a total.</summary>
    public decimal MaxWeighted => MaxPoints * Weight;
}

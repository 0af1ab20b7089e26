namespace DoanKetSangTao.Appraisal.API.Domain;

/// <summary>
/// Mức xếp loại (grade band): a grade a case reaches from its aggregate total, e.g. "Tốt" from 75 up to the
/// next band's minimum (exclusive). Bands are given by their minimums alone, so they cannot overlap or leave gaps.
/// </summary>
/// <param name="Code">Stable ASCII key (xuat_sac).</param>
/// <param name="Name">Vietnamese name (Xuất sắc).</param>
/// <param name="MinTotal">Điểm từ: the lowest total in the band (inclusive).</param>
/// <param name="IsRecognized">Whether a case graded here is recommended for recognition (công nhận) at the council's level.</param>
public sealed record GradeBand(string Code, string Name, decimal MinTotal, bool IsRecognized);

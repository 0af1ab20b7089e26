using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Appraisal.API.Domain;

/// <summary>
/// Who the caller is to a council, as its tenures and area say at the instant: whether they run it (its current secretary
/// or chair: hội đồng do Thư ký điều hành), oversee it (a Front officer whose area covers the council's) or sit on it.
/// The rules below answer what that lets them do: null when allowed, else the refusal.
/// </summary>
public sealed record CouncilAccess(string CouncilName, bool Runs, bool Oversees, bool Sits)
{
    /// <summary>404 <c>council_not_found</c>.</summary>
    public static Refusal NotFound { get; } = Refusal.NotFound("council_not_found", "Không tìm thấy hội đồng thẩm định.");

    /// <summary>403 <c>council_not_yours</c> unless the caller runs the council (or, with <paramref name="orOverseer"/>, oversees it).</summary>
    public Refusal? RefuseRun(bool orOverseer = false) => Runs || (orOverseer && Oversees)
        ? null
        : Refusal.Forbidden("council_not_yours",
            $"Chỉ Thư ký hoặc Chủ tịch đương nhiệm của {CouncilName}{(orOverseer ? " hoặc cán bộ Mặt trận phụ trách địa bàn" : string.Empty)} được thực hiện thao tác này.");

    /// <summary>403 <c>council_not_yours</c> unless the caller runs, oversees or sits on the council.</summary>
    public Refusal? RefuseRead() => Sits || Oversees
        ? null
        : Refusal.Forbidden("council_not_yours", $"Bạn không phải thành viên của {CouncilName} và không phụ trách địa bàn của hội đồng.");
}

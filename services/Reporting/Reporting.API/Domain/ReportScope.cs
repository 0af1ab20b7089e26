using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Reporting.API.Domain;

/// <summary>Phạm vi xem báo cáo: an officer reads the figures of the area they are responsible for, no more.</summary>
public static class ReportScope
{
    /// <summary>Asked for the nation without being the centre, or for a province outside the caller's reach.</summary>
    public static readonly Refusal OutsideScope = Refusal.Forbidden("report_outside_scope",
        "Bạn chỉ được xem số liệu của địa bàn mình phụ trách. Vui lòng chọn đúng tỉnh/thành phố của bạn.");
}

using DoanKetSangTao.Awards.API.Certificates;
using DoanKetSangTao.Awards.API.Domain;
using DoanKetSangTao.Awards.API.Infrastructure;
using DoanKetSangTao.Domain;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Awards.API.Apis;

/// <summary>Giấy chứng nhận: a decision's in one file, a person's own, and one by its code.</summary>
public static class CertificatesApi
{
    public static RouteGroupBuilder MapCertificatesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/commendations").WithTags("Giấy chứng nhận (certificates)");
        api.MapGet("/decisions/{id:guid}/certificates.pdf", DecisionCertificates).RequireRoles(DecisionsApi.OfficerRoles);
        // Every signed-in person: an author downloads their own; an officer those of decisions they may read.
        api.MapGet("/certificates/mine", MyCertificates).RequireAuthorization();
        api.MapGet("/certificates/{code}.pdf", DownloadCertificate).RequireAuthorization();
        return api;
    }

    /// <summary>Tất cả giấy chứng nhận của một quyết định trong một tệp PDF (mỗi trang một người/tập thể).</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DecisionCertificates(
        Guid id, DecisionStore decisions, CertificateStore certificates, CurrentUser user, CancellationToken ct)
    {
        if (DecisionsApi.BodyOf(user) is not { } body || await decisions.FindAsync(id, ct) is not { } row || !body.CanRead(row.BodyKey, row.BodyProvince, row.BodyCommune))
        {
            return CommendationDecisionRules.NotFound.ToProblem();
        }

        var all = await certificates.ForDecisionAsync(id, ct);
        if (all.Count == 0)
        {
            return CertificateRefusals.NotYet.ToProblem();
        }

        var pdf = CertificatePdf.RenderMany(all.Select(c => c.ToContent()));
        return TypedResults.File(pdf, "application/pdf", $"giay-chung-nhan-{(row.NumberText ?? id.ToString()).Replace('/', '-')}.pdf");
    }

    /// <summary>Giấy chứng nhận của tôi: those naming my account or my e-mail.</summary>
    public static async Task<Ok<List<MyCertificateResponse>>> MyCertificates(CertificateStore certificates, CurrentUser user, CancellationToken ct)
    {
        var rows = await certificates.ForHolderAsync(user.Id, user.Email, ct);
        return TypedResults.Ok(rows.Select(c => new MyCertificateResponse(
            c.Code, c.DecisionStatus == DecisionStatuses.Issued ? "valid" : c.DecisionStatus, c.AwardName, c.BodyName, c.NumberText, c.DecisionDate,
            c.FullName, c.InitiativeTitle, c.Status == "ready", $"/api/v1/commendations/certificates/{c.Code}.pdf", c.Seal)).ToList());
    }

    /// <summary>Tải một giấy chứng nhận (PDF): người được khen thưởng, hoặc cán bộ được xem quyết định.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadCertificate(
        string code, CertificateStore certificates, CurrentUser user, CancellationToken ct)
    {
        if (!VerificationCode.IsWellFormed(code) || await certificates.FindAsync(code, ct) is not { } row || !MayDownload(user, row))
        {
            return CertificateRefusals.NotFound.ToProblem();
        }

        return await certificates.PdfAsync(code, ct) is { } pdf
            ? TypedResults.File(pdf, "application/pdf", $"giay-chung-nhan-{code}.pdf")
            : CertificateRefusals.NotYet.ToProblem();
    }

    private static bool MayDownload(CurrentUser user, CertificateRow row)
    {
        if (row.AccountId == user.Id || (user.Email is { } email && string.Equals(row.Email, email, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        return DecisionsApi.IsOfficer(user) && DecisionsApi.BodyOf(user) is { } body && body.CanRead(row.BodyKey, row.BodyProvince, row.BodyCommune);
    }
}

/// <summary>Refusals about certificates.</summary>
public static class CertificateRefusals
{
    public static readonly Refusal NotFound = Refusal.NotFound("certificate_not_found",
        "Không tìm thấy giấy chứng nhận này trong phạm vi của bạn. Kiểm tra lại mã trên giấy.");

    public static readonly Refusal NotYet = Refusal.Conflict("certificate_not_ready",
        "Giấy chứng nhận đang được tạo. Vui lòng thử lại sau ít phút (xem tiến độ ở trang quyết định).");
}

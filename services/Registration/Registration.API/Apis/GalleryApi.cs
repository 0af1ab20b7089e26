using System.Text;
using System.Text.Json;
using DoanKetSangTao.Contracts.Paging;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Registration.API.Domain;
using DoanKetSangTao.Registration.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace DoanKetSangTao.Registration.API.Apis;

/// <summary>What the gallery's endpoints need, bundled for <c>[AsParameters]</c>.</summary>
public sealed class GalleryServices(ServiceDatabase db, GalleryStore gallery, TimeProvider clock)
{
    public ServiceDatabase Db { get; } = db;

    public GalleryStore Gallery { get; } = gallery;

    public TimeProvider Clock { get; } = clock;

    /// <summary>Today in Vietnam.</summary>
    public DateOnly Today => DateOnly.FromDateTime(VietnamTime.ToLocal(Clock.GetUtcNow()).DateTime);
}

/// <summary>
/// Thư viện sáng kiến công khai, <c>/api/v1/gallery</c>: the recognized initiatives whose authors agreed to publish them,
/// searchable and filterable, each with its page, the units that report applying it (nhân rộng), and the whole as open
/// data (CSV, JSON, a DCAT-AP catalog). Read without signing in (the gateway limits each address); only officers
/// report replications. The authors' consent is given or withdrawn at <c>/api/v1/initiatives/{id}/publication-consent</c>.
/// Registration holds it because the text, the authors, the unit and the consent are registration's, and it already
/// keeps appraisal's decisions (docs/decisions/0011-gallery-in-registration.md).
/// </summary>
public static class GalleryApi
{
    public const int IdempotencyKeyMaxLength = 100;

    /// <summary>Rows read per round trip while the open data is written out.</summary>
    private const int OpenDataBatch = 500;

    public static IEndpointRouteBuilder MapGalleryApi(this IEndpointRouteBuilder app)
    {
        var gallery = app.MapGroup("/api/v1/gallery").WithTags("Thư viện sáng kiến (gallery)");
        gallery.MapGet("/initiatives", ListGallery).AllowAnonymous().AddEndpointFilter(OnlyParameters(GalleryQuery.ListParameters));
        gallery.MapGet("/initiatives/{id:guid}", GetGalleryInitiative).AllowAnonymous().AddEndpointFilter(OnlyParameters([]));
        gallery.MapPost("/initiatives/{id:guid}/replications", ReportReplication)
            .RequireRoles(PlatformRoles.UnitOfficer, PlatformRoles.MemberOrganizationOfficer, PlatformRoles.FrontOfficer)
            .AddEndpointFilter(OnlyParameters([]));
        gallery.MapGet("/open-data.csv", OpenDataCsv).AllowAnonymous().AddEndpointFilter(OnlyParameters([]))
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        gallery.MapGet("/open-data.json", OpenDataJson).AllowAnonymous().AddEndpointFilter(OnlyParameters([]))
            .Produces<List<GalleryInitiativeResponse>>(StatusCodes.Status200OK);
        gallery.MapGet("/catalog.jsonld", Catalog).AllowAnonymous().AddEndpointFilter(OnlyParameters([]))
            .Produces(StatusCodes.Status200OK, contentType: "application/ld+json");

        var consent = app.MapGroup("/api/v1/initiatives").WithTags("Sáng kiến (initiatives)");
        consent.MapGet("/{id:guid}/publication-consent", GetPublicationConsent);
        consent.MapPut("/{id:guid}/publication-consent", SetPublicationConsent).RequireRoles(PlatformRoles.Author);
        return app;
    }

    /// <summary>
    /// Thư viện sáng kiến: recognized initiatives whose authors agreed to publish them, newest first. <c>q</c> finds words
    /// with or without diacritics; <c>provinceCode</c> (2 digits), <c>field</c>, <c>year</c> (of recognition) and
    /// <c>level</c> (commune, province, central: the highest reached) filter; <c>cursor</c> and <c>limit</c> (1–100)
    /// page. Any other parameter is refused (400 <c>unknown_query_parameter</c>).
    /// </summary>
    public static async Task<Results<Ok<Page<GalleryInitiativeResponse>>, ProblemHttpResult>> ListGallery(
        [FromQuery] string? q, [FromQuery] string? provinceCode, [FromQuery] string? field, [FromQuery] string? year, [FromQuery] string? level,
        [FromQuery] string? cursor, [FromQuery] string? limit, [AsParameters] GalleryServices services, CancellationToken ct)
    {
        var (filter, refusal) = GalleryQuery.Validate(q, provinceCode, field, year, level, limit, services.Today.Year);
        if (refusal is not null)
        {
            return refusal.ToProblem();
        }

        Guid? after = null;
        if (cursor is not null)
        {
            if (!Cursor.TryRead(cursor, out var last))
            {
                return Refusal.Invalid("cursor", "Con trỏ trang không hợp lệ; vui lòng tải lại danh sách từ trang đầu.").ToProblem();
            }

            after = last;
        }

        var rows = await services.Gallery.PageAsync(filter!, after, filter!.Limit + 1, ct);
        var next = rows.Count > filter.Limit ? Cursor.From(rows[filter.Limit - 1].Id) : null;
        return TypedResults.Ok(new Page<GalleryInitiativeResponse>(rows.Take(filter.Limit).Select(GalleryInitiativeResponse.From).ToList(), next));
    }

    /// <summary>
    /// Trang của một sáng kiến: what the list shows, the units that report applying it, and their count per province
    /// (the map). 404 for anything not published, without saying whether it exists.
    /// </summary>
    public static async Task<Results<Ok<GalleryInitiativeDetailsResponse>, ProblemHttpResult>> GetGalleryInitiative(
        Guid id, [AsParameters] GalleryServices services, CancellationToken ct)
    {
        if (await services.Gallery.FindAsync(id, ct) is not { } row)
        {
            return GalleryRefusals.NotPublished.ToProblem();
        }

        var (replications, map) = await services.Gallery.ReplicationsAsync(id, ct);
        return TypedResults.Ok(GalleryInitiativeDetailsResponse.From(row, replications, map));
    }

    /// <summary>
    /// Báo cáo áp dụng (nhân rộng): an officer reports that their unit (the token's organization, or the Front committee
    /// of their area) applies a published initiative, since a date, in a commune of their area, with results. One report
    /// per unit and initiative: a second is refused (409 <c>replication_already_reported</c>). With an
    /// <c>Idempotency-Key</c>, a retry returns the report the first request made.
    /// </summary>
    public static async Task<Results<Created<GalleryReplicationResponse>, Ok<GalleryReplicationResponse>, ProblemHttpResult>> ReportReplication(
        Guid id, ReplicationRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, [AsParameters] GalleryServices services,
        CurrentUser user, OrganizationStore organizations, AdministrativeUnitStore units, CancellationToken ct)
    {
        if (await ReportingUnitAsync(user, organizations, services.Gallery, ct) is not { } unit)
        {
            return GalleryRefusals.NoReportingUnit.ToProblem();
        }

        if (idempotencyKey is { Length: 0 or > IdempotencyKeyMaxLength })
        {
            return RegistrationRefusals.InvalidIdempotencyKey(IdempotencyKeyMaxLength).ToProblem();
        }

        var (report, invalid) = ReplicationRules.Validate(request.ToForm(), services.Today);
        if (invalid is not null)
        {
            return invalid.ToProblem();
        }

        // The named commune, or the unit's own (which a reorganization may have retired), must be one in force.
        var province = (report!.CommuneCode ?? unit.DefaultCommune) is { } target ? await units.ProvinceOfCommuneAsync(target, ct) : null;
        var (commune, misplaced) = ReplicationRules.Place(unit, report.CommuneCode, province);
        if (misplaced is not null)
        {
            return misplaced.ToProblem();
        }

        var fingerprint = $"{report.Fingerprint()}:{id}:{unit.Key}:{commune}";
        if (idempotencyKey is not null && await ReplayAsync(services, user.Id, idempotencyKey, fingerprint, ct) is { } replay)
        {
            return replay;
        }

        await using var transaction = await services.Db.BeginAsync(ct);
        if (!await services.Gallery.LockPublishedAsync(transaction, id, ct))
        {
            return GalleryRefusals.NotPublished.ToProblem();
        }

        var replicationId = Guid.CreateVersion7();
        var row = new NewReplication(replicationId, id, unit, province!, commune!, report, user.Id, idempotencyKey, fingerprint, services.Clock.GetUtcNow());
        if (!await services.Gallery.InsertReplicationAsync(transaction, row, ct))
        {
            await transaction.RollbackAsync(ct);
            // A concurrent retry with the same key, or this unit's earlier report.
            return (idempotencyKey is null ? null : await ReplayAsync(services, user.Id, idempotencyKey, fingerprint, ct))
                ?? GalleryRefusals.AlreadyReported.ToProblem();
        }

        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/gallery/initiatives/{id}",
            GalleryReplicationResponse.From((await services.Gallery.ReplicationAsync(replicationId, ct, transaction))!));
    }

    /// <summary>
    /// Dữ liệu mở (CSV): the whole gallery, one row per published initiative with the list's columns (authors separated
    /// by "; "), UTF-8 with a byte-order mark so that Excel shows Vietnamese, a header row, CRLF line ends.
    /// </summary>
    public static PushStreamHttpResult OpenDataCsv(HttpContext http, [AsParameters] GalleryServices services) =>
        TypedResults.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024);
            await writer.WriteAsync(GalleryCsv.Row(GalleryCsv.Header));
            await foreach (var item in AllPublishedAsync(services, http.RequestAborted))
            {
                await writer.WriteAsync(GalleryCsv.Row(
                [
                    item.Id.ToString(), item.Title, item.Summary, string.Join(GalleryCsv.NameSeparator, item.Authors), item.UnitName, item.ProvinceCode,
                    item.ProvinceName, item.Level, item.LevelName, item.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), item.Field,
                    item.FieldName, item.ReplicationCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ]));
            }
        }, "text/csv; charset=utf-8", "thu-vien-sang-kien.csv");

    /// <summary>Dữ liệu mở (JSON): the whole gallery as an array of the list's items.</summary>
    public static PushStreamHttpResult OpenDataJson(HttpContext http, [AsParameters] GalleryServices services, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) =>
        TypedResults.Stream(async body =>
        {
            // Serialized into memory a batch at a time and copied out asynchronously: the server allows no synchronous writes.
            var buffer = new System.Buffers.ArrayBufferWriter<byte>(32 * 1024);
            await using var writer = new Utf8JsonWriter(buffer);
            async Task DrainAsync()
            {
                await writer.FlushAsync(http.RequestAborted);
                await body.WriteAsync(buffer.WrittenMemory, http.RequestAborted);
                buffer.ResetWrittenCount();
            }

            writer.WriteStartArray();
            await foreach (var item in AllPublishedAsync(services, http.RequestAborted))
            {
                JsonSerializer.Serialize(writer, item, json.Value.SerializerOptions);
                if (buffer.WrittenCount + writer.BytesPending > 16 * 1024)
                {
                    await DrainAsync();
                }
            }

            writer.WriteEndArray();
            await DrainAsync();
        }, "application/json; charset=utf-8", "thu-vien-sang-kien.json");

    /// <summary>
    /// Mô tả dữ liệu mở (DCAT-AP, JSON-LD): a <c>dcat:Catalog</c> holding one <c>dcat:Dataset</c>, the gallery, with its
    /// two <c>dcat:Distribution</c>s (CSV and JSON), the licence, the publisher and the date the data last changed.
    /// </summary>
    public static async Task<ContentHttpResult> Catalog(
        HttpRequest http, IConfiguration configuration, [AsParameters] GalleryServices services, CancellationToken ct)
    {
        // Behind the gateway the public address is configured; otherwise the request's own.
        var origin = (configuration["Gallery:PublicBaseUrl"] ?? $"{http.Scheme}://{http.Host}{http.PathBase}").TrimEnd('/');
        var modified = await services.Gallery.LastModifiedAsync(ct) is { } at
            ? VietnamTime.ToLocal(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc))).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
            : null;
        var document = GalleryCatalog.Build(origin, modified);
        return TypedResults.Text(document.ToJsonString(), "application/ld+json; charset=utf-8", Encoding.UTF8);
    }

    /// <summary>Whether the authors agreed to publish the initiative, to whoever may read the initiative.</summary>
    public static async Task<Results<Ok<PublicationConsentResponse>, ProblemHttpResult>> GetPublicationConsent(
        Guid id, CurrentUser user, InitiativeQueries initiatives, GalleryStore gallery, CancellationToken ct)
    {
        if (RegistrationRefusals.ToRead(await initiatives.ReadableAsync(id, user, councilByArea: true, ct),
                RegistrationRefusals.InitiativeNotFound, RegistrationRefusals.InitiativeOutsideScope) is { } refusal)
        {
            return refusal.ToProblem();
        }

        return TypedResults.Ok(PublicationConsentResponse.From((await gallery.ConsentAsync(id, ct))!));
    }

    /// <summary>
    /// Đồng ý / rút đồng ý công bố: the author who registered the initiative gives or withdraws the authors' consent;
    /// withdrawn, the initiative leaves the gallery and its open data at once (its replication reports are kept, hidden).
    /// </summary>
    public static async Task<Results<Ok<PublicationConsentResponse>, ProblemHttpResult>> SetPublicationConsent(
        Guid id, PublicationConsentRequest request, CurrentUser user, ServiceDatabase db, InitiativeStore initiatives, GalleryStore gallery,
        TimeProvider clock, CancellationToken ct)
    {
        await using var transaction = await db.BeginAsync(ct);
        var row = await initiatives.LockAsync(transaction, id, ct);
        if (RegistrationRefusals.UnlessAuthor(row?.RegisteredBy, user.Id) is { } notYours)
        {
            return notYours.ToProblem();
        }

        if (request.Consent is not { } consent)
        {
            return GalleryRefusals.ConsentRequired.ToProblem();
        }

        await gallery.SetConsentAsync(transaction, id, consent, user.Id, clock.GetUtcNow(), ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(PublicationConsentResponse.From((await gallery.ConsentAsync(id, ct, transaction))!));
    }

    /// <summary>The published initiatives, newest first, read in batches so that the open data never sits whole in memory.</summary>
    private static async IAsyncEnumerable<GalleryInitiativeResponse> AllPublishedAsync(
        GalleryServices services, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var everything = new GalleryFilter(null, null, null, null, null, OpenDataBatch);
        Guid? after = null;
        while (true)
        {
            var rows = await services.Gallery.PageAsync(everything, after, OpenDataBatch, ct);
            foreach (var row in rows)
            {
                yield return GalleryInitiativeResponse.From(row);
            }

            if (rows.Count < OpenDataBatch)
            {
                yield break;
            }

            after = rows[^1].Id;
        }
    }

    /// <summary>
    /// The unit the caller reports for: their organization (unit and member-organization officers), else the Front
    /// committee of their area (Front officers); null when the token names neither.
    /// </summary>
    private static async Task<ReportingUnit?> ReportingUnitAsync(CurrentUser user, OrganizationStore organizations, GalleryStore gallery, CancellationToken ct)
    {
        if ((user.IsInRole(PlatformRoles.UnitOfficer) || user.IsInRole(PlatformRoles.MemberOrganizationOfficer))
            && Guid.TryParse(user.OrganizationId, out var organizationId) && await organizations.FindAsync(organizationId, ct) is { } organization)
        {
            return new ReportingUnit(organizationId.ToString(), organizationId, organization.Name, organization.CommuneCode,
                new AdministrativeScope(organization.ProvinceCode, organization.CommuneCode));
        }

        if (user.IsInRole(PlatformRoles.FrontOfficer) && user.Scope is { } scope)
        {
            var unitName = scope.Level switch
            {
                AdministrativeLevel.Central => null,
                AdministrativeLevel.Province => await gallery.UnitNameAsync(scope.ProvinceCode!, ct),
                _ => await gallery.UnitNameAsync(scope.CommuneCode!, ct),
            };
            return new ReportingUnit("front:" + scope.Path, null, ReplicationRules.FrontCommitteeName(scope, unitName), scope.CommuneCode, scope);
        }

        return null;
    }

    /// <summary>The answer to a retry: the report the key made, or 422 when the key came with another report.</summary>
    private static async Task<Results<Created<GalleryReplicationResponse>, Ok<GalleryReplicationResponse>, ProblemHttpResult>?> ReplayAsync(
        GalleryServices services, string userId, string key, string fingerprint, CancellationToken ct)
    {
        var found = await services.Gallery.FindByKeyAsync(userId, key, ct);
        if (found is null)
        {
            return null;
        }

        return found.Fingerprint != fingerprint
            ? GalleryRefusals.IdempotencyKeyReused.ToProblem()
            : TypedResults.Ok(GalleryReplicationResponse.From((await services.Gallery.ReplicationAsync(found.Id, ct))!));
    }

    /// <summary>Refuses a query parameter the endpoint does not take, or one given twice (<see cref="GalleryQuery.CheckNames"/>).</summary>
    private static Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> OnlyParameters(IReadOnlyList<string> allowed) =>
        async (context, next) =>
            GalleryQuery.CheckNames(context.HttpContext.Request.Query.Select(p => (p.Key, p.Value.Count)), allowed) is { } refused
                ? refused.ToProblem()
                : await next(context);
}

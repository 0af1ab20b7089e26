using System.Text.Json.Nodes;

namespace DoanKetSangTao.Registration.API.Domain;

/// <summary>
/// Mô tả dữ liệu mở theo DCAT-AP: a <c>dcat:Catalog</c> with one <c>dcat:Dataset</c> (the gallery) and its two
/// <c>dcat:Distribution</c>s, CSV and JSON, in JSON-LD with the prefixes spelt out in the context so that a harvester
/// needs no remote context. DCAT-AP's mandatory properties are present (title and description of catalog and dataset,
/// the catalog's publisher and datasets, each distribution's access URL), with the recommended licence, format, media
/// type, language and modification date.
/// </summary>
public static class GalleryCatalog
{
    public const string CatalogPath = "/api/v1/gallery/catalog.jsonld";
    public const string CsvPath = "/api/v1/gallery/open-data.csv";
    public const string JsonPath = "/api/v1/gallery/open-data.json";
    public const string ListPath = "/api/v1/gallery/initiatives";

    private const string Licence = "https://creativecommons.org/licenses/by/4.0/";
    private const string Vietnamese = "http://publications.europa.eu/resource/authority/language/VIE";

    /// <param name="origin">The public address the paths are under, without a trailing slash.</param>
    /// <param name="modified">The day (yyyy-mm-dd, Vietnam) the published data last changed; null when nothing was ever published.</param>
    public static JsonObject Build(string origin, string? modified)
    {
        var publisher = new JsonObject
        {
            ["@type"] = "foaf:Agent",
            ["foaf:name"] = Text(GalleryPublisher.Name),
        };

        JsonObject Distribution(string path, string title, string mediaType, string format) => new()
        {
            ["@id"] = origin + path,
            ["@type"] = "dcat:Distribution",
            ["dct:title"] = Text(title),
            ["dcat:accessURL"] = Id(origin + path),
            ["dcat:downloadURL"] = Id(origin + path),
            ["dcat:mediaType"] = Id("http://www.iana.org/assignments/media-types/" + mediaType),
            ["dct:format"] = Id("http://publications.europa.eu/resource/authority/file-type/" + format),
            ["dct:license"] = Id(Licence),
        };

        var dataset = new JsonObject
        {
            ["@id"] = origin + ListPath,
            ["@type"] = "dcat:Dataset",
            ["dct:title"] = Text("Thư viện sáng kiến \"Đoàn kết sáng tạo\" được công nhận"),
            ["dct:description"] = Text(
                "Các sáng kiến được hội đồng thẩm định các cấp công nhận mà tác giả đồng ý công bố: tên, tóm tắt, tác giả, đơn vị, "
                + "cấp và năm công nhận, lĩnh vực, số đơn vị báo cáo áp dụng (nhân rộng)."),
            ["dct:publisher"] = publisher.DeepClone(),
            ["dct:language"] = Id(Vietnamese),
            ["dct:license"] = Id(Licence),
            ["dcat:keyword"] = new JsonArray(Text("sáng kiến"), Text("Đoàn kết sáng tạo"), Text("nhân rộng"), Text("Mặt trận Tổ quốc Việt Nam")),
            ["dcat:landingPage"] = Id(origin + ListPath),
            ["dcat:distribution"] = new JsonArray(
                Distribution(CsvPath, "Thư viện sáng kiến (CSV, UTF-8)", "text/csv", "CSV"),
                Distribution(JsonPath, "Thư viện sáng kiến (JSON)", "application/json", "JSON")),
        };

        var catalog = new JsonObject
        {
            ["@context"] = new JsonObject
            {
                ["dcat"] = "http://www.w3.org/ns/dcat#",
                ["dct"] = "http://purl.org/dc/terms/",
                ["foaf"] = "http://xmlns.com/foaf/0.1/",
                ["xsd"] = "http://www.w3.org/2001/XMLSchema#",
            },
            ["@id"] = origin + CatalogPath,
            ["@type"] = "dcat:Catalog",
            ["dct:title"] = Text("Dữ liệu mở về sáng kiến \"Đoàn kết sáng tạo\""),
            ["dct:description"] = Text("Danh mục dữ liệu mở của phong trào thi đua \"Đoàn kết sáng tạo\" do Mặt trận Tổ quốc Việt Nam công bố."),
            ["dct:publisher"] = publisher,
            ["dct:language"] = Id(Vietnamese),
            ["dct:license"] = Id(Licence),
            ["dcat:dataset"] = new JsonArray(dataset),
        };

        if (modified is not null)
        {
            var date = new JsonObject { ["@value"] = modified, ["@type"] = "xsd:date" };
            catalog["dct:modified"] = date;
            dataset["dct:modified"] = date.DeepClone();
        }

        return catalog;
    }

    private static JsonObject Text(string value) => new() { ["@value"] = value, ["@language"] = "vi" };

    private static JsonObject Id(string iri) => new() { ["@id"] = iri };
}

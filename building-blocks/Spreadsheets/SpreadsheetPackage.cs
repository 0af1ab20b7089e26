using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;

namespace DoanKetSangTao.Spreadsheets;

/// <summary>The Open Packaging Conventions files an .xlsx needs around its parts (ECMA-376 Part 2).</summary>
internal static class SpreadsheetPackage
{
    internal const string WorkbookPath = "xl/workbook.xml";
    internal const string StylesPath = "xl/styles.xml";

    private const string ContentTypesNamespace = "http://schemas.openxmlformats.org/package/2006/content-types";
    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string OfficeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
    private const string SpreadsheetMl = "application/vnd.openxmlformats-officedocument.spreadsheetml.";
    private const string StylesRelationshipId = "rIdStyles";

    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false) };

    public static string SheetRelationshipId(int index) => string.Create(CultureInfo.InvariantCulture, $"rId{index + 1}");

    public static void WriteContentTypes(ZipArchive zip, IReadOnlyList<string> sheetPaths) =>
        WriteXml(zip, "[Content_Types].xml", xml =>
        {
            xml.WriteStartElement("Types", ContentTypesNamespace);
            Default(xml, "rels", "application/vnd.openxmlformats-package.relationships+xml");
            Default(xml, "xml", "application/xml");
            Override(xml, "/" + WorkbookPath, SpreadsheetMl + "sheet.main+xml");
            Override(xml, "/" + StylesPath, SpreadsheetMl + "styles+xml");
            foreach (var path in sheetPaths)
            {
                Override(xml, "/xl/" + path, SpreadsheetMl + "worksheet+xml");
            }

            xml.WriteEndElement();
        });

    public static void WriteRootRelationships(ZipArchive zip) =>
        WriteXml(zip, "_rels/.rels", xml =>
        {
            xml.WriteStartElement("Relationships", RelationshipsNamespace);
            Relationship(xml, "rId1", "officeDocument", WorkbookPath);
            xml.WriteEndElement();
        });

    public static void WriteWorkbookRelationships(ZipArchive zip, IReadOnlyList<string> sheetPaths) =>
        WriteXml(zip, "xl/_rels/workbook.xml.rels", xml =>
        {
            xml.WriteStartElement("Relationships", RelationshipsNamespace);
            for (var i = 0; i < sheetPaths.Count; i++)
            {
                Relationship(xml, SheetRelationshipId(i), "worksheet", sheetPaths[i]);
            }

            Relationship(xml, StylesRelationshipId, "styles", "styles.xml");
            xml.WriteEndElement();
        });

    /// <summary>One part written with the SDK's SAX writer straight into its zip entry.</summary>
    public static void WritePart(ZipArchive zip, string path, Action<OpenXmlWriter> write)
    {
        using var stream = zip.CreateEntry(path).Open();
        using var writer = OpenXmlWriter.Create(stream);
        writer.WriteStartDocument(true);
        write(writer);
        writer.Close();
    }

    private static void WriteXml(ZipArchive zip, string path, Action<XmlWriter> write)
    {
        using var stream = zip.CreateEntry(path).Open();
        using var xml = XmlWriter.Create(stream, Settings);
        xml.WriteStartDocument(true);
        write(xml);
        xml.WriteEndDocument();
    }

    private static void Default(XmlWriter xml, string extension, string contentType)
    {
        xml.WriteStartElement("Default", ContentTypesNamespace);
        xml.WriteAttributeString("Extension", extension);
        xml.WriteAttributeString("ContentType", contentType);
        xml.WriteEndElement();
    }

    private static void Override(XmlWriter xml, string partName, string contentType)
    {
        xml.WriteStartElement("Override", ContentTypesNamespace);
        xml.WriteAttributeString("PartName", partName);
        xml.WriteAttributeString("ContentType", contentType);
        xml.WriteEndElement();
    }

    private static void Relationship(XmlWriter xml, string id, string type, string target)
    {
        xml.WriteStartElement("Relationship", RelationshipsNamespace);
        xml.WriteAttributeString("Id", id);
        xml.WriteAttributeString("Type", OfficeRelationships + type);
        xml.WriteAttributeString("Target", target);
        xml.WriteEndElement();
    }
}

namespace DoanKetSangTao.Contracts.Paging;

/// <summary>
/// Một trang kết quả: the one shape of every list the platform pages. <see cref="NextCursor"/> is opaque and null on
/// the last page; the caller passes it back as <c>cursor</c> to read on (keyset paging: no row skipped or repeated
/// while others write). A list that must keep an older schema name derives from it without adding members.
/// </summary>
public record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

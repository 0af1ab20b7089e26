using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace DoanKetSangTao.Identity.API.Infrastructure;

/// <summary>An Identity token as it travels in a letter's link (base64url of its UTF-8), and back.</summary>
public static class EmailLinkCode
{
    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <summary>The token, or null when the code was altered (not base64url).</summary>
    public static string? TryDecode(string? code)
    {
        if (code is null)
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

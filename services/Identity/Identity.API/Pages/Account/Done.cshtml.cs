using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DoanKetSangTao.Identity.API.Pages.Account;

/// <summary>Where a sign-in or sign-out ends when no application asked for it.</summary>
public sealed class DoneModel : PageModel
{
    public bool SignedIn => (string?)RouteData.Values["state"] == "signed-in";
}

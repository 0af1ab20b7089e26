using System.Globalization;
using DoanKetSangTao.Awards.API.Apis;
using DoanKetSangTao.Awards.API.Domain;

namespace DoanKetSangTao.Awards.API.Extensions;

/// <summary>Sách vàng Sáng tạo Việt Nam in the awards service: its setting; the endpoints are <see cref="GoldenBookApi.MapGoldenBookApi"/>.</summary>
public static class GoldenBookServices
{
    /// <summary>
    /// <c>GoldenBook:Entries</c>: the number of entries of every edition, when the Front sets one; absent (the default),
    /// each edition has as many as the years since National Day (2026: 81). An edition's own number overrides both.
    /// A value that is not a whole number from 1 to 1000 stops the service at start rather than at the first edition.
    /// </summary>
    public static IHostApplicationBuilder AddGoldenBook(this IHostApplicationBuilder builder)
    {
        var value = builder.Configuration["GoldenBook:Entries"];
        int? entries = null;
        if (!string.IsNullOrWhiteSpace(value))
        {
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > GoldenBookEdition.MaxEntries)
            {
                throw new InvalidOperationException(
                    $"GoldenBook:Entries must be a whole number from 1 to {GoldenBookEdition.MaxEntries}, or absent for the years since National Day; it is '{value}'.");
            }

            entries = n;
        }

        builder.Services.AddSingleton(new GoldenBookSettings(entries));
        return builder;
    }
}

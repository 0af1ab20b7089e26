namespace DoanKetSangTao.Domain;

/// <summary>The ranges every bound value must fall in, whatever the endpoint; endpoints and the domain narrow them further.</summary>
public static class InputBounds
{
    /// <summary>Nothing the platform records (decisions, deadlines, first application) predates the country's founding in 1945.</summary>
    public static readonly DateOnly MinDate = new(1945, 1, 1);

    public static readonly DateOnly MaxDate = new(2100, 12, 31);

    /// <summary>Far above any score, weight or count the platform takes, far below where decimal arithmetic overflows.</summary>
    public const decimal MaxDecimal = 1_000_000_000_000m;

    public static bool IsSaneDate(DateOnly value) => value >= MinDate && value <= MaxDate;

    /// <summary>"01/01/1945 đến 31/12/2100", for messages.</summary>
    public static string DateRange => $"{MinDate:dd/MM/yyyy} đến {MaxDate:dd/MM/yyyy}";
}

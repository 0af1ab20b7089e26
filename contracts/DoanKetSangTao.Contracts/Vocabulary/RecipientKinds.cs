namespace DoanKetSangTao.Contracts.Vocabulary;

/// <summary>Đối tượng khen thưởng: who a commendation goes to, as awards writes it and notification and reporting read it.</summary>
public static class RecipientKinds
{
    /// <summary>Cá nhân: a person (an author, an officer).</summary>
    public const string Individual = "individual";

    /// <summary>Tập thể: a collective (a unit, a school, a union branch, a commune's Front board).</summary>
    public const string Collective = "collective";

    public static bool IsKnown(string? kind) => kind is Individual or Collective;
}

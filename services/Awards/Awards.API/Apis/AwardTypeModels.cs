namespace DoanKetSangTao.Awards.API.Apis;

/// <summary>Một hình thức khen thưởng: its code, name, the council level it is given at ("any": every level) and what it is.</summary>
public sealed record AwardTypeResponse(string Code, string Name, string Level, string Description);

using DoanKetSangTao.Contracts.Vocabulary;

namespace DoanKetSangTao.Registration.API.Domain;

/// <summary>What the appraisal events have said about an initiative at one council level (commune, province, central).</summary>
public sealed record LevelFacts(string Level, bool Nominated, int? OpenedVersion, int? ReturnedVersion, string? Decision);

/// <summary>
/// Where an initiative stands in appraisal, level and stage apart: "được đề cử lên Hội đồng Trung ương, đang thẩm định tại
/// đó" rather than a status that is <c>nominated</c> for a few milliseconds and then <c>under_appraisal</c>.
/// </summary>
public sealed record AppraisalStanding(string Level, string Stage, string Label, bool Nominated);

/// <summary>
/// Derives the standing from the facts of every level, whatever order they arrived in: the highest level any event
/// names, and there the furthest stage (a decision; else a return of a version not resubmitted since; else an open
/// case; else only the nomination, waiting for the council there to open a case).
/// </summary>
public static class AppraisalPosition
{
    public const string Commune = CouncilLevels.Commune;
    public const string Province = CouncilLevels.Province;
    public const string Central = CouncilLevels.Central;

    /// <summary>Đã được đề cử, chờ hội đồng cấp trên tiếp nhận.</summary>
    public const string NominatedStage = "nominated";

    /// <summary>Đang thẩm định.</summary>
    public const string UnderAppraisal = "under_appraisal";

    /// <summary>Hồ sơ bị trả lại để bổ sung.</summary>
    public const string Returned = "returned";

    /// <summary>Được công nhận.</summary>
    public const string Recognized = "recognized";

    /// <summary>Không được công nhận.</summary>
    public const string NotRecognized = "not_recognized";

    public static bool IsLevel(string? level) => CouncilLevels.IsKnown(level);

    public static AppraisalStanding? Of(IEnumerable<LevelFacts> facts)
    {
        var top = facts.Where(f => IsLevel(f.Level)).OrderByDescending(f => CouncilLevels.All.TakeWhile(level => level != f.Level).Count()).FirstOrDefault();
        if (top is null)
        {
            return null;
        }

        var stage = top.Decision is { } decision ? decision
            : top.ReturnedVersion is { } returned && returned >= (top.OpenedVersion ?? 0) ? Returned
            : top.OpenedVersion is not null ? UnderAppraisal
            : NominatedStage;
        return new AppraisalStanding(top.Level, stage, Label(top.Level, stage, top.Nominated), top.Nominated);
    }

    /// <summary>The standing in words: "Được đề cử lên Hội đồng Trung ương, đang thẩm định tại đó".</summary>
    public static string Label(string level, string stage, bool nominated)
    {
        var council = level switch
        {
            Commune => "hội đồng cấp xã",
            Province => "hội đồng cấp tỉnh",
            _ => "Hội đồng Trung ương",
        };
        if (nominated)
        {
            return stage switch
            {
                UnderAppraisal => $"Được đề cử lên {council}, đang thẩm định tại đó",
                Returned => $"Được đề cử lên {council}, hồ sơ bị trả lại để bổ sung",
                Recognized => $"Được đề cử lên {council} và được công nhận",
                NotRecognized => $"Được đề cử lên {council} nhưng không được công nhận",
                _ => $"Được đề cử lên {council}, chờ hội đồng tiếp nhận",
            };
        }

        return stage switch
        {
            Returned => $"Hồ sơ bị {council} trả lại để bổ sung",
            Recognized => $"Được {council} công nhận",
            NotRecognized => $"Không được {council} công nhận",
            _ => $"Đang thẩm định tại {council}",
        };
    }
}

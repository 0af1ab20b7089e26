using System.Globalization;
using System.Text;

namespace DoanKetSangTao.Benchmarks;

/// <summary>One outbound channel of the wave: its deliveries by status, and when the first and last were sent (seconds after the PUT).</summary>
internal sealed record WaveChannel(string Channel, int Sent, int Failed, int Dead, int Open, int Fallbacks, double? FirstSentS, double? LastSentS,
    (int Received, int Accepted)? Simulator);

internal sealed record ReminderWaveResult(
    int Units, int Communes, int Provinces, int Officers, TimeSpan SeedTime, DateTime FiredAt, double PutMs, TimeSpan? NoticesDone, TimeSpan? WaveDone,
    long Notices, int ExpectedNotices, double? FirstNoticeS, double? LastNoticeS, IReadOnlyList<WaveChannel> Channels,
    IReadOnlyDictionary<string, (int Received, int Accepted)> Simulators, long TwiceNotices, long TwiceLedger, long TwiceDeliveries,
    string StepStatus, int? StepUnits, int StepAttempts, IReadOnlyDictionary<string, long> ZaloOfficersBy, double[] IdleMs, double[] DuringMs,
    TimeSpan Timeout, string ZaloTemplate);

internal static class ReminderWaveReport
{
    public static string Markdown(ReminderWaveResult r)
    {
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine("\n## Reminder wave (issue 14)\n");
        md.AppendLine(inv, $"{r.Units:N0} units ({r.Communes:N0} communes of {r.Provinces} provinces, registration's 2025 administrative data), each with one " +
            $"initiative confirmed and no dossier, and three unit officers (Zalo, SMS, e-mail chosen for legal deadlines): {r.Officers:N0} officers, seeded by SQL " +
            $"in {r.SeedTime.TotalSeconds:0} s. One `PUT /api/v1/campaigns/{{id}}/deadlines/dossier` through the gateway ({r.PutMs:0} ms) makes D-3 due at once; " +
            $"times are seconds after that PUT, from the rows notification wrote (same host clock). SMS and Zalo go to the local eSMS/Zalo servers " +
            $"(tests/ProviderSimulators, started by the launcher), e-mail to the SMTP sink; quiet hours off; the Zalo template set by an operator " +
            $"through the gateway first ({r.ZaloTemplate}).\n");
        md.AppendLine("| Measure | Value |\n|---|---:|");
        md.AppendLine(inv, $"| D-3 step | {r.StepStatus}, {r.StepUnits?.ToString(inv) ?? "–"} units, {r.StepAttempts} attempt(s) |");
        md.AppendLine(inv, $"| Notices filed (unit inboxes + officers) | {r.Notices:N0} of {r.ExpectedNotices:N0} |");
        md.AppendLine(inv, $"| First / last notice filed | {S(r.FirstNoticeS)} / {S(r.LastNoticeS)} |");
        md.AppendLine(inv, $"| Every notice seen by the bench's poll (250 ms) | {S(r.NoticesDone?.TotalSeconds)} |");
        md.AppendLine(inv, $"| **Wave done** (every notice filed, step sent, no delivery pending) | **{(r.WaveDone is { } d ? S(d.TotalSeconds) : $"not within {r.Timeout.TotalSeconds:0} s")}** |");
        md.AppendLine(inv, $"| Notices per second (filed, first to last) | {Rate(r.Notices, r.FirstNoticeS, r.LastNoticeS)} |");
        md.AppendLine(inv, $"| Recipients with two notices / ledger rows twice / recipients with two first deliveries | {r.TwiceNotices} / {r.TwiceLedger} / {r.TwiceDeliveries} |");
        md.AppendLine(inv, $"| Zalo-choosing officers' first delivery went by | {string.Join(", ", r.ZaloOfficersBy.Select(p => $"{p.Key}: {p.Value:N0}"))} |");

        md.AppendLine("\n| Channel | Sent | Failed | Dead | Still open | Fallbacks | First sent | Last sent | Deliveries/s (first→last sent) | Deliveries/s (PUT→last sent) | Provider server received / accepted |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var c in r.Channels)
        {
            md.AppendLine(inv, $"| {c.Channel} | {c.Sent:N0} | {c.Failed} | {c.Dead} | {c.Open} | {c.Fallbacks} | {S(c.FirstSentS)} | {S(c.LastSentS)} | " +
                $"{Rate(c.Sent, c.FirstSentS, c.LastSentS)} | {Rate(c.Sent, 0, c.LastSentS)} | {(c.Simulator is { } s ? $"{s.Received:N0} / {s.Accepted:N0}" : "SMTP sink")} |");
        }

        foreach (var (provider, s) in r.Simulators.Where(p => r.Channels.All(c => c.Channel != p.Key)))
        {
            md.AppendLine(inv, $"| {provider} | 0 | – | – | – | – | – | – | – | – | {s.Received:N0} / {s.Accepted:N0} |");
        }

        md.AppendLine(inv, $"\nThe in-app inbox meanwhile: one author registers an initiative through the gateway and polls `GET /api/v1/notifications?limit=5` " +
            $"every 10 ms until its `initiative_registered` notice shows; idle = {r.IdleMs.Length} just before the PUT (after 5 warm-up), during = " +
            $"{r.DuringMs.Length} one after another until the wave was done. Milliseconds.\n");
        md.AppendLine("| Inbox latency | n | p50 | p95 | max |\n|---|---:|---:|---:|---:|");
        foreach (var (name, v) in new[] { ("Idle, before the wave", r.IdleMs), ("During the wave", r.DuringMs) })
        {
            if (v.Length > 0)
            {
                md.AppendLine(inv, $"| {name} | {v.Length} | {SearchReport.P(v, 50):0} | {SearchReport.P(v, 95):0} | {v.Max():0} |");
            }
        }

        if (r.IdleMs.Length > 0 && r.DuringMs.Length > 0)
        {
            md.AppendLine(inv, $"\nRatio during / idle: p50 ×{SearchReport.P(r.DuringMs, 50) / SearchReport.P(r.IdleMs, 50):0.0}, " +
                $"p95 ×{SearchReport.P(r.DuringMs, 95) / SearchReport.P(r.IdleMs, 95):0.0}.");
        }

        return md.ToString();

        string S(double? seconds) => seconds is { } v ? string.Create(inv, $"{v:0.0} s") : "–";

        string Rate(long count, double? from, double? to) => from is { } f && to is { } t && t > f ? string.Create(inv, $"{count / (t - f):0.0}") : "–";
    }
}

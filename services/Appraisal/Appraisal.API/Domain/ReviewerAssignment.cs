using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Appraisal.API.Domain;

/// <summary>A member who may be assigned, with the number of cases they already have to score (số hồ sơ đang chấm).</summary>
public sealed record ReviewerLoad(CouncilMember Member, int CurrentLoad);

/// <summary>Phân công chấm một hồ sơ: the members (person ids) who score a case.</summary>
public sealed record CaseAssignment(Guid CaseId, IReadOnlyList<Guid> MemberIds);

/// <summary>A case the plan could not staff, with how many members were free of conflict and a Vietnamese reason.</summary>
public sealed record UnassignedCase(Guid CaseId, int AvailableReviewers, string Reason);

/// <summary>The outcome of <see cref="ReviewerAssignment.Assign"/>: who scores what, what is left, and each member's load after.</summary>
public sealed record AssignmentPlan(
    IReadOnlyList<CaseAssignment> Assignments,
    IReadOnlyList<UnassignedCase> Unassigned,
    IReadOnlyDictionary<Guid, int> Loads);

/// <summary>
/// Phân công chấm điểm tự động (balanced assignment): each case goes to the N least-loaded members who are
/// current and free of conflict with it, so the work is shared evenly. Deterministic: the same input gives the
/// same plan (ties on load go to the smaller member id), so a secretary can rerun it and get what they saw.
/// </summary>
public static class ReviewerAssignment
{
    public const int MaxReviewersPerCase = 50;

    /// <summary>
    /// Assigns every case to <paramref name="reviewersPerCase"/> members. Cases with the fewest possible reviewers
    /// are staffed first, as they have the least room to choose. A case that cannot get N members is left wholly
    /// unassigned (never half-staffed) and reported with its reason, for the secretary to add members or lower N.
    /// Members not on the council at <paramref name="at"/> are ignored.
    /// </summary>
    public static AssignmentPlan Assign(IReadOnlyList<AppraisalCase> cases, IReadOnlyList<ReviewerLoad> reviewers,
        int reviewersPerCase, ConflictOfInterest conflicts, DateTimeOffset at)
    {
        if (reviewersPerCase is < 1 or > MaxReviewersPerCase)
        {
            throw Refusal.Invalid(new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["reviewersPerCase"] = [$"Số thành viên chấm mỗi hồ sơ phải từ 1 đến {MaxReviewersPerCase}."],
            }, "Số thành viên chấm mỗi hồ sơ chưa hợp lệ.").ToException();
        }

        if (reviewers.Select(r => r.Member.Id).Distinct().Count() != reviewers.Count)
        {
            throw new ArgumentException("A member appears more than once among the reviewers.", nameof(reviewers));
        }

        if (reviewers.Any(r => r.CurrentLoad < 0))
        {
            throw new ArgumentException("A reviewer's current load cannot be negative.", nameof(reviewers));
        }

        var current = reviewers.Where(r => r.Member.IsMemberAt(at)).Select(r => r.Member).ToList();
        var loads = reviewers.ToDictionary(r => r.Member.Id, r => r.CurrentLoad);
        var candidates = cases.ToDictionary(c => c.Id, c => current.Where(m => !conflicts.IsConflicted(m, c)).ToList());

        var assigned = new Dictionary<Guid, CaseAssignment>();
        var unassigned = new Dictionary<Guid, UnassignedCase>();
        var order = cases
            .OrderBy(c => candidates[c.Id].Count)
            .ThenBy(c => c.SubmittedAt)
            .ThenBy(c => c.Id);
        foreach (var c in order)
        {
            var free = candidates[c.Id];
            if (free.Count < reviewersPerCase)
            {
                var conflicted = current.Count - free.Count;
                unassigned[c.Id] = new UnassignedCase(c.Id, free.Count,
                    $"Hồ sơ \"{c.Title}\" chỉ có {free.Count} thành viên hội đồng không có xung đột lợi ích (cần {reviewersPerCase}; " +
                    $"{conflicted} thành viên có xung đột lợi ích). Vui lòng bổ sung thành viên hoặc giảm số người chấm mỗi hồ sơ.");
                continue;
            }

            var chosen = free
                .OrderBy(m => loads[m.Id])
                .ThenBy(m => m.Id)
                .Take(reviewersPerCase)
                .Select(m => m.Id)
                .ToList();
            foreach (var id in chosen)
            {
                loads[id]++;
            }

            assigned[c.Id] = new CaseAssignment(c.Id, chosen);
        }

        // Reported in the order the cases were given, whatever order they were staffed in.
        return new AssignmentPlan(
            cases.Where(c => assigned.ContainsKey(c.Id)).Select(c => assigned[c.Id]).ToList(),
            cases.Where(c => unassigned.ContainsKey(c.Id)).Select(c => unassigned[c.Id]).ToList(),
            loads);
    }
}

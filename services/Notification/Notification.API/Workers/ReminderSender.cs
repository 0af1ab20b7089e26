using DoanKetSangTao.Contracts.Appraisal.V1;
using DoanKetSangTao.Contracts.Identity.V1;
using DoanKetSangTao.Contracts.Registration.V1;
using DoanKetSangTao.Data.Queues;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Notification.API.Domain;
using DoanKetSangTao.Notification.API.Domain.Reminders;
using DoanKetSangTao.Notification.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Grpc;
using DoanKetSangTao.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace DoanKetSangTao.Notification.API.Workers;

public sealed class ReminderOptions
{
    /// <summary>How often the sender looks for steps that came due (a step scheduled for now wakes it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a claim holds a step: a wave to thousands of units takes minutes; the ledger keeps a rerun from repeating anyone.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Tries of a step (registration or identity away) before it is given up as 'failed'.</summary>
    public int MaxAttempts { get; set; } = 20;
}

/// <summary>
/// Gửi nhắc hạn: runs each due step of a deadline's schedule (<see cref="ReminderSchedule"/>), claimed with a lease so
/// that one replica runs it. At send time it asks registration which units have not acted (the authoritative answer),
/// drops those notification saw act (their event may be ahead of registration's answer), and then either reminds each
/// unit (its inbox and every officer identity lists for it) or, at D+1, tells each Front officer of a province which
/// of its units are late, in one notice. Every notice is filed with its ledger row in one transaction per unit (or
/// officer): a rerun of the step (a restart, a lease run out, a second replica) skips what already went.
/// </summary>
public sealed class ReminderSender(
    ReminderStore reminders, ServiceDatabase database, NotificationDispatcher notifications, IServiceScopeFactory scopes,
    IOptions<ReminderOptions> options, TimeProvider clock, ILogger<ReminderSender> logger) : IClaimedQueue<ReminderStore.StepRow>
{
    /// <summary>The roles whose holders at a unit are its officers.</summary>
    private static readonly string[] UnitOfficerRoles = [PlatformRoles.UnitOfficer, PlatformRoles.MemberOrganizationOfficer];

    private const int OrganizationsPerCall = 500;
    private const int UnitsPerCall = 100;

    public QueueSettings Settings => new("Reminders", ReminderStore.Signal, options.Value.PollInterval, options.Value.MaxAttempts);

    public async Task<IClaimedBatch<ReminderStore.StepRow>> ClaimAsync(CancellationToken ct) =>
        new Batch(this, await reminders.ClaimAsync(1, options.Value.Lease, ct));

    private async Task RunAsync(ReminderStore.StepRow step, CancellationToken ct)
    {
        var deadline = await reminders.DeadlineAsync(step.DeadlineId, ct);
        if (deadline.DueBefore != step.Due)
        {
            await reminders.CompleteAsync(step, "cancelled", 0, "Thời hạn đã được dời sang ngày khác.", ct);
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        if (deadline.Kind == DeadlineKinds.Appraisal)
        {
            await RunScoringAsync(step, deadline, scope.ServiceProvider, ct);
            return;
        }

        var registration = scope.ServiceProvider.GetRequiredService<DeadlineProgress.DeadlineProgressClient>();
        GetPendingUnitsReply pending;
        try
        {
            pending = await registration.GetPendingUnitsAsync(new GetPendingUnitsRequest
            {
                CampaignId = deadline.CampaignId.ToString(), Kind = deadline.Kind, ScopeCode = deadline.ScopeCode,
                OrganizationId = deadline.OrganizationId?.ToString() ?? string.Empty,
            }, cancellationToken: ct);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.FailedPrecondition or StatusCode.NotFound)
        {
            await reminders.CompleteAsync(step, "skipped", 0, e.Status.Detail, ct);
            return;
        }

        var units = pending.Units
            .Select(u => new LateUnit(Guid.Parse(u.OrganizationId), u.Name, u.ProvinceCode, string.IsNullOrEmpty(u.CommuneCode) ? null : u.CommuneCode))
            .ToList();
        var acted = await reminders.ActedAsync(deadline.CampaignId, deadline.Kind, units.Select(u => u.OrganizationId).ToList(), ct);
        var late = units.Where(u => !acted.Contains(u.OrganizationId)).ToList();
        var directory = scope.ServiceProvider.GetRequiredService<AccountDirectory.AccountDirectoryClient>();
        var sent = step.Step == ReminderSchedule.Overdue
            ? await EscalateAsync(step, deadline, late, directory, ct)
            : await RemindAsync(step, deadline, late, directory, ct);
        logger.LogInformation("Reminder step {Step} of {Kind} deadline {DeadlineId} ({Scope}): {Units} units not acted, {Sent} notices sent",
            step.Step, deadline.Kind, step.DeadlineId, deadline.ScopeCode, late.Count, sent);
        await reminders.CompleteAsync(step, "sent", late.Count, null, ct);
    }

    /// <summary>
    /// A scoring deadline (<see cref="ScoringReminders"/>): appraisal names the members who still owe score sheets; each is
    /// reminded in person, and at D+1 the Front officers supervising each council get the list of its late members.
    /// </summary>
    private async Task RunScoringAsync(ReminderStore.StepRow step, AnnouncedDeadline deadline, IServiceProvider services, CancellationToken ct)
    {
        var pending = await ScoringReminders.PendingAsync(services.GetRequiredService<ScoringProgress.ScoringProgressClient>(), deadline, ct);
        var sent = 0;
        if (step.Step == ReminderSchedule.Overdue)
        {
            var directory = services.GetRequiredService<AccountDirectory.AccountDirectoryClient>();
            var byUnit = pending.GroupBy(p => ScoringReminders.SupervisorUnitOf(p.Council.ProvinceCode))
                .ToDictionary(g => g.Key, g => (IReadOnlyList<LateUnit>)g.Select(p => p.Council).ToList());
            foreach (var chunk in byUnit.Keys.Chunk(UnitsPerCall))
            {
                var request = new ListOfficersRequest { Roles = { PlatformRoles.FrontOfficer } };
                request.AdminUnits.AddRange(chunk);
                foreach (var officer in (await directory.ListOfficersAsync(request, cancellationToken: ct)).Officers.DistinctBy(o => (o.AccountId, o.AdminUnit)))
                {
                    if (byUnit.TryGetValue(officer.AdminUnit, out var late))
                    {
                        sent += await SendOnceAsync(step, Guid.Empty, [ReminderKinds.Overdue(deadline,
                            new Officer(officer.AccountId, officer.FullName, Blank(officer.Email), Blank(officer.Phone)), late)], ct);
                    }
                }
            }
        }
        else
        {
            foreach (var p in pending)
            {
                var notice = ReminderKinds.Reminder(deadline, p.Council, p.Member.AccountId, p.Member.FullName, new Contact(p.Member.Email, p.Member.Phone), clock.GetUtcNow());
                sent += await SendOnceAsync(step, p.Council.OrganizationId, [notice], ct);
            }
        }

        logger.LogInformation("Scoring reminder step {Step} of deadline {DeadlineId} ({Scope}): {Members} members owe sheets, {Sent} notices sent",
            step.Step, step.DeadlineId, deadline.ScopeCode, pending.Count, sent);
        await reminders.CompleteAsync(step, "sent", pending.Count, null, ct);
    }

    /// <summary>D-7, D-3, D-1: each unit that has not acted, in its inbox and to each of its officers.</summary>
    private async Task<int> RemindAsync(ReminderStore.StepRow step, AnnouncedDeadline deadline, List<LateUnit> late,
        AccountDirectory.AccountDirectoryClient directory, CancellationToken ct)
    {
        var officers = new List<OfficerReply>();
        foreach (var chunk in late.Chunk(OrganizationsPerCall))
        {
            var request = new ListOfficersRequest { Roles = { UnitOfficerRoles } };
            request.OrganizationIds.AddRange(chunk.Select(u => u.OrganizationId.ToString()));
            officers.AddRange((await directory.ListOfficersAsync(request, cancellationToken: ct)).Officers);
        }

        var byUnit = officers.ToLookup(o => o.OrganizationId);
        var sent = 0;
        foreach (var unit in late)
        {
            var now = clock.GetUtcNow();
            var recipients = byUnit[unit.OrganizationId.ToString()].DistinctBy(o => o.AccountId)
                .Select(o => ReminderKinds.Reminder(deadline, unit, o.AccountId, o.FullName, ContactOf(o), now))
                .Prepend(ReminderKinds.Reminder(deadline, unit, Inbox.OfUnit(unit.OrganizationId), unit.Name, Contact.None, now));
            sent += await SendOnceAsync(step, unit.OrganizationId, recipients, ct);
        }

        return sent;
    }

    /// <summary>D+1: one notice to each Front officer of a province with late units, naming them all.</summary>
    private async Task<int> EscalateAsync(ReminderStore.StepRow step, AnnouncedDeadline deadline, List<LateUnit> late,
        AccountDirectory.AccountDirectoryClient directory, CancellationToken ct)
    {
        var byProvince = late.GroupBy(u => u.ProvinceCode).ToDictionary(g => $"VN/{g.Key}", g => (IReadOnlyList<LateUnit>)g.ToList());
        var sent = 0;
        foreach (var chunk in byProvince.Keys.Chunk(UnitsPerCall))
        {
            var request = new ListOfficersRequest { Roles = { PlatformRoles.FrontOfficer } };
            request.AdminUnits.AddRange(chunk);
            foreach (var officer in (await directory.ListOfficersAsync(request, cancellationToken: ct)).Officers.DistinctBy(o => (o.AccountId, o.AdminUnit)))
            {
                if (!byProvince.TryGetValue(officer.AdminUnit, out var ofProvince))
                {
                    continue;
                }

                var notice = ReminderKinds.Overdue(deadline, new Officer(officer.AccountId, officer.FullName, Blank(officer.Email), Blank(officer.Phone)), ofProvince);
                sent += await SendOnceAsync(step, Guid.Empty, [notice], ct);
            }
        }

        return sent;
    }

    /// <summary>Files the notices not sent yet for this step, each with its ledger row, in one transaction.</summary>
    private async Task<int> SendOnceAsync(ReminderStore.StepRow step, Guid organizationId, IEnumerable<Notice> notices, CancellationToken ct)
    {
        var sent = 0;
        await using var session = await database.BeginAsync(ct);
        foreach (var notice in notices)
        {
            if (await ReminderStore.TryLedgerAsync(session, step.Id, notice.RecipientId, organizationId, ct))
            {
                var id = await notifications.SendAsync(session, notice, step.Id, ct);
                await ReminderStore.LinkNotificationAsync(session, step.Id, notice.RecipientId, organizationId, id, ct);
                sent++;
            }
        }

        await session.CommitAsync(ct);
        return sent;
    }

    private static Contact ContactOf(OfficerReply officer) => new(Blank(officer.Email), Blank(officer.Phone));

    private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private Task FailAsync(ReminderStore.StepRow step, QueueFailure failure)
    {
        logger.LogWarning(failure.Error, "Reminder step {Step} of deadline {DeadlineId} failed on attempt {Attempt}", step.Step, step.DeadlineId, failure.Attempt);
        return reminders.FailAsync(step, failure.GivesUp, failure.Attempt, failure.ErrorText, failure.NextAttemptAt, CancellationToken.None);
    }

    private sealed class Batch(ReminderSender sender, IReadOnlyList<ReminderStore.StepRow> items) : IClaimedBatch<ReminderStore.StepRow>
    {
        public IReadOnlyList<ReminderStore.StepRow> Items => items;

        public Task ProcessAsync(ReminderStore.StepRow item, CancellationToken ct) => sender.RunAsync(item, ct);

        public Task CompleteAsync(ReminderStore.StepRow item, CancellationToken ct) => Task.CompletedTask; // recorded by RunAsync

        public Task FailAsync(ReminderStore.StepRow item, QueueFailure failure, CancellationToken ct) => sender.FailAsync(item, failure);

        public Task CommitAsync(CancellationToken ct) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>Nhắc hạn's services: the sender, its store, and the gRPC clients it asks (registration, appraisal, identity).</summary>
public static class ReminderServices
{
    public static IHostApplicationBuilder AddReminders(this IHostApplicationBuilder builder)
    {
        var registration = builder.Configuration["Services:Registration:Grpc"]
            ?? throw new InvalidOperationException("Services:Registration:Grpc is not configured: set it to registration's gRPC address.");
        var identity = builder.Configuration["Services:Identity:Grpc"]
            ?? throw new InvalidOperationException("Services:Identity:Grpc is not configured: set it to identity's gRPC address.");
        builder.Services.AddPlatformGrpcClient<DeadlineProgress.DeadlineProgressClient>(new Uri(registration), PlatformScopes.RegistrationLookups);
        builder.Services.AddPlatformGrpcClient<AccountDirectory.AccountDirectoryClient>(new Uri(identity), PlatformScopes.IdentityAccounts);
        var appraisal = builder.Configuration["Services:Appraisal:Grpc"]
            ?? throw new InvalidOperationException("Services:Appraisal:Grpc is not configured: set it to appraisal's gRPC address.");
        builder.Services.AddPlatformGrpcClient<ScoringProgress.ScoringProgressClient>(new Uri(appraisal), PlatformScopes.AppraisalProgress);
        builder.Services.Configure<ReminderOptions>(builder.Configuration.GetSection("Reminders"));
        builder.Services.AddSingleton<ReminderStore>();
        builder.Services.AddClaimedQueue<ReminderSender, ReminderStore.StepRow>();
        return builder;
    }
}

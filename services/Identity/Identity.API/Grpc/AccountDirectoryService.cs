using DoanKetSangTao.Contracts.Identity.V1;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Identity.API.Infrastructure;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace DoanKetSangTao.Identity.API.Grpc;

/// <summary>
/// Tìm tài khoản theo địa bàn: people whose name contains the query (folded like <see cref="Account.SearchKey"/>, so
/// "nguyen van" finds "Nguyễn Văn") and who hold, today, an assignment at or below the unit asked for. Appraisal uses it
/// when a member is added to a council; what a caller may ask for is the caller's rule, applied before it calls.
/// </summary>
public sealed class AccountDirectoryService(IdentityDb db, PersonPrincipals principals) : AccountDirectory.AccountDirectoryBase
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 50;

    public override async Task<SearchAccountsReply> SearchAccounts(SearchAccountsRequest request, ServerCallContext context)
    {
        if (AdministrativeScope.TryParse(request.AdminUnit) is not { } unit)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "Địa bàn phải có dạng VN, VN/{mã tỉnh} hoặc VN/{mã tỉnh}/{mã xã}."));
        }

        var key = VietnameseText.Fold(request.Query ?? string.Empty).Trim();
        if (key.Length < 2 || key.Length > 200)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "Vui lòng nhập từ 2 đến 200 ký tự của họ tên cần tìm."));
        }

        var limit = request.Limit is > 0 and <= MaxLimit ? request.Limit : DefaultLimit;
        var today = principals.Today;
        var path = unit.Path;
        var below = path + "/";
        var active = db.RoleAssignments.Where(a => a.StartsOn <= today && (a.EndsOn == null || a.EndsOn >= today));
        var inUnit = unit.Level == AdministrativeLevel.Central ? active : active.Where(a => a.AdminUnit == path || a.AdminUnit.StartsWith(below));
        var accounts = await db.Users.AsNoTracking()
            .Where(a => a.SearchKey.Contains(key) && inUnit.Any(r => r.AccountId == a.Id))
            .OrderBy(a => a.SearchKey).ThenBy(a => a.Id).Take(limit)
            .Select(a => new { a.Id, a.FullName, a.Email })
            .ToListAsync(context.CancellationToken);
        var ids = accounts.Select(a => a.Id).ToList();
        var assignments = (await active.AsNoTracking().Where(r => ids.Contains(r.AccountId)).ToListAsync(context.CancellationToken)).ToLookup(r => r.AccountId);
        var reply = new SearchAccountsReply();
        foreach (var a in accounts)
        {
            var account = new AccountReply { AccountId = a.Id.ToString(), FullName = a.FullName, Email = a.Email ?? string.Empty };
            account.Assignments.AddRange(assignments[a.Id].OrderBy(r => r.AdminUnit).Select(r => new AccountAssignment
            {
                Role = r.Role, AdminUnit = r.AdminUnit, OrganizationId = r.OrganizationId?.ToString() ?? string.Empty,
            }));
            reply.Accounts.Add(account);
        }

        return reply;
    }
}

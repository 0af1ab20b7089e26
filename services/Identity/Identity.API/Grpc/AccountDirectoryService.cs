using DoanKetSangTao.Contracts.Identity.V1;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Identity.API.Infrastructure;
using Grpc.Core;

namespace DoanKetSangTao.Identity.API.Grpc;

/// <summary>
/// Tìm tài khoản theo địa bàn: people whose name contains the query (folded like <see cref="Account.SearchKey"/>, so
/// "nguyen van" finds "Nguyễn Văn") and who hold, today, an assignment at or below the unit asked for. Appraisal uses it
/// when a member is added to a council; what a caller may ask for is the caller's rule, applied before it calls.
/// </summary>
public sealed class AccountDirectoryService(AccountSearch search, OfficerDirectory officers) : AccountDirectory.AccountDirectoryBase
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 50;
    public const int MaxOrganizations = 500;
    public const int MaxUnits = 100;

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
        var reply = new SearchAccountsReply();
        foreach (var a in await search.InAreaAsync(unit, key, limit, context.CancellationToken))
        {
            var account = new AccountReply { AccountId = a.Id.ToString(), FullName = a.FullName, Email = a.Email ?? string.Empty };
            account.Assignments.AddRange(a.Assignments.Select(r => new AccountAssignment
            {
                Role = r.Role, AdminUnit = r.AdminUnit, OrganizationId = r.OrganizationId?.ToString() ?? string.Empty,
            }));
            reply.Accounts.Add(account);
        }

        return reply;
    }

    /// <summary>
    /// Cán bộ phụ trách: who holds, today, one of the roles at one of the organizations or at exactly one of the units,
    /// with their e-mail and phone (notification reminds a unit's officers, and tells a province's Front officers who is late).
    /// </summary>
    public override async Task<ListOfficersReply> ListOfficers(ListOfficersRequest request, ServerCallContext context)
    {
        if (request.Roles.Count == 0 || request.Roles.Any(r => r.Length is 0 or > 50))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "Vui lòng nêu ít nhất một vai trò hợp lệ."));
        }

        if (request.OrganizationIds.Count > MaxOrganizations || request.AdminUnits.Count > MaxUnits)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"Tối đa {MaxOrganizations} đơn vị và {MaxUnits} địa bàn mỗi lần tra cứu."));
        }

        var organizations = new List<Guid>();
        foreach (var raw in request.OrganizationIds)
        {
            organizations.Add(Guid.TryParse(raw, out var id) ? id
                : throw new RpcException(new Status(StatusCode.InvalidArgument, "Mã đơn vị không hợp lệ.")));
        }

        var units = new List<string>();
        foreach (var raw in request.AdminUnits)
        {
            units.Add(AdministrativeScope.TryParse(raw)?.Path
                ?? throw new RpcException(new Status(StatusCode.InvalidArgument, "Địa bàn phải có dạng VN, VN/{mã tỉnh} hoặc VN/{mã tỉnh}/{mã xã}.")));
        }

        var reply = new ListOfficersReply();
        foreach (var o in await officers.ListAsync(organizations, units, [.. request.Roles], context.CancellationToken))
        {
            reply.Officers.Add(new OfficerReply
            {
                AccountId = o.Id.ToString(), FullName = o.FullName, Email = o.Email ?? string.Empty, Phone = o.Phone ?? string.Empty,
                Role = o.Role, AdminUnit = o.AdminUnit, OrganizationId = o.OrganizationId?.ToString() ?? string.Empty,
            });
        }

        return reply;
    }
}

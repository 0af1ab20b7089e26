using Grpc.Core;

namespace DoanKetSangTao.Registration.API.Grpc;

/// <summary>Ids as gRPC callers send them: a bad one is INVALID_ARGUMENT, a batch is bounded.</summary>
internal static class LookupIds
{
    public static Guid Parse(string raw, string message) =>
        Guid.TryParse(raw, out var id) ? id : throw new RpcException(new Status(StatusCode.InvalidArgument, message));

    public static List<Guid> ParseBatch(IReadOnlyCollection<string> raw, int max, string what)
    {
        if (raw.Count > max)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"Tối đa {max} {what} mỗi lần tra cứu."));
        }

        return raw.Select(r => Guid.TryParse(r, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToList();
    }
}

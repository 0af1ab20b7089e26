using System.Reflection;

namespace DoanKetSangTao.Contracts;

/// <summary>The assembly whose integration events the outbox can publish.</summary>
public static class ContractsAssembly
{
    public static Assembly Value => typeof(ContractsAssembly).Assembly;
}

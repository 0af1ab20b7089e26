using System.Reflection;
using DoanKetSangTao.Contracts.Paging;
using DoanKetSangTao.Domain;
using NetArchTest.Rules;

namespace DoanKetSangTao.Tests.Architecture;

/// <summary>
/// The contracts every party compiles against stand alone (no building block, database, broker or spreadsheet
/// library rides along), and the Domain building block stands on the base library only, so pure rules stay pure.
/// </summary>
public sealed class SharedLibraryTests
{
    private static readonly Assembly Contracts = typeof(Page<>).Assembly;
    private static readonly Assembly Domain = typeof(Refusal).Assembly;

    [Fact]
    public void Contracts_depend_on_no_building_block_nor_their_libraries()
    {
        string[] forbidden = [.. Assemblies.BuildingBlocks, "Npgsql", "MassTransit", "DocumentFormat.OpenXml"];

        var result = Types.InAssembly(Contracts).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
        var references = Contracts.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(name => forbidden.Any(f => name.StartsWith(f, StringComparison.Ordinal))).ToList();

        Assert.True(result.IsSuccessful, $"Contract types use a building block, Npgsql, MassTransit or OpenXml: {Assemblies.Failures(result)}");
        Assert.True(references.Count == 0, $"DoanKetSangTao.Contracts references {string.Join(", ", references)}.");
    }

    [Fact]
    public void The_domain_building_block_stands_on_the_base_library_only()
    {
        // Microsoft.CodeAnalysis: the compiler's own embedded attributes (nullable metadata), compiled into the assembly.
        var result = Types.InAssembly(Domain)
            .Should().OnlyHaveDependenciesOn("System", "DoanKetSangTao.Domain", "Microsoft.CodeAnalysis")
            .GetResult();
        var references = Domain.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(name => !(name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib")).ToList();

        Assert.True(result.IsSuccessful, $"DoanKetSangTao.Domain types use something beyond the base library: {Assemblies.Failures(result)}");
        Assert.True(references.Count == 0, $"DoanKetSangTao.Domain references {string.Join(", ", references)}.");
    }
}

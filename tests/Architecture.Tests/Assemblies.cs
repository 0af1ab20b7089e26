using System.Reflection;
using DoanKetSangTao.Tests.Support;
using NetArchTest.Rules;

namespace DoanKetSangTao.Tests.Architecture;

/// <summary>The platform's assemblies as the rules see them: every service found under <c>services/</c>, and the shared libraries.</summary>
public static class Assemblies
{
    public const string BuildingBlockPrefix = "DoanKetSangTao.";

    /// <summary>The building blocks, by namespace (each assembly's root namespace is its name).</summary>
    public static readonly string[] BuildingBlocks =
    [
        "DoanKetSangTao.ServiceDefaults", "DoanKetSangTao.Data", "DoanKetSangTao.Messaging",
        "DoanKetSangTao.Files", "DoanKetSangTao.Spreadsheets", "DoanKetSangTao.Domain", "DoanKetSangTao.AdminUnits",
    ];

    public static string Root { get; } = TestInfrastructure.RepositoryRoot(AppContext.BaseDirectory);

    /// <summary>Every service's name, from the folders <c>services/&lt;Name&gt;/&lt;Name&gt;.API</c>: a new service is checked without editing this list.</summary>
    public static IReadOnlyList<string> ServiceNames { get; } = Directory.GetDirectories(Path.Combine(Root, "services"))
        .Select(Path.GetFileName)
        .Where(name => Directory.Exists(Path.Combine(Root, "services", name!, name + ".API")))
        .Order(StringComparer.Ordinal)
        .ToList()!;

    public static TheoryData<string> Services()
    {
        var data = new TheoryData<string>();
        foreach (var name in ServiceNames)
        {
            data.Add(name);
        }

        return data;
    }

    public static string ApiNamespace(string service) => $"DoanKetSangTao.{service}.API";

    /// <summary>A service's built assembly (the test project references every service, so it sits beside the tests).</summary>
    public static Assembly Service(string service) => Assembly.Load(ApiNamespace(service));

    public static Types TypesOf(string service) => Types.InAssembly(Service(service));

    /// <summary>
    /// The types of one folder (namespace) of a service, asserted to exist: a rule over an empty set passes without
    /// checking anything, for instance after a namespace is renamed.
    /// </summary>
    public static PredicateList In(string service, string folder)
    {
        var types = TypesOf(service).That().ResideInNamespaceStartingWith($"{ApiNamespace(service)}.{folder}");
        Assert.True(types.GetTypes().Any(), $"{service} has no types in {ApiNamespace(service)}.{folder}: the rule would check nothing.");
        return TypesOf(service).That().ResideInNamespaceStartingWith($"{ApiNamespace(service)}.{folder}");
    }

    /// <summary>
    /// The failing types of a rule, for a failure message that says what to move: compiler-generated nested types
    /// (async state machines, closures) are named by the type that declares them.
    /// </summary>
    public static string Failures(TestResult result) => result.IsSuccessful
        ? string.Empty
        : string.Join(", ", (result.FailingTypeNames ?? []).Select(DeclaringType).Distinct().Order(StringComparer.Ordinal));

    private static string DeclaringType(string name)
    {
        var nested = name.IndexOfAny(['/', '+']);
        return nested < 0 ? name : name[..nested];
    }
}

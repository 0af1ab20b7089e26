using NetArchTest.Rules;

namespace DoanKetSangTao.Tests.Architecture;

/// <summary>
/// Where each kind of code lives inside a service: handlers in <c>Apis/</c> reach the database only through
/// <c>Infrastructure/</c> stores; rules in <c>Domain/</c> are pure (no database, broker, HTTP or building block but
/// the Domain one); a rule refuses with a <c>Refusal</c>, never the transport's <c>ProblemException</c>.
/// </summary>
public sealed class ServiceLayerTests
{
    [Theory]
    [MemberData(nameof(Assemblies.Services), MemberType = typeof(Assemblies))]
    public void Apis_hold_no_sql(string service)
    {
        var result = Assemblies.In(service, "Apis")
            .ShouldNot().HaveDependencyOnAny("Dapper", "Npgsql")
            .GetResult();

        Assert.True(result.IsSuccessful,
            $"{service}: types in Apis/ use Dapper or Npgsql; move their SQL into an Infrastructure/ store or query class: {Assemblies.Failures(result)}");
    }

    [Theory]
    [MemberData(nameof(Assemblies.Services), MemberType = typeof(Assemblies))]
    public void Only_infrastructure_runs_sql(string service)
    {
        // Consumers, gRPC services and workers may hold an inbox transaction (Npgsql), but their SQL lives in the stores too.
        var result = Assemblies.TypesOf(service)
            .That().DoNotResideInNamespaceStartingWith(Assemblies.ApiNamespace(service) + ".Infrastructure")
            .ShouldNot().HaveDependencyOn("Dapper")
            .GetResult();

        Assert.True(result.IsSuccessful,
            $"{service}: types outside Infrastructure/ run SQL with Dapper; move it into an Infrastructure/ store or query class: {Assemblies.Failures(result)}");
    }

    [Theory]
    [MemberData(nameof(Assemblies.Services), MemberType = typeof(Assemblies))]
    public void Domain_is_pure(string service)
    {
        var result = Assemblies.In(service, "Domain")
            .ShouldNot().HaveDependencyOnAny(
                "Npgsql", "Dapper", "MassTransit", "Microsoft.AspNetCore",
                "DoanKetSangTao.ServiceDefaults", "DoanKetSangTao.Data", "DoanKetSangTao.Messaging")
            .GetResult();

        Assert.True(result.IsSuccessful,
            $"{service}: types in Domain/ depend on the database, the broker, ASP.NET Core or a building block other than DoanKetSangTao.Domain: {Assemblies.Failures(result)}");
    }

    [Theory]
    [MemberData(nameof(Assemblies.Services), MemberType = typeof(Assemblies))]
    public void Rules_refuse_with_a_refusal_not_a_problem_exception(string service)
    {
        var result = Assemblies.TypesOf(service)
            .ShouldNot().HaveDependencyOn("DoanKetSangTao.ServiceDefaults.Http.ProblemException")
            .GetResult();

        Assert.True(result.IsSuccessful,
            $"{service}: types use ProblemException (the building blocks' transport check); return or throw a Refusal instead: {Assemblies.Failures(result)}");
    }

    [Theory]
    [MemberData(nameof(Assemblies.Services), MemberType = typeof(Assemblies))]
    public void Services_do_not_reference_each_other(string service)
    {
        var others = Assemblies.ServiceNames.Where(s => s != service).Select(Assemblies.ApiNamespace).ToArray();
        var referenced = Assemblies.Service(service).GetReferencedAssemblies().Select(a => a.Name!).Intersect(others).ToList();
        var result = Assemblies.TypesOf(service).ShouldNot().HaveDependencyOnAny(others).GetResult();

        Assert.True(referenced.Count == 0, $"{service} references another service's assembly: {string.Join(", ", referenced)}; share through contracts/ instead.");
        Assert.True(result.IsSuccessful, $"{service}: types use another service's types: {Assemblies.Failures(result)}");
    }
}

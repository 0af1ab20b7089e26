using System.Reflection;
using System.Text.Json;
using DoanKetSangTao.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace DoanKetSangTao.ServiceDefaults.Http;

/// <summary>
/// Tham số không được hỗ trợ (unknown query parameter): an endpoint refuses a query parameter its handler does not bind, rather
/// than ignoring it, so a misspelt filter (<c>?feild=…</c>) never answers as if it were applied. The names accepted are read from
/// the handler itself (its simple parameters and those of its <c>[AsParameters]</c> records), so they cannot drift from what it binds.
/// </summary>
public static class KnownQueryParameters
{
    public const string Code = "unknown_parameter";

    /// <summary>Refuses, on every endpoint of <paramref name="builder"/>, a query parameter the endpoint's handler does not bind.</summary>
    public static TBuilder RejectUnknownQueryParameters<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilterFactory((context, next) =>
        {
            var known = NamesOf(context.MethodInfo);
            return invocation =>
            {
                // A name the route binds (…/{level}/…) is not a query parameter: the route's value wins, so the query's would be ignored.
                var route = invocation.HttpContext.Request.RouteValues;
                var unknown = invocation.HttpContext.Request.Query.Keys.Where(k => !known.Contains(k) || route.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
                return unknown.Count == 0 ? next(invocation) : ValueTask.FromResult<object?>(RefusalOf(unknown, known).ToProblem());
            };
        });
        return builder;
    }

    /// <summary>The refusal naming each unknown parameter, and the ones the endpoint accepts.</summary>
    public static Refusal RefusalOf(IReadOnlyList<string> unknown, IReadOnlySet<string> known)
    {
        var accepted = known.Count == 0 ? "không có tham số nào" : string.Join(", ", known.Order(StringComparer.Ordinal));
        var errors = new FieldErrors();
        foreach (var name in unknown)
        {
            errors.Add(name, $"Tham số '{name}' không được hỗ trợ ở đây. Tham số hợp lệ: {accepted}.");
        }

        return new Refusal(RefusalKind.Invalid, Code, $"Tham số không được hỗ trợ: {string.Join(", ", unknown)}. Tham số hợp lệ: {accepted}.", errors.ByField);
    }

    /// <summary>The query names a handler binds: simple parameters not bound from the route, header, body or services.</summary>
    public static IReadOnlySet<string> NamesOf(MethodInfo method)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in method.GetParameters())
        {
            Add(names, parameter.Name, parameter.ParameterType, parameter);
        }

        return names;
    }

    private static void Add(HashSet<string> names, string? name, Type type, ICustomAttributeProvider source)
    {
        if (source.IsDefined(typeof(AsParametersAttribute), false))
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite || IsPrimaryParameter(type, p)))
            {
                Add(names, property.Name, property.PropertyType, ConstructorParameter(type, property) ?? (ICustomAttributeProvider)property);
            }

            return;
        }

        if (source.GetCustomAttributes(typeof(FromQueryAttribute), false).FirstOrDefault() is FromQueryAttribute query)
        {
            names.Add(query.Name ?? name ?? "");
            return;
        }

        if (name is null || source.IsDefined(typeof(FromRouteAttribute), false) || source.IsDefined(typeof(FromHeaderAttribute), false)
            || source.IsDefined(typeof(FromBodyAttribute), false) || source.IsDefined(typeof(FromServicesAttribute), false)
            || source.IsDefined(typeof(FromFormAttribute), false) || !IsSimple(Nullable.GetUnderlyingType(type) ?? type))
        {
            return;
        }

        // Names as callers write them (campaignId); matching ignores case, as minimal APIs' binding does.
        names.Add(JsonNamingPolicy.CamelCase.ConvertName(name));
    }

    /// <summary>Types minimal APIs bind from the query string by default.</summary>
    private static bool IsSimple(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(Guid) || type == typeof(decimal) || type == typeof(DateOnly)
        || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(TimeOnly) || (type.IsArray && IsSimple(type.GetElementType()!));

    private static ParameterInfo? ConstructorParameter(Type type, PropertyInfo property) =>
        type.GetConstructors().SelectMany(c => c.GetParameters()).FirstOrDefault(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase));

    private static bool IsPrimaryParameter(Type type, PropertyInfo property) => ConstructorParameter(type, property) is not null;
}

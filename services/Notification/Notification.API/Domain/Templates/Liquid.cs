using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace DoanKetSangTao.Notification.API.Domain.Templates;

/// <summary>
/// Liquid as our templates use it (Fluid): one parser, one set of options (the standard filters and <c>khong_dau</c>,
/// bounded work so that a template cannot loop for ever), plain-text output (no HTML encoding: e-mails are plain text).
/// </summary>
public static class Liquid
{
    private static readonly FluidParser Parser = new();

    /// <summary>The filters beyond Liquid's standard ones.</summary>
    public const string KhongDauFilter = "khong_dau";

    /// <summary>Names a template may use without declaring them: the loop objects Liquid defines inside a loop.</summary>
    private static readonly HashSet<string> BuiltIns = ["forloop", "tablerowloop"];

    public static readonly TemplateOptions Options = new TemplateOptionsBuilder()
        .WithMaxSteps(100_000)
        .WithMaxRecursion(20)
        .WithMaxOutputSize(200_000)
        .WithCultureInfo(DoanKetSangTao.Domain.VietnameseText.Culture)
        .WithStrictFilters(true)
        .AddFilter(KhongDauFilter, (input, _, context) => ValueTask.FromResult(StringValue.Create(SmsText.KhongDau(input.ToStringValue(context)))))
        .Build();

    /// <summary>The parsed template, or Fluid's message saying where the syntax is wrong.</summary>
    public static (IFluidTemplate? Template, string? Error) Parse(string source)
    {
        try
        {
            return Parser.TryParse(source, out var template, out var error) && template is not null ? (template, null) : (null, error ?? "?");
        }
        catch (Exception ex) when (ex is ParseException or InvalidOperationException or ArgumentException)
        {
            return (null, ex.Message);
        }
    }

    /// <summary>Renders with <paramref name="values"/> (placeholder → text).</summary>
    public static ValueTask<string> RenderAsync(IFluidTemplate template, IReadOnlyDictionary<string, string> values)
    {
        var context = new TemplateContext(Options);
        foreach (var (name, value) in values)
        {
            context.SetValue(name, value);
        }

        return template.RenderAsync(context);
    }

    /// <summary>
    /// What a template reads and uses, found by walking its syntax tree: the variables it reads that it does not define
    /// itself (assign, capture, a loop's variable), the filters it names, and the tags that need files (include, render),
    /// which notification templates cannot use.
    /// </summary>
    public static TemplateUsage UsageOf(IFluidTemplate template)
    {
        var walker = new UsageWalker();
        walker.VisitTemplate(template);
        return new TemplateUsage(
            walker.Read.Where(v => !walker.Defined.Contains(v) && !BuiltIns.Contains(v)).Order(StringComparer.Ordinal).ToList(),
            walker.Filters.Order(StringComparer.Ordinal).ToList(),
            walker.FileTags.Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>True when the filter exists (Liquid's standard ones and ours).</summary>
    public static bool IsFilter(string name) => Options.Filters.TryGetValue(name, out _);

    private sealed class UsageWalker : AstVisitor
    {
        public HashSet<string> Read { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Defined { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Filters { get; } = new(StringComparer.Ordinal);

        public HashSet<string> FileTags { get; } = new(StringComparer.Ordinal);

        protected override Expression VisitMemberExpression(MemberExpression memberExpression)
        {
            if (memberExpression.Segments.Count > 0 && memberExpression.Segments[0] is IdentifierSegment first)
            {
                Read.Add(first.Identifier);
            }

            return base.VisitMemberExpression(memberExpression);
        }

        protected override Expression VisitFilterExpression(FilterExpression filterExpression)
        {
            Filters.Add(filterExpression.Name);
            return base.VisitFilterExpression(filterExpression);
        }

        protected override Statement VisitAssignStatement(AssignStatement assignStatement)
        {
            Defined.Add(assignStatement.Identifier);
            return base.VisitAssignStatement(assignStatement);
        }

        protected override Statement VisitCaptureStatement(CaptureStatement captureStatement)
        {
            Defined.Add(captureStatement.Identifier);
            return base.VisitCaptureStatement(captureStatement);
        }

        protected override Statement VisitForStatement(ForStatement forStatement)
        {
            Defined.Add(forStatement.Identifier);
            return base.VisitForStatement(forStatement);
        }

        protected override Statement VisitTableRowStatement(TableRowStatement tableRowStatement)
        {
            Defined.Add(tableRowStatement.Identifier);
            return base.VisitTableRowStatement(tableRowStatement);
        }

        protected override Statement VisitIncrementStatement(IncrementStatement incrementStatement)
        {
            Defined.Add(incrementStatement.Identifier);
            return base.VisitIncrementStatement(incrementStatement);
        }

        protected override Statement VisitDecrementStatement(DecrementStatement decrementStatement)
        {
            Defined.Add(decrementStatement.Identifier);
            return base.VisitDecrementStatement(decrementStatement);
        }

        protected override Statement VisitMacroStatement(MacroStatement macroStatement)
        {
            Defined.Add(macroStatement.Identifier);
            foreach (var argument in macroStatement.Arguments)
            {
                Defined.Add(argument.Name);
            }

            return base.VisitMacroStatement(macroStatement);
        }

        protected override Statement VisitIncludeStatement(IncludeStatement includeStatement)
        {
            FileTags.Add("include");
            return base.VisitIncludeStatement(includeStatement);
        }

        protected override Statement VisitRenderStatement(RenderStatement renderStatement)
        {
            FileTags.Add("render");
            return base.VisitRenderStatement(renderStatement);
        }

        protected override Statement VisitFromStatement(FromStatement fromStatement)
        {
            FileTags.Add("from");
            return base.VisitFromStatement(fromStatement);
        }
    }
}

/// <summary>What a template uses: variables it reads but does not define, filters, and tags that need template files.</summary>
public sealed record TemplateUsage(IReadOnlyList<string> Variables, IReadOnlyList<string> Filters, IReadOnlyList<string> FileTags);

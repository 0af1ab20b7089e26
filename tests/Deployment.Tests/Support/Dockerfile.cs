namespace DoanKetSangTao.Tests.DeploymentTests.Support;

public sealed record Instruction(string Keyword, string Arguments, int Line);

public sealed record Stage(string Image, string? Name, IReadOnlyList<Instruction> Instructions)
{
    public IEnumerable<Instruction> All(string keyword) =>
        Instructions.Where(i => string.Equals(i.Keyword, keyword, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A Dockerfile split into stages and instructions (continuations joined, comments dropped).</summary>
public sealed class Dockerfile
{
    private Dockerfile(string path, IReadOnlyList<Stage> stages)
    {
        Path = path;
        Stages = stages;
    }

    public string Path { get; }

    public IReadOnlyList<Stage> Stages { get; }

    public Stage Final => Stages[^1];

    public static Dockerfile Load(string relativePath)
    {
        var stages = new List<Stage>();
        List<Instruction>? current = null;
        string? image = null;
        string? name = null;
        var lines = Repo.Read(relativePath).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var start = i + 1;
            var text = lines[i].Trim();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            while (text.EndsWith('\\') && i + 1 < lines.Length)
            {
                text = text[..^1].TrimEnd() + " " + lines[++i].Trim();
            }

            var space = text.IndexOf(' ', StringComparison.Ordinal);
            var keyword = (space < 0 ? text : text[..space]).ToUpperInvariant();
            var arguments = space < 0 ? string.Empty : text[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                if (current is not null)
                {
                    stages.Add(new Stage(image!, name, current));
                }

                var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Where(w => !w.StartsWith("--", StringComparison.Ordinal))
                    .ToArray();
                image = words[0];
                name = words.Length >= 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
                current = [];
            }
            else
            {
                Assert.True(current is not null, $"{relativePath}:{start}: {keyword} before the first FROM.");
                current.Add(new Instruction(keyword, arguments, start));
            }
        }

        Assert.True(current is not null, $"{relativePath} has no FROM.");
        stages.Add(new Stage(image!, name, current));
        return new Dockerfile(relativePath, stages);
    }

    /// <summary>Source paths of a COPY from the build context (not --from another stage); null otherwise.</summary>
    public static IReadOnlyList<string>? ContextSources(Instruction copy)
    {
        var words = copy.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Any(w => w.StartsWith("--from", StringComparison.Ordinal)))
        {
            return null;
        }

        var paths = words.Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
        return paths.Take(paths.Count - 1).ToList();
    }
}

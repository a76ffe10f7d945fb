namespace MovieRec.Evaluation;

/// <summary>Command-line names of the <see cref="EvaluationProtocol"/> values.</summary>
public static class EvaluationProtocolNames
{
    private static readonly (string Name, EvaluationProtocol Protocol)[] s_names =
    [
        ("random-80-20", EvaluationProtocol.Random80To20),
        ("random-90-10", EvaluationProtocol.Random90To10),
        ("loo-99", EvaluationProtocol.LeaveOneOut99),
        ("temporal-80-20", EvaluationProtocol.Temporal80To20),
        ("ml100k-folds", EvaluationProtocol.MovieLens100KFolds),
        ("fold-in", EvaluationProtocol.FoldIn),
        ("cold-items", EvaluationProtocol.ColdItems),
        ("mixed", EvaluationProtocol.Mixed),
        ("full-ranking", EvaluationProtocol.FullRanking),
    ];

    /// <summary>All names, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = s_names.Select(n => n.Name).ToArray();

    /// <summary>The name of <paramref name="protocol"/>, for example <c>random-80-20</c>.</summary>
    /// <param name="protocol">A defined protocol.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string NameOf(EvaluationProtocol protocol)
    {
        foreach (var (name, p) in s_names)
        {
            if (p == protocol)
            {
                return name;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "Not a defined evaluation protocol.");
    }

    /// <summary>Parses a protocol name (case-insensitive).</summary>
    /// <param name="name">One of <see cref="All"/>.</param>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static EvaluationProtocol Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var (n, p) in s_names)
        {
            if (string.Equals(n, name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return p;
            }
        }

        throw new ArgumentException($"Unknown protocol '{name}'; expected one of {string.Join(", ", All)}.", nameof(name));
    }
}

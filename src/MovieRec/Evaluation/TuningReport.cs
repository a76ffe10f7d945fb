using System.Text.Json;
using System.Text.Json.Nodes;

namespace MovieRec.Evaluation;

/// <summary>
/// What a settings search found (<see cref="Tuner"/>): every candidate's validation score per seed, the candidate chosen
/// for each seed, and the one chosen over all seeds (the best mean). Holds no test figure: none is ever computed.
/// </summary>
public sealed class TuningReport
{
    internal TuningReport(string model, string datasetName, EvaluationProtocol protocol, string metric, bool lowerIsBetter, IReadOnlyList<int> seeds, IReadOnlyList<TuningCandidate> candidates, double[,] scores)
    {
        Model = model;
        DatasetName = datasetName;
        Protocol = protocol;
        Metric = metric;
        LowerIsBetter = lowerIsBetter;
        Seeds = seeds;
        Candidates = candidates;
        _scores = scores;
        ChosenPerSeed = Enumerable.Range(0, seeds.Count).Select(s => Best(c => _scores[c, s])).ToArray();
        Chosen = Best(c => Enumerable.Range(0, seeds.Count).Average(s => _scores[c, s]));
    }

    private readonly double[,] _scores;

    /// <summary>Gets the model name.</summary>
    public string Model { get; }

    /// <summary>Gets the dataset name.</summary>
    public string DatasetName { get; }

    /// <summary>Gets the protocol whose validation splits were searched.</summary>
    public EvaluationProtocol Protocol { get; }

    /// <summary>Gets the validation metric, for example <c>NDCG@10</c> or <c>RMSE</c>.</summary>
    public string Metric { get; }

    /// <summary>Gets whether a lower <see cref="Metric"/> is better (RMSE).</summary>
    public bool LowerIsBetter { get; }

    /// <summary>Gets the seeds, one validation split each.</summary>
    public IReadOnlyList<int> Seeds { get; }

    /// <summary>Gets the candidates, in search order.</summary>
    public IReadOnlyList<TuningCandidate> Candidates { get; }

    /// <summary>Gets the index of the candidate chosen on each seed's validation split.</summary>
    public IReadOnlyList<int> ChosenPerSeed { get; }

    /// <summary>Gets the index of the candidate with the best mean validation score over the seeds (ties to the earlier).</summary>
    public int Chosen { get; }

    /// <summary>The validation score of a candidate on a seed.</summary>
    /// <param name="candidate">Index into <see cref="Candidates"/>.</param>
    /// <param name="seed">Index into <see cref="Seeds"/>.</param>
    /// <returns>The score.</returns>
    public double Score(int candidate, int seed) => _scores[candidate, seed];

    /// <summary>The mean and spread of a candidate's validation scores over the seeds.</summary>
    /// <param name="candidate">Index into <see cref="Candidates"/>.</param>
    /// <returns>The summary.</returns>
    public MetricSummary Summary(int candidate) => MetricSummary.Of(Enumerable.Range(0, Seeds.Count).Select(s => _scores[candidate, s]).ToArray());

    /// <summary>Writes the report as JSON: the chosen settings first, then every candidate's scores.</summary>
    /// <param name="path">The file to write.</param>
    public void WriteJson(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var candidates = new JsonArray();
        for (int c = 0; c < Candidates.Count; c++)
        {
            candidates.Add(new JsonObject
            {
                ["settings"] = Settings(c),
                ["validation"] = new JsonArray([.. Enumerable.Range(0, Seeds.Count).Select(s => JsonValue.Create(_scores[c, s]))]),
            });
        }

        var root = new JsonObject
        {
            ["model"] = Model,
            ["dataset"] = DatasetName,
            ["protocol"] = EvaluationProtocolNames.NameOf(Protocol),
            ["metric"] = Metric,
            ["lowerIsBetter"] = LowerIsBetter,
            ["seeds"] = new JsonArray([.. Seeds.Select(s => JsonValue.Create(s))]),
            ["chosen"] = Settings(Chosen),
            ["chosenPerSeed"] = new JsonArray([.. ChosenPerSeed.Select(Settings)]),
            ["candidates"] = candidates,
        };
        File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private JsonObject Settings(int candidate)
    {
        var o = new JsonObject();
        foreach (var (name, value) in Candidates[candidate].Settings)
        {
            o[name] = value;
        }

        return o;
    }

    private int Best(Func<int, double> score)
    {
        int best = 0;
        for (int c = 1; c < Candidates.Count; c++)
        {
            double s = score(c);
            double b = score(best);
            if ((double.IsNaN(b) && !double.IsNaN(s)) || (LowerIsBetter ? s < b : s > b))
            {
                best = c;
            }
        }

        return best;
    }
}

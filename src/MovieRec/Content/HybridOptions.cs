using MovieRec.Abstractions;
using MovieRec.Evaluation;
using MovieRec.Splits;

namespace MovieRec.Content;

/// <summary>Options of the hybrid of a collaborative model and the content model (<see cref="HybridTrainer"/>).</summary>
public sealed record HybridOptions
{
    /// <summary>Default values of <see cref="HybridOptions"/>.</summary>
    public static class Defaults
    {
        /// <summary>Default <see cref="WeightStep"/>: weights 0, 0.1, …, 1 are tried.</summary>
        public const float WeightStep = 0.1f;

        /// <summary>Default <see cref="ColdNeighbours"/>: 20 movies.</summary>
        public const int ColdNeighbours = 20;

        /// <summary>Default <see cref="Seed"/>.</summary>
        public const int Seed = 1;

        /// <summary>
        /// Default <see cref="GateCounts"/>: movies with 0, 1–4, 5–19 and 20 or more training ratings each get their own
        /// content weight.
        /// </summary>
        public static IReadOnlyList<int> GateCounts { get; } = [1, 5, 20];

        /// <summary>Default <see cref="Validation"/>: the mixed protocol, where the held-out movies of 20 % of the users are new.</summary>
        public const EvaluationProtocol Validation = EvaluationProtocol.Mixed;
    }

    /// <summary>Model name; default <c>hybrid</c>.</summary>
    public string Name { get; init; } = "hybrid";

    /// <summary>The collaborative model's trainer (NeuMF, MF, any model of the catalog); required.</summary>
    public IRatingTrainer? Collaborative { get; init; }

    /// <summary>The content model's options; default <see cref="ContentOptions"/>'s defaults.</summary>
    public ContentOptions Content { get; init; } = new();

    /// <summary>
    /// The content share w of the blend for every movie, in [0, 1]; null (default) chooses one per group of
    /// <see cref="GateCounts"/> on a validation split of the training ratings built as <see cref="Validation"/> builds
    /// its test (each user's latest training rating against <see cref="Negatives"/> unrated movies), by NDCG@10.
    /// </summary>
    public float? Weight { get; init; }

    /// <summary>
    /// The protocol whose split, carved from the training ratings, chooses the weights: the one the hybrid will face.
    /// <see cref="EvaluationProtocol.Mixed"/> (default, model name <c>hybrid</c>): a catalogue with some new releases;
    /// <see cref="EvaluationProtocol.LeaveOneOut99"/> (<c>hybrid-warm</c>): every movie has ratings;
    /// <see cref="EvaluationProtocol.ColdItems"/> (<c>hybrid-cold</c>): the movies to rank are new releases.
    /// </summary>
    public EvaluationProtocol Validation { get; init; } = Defaults.Validation;

    /// <summary>
    /// The gate: the training-rating counts at which a movie moves to the next weight group, strictly increasing and 1
    /// or more. The default [1, 5, 20] gives four groups (0, 1–4, 5–19, 20+ ratings), so a cold movie, a movie the
    /// collaborative model barely knows and a well-known one each get the content weight validation found best for
    /// them; empty gives one weight for all movies.
    /// </summary>
    public IReadOnlyList<int> GateCounts { get; init; } = Defaults.GateCounts;

    /// <summary>Step of the weights tried when <see cref="Weight"/> is null, in (0, 1]; default <see cref="Defaults.WeightStep"/>.</summary>
    public float WeightStep { get; init; } = Defaults.WeightStep;

    /// <summary>Negatives per validation case, 1 or more; default 99.</summary>
    public int Negatives { get; init; } = SplitDefaults.NumberOfNegatives;

    /// <summary>
    /// For a movie with no training rating (a cold-start item), the collaborative score is the similarity-weighted mean of
    /// the collaborative scores of this many training movies nearest to it by content; 0 leaves the collaborative
    /// average there instead. 0 or more; default <see cref="Defaults.ColdNeighbours"/>.
    /// </summary>
    public int ColdNeighbours { get; init; } = Defaults.ColdNeighbours;

    /// <summary>Seed of the validation negatives; default <see cref="Defaults.Seed"/>.</summary>
    public int Seed { get; init; } = Defaults.Seed;

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the message names it).</exception>
    public void Validate()
    {
        const string o = nameof(HybridOptions) + ".";
        if (Collaborative is null)
        {
            OptionChecks.Throw(o + nameof(Collaborative), "null", "expected the trainer of a collaborative model, for example NeuMF or MF");
        }

        if (string.IsNullOrWhiteSpace(Name))
        {
            OptionChecks.Throw(o + nameof(Name), Name ?? "null", "expected a non-empty model name");
        }

        if (Content is null)
        {
            OptionChecks.Throw(o + nameof(Content), "null", "expected content options");
        }

        Content.Validate();
        if (Weight is { } weight && !(weight >= 0 && weight <= 1))
        {
            OptionChecks.Throw(o + nameof(Weight), weight, "expected a weight in [0, 1], or null to choose it on validation data");
        }

        if (!(WeightStep > 0 && WeightStep <= 1))
        {
            OptionChecks.Throw(o + nameof(WeightStep), WeightStep, "expected a step in (0, 1]");
        }

        if (GateCounts is null || GateCounts.Where((c, i) => c < 1 || (i > 0 && c <= GateCounts[i - 1])).Any())
        {
            OptionChecks.Throw(o + nameof(GateCounts), GateCounts is null ? "null" : $"[{string.Join(", ", GateCounts)}]", "expected strictly increasing counts of 1 or more, or none");
        }

        if (Validation is not (EvaluationProtocol.Mixed or EvaluationProtocol.LeaveOneOut99 or EvaluationProtocol.ColdItems))
        {
            OptionChecks.Throw(o + nameof(Validation), Validation, "expected Mixed, LeaveOneOut99 or ColdItems");
        }

        OptionChecks.AtLeast(Negatives, 1, o + nameof(Negatives));
        OptionChecks.AtLeast(ColdNeighbours, 0, o + nameof(ColdNeighbours));
    }
}

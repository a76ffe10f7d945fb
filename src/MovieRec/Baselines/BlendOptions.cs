using MovieRec.Abstractions;

namespace MovieRec.Baselines;

/// <summary>Options of <see cref="BlendTrainer"/>.</summary>
public sealed record BlendOptions
{
    /// <summary>Gets the model name. Default <c>blend</c>.</summary>
    public string Name { get; init; } = "blend";

    /// <summary>Gets the trainers of the members, at least one.</summary>
    public IReadOnlyList<IRatingTrainer> Members { get; init; } = [];

    /// <summary>Gets the share of the training ratings set aside to fit the weights. Default 0.1.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Gets the ridge penalty on the weights, per validation rating. Default 1e-4.</summary>
    public double Penalty { get; init; } = 1e-4;

    /// <summary>Gets the rating from which a validation rating counts as a like, when a member is a like/dislike
    /// classifier (the blend is then one too). Default 3.5.</summary>
    public float LikeThreshold { get; init; } = 3.5f;

    /// <summary>Gets the seed of the validation slice. Default 1.</summary>
    public int Seed { get; init; } = 1;

    internal void Validate()
    {
        if (Members is null || Members.Count == 0 || Members.Any(m => m is null))
        {
            throw new ArgumentException("BlendOptions.Members must name at least one trainer, none of them null.", nameof(Members));
        }

        if (!(ValidationFraction > 0 && ValidationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, $"BlendOptions.ValidationFraction = {ValidationFraction} is out of range; expected a share between 0 and 1.");
        }

        if (!(Penalty >= 0) || double.IsInfinity(Penalty))
        {
            throw new ArgumentOutOfRangeException(nameof(Penalty), Penalty, $"BlendOptions.Penalty = {Penalty} is out of range; expected 0 or more.");
        }

        if (!float.IsFinite(LikeThreshold))
        {
            throw new ArgumentOutOfRangeException(nameof(LikeThreshold), LikeThreshold, $"BlendOptions.LikeThreshold = {LikeThreshold} is out of range; expected a finite rating.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(Name);
    }
}

namespace MovieRec.Abstractions;

/// <summary>
/// A trainer whose result depends on a seed (initial weights, sampling, row order) and which can hand
/// out copies with other seeds, so repeated experiments vary the training as well as the split, and a caller
/// that owns a seed (an ML.NET context) can give it to the trainer.
/// </summary>
public interface IReseedableTrainer : IRatingTrainer
{
    /// <summary>Gets the seed this trainer trains with.</summary>
    int Seed { get; }

    /// <summary>Returns the trainer with the same name and options except its seed.</summary>
    /// <param name="seed">The seed.</param>
    /// <returns>The trainer.</returns>
    IRatingTrainer WithSeed(int seed);

    /// <summary>Returns the trainer for repetition <paramref name="repetition"/> of an experiment.</summary>
    /// <param name="repetition">0 for the first repetition, which must return a trainer equal to this one; 1, 2, ... for the next.</param>
    /// <returns>A trainer with the same name and options except its seed, offset by <paramref name="repetition"/>.</returns>
    IRatingTrainer ForRepetition(int repetition);
}

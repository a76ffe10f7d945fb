namespace MovieRec.Abstractions;

/// <summary>
/// A user solved against a trained model's fixed movie factors from their ratings (<see cref="IUserFoldIn.FoldIn"/>):
/// a user who arrived after training, or whose ratings changed since, scored without retraining.
/// </summary>
public sealed class FoldedInUser
{
    private readonly float[] _vector;

    /// <summary>Creates a folded-in user.</summary>
    /// <param name="bias">The user's bias.</param>
    /// <param name="vector">The user's vector; the user keeps the array.</param>
    /// <param name="ratings">The number of ratings solved from.</param>
    public FoldedInUser(float bias, float[] vector, int ratings)
    {
        ArgumentNullException.ThrowIfNull(vector);
        Bias = bias;
        _vector = vector;
        Ratings = ratings;
    }

    /// <summary>Gets the user's bias b_u (0 for implicit feedback and for a user with no rating).</summary>
    public float Bias { get; }

    /// <summary>Gets the user's vector p_u (zeros for a user with no rating: the model's unknown user).</summary>
    public ReadOnlySpan<float> Vector => _vector;

    /// <summary>Gets the number of ratings of movies the model knows that the user was solved from.</summary>
    public int Ratings { get; }
}

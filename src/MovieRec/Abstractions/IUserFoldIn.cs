namespace MovieRec.Abstractions;

/// <summary>
/// A model that can score a user it was not trained on, or whose ratings changed since, without retraining: the
/// user is solved from their ratings against the model's fixed movie side (implicit's <c>recalculate_user</c>). The
/// latent-factor models have it (matrix factorisation, ALS, implicit ALS).
/// </summary>
public interface IUserFoldIn : IRatingPredictor
{
    /// <summary>Solves a user from their ratings; ratings of movies the model does not know are left out.</summary>
    /// <param name="movies">The user's rated movies (dense indices).</param>
    /// <param name="ratings">Their ratings.</param>
    /// <returns>The user.</returns>
    /// <exception cref="ArgumentException">The spans differ in length or a rating is not finite.</exception>
    FoldedInUser FoldIn(ReadOnlySpan<int> movies, ReadOnlySpan<float> ratings);

    /// <summary>The score of a movie for a folded-in user.</summary>
    /// <param name="user">The user.</param>
    /// <param name="movie">Dense movie index; 0 or out of range means unknown.</param>
    /// <returns>The score.</returns>
    float Predict(FoldedInUser user, int movie);

    /// <summary>The scores of every movie for a folded-in user.</summary>
    /// <param name="user">The user.</param>
    /// <param name="scores">At least <see cref="IRatingPredictor.MovieIndexBound"/> values.</param>
    void ScoreAll(FoldedInUser user, Span<float> scores);
}

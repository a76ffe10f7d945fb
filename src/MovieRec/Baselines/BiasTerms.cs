using System.Numerics.Tensors;

namespace MovieRec.Baselines;

/// <summary>
/// Global mean plus user and movie biases, the baseline every rating model falls back to for
/// unknown users and movies, with the clamp to the training rating range.
/// </summary>
internal sealed class BiasTerms
{
    public BiasTerms(float mean, float[] userBias, float[] movieBias, float min, float max)
    {
        Mean = mean;
        UserBias = userBias;
        MovieBias = movieBias;
        Min = min;
        Max = max;
    }

    public float Mean { get; }

    public float[] UserBias { get; }

    public float[] MovieBias { get; }

    public float Min { get; }

    public float Max { get; }

    public int UserBound => UserBias.Length;

    public int MovieBound => MovieBias.Length;

    /// <summary>Bias of a user, 0 when unknown.</summary>
    public float User(int user) => (uint)user < (uint)UserBias.Length ? UserBias[user] : 0f;

    /// <summary>Bias of a movie, 0 when unknown.</summary>
    public float Movie(int movie) => (uint)movie < (uint)MovieBias.Length ? MovieBias[movie] : 0f;

    /// <summary>mu + b_u + b_i without clamping.</summary>
    public float Baseline(int user, int movie) => Mean + User(user) + Movie(movie);

    public float Clamp(float value) => float.IsNaN(value) ? Mean : Math.Clamp(value, Min, Max);

    /// <summary>Writes mu + b_u + b_m for every movie into <paramref name="scores"/>.</summary>
    public void BaselineAll(int user, Span<float> scores)
    {
        var dest = scores[..MovieBias.Length];
        TensorPrimitives.Add(MovieBias, Mean + User(user), dest);
        dest[0] = Mean + User(user);
    }

    public void ClampAll(Span<float> scores)
    {
        TensorPrimitives.Max(scores, Min, scores);
        TensorPrimitives.Min(scores, Max, scores);
    }

    /// <summary>
    /// Fits regularised biases by alternating closed-form sweeps:
    /// b_i = Σ(r - μ - b_u)/(λ_i + n_i), then b_u = Σ(r - μ - b_i)/(λ_u + n_u).
    /// </summary>
    public static BiasTerms Fit(RatingMatrix data, int iterations, float userLambda, float movieLambda)
    {
        var bu = new float[data.UserBound];
        var bi = new float[data.MovieBound];
        float mu = data.Mean;
        for (int it = 0; it < iterations; it++)
        {
            for (int m = 1; m < bi.Length; m++)
            {
                var users = data.UsersOf(m);
                var ratings = data.RatingsOfMovie(m);
                double s = 0;
                for (int k = 0; k < users.Length; k++)
                {
                    s += ratings[k] - mu - bu[users[k]];
                }

                bi[m] = (float)(s / (movieLambda + users.Length));
            }

            for (int u = 1; u < bu.Length; u++)
            {
                var movies = data.MoviesOf(u);
                var ratings = data.RatingsOfUser(u);
                double s = 0;
                for (int k = 0; k < movies.Length; k++)
                {
                    s += ratings[k] - mu - bi[movies[k]];
                }

                bu[u] = (float)(s / (userLambda + movies.Length));
            }
        }

        return new BiasTerms(mu, bu, bi, data.MinRating, data.MaxRating);
    }
}

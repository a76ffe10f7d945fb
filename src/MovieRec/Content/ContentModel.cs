using System.Numerics.Tensors;
using MovieRec.Abstractions;
using MovieRec.Data;
using MovieRec.Recommendation;

namespace MovieRec.Content;

/// <summary>
/// Content-based recommendations: each movie is the vector of its text (<see cref="ContentText"/>) from an
/// <see cref="ITextEncoder"/>, a user is the average of the vectors of the movies they liked
/// (<see cref="ContentProfile"/>), and a movie's score is the cosine between the two.
/// </summary>
/// <remarks>
/// <para>Scores lie in [−1, 1] and rank movies; they are not ratings. A movie no rating mentions still has a vector,
/// so brand-new movies can be recommended (cold-start items); a user with no like, or an unknown user, scores 0
/// everywhere. <see cref="MovieVectors"/> are the movies' text vectors, so "similar movies" of
/// <see cref="Recommender"/> are movies with similar plots. Search is exact (one dot product per movie) unless an
/// <see cref="IVectorIndex"/> is attached with <see cref="WithIndex"/>, which <see cref="Recommend"/> then uses.</para>
/// <para>Trained models are immutable and safe to score from many threads. Disposing a model disposes its index, if any.</para>
/// </remarks>
public sealed class ContentModel : IRatingPredictor, IDisposable
{
    private readonly FactorMatrix _movies;
    private readonly FactorMatrix _users;

    internal ContentModel(string name, string encoderName, FactorMatrix movies, FactorMatrix users, IVectorIndex? index = null)
    {
        Name = name;
        EncoderName = encoderName;
        _movies = movies;
        _users = users;
        Index = index;
    }

    /// <summary>Gets the nearest-neighbour index <see cref="Recommend"/> searches, or null for exact search.</summary>
    public IVectorIndex? Index { get; }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Gets the <see cref="ITextEncoder.Name"/> of the encoder the movie vectors came from.</summary>
    public string EncoderName { get; }

    /// <summary>Gets the length of the vectors.</summary>
    public int Dimension => _movies.Columns;

    /// <inheritdoc/>
    public PredictionKind Predicts => PredictionKind.Ranking;

    /// <inheritdoc/>
    public int UserIndexBound => _users.Rows;

    /// <inheritdoc/>
    public int MovieIndexBound => _movies.Rows;

    /// <summary>Gets each user's liked-movie direction (unit length; zeros for a user with no like).</summary>
    public FactorMatrix UserVectors => _users;

    /// <summary>Gets each movie's text vector (unit length; zeros for a text the encoder knows nothing of).</summary>
    public FactorMatrix MovieVectors => _movies;

    FactorMatrix? IRatingPredictor.UserVectors => _users;

    FactorMatrix? IRatingPredictor.MovieVectors => _movies;

    /// <summary>Encodes every movie's text into a model with no users yet: score visitors with <see cref="Score"/>.</summary>
    /// <param name="movies">The catalogue.</param>
    /// <param name="encoder">The text encoder.</param>
    /// <param name="name">The model name; default <c>content</c>.</param>
    /// <returns>The model.</returns>
    public static ContentModel FromMovies(MoviesTable movies, ITextEncoder encoder, string name = "content")
    {
        ArgumentNullException.ThrowIfNull(movies);
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new ContentModel(name, encoder.Name, Encode(movies, encoder), new FactorMatrix(0, encoder.Dimension));
    }

    /// <summary>Returns this model with a nearest-neighbour index for <see cref="Recommend"/>; the vectors are shared,
    /// and the new model owns the index.</summary>
    /// <param name="index">An index built over <see cref="MovieVectors"/> (row = movie index).</param>
    /// <returns>The model that searches the index.</returns>
    public ContentModel WithIndex(IVectorIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (index.Count > MovieIndexBound)
        {
            throw new ArgumentException($"The index holds {index.Count:N0} vectors; the model has {MovieIndexBound - 1:N0} movies.", nameof(index));
        }

        return new ContentModel(Name, EncoderName, _movies, _users, index);
    }

    /// <inheritdoc/>
    public void Dispose() => Index?.Dispose();

    /// <summary>Starts a profile for a new user or visitor, to be fed with <see cref="AddLike"/>.</summary>
    /// <returns>An empty profile of this model's dimension.</returns>
    public ContentProfile NewProfile() => new(Dimension);

    /// <summary>Adds a liked movie to a profile.</summary>
    /// <param name="profile">The profile.</param>
    /// <param name="movie">A movie index, 1..<see cref="MovieIndexBound"/>-1.</param>
    /// <exception cref="ArgumentOutOfRangeException">The movie is not in the catalogue.</exception>
    public void AddLike(ContentProfile profile, int movie)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (movie < 1 || movie >= MovieIndexBound)
        {
            throw new ArgumentOutOfRangeException(nameof(movie), movie, $"Expected a movie index in 1..{MovieIndexBound - 1}.");
        }

        profile.Add(_movies.Row(movie));
    }

    /// <summary>Scores every movie for a profile: the cosine between the profile and each movie's vector.</summary>
    /// <param name="profile">The profile (all zeros scores when it has no like).</param>
    /// <param name="scores">Receives <see cref="MovieIndexBound"/> scores (index 0 gets 0).</param>
    public void Score(ContentProfile profile, Span<float> scores)
    {
        ArgumentNullException.ThrowIfNull(profile);
        PredictorChecks.CheckScores(scores, MovieIndexBound);
        if (profile.Mean.Length != Dimension)
        {
            throw new ArgumentException($"The profile has {profile.Mean.Length} values; the model's vectors have {Dimension}.", nameof(profile));
        }

        Span<float> unit = Dimension <= 1024 ? stackalloc float[Dimension] : new float[Dimension];
        profile.CopyUnitTo(unit);
        ScoreAgainst(unit, scores);
    }

    /// <summary>Recommends for a profile: the unseen movies nearest to it.</summary>
    /// <param name="profile">The profile.</param>
    /// <param name="options">Count, candidate pool and seed; null uses the defaults.</param>
    /// <param name="excluded">Movies to leave out (those already shown or liked).</param>
    /// <returns>The movies, best first.</returns>
    /// <remarks>With an <see cref="Index"/>, the index is asked for the count plus the excluded movies, and exact search
    /// takes over when too few remain or when <see cref="RecommendationOptions.CandidatePool"/> asks for a random pick.</remarks>
    public IReadOnlyList<RankedItem> Recommend(ContentProfile profile, RecommendationOptions? options, ReadOnlySpan<int> excluded)
    {
        options ??= new RecommendationOptions();
        if (Index is not null && profile is { Count: > 0 } && options.Count > 0 && options.CandidatePool <= options.Count
            && SearchIndex(profile, options.Count, excluded) is { } found)
        {
            return found;
        }

        var scores = new float[MovieIndexBound];
        Score(profile, scores);
        return Recommender.Top(scores, options, excluded);
    }

    /// <inheritdoc/>
    public float Predict(int user, int movie) =>
        (uint)user < (uint)UserIndexBound && movie > 0 && movie < MovieIndexBound ? TensorPrimitives.Dot(_users.Row(user), _movies.Row(movie)) : 0f;

    /// <inheritdoc/>
    public void ScoreAll(int user, Span<float> scores)
    {
        PredictorChecks.CheckScores(scores, MovieIndexBound);
        if ((uint)user >= (uint)UserIndexBound)
        {
            scores[..MovieIndexBound].Clear();
            return;
        }

        ScoreAgainst(_users.Row(user), scores);
    }

    internal static FactorMatrix Encode(MoviesTable movies, ITextEncoder encoder) => Encode(ContentText.All(movies), encoder);

    internal static FactorMatrix Encode(string[] texts, ITextEncoder encoder)
    {
        var values = new float[checked(texts.Length * encoder.Dimension)];
        encoder.Encode(texts, values);
        values.AsSpan(0, encoder.Dimension).Clear();
        return new FactorMatrix(texts.Length, encoder.Dimension, values);
    }

    private RankedItem[]? SearchIndex(ContentProfile profile, int count, ReadOnlySpan<int> excluded)
    {
        if (profile.Mean.Length != Dimension)
        {
            throw new ArgumentException($"The profile has {profile.Mean.Length} values; the model's vectors have {Dimension}.", nameof(profile));
        }

        int asked = Math.Min(Index!.Count, count + excluded.Length);
        var rows = new int[asked];
        var similarities = new float[asked];
        int found = Index.Search(profile.Mean, rows, similarities);
        var skip = excluded.Length == 0 ? null : new HashSet<int>(excluded.ToArray());
        var best = new List<RankedItem>(count);
        for (int i = 0; i < found && best.Count < count; i++)
        {
            if (rows[i] > 0 && rows[i] < MovieIndexBound && skip?.Contains(rows[i]) != true)
            {
                best.Add(new RankedItem(rows[i], similarities[i]));
            }
        }

        return best.Count == count ? [.. best] : null;
    }

    private void ScoreAgainst(ReadOnlySpan<float> unit, Span<float> scores)
    {
        var values = _movies.Values;
        int dimension = Dimension;
        scores[0] = 0;
        for (int m = 1; m < MovieIndexBound; m++)
        {
            scores[m] = TensorPrimitives.Dot(unit, values.Slice(m * dimension, dimension));
        }
    }
}

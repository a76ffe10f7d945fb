using System.Globalization;
using MovieRec.Data;
using MovieRec.Features;
using MovieRec.Onnx.Training;

namespace MovieRec.Onnx.Models;

/// <summary>
/// The standard feature tables of the deep models: one row per user (id, gender, age group,
/// occupation) and one per movie (id, genre list, title words), with the input bindings that
/// read them and the conversion of ratings into <see cref="TrainingData"/> columns.
/// </summary>
/// <remarks>
/// User row: <c>[user index, gender 0/1, age group 0..6, occupation index]</c> (see
/// <see cref="UserFeatureEncoder"/>). Movie row: <c>[movie index, genre indices (1-based, 0 =
/// padding) × GenreLength, title word indices (0 = <c>&lt;PAD&gt;</c>) × TitleLength]</c> (see
/// <see cref="MovieFeatureEncoder"/>). Index 0 in an id column means unknown, so a cold-start
/// row is the side features with id 0. A model that uses only the ids (for example NCF) binds
/// just <see cref="UserId"/> and <see cref="MovieId"/>.
/// </remarks>
public sealed class FeatureTables
{
    private FeatureTables(long[] userRows, long[] movieRows, int genreLength, int titleLength, Vocabulary titles, Vocabulary genres, int occupationCount)
    {
        UserRows = userRows;
        MovieRows = movieRows;
        GenreLength = genreLength;
        TitleLength = titleLength;
        TitleVocabulary = titles;
        GenreVocabulary = genres;
        OccupationCount = occupationCount;
    }

    /// <summary>Columns of a user row.</summary>
    public static int UserWidth => UserFeatureEncoder.Width;

    /// <summary>Columns of a movie row: 1 + <see cref="GenreLength"/> + <see cref="TitleLength"/>.</summary>
    public int MovieWidth => 1 + GenreLength + TitleLength;

    /// <summary>Genre slots per movie row.</summary>
    public int GenreLength { get; }

    /// <summary>Title word slots per movie row.</summary>
    public int TitleLength { get; }

    /// <summary>User rows, row-major.</summary>
    public long[] UserRows { get; }

    /// <summary>Movie rows, row-major.</summary>
    public long[] MovieRows { get; }

    /// <summary>Title words (index 0 = <c>&lt;PAD&gt;</c>).</summary>
    public Vocabulary TitleVocabulary { get; }

    /// <summary>Genres (index 0 = <c>&lt;PAD&gt;</c>).</summary>
    public Vocabulary GenreVocabulary { get; }

    /// <summary>Number of occupation indices.</summary>
    public int OccupationCount { get; }

    /// <summary>Number of user rows.</summary>
    public int UserCount => UserRows.Length / UserWidth;

    /// <summary>Number of movie rows.</summary>
    public int MovieCount => MovieRows.Length / MovieWidth;

    /// <summary>The feature schema string stored in bundles (it names the layout and the slot lengths).</summary>
    public string Schema => SchemaFor(GenreLength, TitleLength);

    /// <summary>Binding of the <c>user_id</c> input: Int64 [N].</summary>
    public static FeatureInput UserId { get; } = new("user_id", FeatureSide.User, 0, 1);

    /// <summary>Binding of the <c>gender</c> input: Int64 [N].</summary>
    public static FeatureInput Gender { get; } = new("gender", FeatureSide.User, 1, 1);

    /// <summary>Binding of the <c>age_group</c> input: Int64 [N].</summary>
    public static FeatureInput AgeGroup { get; } = new("age_group", FeatureSide.User, 2, 1);

    /// <summary>Binding of the <c>occupation</c> input: Int64 [N].</summary>
    public static FeatureInput Occupation { get; } = new("occupation", FeatureSide.User, 3, 1);

    /// <summary>Binding of the <c>movie_id</c> input: Int64 [N].</summary>
    public static FeatureInput MovieId { get; } = new("movie_id", FeatureSide.Movie, 0, 1);

    /// <summary>Binding of the <c>genres</c> input: Int64 [N, GenreLength].</summary>
    public FeatureInput Genres => new("genres", FeatureSide.Movie, 1, GenreLength);

    /// <summary>Binding of the <c>title</c> input: Int64 [N, TitleLength].</summary>
    public FeatureInput Title => new("title", FeatureSide.Movie, 1 + GenreLength, TitleLength);

    /// <summary>The schema string for given slot lengths.</summary>
    /// <param name="genreLength">Genre slots.</param>
    /// <param name="titleLength">Title slots.</param>
    /// <returns>For example <c>movierec.features/1 user[id,gender,age_group,occupation] movie[id,genres*18,title*15]</c>.</returns>
    public static string SchemaFor(int genreLength, int titleLength) => string.Create(
        CultureInfo.InvariantCulture,
        $"movierec.features/1 user[id,gender,age_group,occupation] movie[id,genres*{genreLength},title*{titleLength}]");

    /// <summary>Encodes every user and movie of a dataset.</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="genreLength">Genre slots per movie; default 18.</param>
    /// <param name="titleLength">Title word slots per movie; default 15.</param>
    /// <returns>The tables.</returns>
    public static FeatureTables Create(RecommendationDataset dataset, int genreLength = FeatureDefaults.GenreLength, int titleLength = FeatureDefaults.TitleLength)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var users = UserFeatureEncoder.Create(dataset);
        var movies = MovieFeatureEncoder.Create(dataset, genreLength, titleLength);
        return new FeatureTables(users.EncodeAll(), movies.EncodeAll(), genreLength, titleLength, movies.Titles.Vocabulary, movies.GenreVocabulary, users.OccupationCount);
    }

    /// <summary>Builds training columns for some ratings: one Int64 column per binding plus the Float target.</summary>
    /// <param name="ratings">The ratings (dense indices into these tables).</param>
    /// <param name="inputs">The bindings to materialise.</param>
    /// <param name="targetName">Name of the Float [N] column holding the ratings.</param>
    /// <returns>The training data.</returns>
    public TrainingData ToTrainingData(RatingsTable ratings, IReadOnlyList<FeatureInput> inputs, string targetName)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(inputs);
        return ToTrainingData(ratings, inputs, UserRows, UserWidth, MovieRows, MovieWidth, targetName, ratings.Ratings.ToArray());
    }

    /// <summary>Builds training columns from any pair of feature tables: one Int64 column per binding plus a Float target.</summary>
    /// <param name="ratings">The ratings (dense indices into the tables).</param>
    /// <param name="inputs">The bindings to materialise.</param>
    /// <param name="userRows">User rows, row-major.</param>
    /// <param name="userWidth">Columns of a user row.</param>
    /// <param name="movieRows">Movie rows, row-major.</param>
    /// <param name="movieWidth">Columns of a movie row.</param>
    /// <param name="targetName">Name of the Float [N] target column.</param>
    /// <param name="targets">One target per rating.</param>
    /// <returns>The training data.</returns>
    internal static TrainingData ToTrainingData(RatingsTable ratings, IReadOnlyList<FeatureInput> inputs, long[] userRows, int userWidth, long[] movieRows, int movieWidth, string targetName, float[] targets) =>
        ToTrainingData(ratings.Users, ratings.Movies, inputs, userRows, userWidth, movieRows, movieWidth, targetName, targets);

    /// <summary>Builds training columns with explicit row indices: example r reads user row <c>users[r]</c> and movie row <c>movies[r]</c>.</summary>
    /// <param name="users">The user row of each example (a user index, or the example's own row when user rows are per example).</param>
    /// <param name="movies">The movie row of each example.</param>
    /// <param name="inputs">The bindings to materialise.</param>
    /// <param name="userRows">User rows, row-major.</param>
    /// <param name="userWidth">Columns of a user row.</param>
    /// <param name="movieRows">Movie rows, row-major.</param>
    /// <param name="movieWidth">Columns of a movie row.</param>
    /// <param name="targetName">Name of the Float [N] target column.</param>
    /// <param name="targets">One target per example.</param>
    /// <returns>The training data.</returns>
    internal static TrainingData ToTrainingData(ReadOnlySpan<int> users, ReadOnlySpan<int> movies, IReadOnlyList<FeatureInput> inputs, long[] userRows, int userWidth, long[] movieRows, int movieWidth, string targetName, float[] targets)
    {
        int rows = users.Length;
        var data = TrainingData.Create(rows);
        // Each example reads its user's and movie's rows through their index: no per-example copy of the features.
        int[] userIds = users.ToArray(), movieIds = movies.ToArray();
        foreach (var input in inputs)
        {
            var (source, width, ids) = input.Side == FeatureSide.User ? (userRows, userWidth, userIds) : (movieRows, movieWidth, movieIds);
            data.AddGathered(input.Name, source, width, input.Offset, input.Width, ids);
        }

        data.Add(targetName, targets);
        return data;
    }

    /// <summary>A user feature row for a new user known only by side features (id column 0).</summary>
    /// <param name="gender">0 = female, 1 = male (as <see cref="UserFeatureEncoder"/> encodes).</param>
    /// <param name="ageGroup">Age group 0..6 (<see cref="AgeGroups.FromAge"/>).</param>
    /// <param name="occupation">Occupation index as the dataset encodes it (0 when unknown).</param>
    /// <returns>The row.</returns>
    public static long[] NewUserRow(int gender, int ageGroup, int occupation)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(gender);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(gender, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(ageGroup);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(ageGroup, AgeGroups.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(occupation);
        return [0, gender, ageGroup, occupation];
    }

    /// <summary>
    /// A user feature row for a new user of a bundle's model, checked against what the model knows: it must read
    /// demographics (the standard feature schema), and the occupation must be one of its occupations.
    /// </summary>
    /// <param name="bundle">The model's bundle.</param>
    /// <param name="gender">0 = female, 1 = male.</param>
    /// <param name="age">Age in years, 1 to 120.</param>
    /// <param name="occupation">Occupation index as the dataset encodes it (0 when unknown).</param>
    /// <returns>The row.</returns>
    /// <exception cref="ArgumentException">The model cannot use demographics (<c>ParamName</c> bundle), or a value is out of range (<c>ParamName</c> gender, age or occupation).</exception>
    public static long[] NewUserRow(ModelBundle bundle, int gender, int age, int occupation)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return NewUserRowCore(bundle, gender, age, occupation);
    }

    /// <summary>A user feature row for a new user of a bundle's model, the gender given as MovieLens writes it.</summary>
    /// <param name="bundle">The model's bundle.</param>
    /// <param name="gender"><c>F</c> or <c>M</c>, in either case.</param>
    /// <param name="age">Age in years, 1 to 120.</param>
    /// <param name="occupation">Occupation index as the dataset encodes it (0 when unknown).</param>
    /// <returns>The row.</returns>
    /// <exception cref="ArgumentException">The model cannot use demographics (<c>ParamName</c> bundle), or a value is out of range (<c>ParamName</c> gender, age or occupation).</exception>
    public static long[] NewUserRow(ModelBundle bundle, string gender, int age, int occupation)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(gender);
        return UsersTable.GenderCode(gender.Trim().ToUpperInvariant()) is { } code
            ? NewUserRowCore(bundle, code, age, occupation)
            : throw new ArgumentException($"Gender '{gender}' is not valid; expected F or M.", nameof(gender));
    }

    private static long[] NewUserRowCore(ModelBundle bundle, int gender, int age, int occupation)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        if (bundle.UserFeatureWidth != UserWidth || !bundle.Inputs.Any(i => i.Side == FeatureSide.User && i.Offset > 0))
        {
            throw new ArgumentException($"The {bundle.ModelKind} model reads user ids only, not gender, age or occupation, so it cannot describe a new user by them; use a model trained with user features (lstm-cnn, text-cnn).", nameof(bundle));
        }

        if (gender is not (0 or 1))
        {
            throw new ArgumentException($"Gender {gender} is not valid; expected 0 (female) or 1 (male).", nameof(gender));
        }

        if (age is < 1 or > 120)
        {
            throw new ArgumentException($"Age {age} is out of range; expected 1 to 120 years.", nameof(age));
        }

        if (bundle.Model.Metadata.TryGetValue("movierec.vocab.occupation", out var text)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int occupations)
            && (occupation < 0 || occupation >= occupations))
        {
            throw new ArgumentException($"Occupation {occupation} is not one this model knows; expected 0 to {occupations - 1}.", nameof(occupation));
        }

        return NewUserRow(gender, AgeGroups.FromAge(age), occupation);
    }

    /// <summary>A movie feature row for a new movie known only by title and genres (id column 0), using a bundle's vocabularies.</summary>
    /// <param name="bundle">A bundle with the standard feature schema and <c>title</c> and <c>genre</c> vocabularies.</param>
    /// <param name="title">The title, for example "Toy Story (1995)"; unknown words map to the unknown token.</param>
    /// <param name="genres">Genre names as the dataset spells them; unknown names are ignored.</param>
    /// <returns>The row.</returns>
    public static long[] NewMovieRow(ModelBundle bundle, string title, IEnumerable<string> genres)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(genres);
        if (!bundle.Vocabularies.TryGetValue("title", out var titles) || !bundle.Vocabularies.TryGetValue("genre", out var genreVocabulary))
        {
            throw new ArgumentException($"Bundle of model '{bundle.ModelKind}' has no 'title' and 'genre' vocabularies; it does not use movie side features.", nameof(bundle));
        }

        int genreLength = int.Parse(bundle.Metadata["features.genre_length"], CultureInfo.InvariantCulture);
        int titleLength = int.Parse(bundle.Metadata["features.title_length"], CultureInfo.InvariantCulture);
        var row = new long[1 + genreLength + titleLength];
        int slot = 0;
        foreach (string genre in genres)
        {
            int index = genreVocabulary.IndexOf(genre);
            if (index > 0 && slot < genreLength)
            {
                row[1 + slot++] = index;
            }
        }

        TitleEncoder.Create(titles, titleLength).Encode(title, row.AsSpan(1 + genreLength, titleLength));
        return row;
    }

    /// <summary>The vocabularies and metadata a bundle needs to encode cold-start rows later.</summary>
    /// <returns>Vocabularies (<c>title</c>, <c>genre</c>) and metadata entries (<c>features.*</c>).</returns>
    public (IReadOnlyDictionary<string, Vocabulary> Vocabularies, IReadOnlyDictionary<string, string> Metadata) BundleParts() => (
        new Dictionary<string, Vocabulary>(StringComparer.Ordinal) { ["title"] = TitleVocabulary, ["genre"] = GenreVocabulary },
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["features.genre_length"] = GenreLength.ToString(CultureInfo.InvariantCulture),
            ["features.title_length"] = TitleLength.ToString(CultureInfo.InvariantCulture),
            ["features.occupations"] = OccupationCount.ToString(CultureInfo.InvariantCulture),
        });
}

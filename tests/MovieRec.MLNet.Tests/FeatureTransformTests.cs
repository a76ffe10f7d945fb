using Microsoft.ML;
using Microsoft.ML.Data;
using MovieRec.Data;
using MovieRec.Features;

namespace MovieRec.MLNet.Tests;

/// <summary>The featurization as ML.NET transforms: the same indices as the library's encoders, saved and loaded with the model.</summary>
[TestFixture]
public sealed class FeatureTransformTests
{
    private static readonly Lazy<RecommendationDataset> s_dataset = new(LoadDataset);

    /// <summary>ML-100K when MOVIEREC_DATA has it (real titles), else the synthetic data.</summary>
    private static RecommendationDataset Dataset => s_dataset.Value;

    [Test]
    public void Title_and_genre_keys_are_the_indices_the_models_read()
    {
        var ml = new MLContext(seed: 1);
        var movies = ml.Data.LoadMovies(Dataset);
        var pipeline = ml.MovieRec().EncodeGenres(genres: Dataset.Movies.GenreNames).Append(ml.MovieRec().EncodeTitle());
        var encoded = pipeline.Fit(movies).Transform(movies);

        var encoder = MovieFeatureEncoder.Create(Dataset);
        var genreKeys = encoded.GetColumn<uint[]>("GenreKeys").ToArray();
        var titleKeys = encoded.GetColumn<uint[]>("TitleKeys").ToArray();
        var expected = new long[encoder.Width];
        Assert.That(genreKeys, Has.Length.EqualTo(Dataset.MovieCount));
        for (int m = 1; m <= genreKeys.Length; m++)
        {
            encoder.Encode(m, expected);
            Assert.That(genreKeys[m - 1].Select(k => (long)k), Is.EqualTo(expected.Skip(1).Take(FeatureDefaults.GenreLength)), $"genres of movie {m}");
            Assert.That(titleKeys[m - 1].Select(k => (long)k), Is.EqualTo(expected.Skip(1 + FeatureDefaults.GenreLength).Take(FeatureDefaults.TitleLength)), $"title of movie {m}");
        }

        Assert.Multiple(() =>
        {
            Assert.That(((VectorDataViewType)encoded.Schema["TitleKeys"].Type).ItemType, Is.EqualTo(new KeyDataViewType(typeof(uint), encoder.Titles.Vocabulary.Count - 1)));
            Assert.That(((VectorDataViewType)encoded.Schema["GenreKeys"].Type).ItemType, Is.EqualTo(new KeyDataViewType(typeof(uint), Dataset.Movies.GenreNames.Count)));
            Assert.That(titleKeys.SelectMany(k => k), Does.Contain(2u), "words start at key 2");
            Assert.That(titleKeys.Concat(genreKeys).Select(k => k.Length).Distinct(), Is.EquivalentTo(new[] { FeatureDefaults.TitleLength, FeatureDefaults.GenreLength }));
        });
    }

    [Test]
    public void Unknown_words_are_key_1_unknown_genres_and_padding_key_0_and_keys_map_back_to_tokens()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(new[] { new Movie { Title = "The Matrix (1999)", Genres = ["Action", "Sci-Fi"] }, new Movie { Title = "Matrix Reloaded, The (2003)", Genres = ["Action"] } });
        var test = ml.Data.LoadFromEnumerable(new[] { new Movie { Title = "Matrix Revolutions, The (2003)", Genres = ["Drama", "Sci-Fi"] } });
        var model = ml.MovieRec().EncodeTitle().Append(ml.MovieRec().EncodeGenres()).Fit(train);
        var row = model.Transform(test);
        var back = ml.Transforms.Conversion.MapKeyToValue("TitleWords", "TitleKeys").Fit(row).Transform(row);

        Assert.Multiple(() =>
        {
            // Vocabulary by frequency, ties in ordinal order: matrix 2, the 3 (twice each), reloaded 4.
            Assert.That(row.GetColumn<uint[]>("TitleKeys").Single().Take(4), Is.EqualTo(new uint[] { 2, 1, 3, 0 }));
            Assert.That(row.GetColumn<uint[]>("GenreKeys").Single().Take(3), Is.EqualTo(new uint[] { 0, 2, 0 }), "Action is key 1, Sci-Fi 2; Drama was not seen");
            Assert.That(back.GetColumn<string[]>("TitleWords").Single().Take(3), Is.EqualTo(new[] { "matrix", Vocabulary.UnknownToken, "the" }));
        });
    }

    [Test]
    public void Demographics_are_keys_with_0_for_missing()
    {
        var ml = new MLContext(seed: 1);
        var users = ml.Data.LoadFromEnumerable(new[]
        {
            new User { Gender = "M", Age = 24, Occupation = "writer" },
            new User { Gender = "F", Age = 56, Occupation = "artist" },
            new User { Gender = "F", Age = 1, Occupation = "writer" },
            new User { Gender = "M", Age = 0, Occupation = "artist" },
        });
        var encoded = ml.MovieRec().EncodeDemographics().Fit(users).Transform(users);

        Assert.Multiple(() =>
        {
            Assert.That(encoded.GetColumn<uint>("GenderKey").ToArray(), Is.EqualTo(new uint[] { 2, 1, 1, 2 }));
            Assert.That(encoded.GetColumn<uint>("AgeGroup").ToArray(), Is.EqualTo(new uint[] { 2, 7, 1, 0 }));
            Assert.That(encoded.GetColumn<uint>("OccupationKey").ToArray(), Is.EqualTo(new uint[] { 2, 1, 2, 1 }));
            Assert.That(AgeGroupMapping.Labels, Is.EqualTo(new[] { "Under 18", "18-24", "25-34", "35-44", "45-49", "50-55", "56+" }));
            Assert.That(encoded.Schema["AgeGroup"].Type, Is.EqualTo(new KeyDataViewType(typeof(uint), AgeGroups.Count)));
        });
    }

    [Test]
    public void Dataset_demographics_match_the_user_encoder()
    {
        if (Dataset.Users is null)
        {
            Assert.Ignore($"Dataset '{Dataset.Name}' has no demographics.");
        }

        var ml = new MLContext(seed: 1);
        var users = ml.Data.LoadUsers(Dataset);
        var encoded = ml.MovieRec().EncodeDemographics().Fit(users).Transform(users);
        var encoder = UserFeatureEncoder.Create(Dataset);
        var row = new long[UserFeatureEncoder.Width];
        var gender = encoded.GetColumn<uint>("GenderKey").ToArray();
        var age = encoded.GetColumn<uint>("AgeGroup").ToArray();
        for (int u = 1; u <= gender.Length; u++)
        {
            encoder.Encode(u, row);
            Assert.That((gender[u - 1], age[u - 1]), Is.EqualTo(((uint)row[1] + 1, (uint)row[2] + 1)), $"user {u}");
        }
    }

    [Test]
    public void Preview_shows_the_encoded_columns_and_the_pipeline_saves_and_loads()
    {
        var ml = new MLContext(seed: 1);
        var movies = ml.Data.LoadMovies(Dataset);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("MovieKey", "MovieId")
            .Append(ml.MovieRec().EncodeGenres())
            .Append(ml.MovieRec().EncodeTitle());
        var model = pipeline.Fit(movies);
        var preview = model.Transform(movies).Preview(maxRows: 3);
        string path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"features-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(model, movies.Schema, path);
            var other = new MLContext(seed: 2);
            other.MovieRec();
            var loaded = other.Model.Load(path, out _);
            Assert.Multiple(() =>
            {
                Assert.That(preview.Schema.Select(c => c.Name), Is.EqualTo(new[] { "MovieId", "Title", "Year", "Genres", "MovieKey", "GenreKeys", "TitleKeys" }));
                Assert.That(preview.RowView[0].Values.Single(v => v.Key == "MovieKey").Value, Is.EqualTo(1u));
                Assert.That(loaded.Transform(movies).GetColumn<uint[]>("TitleKeys"), Is.EqualTo(model.Transform(movies).GetColumn<uint[]>("TitleKeys")));
                Assert.That(loaded.Transform(movies).GetColumn<uint[]>("GenreKeys"), Is.EqualTo(model.Transform(movies).GetColumn<uint[]>("GenreKeys")));
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void A_missing_or_mistyped_column_is_named()
    {
        var ml = new MLContext(seed: 1);
        var users = ml.Data.LoadFromEnumerable(new[] { new User { Gender = "M", Age = 30, Occupation = "writer" } });
        var missing = Assert.Throws<ArgumentException>(() => ml.MovieRec().EncodeTitle().Fit(users))!;
        var mistyped = Assert.Throws<ArgumentException>(() => ml.MovieRec().EncodeGenres(inputColumnName: "Gender").Fit(users))!;
        Assert.Multiple(() =>
        {
            Assert.That(missing.Message, Does.Contain("no column 'Title'"));
            Assert.That(mistyped.Message, Does.Contain("Column 'Gender' is").And.Contain("expected a vector of text"));
        });
    }

    private static RecommendationDataset LoadDataset()
    {
        string? root = Environment.GetEnvironmentVariable("MOVIEREC_DATA");
        string folder = root is null ? string.Empty : Path.Combine(root, "ml-100k");
        return File.Exists(Path.Combine(folder, "u.item"))
            ? DatasetCatalog.Load("ml-100k", folder)
            : SyntheticDataset.Generate(new SyntheticDataOptions { NumberOfRatings = 3000, NumberOfUsers = 100, NumberOfMovies = 120, Seed = 7 });
    }

    private sealed class Movie
    {
        public string Title { get; set; } = string.Empty;

        public string[] Genres { get; set; } = [];
    }

    private sealed class User
    {
        public string Gender { get; set; } = string.Empty;

        public int Age { get; set; }

        public string Occupation { get; set; } = string.Empty;
    }
}

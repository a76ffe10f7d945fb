using Microsoft.ML;
using Microsoft.ML.Data;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Onnx.Models.LikeMlp;
using MovieRec.Onnx.Models.Ncf;
using MovieRec.Onnx.Models.RatingCnn;
using MovieRec.Onnx.Models.SeqCnn;
using MovieRec.Tests.Docs;
using MovieRec.Tests.Models;
using MovieRec.Onnx.Training;

namespace MovieRec.MLNet.Tests;

public sealed class RatingEstimatorTests
{
    private static readonly Lazy<Row[]> s_rows = new(() =>
    {
        var data = SyntheticDataset.Generate(new SyntheticDataOptions { NumberOfRatings = 4000, NumberOfUsers = 150, NumberOfMovies = 120, Seed = 3 });
        var r = data.Ratings;
        return [.. Enumerable.Range(0, r.Count).Select(i => new Row
        {
            UserId = data.UserIds.RawIdOf(r.Users[i]),
            MovieId = data.MovieIds.RawIdOf(r.Movies[i]),
            Label = r.Ratings[i],
        })];
    });

    [Test]
    public void Fit_scores_as_the_library_model_and_ml_net_evaluates_it()
    {
        var ml = new MLContext(seed: 1);
        var rows = s_rows.Value;
        Row[] train = [.. rows.Where((_, i) => i % 5 != 0)];
        Row[] test = [.. rows.Where((_, i) => i % 5 == 0)];
        var options = new MatrixFactorizationOptions { Seed = 5 };

        var model = ml.MovieRec().MatrixFactorization(options).Fit(ml.Data.LoadFromEnumerable(train));
        var metrics = ml.Regression.Evaluate(model.Transform(ml.Data.LoadFromEnumerable(test)));

        // The same model through the library: indices from 1 in order of appearance, unseen ids 0.
        var users = new Dictionary<float, int>();
        var movies = new Dictionary<float, int>();
        int Index(Dictionary<float, int> map, float id) => map.TryGetValue(id, out int i) ? i : map[id] = map.Count + 1;
        var table = RatingsTable.CreateWithoutTimestamps([.. train.Select(r => Index(users, r.UserId))], [.. train.Select(r => Index(movies, r.MovieId))], [.. train.Select(r => r.Label)]);
        var library = BaselineCatalog.MatrixFactorization(options).Fit(table);
        var predicted = new float[test.Length];
        library.Predict([.. test.Select(r => users.GetValueOrDefault(r.UserId))], [.. test.Select(r => movies.GetValueOrDefault(r.MovieId))], predicted);
        double rmse = RatingMetrics.RootMeanSquaredError(predicted, [.. test.Select(r => r.Label)]);

        Assert.That(metrics.RootMeanSquaredError, Is.EqualTo(rmse).Within(1e-5));
    }

    [Test]
    public void Saved_and_loaded_with_ml_net_it_gives_the_same_scores()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(s_rows.Value);
        var model = ml.MovieRec().MatrixFactorization().Fit(data);
        string path = Path.Combine(Path.GetTempPath(), $"movierec-mlnet-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(model, data.Schema, path);
            var other = new MLContext();
            other.MovieRec();
            var loaded = other.Model.Load(path, out var schema);

            float[] before = [.. model.Transform(data).GetColumn<float>("Score")];
            float[] after = [.. loaded.Transform(data).GetColumn<float>("Score")];
            var engine = other.Model.CreatePredictionEngine<Row, Scored>(loaded);
            float unknown = engine.Predict(new Row { UserId = -12345, MovieId = s_rows.Value[0].MovieId }).Score;

            Assert.Multiple(() =>
            {
                Assert.That(after, Is.EqualTo(before));
                Assert.That(schema.GetColumnOrNull("UserId"), Is.Not.Null);
                Assert.That(float.IsFinite(unknown), Is.True, "an id training never saw is the unknown user");
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Saved_in_one_process_it_scores_the_same_in_another()
    {
        var ml = new MLContext(seed: 1);
        var rows = s_rows.Value;
        var data = ml.Data.LoadFromEnumerable(rows);
        var model = ml.MovieRec().MatrixFactorization().Fit(data);
        Row[] probe = [.. rows.Take(5), new Row { UserId = -1, MovieId = rows[0].MovieId }];
        float[] here = [.. model.Transform(ml.Data.LoadFromEnumerable(probe)).GetColumn<float>("Score")];
        string folder = AppContext.BaseDirectory;
        string zip = Path.Combine(Path.GetTempPath(), $"movierec-mlnet-{Guid.NewGuid():N}.zip");
        string program = Path.Combine(folder, $"SecondProcess{Guid.NewGuid():N}.dll");
        try
        {
            ml.Model.Save(model, data.Schema, zip);
            // A program of its own that loads the file with a new MLContext and prints the scores of the pairs it is given.
            const string Source = """
                using Microsoft.ML;
                using MovieRec.MLNet;

                var ml = new MLContext();
                ml.MovieRec();
                var model = ml.Model.Load(args[0], out _);
                var rows = Enumerable.Range(0, (args.Length - 1) / 2)
                    .Select(i => new Row { UserId = float.Parse(args[1 + (2 * i)], System.Globalization.CultureInfo.InvariantCulture), MovieId = float.Parse(args[2 + (2 * i)], System.Globalization.CultureInfo.InvariantCulture) });
                var engine = ml.Model.CreatePredictionEngine<Row, Scored>(model);
                foreach (var row in rows)
                {
                    Console.WriteLine("score " + engine.Predict(row).Score.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
                }

                public sealed class Row { public float UserId { get; set; } public float MovieId { get; set; } public float Label { get; set; } }
                public sealed class Scored { public float Score { get; set; } }
                """;
            Microsoft.CodeAnalysis.Emit.EmitResult emitted;
            using (var file = File.Create(program))
            {
                emitted = DocPrograms.Compile(Source).Emit(file);
            }

            Assert.That(emitted.Success, Is.True, string.Join('\n', emitted.Diagnostics));
            string host = Path.Combine(folder, "MovieRec.MLNet.Tests");
            var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string arg in new[] { "exec", "--runtimeconfig", host + ".runtimeconfig.json", "--depsfile", host + ".deps.json", program, zip })
            {
                start.ArgumentList.Add(arg);
            }

            foreach (var row in probe)
            {
                start.ArgumentList.Add(row.UserId.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
                start.ArgumentList.Add(row.MovieId.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            }

            using var process = System.Diagnostics.Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd();
            string errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            float[] there = [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => float.Parse(l["score ".Length..], System.Globalization.CultureInfo.InvariantCulture))];

            Assert.That(process.ExitCode, Is.Zero, errors);
            Assert.That(there, Is.EqualTo(here), output + errors);
        }
        finally
        {
            File.Delete(zip);
            File.Delete(program);
        }
    }

    [Test]
    public void Text_ids_and_other_trainers_work()
    {
        var ml = new MLContext(seed: 1);
        var rows = s_rows.Value.Select(r => new TextRow { User = "u" + r.UserId, Movie = "m" + r.MovieId, Rating = r.Label }).ToArray();
        var data = ml.Data.LoadFromEnumerable(rows);

        var model = ml.MovieRec().Trainer(BaselineCatalog.Biases(), labelColumnName: "Rating", matrixColumnIndexColumnName: "User", matrixRowIndexColumnName: "Movie").Fit(data);
        var metrics = ml.Regression.Evaluate(model.Transform(data), labelColumnName: "Rating");

        Assert.That(metrics.RootMeanSquaredError, Is.InRange(0.1, 1.2));
    }

    [TestCase(typeof(double))]
    [TestCase(typeof(int))]
    [TestCase(typeof(long))]
    [TestCase(typeof(uint))]
    [TestCase(typeof(string))]
    public void Every_id_type_scores_as_single_ids_do_after_a_save_and_load(Type idType)
    {
        var ml = new MLContext(seed: 1);
        Row[] rows = [.. s_rows.Value.Take(1500)];
        // Two rows whose ids training never saw: both read the unknown user and movie.
        Row[] scored = [.. rows.Take(50), new Row { UserId = 9001, MovieId = 9002 }, new Row { UserId = 9003, MovieId = 9004 }];
        var reference = ml.MovieRec().Biases().Fit(ml.Data.LoadFromEnumerable(rows));
        float[] expected = [.. reference.Transform(ml.Data.LoadFromEnumerable(scored)).GetColumn<float>("Score")];

        IDataView View(Row[] source) => Type.GetTypeCode(idType) switch
        {
            TypeCode.Double => ml.Data.LoadFromEnumerable(source.Select(r => new IdRow<double> { User = r.UserId, Movie = r.MovieId, Rating = r.Label })),
            TypeCode.Int32 => ml.Data.LoadFromEnumerable(source.Select(r => new IdRow<int> { User = (int)r.UserId, Movie = (int)r.MovieId, Rating = r.Label })),
            TypeCode.Int64 => ml.Data.LoadFromEnumerable(source.Select(r => new IdRow<long> { User = (long)r.UserId, Movie = (long)r.MovieId, Rating = r.Label })),
            TypeCode.UInt32 => ml.Data.LoadFromEnumerable(source.Select(r => new IdRow<uint> { User = (uint)r.UserId, Movie = (uint)r.MovieId, Rating = r.Label })),
            _ => ml.Data.LoadFromEnumerable(source.Select(r => new TextRow { User = "u" + r.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture), Movie = "m" + r.MovieId.ToString(System.Globalization.CultureInfo.InvariantCulture), Rating = r.Label })),
        };

        var train = View(rows);
        var model = ml.MovieRec().Biases(labelColumnName: "Rating", matrixColumnIndexColumnName: "User", matrixRowIndexColumnName: "Movie").Fit(train);
        using var stream = new MemoryStream();
        ml.Model.Save(model, train.Schema, stream);
        stream.Position = 0;
        var loaded = ml.Model.Load(stream, out _);
        float[] scores = [.. loaded.Transform(View(scored)).GetColumn<float>("Score")];

        Assert.Multiple(() =>
        {
            Assert.That(train.Schema["User"].Type.RawType, Is.EqualTo(idType == typeof(string) ? typeof(ReadOnlyMemory<char>) : idType));
            Assert.That(scores, Is.EqualTo(expected).Within(1e-6));
            Assert.That(scores[^1], Is.EqualTo(scores[^2]), "unseen ids read the unknown row");
        });
    }

    [Test]
    public void An_ncf_model_scores_in_ml_net_as_in_the_library()
    {
        var ml = new MLContext(seed: 1);
        var rows = s_rows.Value;
        var trainer = NcfCatalog.Create(new NcfOptions { Architecture = NcfArchitecture.Gmf, Task = NcfTask.Rating, Training = NcfOptions.Defaults.Training with { Epochs = 2, Seed = 4 } });

        var model = ml.MovieRec().Trainer(trainer).Fit(ml.Data.LoadFromEnumerable(rows));
        float[] scores = [.. model.Transform(ml.Data.LoadFromEnumerable(rows)).GetColumn<float>("Score")];

        var users = new Dictionary<float, int>();
        var movies = new Dictionary<float, int>();
        int Index(Dictionary<float, int> map, float id) => map.TryGetValue(id, out int i) ? i : map[id] = map.Count + 1;
        int[] u = [.. rows.Select(r => Index(users, r.UserId))];
        int[] m = [.. rows.Select(r => Index(movies, r.MovieId))];
        using var library = trainer.Fit(RatingsTable.CreateWithoutTimestamps(u, m, [.. rows.Select(r => r.Label)]));
        var expected = new float[rows.Length];
        library.Predict(u, m, expected);

        Assert.That(scores, Is.EqualTo(expected).Within(1e-5));
    }

    [Test]
    public void A_rating_cnn_reads_the_datasets_features_and_scores_in_ml_net_as_in_the_library()
    {
        var ml = new MLContext(seed: 1);
        var dataset = TinyModels.Dataset;
        var trainer = RatingCnnTrainer.Create(TinyModels.Options(RatingCnnVariant.TextCnn));
        var train = ml.Data.LoadRatings(dataset, TinyModels.Train);
        var test = ml.Data.LoadRatings(dataset, TinyModels.Test);

        var model = ml.MovieRec().Trainer(trainer, dataset).Fit(train);
        float[] scores = [.. model.Transform(test).GetColumn<float>("Score")];
        using var library = trainer.Fit(dataset, TinyModels.Train);
        var expected = new float[TinyModels.Test.Count];
        library.Predict(TinyModels.Test.Users, TinyModels.Test.Movies, expected);
        var stranger = ml.Data.LoadFromEnumerable(new[] { new Row { UserId = 987654, MovieId = 1 } });

        Assert.Multiple(() =>
        {
            Assert.That(scores, Is.EqualTo(expected).Within(1e-4));
            Assert.That(() => ml.MovieRec().Trainer(trainer, dataset).Fit(stranger), Throws.ArgumentException.With.Message.Contains("does not have"));
        });
    }

    [Test]
    public void Fit_with_validation_rows_trains_on_all_training_rows_and_chooses_the_epochs_on_the_validation_rows()
    {
        var ml = new MLContext(seed: 1);
        var dataset = TinyModels.Dataset;
        var paper = TinyModels.Options(RatingCnnVariant.TextCnn);
        // Early stopping on the given rows alone: no validation slice of the training rows (ValidationFraction 0).
        var trainer = RatingCnnTrainer.Create(paper with { Training = paper.Training with { Epochs = 4, Patience = 1 } });
        int[] fitRows = [.. Enumerable.Range(0, TinyModels.Train.Count).Where(i => i % 5 != 0)];
        int[] validationRows = [.. Enumerable.Range(0, TinyModels.Train.Count).Where(i => i % 5 == 0)];
        var fit = TinyModels.Train.Subset(fitRows);
        var validation = TinyModels.Train.Subset(validationRows);

        var model = ml.MovieRec().Trainer(trainer, dataset).Fit(ml.Data.LoadRatings(dataset, fit), ml.Data.LoadRatings(dataset, validation));
        float[] scores = [.. model.Transform(ml.Data.LoadRatings(dataset, TinyModels.Test)).GetColumn<float>("Score")];
        using var library = trainer.Fit(dataset, fit, validation);
        var expected = new float[TinyModels.Test.Count];
        library.Predict(TinyModels.Test.Users, TinyModels.Test.Movies, expected);
        var train = ml.Data.LoadRatings(dataset, TinyModels.Train);
        var mf = Assert.Throws<NotSupportedException>(() => ml.MovieRec().MatrixFactorization().Fit(train, train))!;

        Assert.Multiple(() =>
        {
            Assert.That(scores, Is.EqualTo(expected).Within(1e-4));
            Assert.That(library.Bundle.Metadata["training_ratings"], Is.EqualTo(fit.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(library.Bundle.Metadata["validation_ratings"], Is.EqualTo(validation.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(mf.Message, Does.Contain("'mf'").And.Contain("Fit(train)"));
            Assert.That(() => LikeMlpTrainer.Create().Fit(dataset, fit, validation.Subset([])), Throws.ArgumentException);
            Assert.That(() => trainer.Fit(dataset, fit, RatingsTable.CreateWithoutTimestamps([9999], [1], [4f])), Throws.ArgumentException.With.Property("ParamName").EqualTo("validation").And.Message.Contains("user index 9999"));
        });
    }

    [Test]
    public void A_like_classifier_adds_probability_and_predicted_label_that_ml_net_evaluates_as_the_library_does()
    {
        var ml = new MLContext(seed: 1);
        var dataset = TinyModels.Dataset;
        var options = new LikeMlpOptions { EmbeddingSize = 8, Training = LikeMlpOptions.Defaults.Training with { Epochs = 3, BatchSize = 128, LearningRate = 1e-2, Seed = 2 } };
        var estimator = ml.MovieRec().LikeMlp(dataset, options);
        var model = estimator.Fit(ml.Data.LoadRatings(dataset, TinyModels.Train));
        var scored = model.Transform(ml.Data.LoadRatings(dataset, TinyModels.Test));
        var liked = ml.Transforms.CustomMapping<RatingColumn, LikedColumn>((input, output) => output.Liked = input.Label >= 3.5f, contractName: null).Fit(scored).Transform(scored);
        var metrics = ml.BinaryClassification.Evaluate(liked, labelColumnName: nameof(LikedColumn.Liked));

        float[] probability = [.. scored.GetColumn<float>("Probability")];
        using var library = LikeMlpTrainer.Create(options).Fit(dataset, TinyModels.Train);
        var expected = new float[TinyModels.Test.Count];
        library.Predict(TinyModels.Test.Users, TinyModels.Test.Movies, expected);
        bool[] likes = [.. TinyModels.Test.Ratings.ToArray().Select(r => r >= 3.5f)];
        bool[] predicted = [.. probability.Select(p => p >= 0.5f)];

        Assert.Multiple(() =>
        {
            Assert.That(scored.Schema.Select(c => c.Name), Does.Contain("Probability").And.Contain("PredictedLabel"));
            Assert.That(probability, Is.EqualTo(expected).Within(1e-5f), "ML.NET's probability is the library's score");
            Assert.That(scored.GetColumn<float>("Score").Select(z => 1 / (1 + MathF.Exp(-z))), Is.EqualTo(probability).Within(1e-6f), "Score is the logit, Probability its sigmoid");
            Assert.That(scored.GetColumn<bool>("PredictedLabel"), Is.EqualTo(predicted));
            Assert.That(metrics.Accuracy, Is.EqualTo(ClassificationMetrics.Accuracy(predicted, likes)).Within(1e-6));
            Assert.That(metrics.AreaUnderRocCurve, Is.EqualTo(ClassificationMetrics.RocAuc(probability, likes)).Within(1e-6));
        });
    }

    [Test]
    public void The_sequence_cnn_scores_in_ml_net_as_the_library_model_trained_on_the_same_rows()
    {
        var ml = new MLContext(seed: 1);
        var dataset = TinyModels.Dataset;
        var options = new SeqCnnOptions { HistoryLength = 6, GenreLength = 3, PlotLength = 4, EmbeddingSize = 4, Filters = [4, 8], Training = new DeepTrainingOptions { Epochs = 1, BatchSize = 128, Seed = 2 } };
        var model = ml.MovieRec().SeqCnn(dataset, options).Fit(ml.Data.LoadRatings(dataset, TinyModels.Train));
        float[] scores = [.. model.Transform(ml.Data.LoadRatings(dataset, TinyModels.Test)).GetColumn<float>("Score")];

        // A view has no times: the library model trained on the same rows in the same order, without timestamps.
        var train = TinyModels.Train;
        var untimed = RatingsTable.CreateWithoutTimestamps(train.Users.ToArray(), train.Movies.ToArray(), train.Ratings.ToArray());
        using var library = SeqCnnTrainer.Create(options).Fit(dataset, untimed);
        var expected = new float[TinyModels.Test.Count];
        library.Predict(TinyModels.Test.Users, TinyModels.Test.Movies, expected);

        Assert.That(scores, Is.EqualTo(expected).Within(1e-5f));
    }

    [Test]
    public void A_loaded_dataset_hands_its_tables_to_ml_net_with_raw_ids()
    {
        var ml = new MLContext(seed: 1);
        var data = SyntheticDataset.Generate(new SyntheticDataOptions { NumberOfRatings = 2000, NumberOfUsers = 100, NumberOfMovies = 80, Seed = 8 });

        var ratings = ml.Data.LoadRatings(data);
        var movies = ml.Data.LoadMovies(data);
        var users = ml.Data.LoadUsers(data);
        var model = ml.MovieRec().MatrixFactorization().Fit(ratings);

        Assert.Multiple(() =>
        {
            Assert.That(ratings.GetColumn<long>("UserId"), Is.EqualTo(data.Ratings.Users.ToArray().Select(u => data.UserIds.RawIdOf(u))));
            Assert.That(ratings.GetColumn<float>("Label"), Is.EqualTo(data.Ratings.Ratings.ToArray()));
            Assert.That(movies.GetColumn<string>("Title"), Is.EqualTo(data.Movies.Titles.Skip(1)));
            Assert.That(movies.GetColumn<string[]>("Genres").First(), Is.EqualTo(data.Movies.GenresOf(1).ToArray().Select(g => data.Movies.GenreNames[g])));
            Assert.That(users.GetColumn<string>("Gender").Distinct(), Is.SubsetOf(new[] { "F", "M" }));
            Assert.That(users.GetColumn<long>("UserId").Count(), Is.EqualTo(data.UserCount));
            Assert.That(model.Transform(ratings).GetColumn<float>("Score"), Has.All.Matches<float>(float.IsFinite));
        });
    }

    public static IEnumerable<TestCaseData> Factories()
    {
        yield return new TestCaseData((Func<MovieRecCatalog, RatingEstimator>)(c => c.Biases()), "bias").SetName("Biases");
        yield return new TestCaseData((Func<MovieRecCatalog, RatingEstimator>)(c => c.AlternatingLeastSquares(approximationRank: 8, numberOfIterations: 3)), "als").SetName("AlternatingLeastSquares");
        yield return new TestCaseData((Func<MovieRecCatalog, RatingEstimator>)(c => c.ImplicitAlternatingLeastSquares(approximationRank: 8, numberOfIterations: 3)), "ials").SetName("ImplicitAlternatingLeastSquares");
        yield return new TestCaseData((Func<MovieRecCatalog, RatingEstimator>)(c => c.Popularity(kind: PopularityKind.BestRated)), "pop-rated").SetName("Popularity");
        yield return new TestCaseData((Func<MovieRecCatalog, RatingEstimator>)(c => c.NeuralCollaborativeFiltering(new NcfOptions { Architecture = NcfArchitecture.Gmf, Training = NcfOptions.Defaults.Training with { Epochs = 1 } })), "gmf").SetName("NeuralCollaborativeFiltering");
        yield return new TestCaseData((Func<MovieRecCatalog, RatingEstimator>)(c => c.RatingCnn(TinyModels.Dataset, TinyModels.Options(RatingCnnVariant.LstmCnn) with { Training = TinyModels.Options(RatingCnnVariant.LstmCnn).Training with { Epochs = 1 } })), "lstm-cnn").SetName("RatingCnn");
    }

    [TestCaseSource(nameof(Factories))]
    public void Every_factory_trains_a_model_ml_net_scores(Func<MovieRecCatalog, RatingEstimator> factory, string name)
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadRatings(TinyModels.Dataset, TinyModels.Train);
        var estimator = factory(ml.MovieRec());

        float[] scores = [.. estimator.Fit(data).Transform(data).GetColumn<float>("Score")];

        Assert.Multiple(() =>
        {
            Assert.That(estimator.ModelName, Is.EqualTo(name));
            Assert.That(scores, Has.Length.EqualTo(TinyModels.Train.Count).And.All.Matches<float>(float.IsFinite));
            Assert.That(scores.Distinct().Count(), Is.GreaterThan(1), "scores differ between pairs");
        });
    }

    [Test]
    public void It_appends_to_an_ml_net_pipeline_and_refuses_an_empty_view()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(s_rows.Value);
        var pipeline = ml.Transforms.CopyColumns("Rating", "Label").Append(ml.MovieRec().MatrixFactorization(labelColumnName: "Rating"));

        var metrics = ml.Regression.Evaluate(pipeline.Fit(data).Transform(data), labelColumnName: "Rating");
        var empty = Assert.Throws<ArgumentException>(() => ml.MovieRec().MatrixFactorization().Fit(ml.Data.LoadFromEnumerable(Array.Empty<Row>())));

        Assert.Multiple(() =>
        {
            Assert.That(metrics.RootMeanSquaredError, Is.InRange(0.1, 1.2));
            Assert.That(empty!.Message, Does.Contain("no rows"));
        });
    }

    [Test]
    public void Bad_columns_are_refused_saying_why()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(s_rows.Value);

        var missing = Assert.Throws<ArgumentException>(() => ml.MovieRec().MatrixFactorization(matrixColumnIndexColumnName: "user").Fit(data));

        Assert.That(missing!.Message, Does.Contain("no column 'user'").And.Contain("UserId"));
    }

    [Test]
    public void The_file_loaders_data_rules_hold_on_the_ml_net_route()
    {
        var ml = new MLContext(seed: 1);
        var negative = ml.Data.LoadFromEnumerable(s_rows.Value.Select(r => new Row { UserId = r.UserId, MovieId = r.MovieId, Label = -5 }));
        var copies = ml.Data.LoadFromEnumerable(Enumerable.Repeat(new Row { UserId = 1, MovieId = 2, Label = 4 }, 1000));
        var dataset = TinyModels.Dataset;
        var offScale = ml.Data.LoadFromEnumerable(new[] { new Row { UserId = dataset.UserIds.RawIdOf(1), MovieId = dataset.MovieIds.RawIdOf(1), Label = dataset.RatingMax + 1 } });

        var negativeError = Assert.Throws<ArgumentException>(() => ml.MovieRec().MatrixFactorization().Fit(negative))!;
        var copiesError = Assert.Throws<ArgumentException>(() => ml.MovieRec().Biases().Fit(copies))!;
        var scaleError = Assert.Throws<ArgumentException>(() => ml.MovieRec().Trainer(RatingCnnTrainer.Create(TinyModels.Options(RatingCnnVariant.TextCnn)), dataset).Fit(offScale))!;

        Assert.Multiple(() =>
        {
            Assert.That(negativeError.Message, Does.StartWith("Column 'Label' holds -5 in row 1; ratings are 0 or more"));
            Assert.That(copiesError.Message, Does.StartWith("Rows 1 and 2 both rate movie 2 by user 1; ratings hold one rating per user and movie"));
            Assert.That(scaleError.Message, Does.StartWith($"Column 'Label' holds {dataset.RatingMax + 1} in row 1; it is outside the scale {dataset.RatingMin}..{dataset.RatingMax} of dataset '{dataset.Name}'"));
        });
    }

    [TestCase("ubcf")]
    [TestCase("ibcf")]
    [TestCase("iknn")]
    public void Knn_models_score_in_process_as_the_library_does_and_refuse_a_save(string name)
    {
        var ml = new MLContext(seed: 1);
        var rows = s_rows.Value;
        var data = ml.Data.LoadFromEnumerable(rows);
        var transformer = ml.MovieRec().Estimator(name).Fit(data);
        var scores = transformer.Transform(data).GetColumn<float>("Score").ToArray();

        // The same trainer on the same ratings, indexed in order of appearance as the estimator does.
        var users = new Dictionary<float, int>();
        var movies = new Dictionary<float, int>();
        int[] u = [.. rows.Select(r => users.TryGetValue(r.UserId, out int i) ? i : users[r.UserId] = users.Count + 1)];
        int[] m = [.. rows.Select(r => movies.TryGetValue(r.MovieId, out int i) ? i : movies[r.MovieId] = movies.Count + 1)];
        var model = ml.MovieRec().CreateTrainer(name).Fit(RatingsTable.CreateWithoutTimestamps(u, m, [.. rows.Select(r => r.Label)]));
        var engine = ml.Model.CreatePredictionEngine<Row, Prediction>(transformer);
        string path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"{name}-{Guid.NewGuid():N}.zip");
        var save = Assert.Throws<NotSupportedException>(() => ml.Model.Save(transformer, data.Schema, path))!;

        Assert.Multiple(() =>
        {
            for (int i = 0; i < rows.Length; i += 97)
            {
                Assert.That(scores[i], Is.EqualTo(model.Predict(u[i], m[i])), $"row {i}");
            }

            Assert.That(engine.Predict(rows[0]).Score, Is.EqualTo(scores[0]));
            Assert.That(save.Message, Does.Contain($"'{name}'").And.Contain("has no ONNX form"));
            Assert.That(File.Exists(path), Is.False, "the refused save leaves no file behind");
            Assert.That(transformer.CanSave, Is.False);
        });
    }

    public sealed class Row
    {
        public float UserId { get; set; }

        public float MovieId { get; set; }

        public float Label { get; set; }
    }

    public sealed class Prediction
    {
        public float Score { get; set; }
    }

    public sealed class IdRow<T>
        where T : struct
    {
        public T User { get; set; }

        public T Movie { get; set; }

        public float Rating { get; set; }
    }

    public sealed class TextRow
    {
        public string User { get; set; } = string.Empty;

        public string Movie { get; set; } = string.Empty;

        public float Rating { get; set; }
    }

    public sealed class RatingColumn
    {
        public float Label { get; set; }
    }

    public sealed class LikedColumn
    {
        public bool Liked { get; set; }
    }

    public sealed class Scored
    {
        public float Score { get; set; }
    }
}

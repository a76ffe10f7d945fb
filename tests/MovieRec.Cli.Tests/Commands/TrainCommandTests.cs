using MovieRec.Data;
using MovieRec.Onnx.Models;

namespace MovieRec.Cli.Tests.Commands;

[TestFixture]
public sealed class TrainCommandTests
{
    private string _folder = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = Path.Combine(Path.GetTempPath(), "movierec-train-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Lstm_cnn_trains_on_synthetic_data_written_in_the_ml_1m_format()
    {
        var synthetic = SyntheticDataset.Generate(new SyntheticDataOptions { NumberOfRatings = 2000, NumberOfUsers = 80, NumberOfMovies = 100, Seed = 9 });
        string data = Path.Combine(_folder, "ml-1m");
        Directory.CreateDirectory(data);
        DatasetWriter.WriteMovieLens1M(synthetic, data);
        string bundle = Path.Combine(_folder, "lstm.zip");

        var (code, output) = CliRunner.Run("train", "--model", "lstm-cnn", "--data", "ml-1m", "--path", data, "--epochs", "1", "--threads", "1", "--output", bundle);

        Assert.That(code, Is.Zero, output);
        var loaded = ModelBundle.Load(bundle);
        Assert.Multiple(() =>
        {
            Assert.That(loaded.ModelKind, Is.EqualTo("lstm-cnn"));
            Assert.That(loaded.Metadata["dataset"], Does.Contain("1m").IgnoreCase);
            Assert.That(loaded.Dataset.MovieIds.Skip(1), Is.EquivalentTo(synthetic.MovieIds.RawIds));
            Assert.That(loaded.Metadata["options"], Does.Contain("lr=0.0001").And.Contain("epochs=1"));
        });
    }

    [Test]
    public void Device_cuda_without_the_GPU_build_fails_in_one_line_naming_the_package_before_training()
    {
        string bundle = Path.Combine(_folder, "cuda.zip");

        var (code, output) = CliRunner.Run("train", "--data", "synthetic", "--ratings", "1000", "--epochs", "1", "--device", "cuda", "--output", bundle);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1), output);
            Assert.That(output, Does.Contain("error: CUDA:0 was asked for but cannot be used").And.Contain("Microsoft.ML.OnnxRuntime.Gpu"));
            Assert.That(output, Does.Not.Contain("   at "), "no stack trace");
            Assert.That(File.Exists(bundle), Is.False);
        });
    }

    [Test]
    public void Device_cpu_trains_on_the_cpu_and_an_unknown_device_is_a_usage_error()
    {
        var (code, output) = CliRunner.Run("train", "--data", "synthetic", "--ratings", "1000", "--epochs", "1", "--threads", "1", "--device", "cpu", "--output", Path.Combine(_folder, "cpu.zip"));
        var (badCode, badOutput) = CliRunner.Run("train", "--data", "synthetic", "--ratings", "1000", "--device", "tpu");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, output);
            Assert.That(output, Does.Contain("Trained on CPU").And.Not.Contain("CUDA not used"));
            Assert.That(badCode, Is.Not.Zero);
            Assert.That(badOutput, Does.Contain("tpu"));
        });
    }

    [Test]
    public void A_bad_test_fraction_is_rejected()
    {
        var (code, output) = CliRunner.Run("train", "--data", "synthetic", "--ratings", "1000", "--test-fraction", "1.5");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(output, Does.Contain("--test-fraction"));
        });
    }

    [Test]
    public void Task_implicit_trains_ncf_under_leave_one_out_and_reports_ranking_metrics()
    {
        string bundle = Path.Combine(_folder, "gmf.zip");

        var (code, output) = CliRunner.Run("train", "--model", "gmf", "--task", "implicit", "--data", "synthetic", "--ratings", "3000",
            "--epochs", "2", "--threads", "1", "--compare-mf", "--output", bundle);

        Assert.That(code, Is.Zero, output);
        var loaded = ModelBundle.Load(bundle);
        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Contain("leave-one-out").And.Contain("HR@10").And.Contain("NDCG@10").And.Contain("ials"));
            Assert.That(output, Does.Not.Contain("RMSE"));
            Assert.That(loaded.Metadata["movierec.ncf.task"], Is.EqualTo("Implicit"));
        });
    }

    [Test]
    public void Task_rating_trains_the_rating_variant_and_reports_rating_metrics()
    {
        var (code, output) = CliRunner.Run("train", "--model", "gmf", "--task", "rating", "--data", "synthetic", "--ratings", "2000",
            "--epochs", "1", "--threads", "1", "--output", Path.Combine(_folder, "gmf-rating.zip"));

        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain("RMSE").And.Contain("random split").And.Not.Contain("HR@10"));

        var (coldCode, coldOutput) = CliRunner.Run("recommend", "--bundle", Path.Combine(_folder, "gmf-rating.zip"), "--gender", "F", "--age", "25");
        Assert.Multiple(() =>
        {
            Assert.That(coldCode, Is.EqualTo(2), coldOutput);
            Assert.That(coldOutput, Does.Contain("reads user ids only, not gender, age or occupation"));
        });
    }

    [Test]
    public void A_model_name_means_the_same_in_train_as_in_evaluate()
    {
        var (implicitCode, implicitOutput) = CliRunner.Run("train", "--model", "gmf", "--data", "synthetic", "--ratings", "3000",
            "--epochs", "1", "--threads", "1", "--output", Path.Combine(_folder, "gmf.zip"));
        var (ratingCode, ratingOutput) = CliRunner.Run("train", "--model", "gmf-rating", "--data", "synthetic", "--ratings", "2000",
            "--epochs", "1", "--threads", "1", "--output", Path.Combine(_folder, "gmf-rating.zip"));
        var (clashCode, clashOutput) = CliRunner.Run("train", "--model", "gmf-rating", "--task", "implicit", "--data", "synthetic", "--ratings", "3000",
            "--epochs", "1", "--threads", "1", "--output", Path.Combine(_folder, "gmf-again.zip"));

        Assert.Multiple(() =>
        {
            Assert.That(implicitCode, Is.Zero, implicitOutput);
            Assert.That(implicitOutput, Does.Contain("HR@10").And.Not.Contain("RMSE"), "gmf is the implicit-feedback model, as in evaluate");
            Assert.That(ratingCode, Is.Zero, ratingOutput);
            Assert.That(ratingOutput, Does.Contain("RMSE").And.Not.Contain("HR@10"));
            Assert.That(clashCode, Is.Zero, clashOutput);
            Assert.That(clashOutput, Does.Contain("HR@10"), "--task implicit picks gmf for gmf-rating");
        });
    }

    [Test]
    public void Task_implicit_on_a_model_without_it_names_the_models_that_have_it()
    {
        var (code, output) = CliRunner.Run("train", "--model", "text-cnn", "--task", "implicit", "--data", "synthetic", "--ratings", "1000");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(output, Does.Contain("text-cnn has no implicit task").And.Contain("neumf"));
        });
    }

    [Test]
    public void An_unknown_task_is_rejected()
    {
        var (code, output) = CliRunner.Run("train", "--model", "gmf", "--task", "ranking", "--data", "synthetic", "--ratings", "1000");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Not.Zero);
            Assert.That(output, Does.Contain("ranking"));
        });
    }

    [Test]
    public void Netflix_prize_files_train_end_to_end_and_recommend_with_titles()
    {
        // A small catalogue in the Netflix Prize layout: movie_titles.csv ("id,year,title", titles with
        // commas) and combined_data_*.txt blocks of "movieId:" then "customerId,rating,date".
        string data = Path.Combine(_folder, "netflix");
        Directory.CreateDirectory(data);
        var titles = new System.Text.StringBuilder();
        for (int m = 1; m <= 200; m++)
        {
            titles.Append(m).Append(",1999,Film ").Append(m).Append(", the sequel\n");
        }

        File.WriteAllText(Path.Combine(data, "movie_titles.csv"), titles.ToString(), System.Text.Encoding.Latin1);
        var rng = new Random(5);
        for (int part = 1; part <= 2; part++)
        {
            var text = new System.Text.StringBuilder();
            for (int movie = part == 1 ? 1 : 101; movie <= (part == 1 ? 100 : 200); movie++)
            {
                text.Append(movie).Append(":\n");
                for (int customer = 1; customer <= 40; customer++)
                {
                    // Two taste groups: customers rate mostly the movies of their own group.
                    if ((movie % 2 == customer % 2 && rng.NextDouble() < 0.4) || rng.NextDouble() < 0.05)
                    {
                        text.Append(700 + customer).Append(',').Append(rng.Next(1, 6)).Append(",2005-0").Append(1 + rng.Next(9)).Append("-1").Append(rng.Next(10)).Append('\n');
                    }
                }
            }

            File.WriteAllText(Path.Combine(data, $"combined_data_{part}.txt"), text.ToString());
        }

        string bundle = Path.Combine(_folder, "netflix.zip");
        var (trainCode, trainOutput) = CliRunner.Run("train", "--model", "neumf", "--task", "implicit", "--data", "netflix-prize", "--path", data,
            "--epochs", "3", "--threads", "1", "--output", bundle);
        Assert.That(trainCode, Is.Zero, trainOutput);

        var (code, output) = CliRunner.Run("recommend", "--bundle", bundle, "--user", "703", "-k", "5");

        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain(", the sequel"));
        Assert.That(trainOutput, Does.Contain("netflix-prize").IgnoreCase.And.Contain("HR@10"));
    }

    [Test]
    public void Mf_trains_into_a_bundle_that_recommends_and_exports()
    {
        string bundle = Path.Combine(_folder, "mf.zip");
        string onnx = Path.Combine(_folder, "mf.onnx");

        var (trainCode, trainOutput) = CliRunner.Run("train", "--model", "mf", "--data", "synthetic", "--ratings", "3000", "--seed", "2", "--output", bundle);
        var (recommendCode, recommendOutput) = CliRunner.Run("recommend", "--bundle", bundle, "--user", "1", "-k", "3");
        var (similarCode, similarOutput) = CliRunner.Run("similar", "--bundle", bundle, "--movie", "1", "-k", "3");
        var (exportCode, exportOutput) = CliRunner.Run("export", "--bundle", bundle, "--onnx", onnx);
        var (mlnetCode, mlnetOutput) = CliRunner.Run("export", "--bundle", bundle, "--onnx", Path.Combine(_folder, "mf-mlnet.onnx"), "--profile", "indices-mlnet");

        Assert.Multiple(() =>
        {
            Assert.That(trainCode, Is.Zero, trainOutput);
            Assert.That(trainOutput, Does.Contain("RMSE").And.Not.Contain("Trained on").And.Not.Contain("epoch"));
            Assert.That(recommendCode, Is.Zero, recommendOutput);
            Assert.That(recommendOutput, Does.Contain("Favourites of user 1 (mf)"));
            Assert.That(similarCode, Is.Zero, similarOutput);
            Assert.That(exportCode, Is.Zero, exportOutput);
            Assert.That(exportOutput, Does.Contain("score").And.Contain("movie_vector").And.Contain("user_id: Int64[N, 1]").And.Contain("movie_id: Int64[N, 1]"));
            Assert.That(mlnetCode, Is.Zero, mlnetOutput);
            Assert.That(mlnetOutput, Does.Contain("ML.NET's shapes").And.Contain("user: Int64[N, 1]"));
            Assert.That(ModelBundle.Load(bundle).ModelKind, Is.EqualTo("mf"));
            Assert.That(File.Exists(onnx), Is.True);
        });
    }
}

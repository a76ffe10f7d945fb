using MovieRec.Data;
using System.CommandLine;
using MovieRec.Onnx.Models;
using MovieRec.Onnx.Runtime;

namespace MovieRec.Cli.Commands;

/// <summary>
/// <c>movierec train</c>: trains a deep model (<c>--model</c>, any name of
/// <see cref="MovieRec.MLNet.MovieRecCatalog.BundleModelNames"/>) for the rating task on a random split, or (<c>--task implicit</c>,
/// NCF models) on implicit feedback under leave-one-out, prints test metrics and saves a model bundle.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model")
        {
            Description = "Model: " + string.Join(", ", MovieRecCli.Models.BundleModelNames) + " (gmf, mlp, neumf, neumf-nopre learn from implicit feedback as in evaluate; -rating regresses the ratings; mean, bias, mf, als, ials, pop, pop-rated are the classical models with an ONNX form).",
            DefaultValueFactory = _ => "text-cnn",
        };
        var task = new Option<string?>("--task")
        {
            Description = "What to learn, when the model name leaves a choice: rating (regression on the ratings, random split, RMSE/MAE) or implicit (every rating an interaction, the NCF protocol: latest interaction held out and ranked among 99 never-rated movies, HR@10/NDCG@10; gmf, mlp, neumf, neumf-nopre). Default: the model's own task.",
        };
        task.OneOf("rating", "implicit");
        var data = new Option<string>("--data") { Description = "Dataset: synthetic, ml-100k, ml-1m, ml-latest-small, ...", DefaultValueFactory = _ => "synthetic" };
        var path = new Option<string?>("--path") { Description = "Folder holding the dataset files (default: the MOVIEREC_DATA folder, then the download cache)." };
        var ratings = new Option<int?>("--ratings") { Description = "Size of the synthetic dataset (default 100,000)." };
        var epochs = new Option<int?>("--epochs") { Description = "Maximum epochs (default: the model's; LSTM-/text-CNN 5, tuned 30 with early stopping; NCF 20 implicit (tuned: up to 20, chosen on a validation split), 3 rating)." };
        var lr = new Option<double?>("--lr") { Description = "Learning rate (default: the model's; LSTM-/text-CNN 1e-4, tuned 1e-3; NCF 1e-3)." };
        var batch = new Option<int?>("--batch") { Description = "Batch size (default 256)." };
        var seed = new Option<int>("--seed") { Description = "Seed of the split, weights, shuffling and dropout.", DefaultValueFactory = _ => 1 };
        var tuned = new Option<bool>("--tuned") { Description = "Start from the tuned settings instead of the paper's (CNNs: bias terms, lr 1e-3, early stopping; like-mlp: bias terms, hidden 32, auxiliary rating loss, early stopping; seq-cnn: Adam, early stopping, smaller filters, matrix factorisation's terms held fixed; NCF implicit task: 16 factors, embedding L2, each user's latest interactions twice, epochs and alpha chosen on a validation split)." };
        var biases = new Option<bool?>("--biases") { Description = "Add global mean + user and movie biases to the score." };
        var validation = new Option<double?>("--validation") { Description = "Fraction of the training ratings held out for early stopping." };
        var patience = new Option<int?>("--patience") { Description = "Early-stopping patience in epochs (needs --validation)." };
        var weightDecay = new Option<double?>("--weight-decay") { Description = "Adam weight decay." };
        var testFraction = new Option<double>("--test-fraction") { Description = "Held-out fraction of the ratings for the rating task (the papers' 4:1 split is 0.2).", DefaultValueFactory = _ => 0.2 };
        var compare = new Option<bool>("--compare-mf") { Description = "Also train matrix factorisation on the same split and show it in the table (biased MF for ratings, implicit ALS for the implicit task)." };
        var threads = new Option<int?>("--threads") { Description = "ONNX Runtime intra-op threads for training (0 = its choice; default 1, fastest on small shared machines)." };
        var device = new Option<string>("--device")
        {
            Description = "Where ONNX Runtime trains and scores: auto (CUDA when it can be started, else the CPU, saying why), cpu, or cuda (fail, naming the cause, when CUDA cannot be started). CUDA needs the GPU build of the tool (MovieRec.Cli.Gpu).",
            DefaultValueFactory = _ => "auto",
        };
        device.OneOf("auto", "cpu", "cuda");
        var descriptions = new Option<string>("--descriptions")
        {
            Description = "Plot summaries for models that read them (seq-cnn, content, hybrid): a CSV with title, release_year and description columns joined by title and year, none, or auto (the Netflix titles catalogue, netflix-titles/netflix_titles.csv, when it is in the data folders).",
            DefaultValueFactory = _ => "auto",
        };
        var output = new Option<string>("--output", "-o") { Description = "Model bundle to write.", DefaultValueFactory = _ => "model.zip" };
        ratings.Within(SyntheticDefaults.MinRatings, SyntheticDefaults.MaxRatings);
        data.NotBlank("a dataset name or folder");
        path.NotBlank("a folder");
        descriptions.NotBlank("a CSV file, none or auto");
        output.NotBlank("a file name for the model bundle");
        epochs.AtLeast(1);
        lr.Positive();
        batch.Within(1, 1 << 20);
        validation.Fraction();
        patience.AtLeast(1);
        weightDecay.NonNegative();
        testFraction.Fraction();
        threads.Within(0, 1024);
        var command = new Command("train", "Train a model (rating task on a random split, or implicit task under leave-one-out), print test metrics and save a model bundle.")
        {
            model, task, data, path, ratings, epochs, lr, batch, seed, tuned, biases, validation, patience, weightDecay, testFraction, compare, threads, device, descriptions, output,
        };
        command.SetAction((ParseResult result, CancellationToken cancellationToken) =>
        {
            int? epochsValue = result.GetValue(epochs), batchValue = result.GetValue(batch), patienceValue = result.GetValue(patience), threadsValue = result.GetValue(threads);
            double? lrValue = result.GetValue(lr), validationValue = result.GetValue(validation), weightDecayValue = result.GetValue(weightDecay);
            int seedValue = result.GetValue(seed);
            var deviceValue = Enum.Parse<ExecutionDevice>(result.GetValue(device)!, ignoreCase: true);
            var settings = new DeepTrainingSettings
            {
                Tuned = result.GetValue(tuned),
                UseBiases = result.GetValue(biases),
                Training = t => t with
                {
                    Epochs = epochsValue ?? t.Epochs,
                    LearningRate = lrValue ?? t.LearningRate,
                    BatchSize = batchValue ?? t.BatchSize,
                    Seed = seedValue,
                    ValidationFraction = validationValue ?? t.ValidationFraction,
                    Patience = patienceValue ?? t.Patience,
                    WeightDecay = weightDecayValue ?? t.WeightDecay,
                    NumberOfThreads = threadsValue ?? t.NumberOfThreads,
                    Device = deviceValue,
                },
            };
            string modelName = DeepTraining.ResolveModel(result.GetValue(model)!, result.GetValue(task));
            if (!MovieRecCli.Models.CreateBundleTrainer(modelName).HasTrainingOptions)
            {
                // A classical model has its own settings; the deep models' training options would be ignored.
                Option[] deepOnly = [epochs, lr, batch, tuned, biases, validation, patience, weightDecay, threads, device];
                if (deepOnly.FirstOrDefault(o => result.GetResult(o) is { Implicit: false }) is { } given)
                {
                    throw new ArgumentException($"{given.Name} does not apply to --model {modelName}, a classical model that is not trained by gradient steps; of the training options it takes --seed only.");
                }
            }

            double fraction = result.GetValue(testFraction);
            var request = new DeepTraining.Request(
                modelName, result.GetValue(data)!, result.GetValue(path), result.GetValue(ratings), settings, seedValue,
                fraction, result.GetValue(compare), result.GetValue(output), ShowRecommendations: 0, result.GetValue(descriptions)!);
            return Task.FromResult(DeepTraining.Run(request, cancellationToken));
        });
        return command;
    }
}

using System.CommandLine;
using MovieRec.Onnx.Models;

namespace MovieRec.Cli.Commands;

/// <summary>
/// <c>movierec train</c>: trains a deep rating model (<c>--model</c>, any name of
/// <see cref="DeepModelCatalog"/>) on a random split of a dataset, prints test metrics and saves a
/// model bundle.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Model: " + string.Join(", ", DeepModelCatalog.ModelNames) + ".", DefaultValueFactory = _ => "text-cnn" };
        var data = new Option<string>("--data") { Description = "Dataset: synthetic, ml-100k, ml-1m, ml-latest-small, ...", DefaultValueFactory = _ => "synthetic" };
        var path = new Option<string?>("--path") { Description = "Folder holding the dataset files (default: the MOVIEREC_DATA folder, then the download cache)." };
        var ratings = new Option<int?>("--ratings") { Description = "Size of the synthetic dataset (default 100,000)." };
        var epochs = new Option<int?>("--epochs") { Description = "Maximum epochs (paper default 5; tuned 30 with early stopping)." };
        var lr = new Option<double?>("--lr") { Description = "Adam learning rate (paper default 1e-4; tuned 1e-3)." };
        var batch = new Option<int?>("--batch") { Description = "Batch size (default 256)." };
        var seed = new Option<int>("--seed") { Description = "Seed of the split, weights, shuffling and dropout.", DefaultValueFactory = _ => 1 };
        var tuned = new Option<bool>("--tuned") { Description = "Start from the tuned settings (bias terms, lr 1e-3, early stopping) instead of the paper's." };
        var biases = new Option<bool?>("--biases") { Description = "Add global mean + user and movie biases to the score." };
        var validation = new Option<double?>("--validation") { Description = "Fraction of the training ratings held out for early stopping." };
        var patience = new Option<int?>("--patience") { Description = "Early-stopping patience in epochs (needs --validation)." };
        var weightDecay = new Option<double?>("--weight-decay") { Description = "Adam weight decay." };
        var testFraction = new Option<double>("--test-fraction") { Description = "Held-out fraction of the ratings (the papers' 4:1 split is 0.2).", DefaultValueFactory = _ => 0.2 };
        var compare = new Option<bool>("--compare-mf") { Description = "Also train biased matrix factorisation on the same split and show it in the table." };
        var threads = new Option<int?>("--threads") { Description = "ONNX Runtime intra-op threads for training (0 = its choice; default 1, fastest on small shared machines)." };
        var output = new Option<string>("--output", "-o") { Description = "Model bundle to write.", DefaultValueFactory = _ => "model.zip" };
        var command = new Command("train", "Train a deep rating model on a random split, print test metrics and save a model bundle.")
        {
            model, data, path, ratings, epochs, lr, batch, seed, tuned, biases, validation, patience, weightDecay, testFraction, compare, threads, output,
        };
        command.SetAction((ParseResult result, CancellationToken cancellationToken) =>
        {
            var settings = new DeepTrainingSettings
            {
                Tuned = result.GetValue(tuned),
                Epochs = result.GetValue(epochs),
                LearningRate = result.GetValue(lr),
                BatchSize = result.GetValue(batch),
                Seed = result.GetValue(seed),
                UseBiases = result.GetValue(biases),
                ValidationFraction = result.GetValue(validation),
                Patience = result.GetValue(patience),
                WeightDecay = result.GetValue(weightDecay),
                IntraOpThreads = result.GetValue(threads),
            };
            double fraction = result.GetValue(testFraction);
            if (!(fraction > 0 && fraction < 1))
            {
                throw new ArgumentOutOfRangeException(nameof(testFraction), fraction, $"--test-fraction {fraction} is out of range; expected a value in (0, 1).");
            }

            var request = new DeepTraining.Request(
                result.GetValue(model)!, result.GetValue(data)!, result.GetValue(path), result.GetValue(ratings), settings,
                fraction, result.GetValue(compare), result.GetValue(output), ShowRecommendations: 0);
            return Task.FromResult(DeepTraining.Run(request, cancellationToken));
        });
        return command;
    }
}

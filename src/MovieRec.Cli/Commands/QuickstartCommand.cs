using MovieRec.Data;
using System.CommandLine;
using MovieRec.Onnx.Models;

namespace MovieRec.Cli.Commands;

/// <summary>
/// <c>movierec quickstart</c>: trains text-CNN (tuned settings) on a small synthetic dataset,
/// prints test metrics beside biased MF and a few recommendations, all offline in seconds.
/// </summary>
internal static class QuickstartCommand
{
    public static Command Create()
    {
        var ratings = new Option<int>("--ratings") { Description = "Size of the synthetic dataset.", DefaultValueFactory = _ => 20_000 };
        var epochs = new Option<int>("--epochs") { Description = "Maximum epochs (early stopping on a validation slice).", DefaultValueFactory = _ => 10 };
        var seed = new Option<int>("--seed") { Description = "Seed.", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--output", "-o") { Description = "Also save the model bundle here." }.NotBlank("a file name for the model bundle");
        ratings.Within(SyntheticDefaults.MinRatings, SyntheticDefaults.MaxRatings);
        epochs.AtLeast(1);
        var command = new Command("quickstart", "Train text-CNN on synthetic data and print metrics and recommendations (offline, well under a minute).")
        {
            ratings, epochs, seed, output,
        };
        command.SetAction((ParseResult result, CancellationToken cancellationToken) =>
        {
            int? epochsValue = result.GetValue(epochs);
            int seedValue = result.GetValue(seed);
            var settings = new DeepTrainingSettings { Tuned = true, Training = t => t with { Epochs = epochsValue ?? t.Epochs, Seed = seedValue } };
            var request = new DeepTraining.Request("text-cnn", "synthetic", null, result.GetValue(ratings), settings, seedValue, 0.2, CompareWithMf: true, result.GetValue(output), ShowRecommendations: 5);
            return Task.FromResult(DeepTraining.Run(request, cancellationToken));
        });
        return command;
    }
}

using MovieRec.Onnx.Format;
using MovieRec.Onnx.Training.Autodiff;
using MovieRec.Onnx.Training.Graph;
using MovieRec.Onnx.Training.Optimizers;

namespace MovieRec.Onnx.Training;

/// <summary>
/// One training step as one ONNX model: batch + parameters + optimizer state + learning rate +
/// step count in; loss + new parameters + new state out.
/// </summary>
internal sealed class TrainingStepGraph
{
    public const string LossOutput = "train.loss";
    public const string LearningRateInput = "train.learning_rate";
    public const string StepInput = "train.step";

    private TrainingStepGraph(OnnxModel model, IReadOnlyList<GraphTensor> batchInputs, IReadOnlyList<GraphTensor> parameters, IReadOnlyList<string> stateNames)
    {
        Model = model;
        BatchInputs = batchInputs;
        Parameters = parameters;
        StateNames = stateNames;
    }

    public OnnxModel Model { get; }

    /// <summary>The model inputs the step reads (features, targets).</summary>
    public IReadOnlyList<GraphTensor> BatchInputs { get; }

    public IReadOnlyList<GraphTensor> Parameters { get; }

    /// <summary>Optimizer state slots per parameter (Adam: m, v).</summary>
    public IReadOnlyList<string> StateNames { get; }

    public static string NewParameter(GraphTensor p) => p.Name + ".new";

    public static string State(GraphTensor p, string state) => p.Name + "." + state;

    public static string NewState(GraphTensor p, string state) => p.Name + "." + state + ".new";

    public static TrainingStepGraph Build(ModelGraph graph, GraphTensor loss, Optimizer optimizer)
    {
        graph.Check(loss, nameof(loss));
        if (graph.Parameters.Count == 0)
        {
            throw new ArgumentException($"Graph '{graph.Name}' has no parameters to train.", nameof(graph));
        }

        var g = graph.Fork();
        var parameters = graph.Parameters;
        var grads = ReverseMode.Gradients(g, loss, parameters);
        var lr = g.Input(LearningRateInput, graph.FloatType);
        var step = g.Input(StepInput, graph.FloatType);
        var shared = optimizer.SharedScalars(g, lr, step);
        var outputs = new List<KeyValuePair<string, GraphTensor>> { new(LossOutput, loss) };
        g.ReserveName(LossOutput);
        for (int i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            var states = optimizer.StateNames.Select(s => g.Input(State(p, s), p.ElementType, p.Dims)).ToArray();
            var (updated, newStates) = optimizer.Update(g, p, grads[i], states, lr, shared);
            g.ReserveName(NewParameter(p));
            outputs.Add(new(NewParameter(p), updated));
            for (int s = 0; s < newStates.Length; s++)
            {
                g.ReserveName(NewState(p, optimizer.StateNames[s]));
                outputs.Add(new(NewState(p, optimizer.StateNames[s]), newStates[s]));
            }
        }

        var emitted = GraphEmitter.Emit(g, outputs, EmitMode.Training, parameterValues: null);
        var batchInputs = emitted.Inputs.Where(t => graph.Inputs.Contains(t)).ToArray();
        return new TrainingStepGraph(emitted.Model, batchInputs, parameters, optimizer.StateNames);
    }

    /// <summary>A model that outputs the loss and its gradients (<c>grad.NAME</c>) with respect to <paramref name="wrt"/>, parameters as inputs.</summary>
    public static OnnxModel BuildGradientModel(ModelGraph graph, GraphTensor loss, IReadOnlyList<GraphTensor> wrt, EmitMode mode = EmitMode.Training)
    {
        var g = graph.Fork();
        var grads = ReverseMode.Gradients(g, loss, wrt);
        var outputs = new List<KeyValuePair<string, GraphTensor>> { new(LossOutput, loss) };
        for (int i = 0; i < wrt.Count; i++)
        {
            outputs.Add(new("grad." + wrt[i].Name, grads[i]));
        }

        return GraphEmitter.Emit(g, outputs, mode, parameterValues: null).Model;
    }
}

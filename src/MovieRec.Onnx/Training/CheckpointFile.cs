using System.Text;
using MovieRec.Onnx.Format;

namespace MovieRec.Onnx.Training;

/// <summary>What a checkpoint holds.</summary>
internal sealed record CheckpointState(
    string GraphName,
    string Optimizer,
    int EpochsDone,
    long Steps,
    int BestEpoch,
    double BestLoss,
    int EpochsSinceBest,
    IReadOnlyList<EpochSummary> History,
    IReadOnlyDictionary<string, double[]> Tensors);

/// <summary>
/// Binary checkpoint format: magic "MRCKPT", version, graph and optimizer names, counters,
/// history, then named tensors as doubles. Written to a temporary file and moved into place.
/// </summary>
internal static class CheckpointFile
{
    private const string Magic = "MRCKPT";
    private const int Version = 1;

    public static void Save(string path, CheckpointState state)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(state.GraphName);
            writer.Write(state.Optimizer);
            writer.Write(state.EpochsDone);
            writer.Write(state.Steps);
            writer.Write(state.BestEpoch);
            writer.Write(state.BestLoss);
            writer.Write(state.EpochsSinceBest);
            writer.Write(state.History.Count);
            foreach (var e in state.History)
            {
                writer.Write(e.Epoch);
                writer.Write(e.TrainingLoss);
                writer.Write(e.ValidationLoss.HasValue);
                writer.Write(e.ValidationLoss ?? 0);
                writer.Write(e.LearningRate);
                writer.Write(e.Seconds);
                writer.Write(e.SamplesPerSecond);
            }

            writer.Write(state.Tensors.Count);
            foreach (var (name, values) in state.Tensors)
            {
                writer.Write(name);
                writer.Write(values.Length);
                foreach (double v in values)
                {
                    writer.Write(v);
                }
            }

            writer.Flush();
        });
    }

    public static CheckpointState Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Checkpoint file '{path}' does not exist.", path);
        }

        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            string magic = reader.ReadString();
            int version = reader.ReadInt32();
            if (magic != Magic || version != Version)
            {
                throw new InvalidDataException($"'{path}' is not a MovieRec checkpoint (version {Version}): it starts with '{magic}', version {version}.");
            }

            string graph = reader.ReadString();
            string optimizer = reader.ReadString();
            int epochs = reader.ReadInt32();
            long steps = reader.ReadInt64();
            int bestEpoch = reader.ReadInt32();
            double bestLoss = reader.ReadDouble();
            int since = reader.ReadInt32();
            int historyCount = reader.ReadInt32();
            var history = new List<EpochSummary>(historyCount);
            for (int i = 0; i < historyCount; i++)
            {
                int epoch = reader.ReadInt32();
                double train = reader.ReadDouble();
                bool hasValidation = reader.ReadBoolean();
                double validation = reader.ReadDouble();
                history.Add(new EpochSummary(epoch, train, hasValidation ? validation : null, reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble()));
            }

            int count = reader.ReadInt32();
            var tensors = new Dictionary<string, double[]>(StringComparer.Ordinal);
            for (int i = 0; i < count; i++)
            {
                string name = reader.ReadString();
                var values = new double[reader.ReadInt32()];
                for (int j = 0; j < values.Length; j++)
                {
                    values[j] = reader.ReadDouble();
                }

                tensors[name] = values;
            }

            return new CheckpointState(graph, optimizer, epochs, steps, bestEpoch, bestLoss, since, history, tensors);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"Checkpoint '{path}' is truncated.", e);
        }
    }
}

using Microsoft.ML.OnnxRuntime;
using MovieRec.Onnx.Runtime;

namespace MovieRec.Onnx.Models;

/// <content>Running the session: feature rows in batches through pooled, pinned buffers bound once per batch size.</content>
public sealed partial class BundleModel
{
    /// <summary>
    /// Scores <paramref name="count"/> (user row, movie row) pairs through the session's score output in batches, with
    /// pooled pinned buffers bound to the session (no allocation once a batch size has been seen).
    /// </summary>
    private void ScoreGraph(int count, Span<float> output, RowSource users, RowSource movies)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var inputs = Bundle.Inputs;
        for (int start = 0; start < count; start += BatchSize)
        {
            int n = Math.Min(BatchSize, count - start);
            var slot = RentSlot(n);
            try
            {
                for (int i = 0; i < inputs.Count; i++)
                {
                    var input = inputs[i];
                    var source = input.Side == FeatureSide.User ? users : movies;
                    var values = slot.Inputs[i].GetSpan<long>();
                    if (input.Width == 1)
                    {
                        // One column (ids): a value per row, without slicing.
                        for (int r = 0; r < n; r++)
                        {
                            values[r] = source.Value(start + r, input.Offset);
                        }
                    }
                    else
                    {
                        for (int r = 0; r < n; r++)
                        {
                            source.Row(start + r).Slice(input.Offset, input.Width).CopyTo(values.Slice(r * input.Width, input.Width));
                        }
                    }
                }

                _session.RunBound(slot.RunOptions, slot.Binding);
                slot.Output.GetSpan<float>()[..n].CopyTo(output.Slice(start, n));
            }
            finally
            {
                ReturnSlot(slot);
            }
        }
    }

    private ScoringSlot RentSlot(int count) =>
        _slots.TryGetValue(count, out var bag) && bag.TryTake(out var slot) ? slot : ScoringSlot.Create(_session, Bundle, count);

    private void ReturnSlot(ScoringSlot slot)
    {
        var bag = _slots.TryGetValue(slot.Count, out var found) ? found
            : _slots.Count < PooledBatchSizes ? _slots.GetOrAdd(slot.Count, _ => [])
            : null;
        if (bag is null)
        {
            slot.Dispose();
            return;
        }

        bag.Add(slot);
    }

    /// <summary>Where the feature rows of one side come from: the bundle's rows by index, all rows in order, or one fixed row.</summary>
    private readonly ref struct RowSource
    {
        private readonly ReadOnlySpan<long> _table;
        private readonly ReadOnlySpan<int> _indices;
        private readonly int _width;
        private readonly int _bound;
        private readonly bool _fixed;

        private RowSource(ReadOnlySpan<long> table, int width, ReadOnlySpan<int> indices, int bound, bool isFixed)
        {
            _table = table;
            _width = width;
            _indices = indices;
            _bound = bound;
            _fixed = isFixed;
        }

        public static RowSource Pairs(ReadOnlySpan<long> table, int width, ReadOnlySpan<int> indices, int bound) => new(table, width, indices, bound, false);

        public static RowSource All(ReadOnlySpan<long> table, int width) => new(table, width, default, 0, false);

        public static RowSource Fixed(ReadOnlySpan<long> row) => new(row, row.Length, default, 0, true);

        public ReadOnlySpan<long> Row(int i) => _fixed ? _table : _table.Slice(RowIndex(i) * _width, _width);

        public long Value(int i, int column) => _fixed ? _table[column] : _table[(RowIndex(i) * _width) + column];

        private int RowIndex(int i)
        {
            if (_bound == 0)
            {
                return i;
            }

            int row = _indices[i];
            return (uint)row < (uint)_bound ? row : 0;
        }
    }

    /// <summary>Pinned inputs and output for one batch size, bound once to the session.</summary>
    private sealed class ScoringSlot : IDisposable
    {
        private ScoringSlot(int count, PinnedTensor[] inputs, PinnedTensor output, OrtIoBinding binding)
        {
            Count = count;
            Inputs = inputs;
            Output = output;
            Binding = binding;
        }

        public int Count { get; }

        public PinnedTensor[] Inputs { get; }

        public PinnedTensor Output { get; }

        public OrtIoBinding Binding { get; }

        public RunOptions RunOptions { get; } = new();

        public static ScoringSlot Create(OnnxSession session, ModelBundle bundle, int count)
        {
            var inputs = new PinnedTensor[bundle.Inputs.Count];
            PinnedTensor? output = null;
            OrtIoBinding? binding = null;
            try
            {
                binding = session.CreateIoBinding();
                for (int i = 0; i < inputs.Length; i++)
                {
                    var input = bundle.Inputs[i];
                    inputs[i] = input.Width == 1 ? PinnedTensor.Allocate<long>(count) : PinnedTensor.Allocate<long>(count, input.Width);
                    binding.BindInput(input.Name, inputs[i].Value);
                }

                // The score output is [N] or [N, 1]: one value per pair.
                var dims = session.OutputMetadata[bundle.ScoreOutput].Dimensions;
                output = dims.Length == 2 ? PinnedTensor.Allocate<float>(count, 1) : PinnedTensor.Allocate<float>(count);
                binding.BindOutput(bundle.ScoreOutput, output.Value);
                return new ScoringSlot(count, inputs, output, binding);
            }
            catch
            {
                binding?.Dispose();
                output?.Dispose();
                foreach (var tensor in inputs)
                {
                    tensor?.Dispose();
                }

                throw;
            }
        }

        public void Dispose()
        {
            Binding.Dispose();
            RunOptions.Dispose();
            Output.Dispose();
            foreach (var tensor in Inputs)
            {
                tensor.Dispose();
            }
        }
    }

    private delegate void OutputSink(string name, ReadOnlySpan<float> values, int start, int count);

    /// <summary>Runs the session over feature rows in batches and hands each named output's values to <paramref name="sink"/>.</summary>
    private void Run(long[] userRows, long[] movieRows, int rows, IReadOnlyList<string> outputs, OutputSink sink)
    {
        int uw = Bundle.UserFeatureWidth;
        int mw = Bundle.MovieFeatureWidth;
        var inputs = Bundle.Inputs;
        var names = new string[inputs.Count];
        var values = new OrtValue[inputs.Count];
        for (int start = 0; start < rows; start += BatchSize)
        {
            int count = Math.Min(BatchSize, rows - start);
            try
            {
                for (int i = 0; i < inputs.Count; i++)
                {
                    var input = inputs[i];
                    var (source, width) = input.Side == FeatureSide.User ? (userRows, uw) : (movieRows, mw);
                    var rowValues = new long[count * input.Width];
                    for (int r = 0; r < count; r++)
                    {
                        source.AsSpan(((start + r) * width) + input.Offset, input.Width).CopyTo(rowValues.AsSpan(r * input.Width));
                    }

                    names[i] = input.Name;
                    values[i] = input.Width == 1 ? OrtValue.CreateTensorValueFromMemory(rowValues, [count]) : OrtValue.CreateTensorValueFromMemory(rowValues, [count, input.Width]);
                }

                using var results = _session.Run(_runOptions, names, values, outputs);
                for (int o = 0; o < outputs.Count; o++)
                {
                    sink(outputs[o], results[o].GetTensorDataAsSpan<float>(), start, count);
                }
            }
            finally
            {
                foreach (var v in values)
                {
                    v?.Dispose();
                }

                Array.Clear(values);
            }
        }
    }
}

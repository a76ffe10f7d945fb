using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MovieRec.Data;
using MovieRec.Onnx.Format;

namespace MovieRec.MLNet;

/// <summary>
/// Gives each id of a column its dense index as rows are read, and afterwards the lookup that gives the same index at
/// scoring time, inside the ONNX graph or as a ValueMapping for the models scored in process (ids unknown then map to
/// 0). With a dataset the indices are the dataset's own and ids it lacks are refused; otherwise they count from 1 in
/// order of appearance.
/// </summary>
internal abstract class IdReader
{
    /// <summary>Gets the number of distinct ids read.</summary>
    public abstract int Count { get; }

    /// <summary>Reads the current row's id and returns its index.</summary>
    /// <param name="row">The row number (from 1), for messages.</param>
    public abstract int Next(long row);

    /// <summary>Gets the id <see cref="Next"/> read last, as text, for messages.</summary>
    public abstract string Last { get; }

    /// <summary>The index of <paramref name="id"/> (an id as the column holds it, or a number convertible to that type); 0 when unknown.</summary>
    public abstract int IndexOf(object? id);

    public abstract IEstimator<ITransformer> Map(MLContext context, string output, string input);

    /// <summary>The graph with its index input <paramref name="indexInput"/> read from the id column <paramref name="idColumn"/> through this map.</summary>
    public abstract OnnxModel Lookup(OnnxModel graph, string indexInput, string idColumn);

    public static IdReader Create(DataViewRowCursor cursor, DataViewSchema.Column column, IdMap? ids, string? dataset)
    {
        var type = column.Type;
        if (type is TextDataViewType)
        {
            var getter = cursor.GetGetter<ReadOnlyMemory<char>>(column);
            ReadOnlyMemory<char> text = default;
            return new IdReader<string>(() => { getter(ref text); return text.ToString(); }, string.IsNullOrEmpty, raw => raw.ToString(CultureInfo.InvariantCulture), column.Name, ids, dataset);
        }

        return type switch
        {
            _ when type == NumberDataViewType.Single => Of<float>(cursor, column, float.IsNaN, raw => raw, ids, dataset),
            _ when type == NumberDataViewType.Double => Of<double>(cursor, column, double.IsNaN, raw => raw, ids, dataset),
            _ when type == NumberDataViewType.Int32 => Of<int>(cursor, column, _ => false, raw => (int)raw, ids, dataset),
            _ when type == NumberDataViewType.Int64 => Of<long>(cursor, column, _ => false, raw => raw, ids, dataset),
            _ when type == NumberDataViewType.UInt32 => Of<uint>(cursor, column, _ => false, raw => (uint)raw, ids, dataset),
            _ => throw new ArgumentException($"Column '{column.Name}' is {type}; ids are numbers (Single, Double, Int32, Int64, UInt32), text, or keys of such values (MapValueToKey).", "data"),
        };
    }

    private static IdReader<T> Of<T>(DataViewRowCursor cursor, DataViewSchema.Column column, Func<T, bool> missing, Func<long, T> fromRaw, IdMap? ids, string? dataset)
        where T : notnull
    {
        var getter = cursor.GetGetter<T>(column);
        T value = default!;
        return new IdReader<T>(() => { getter(ref value); return value; }, missing, fromRaw, column.Name, ids, dataset);
    }
}

internal sealed class IdReader<T> : IdReader
    where T : notnull
{
    private readonly Func<T> _read;
    private readonly Func<T, bool> _missing;
    private readonly string _column;
    private readonly string? _dataset;
    private readonly Dictionary<T, long> _index = [];
    private T? _last;

    public IdReader(Func<T> read, Func<T, bool> missing, Func<long, T> fromRaw, string column, IdMap? ids, string? dataset)
    {
        _read = read;
        _missing = missing;
        _column = column;
        _dataset = ids is null ? null : dataset;
        for (int i = 1; ids is not null && i < ids.IndexCount; i++)
        {
            _index.TryAdd(fromRaw(ids.RawIdOf(i)), i);
        }
    }

    public override int Count => _index.Count;

    public override string Last => Convert.ToString(_last, CultureInfo.InvariantCulture) ?? string.Empty;

    public override int Next(long row)
    {
        T value = _read();
        _last = value;
        if (_missing(value))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Column '{_column}' has a missing id in row {row}."), "data");
        }

        if (!_index.TryGetValue(value, out long index))
        {
            if (_dataset is not null)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Column '{_column}' holds the id {value} in row {row}, which dataset '{_dataset}' does not have."), "data");
            }

            index = _index.Count + 1;
            _index[value] = index;
        }

        return (int)index;
    }

    public override int IndexOf(object? id)
    {
        T? key;
        try
        {
            key = id switch
            {
                T same => same,
                ReadOnlyMemory<char> text when typeof(T) == typeof(string) => (T)(object)text.ToString(),
                IConvertible number when typeof(T) != typeof(string) => (T)Convert.ChangeType(number, typeof(T), CultureInfo.InvariantCulture),
                _ => default,
            };
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
        {
            return 0;
        }

        return key is not null && _index.TryGetValue(key, out long index) ? (int)index : 0;
    }

    public override IEstimator<ITransformer> Map(MLContext context, string output, string input) =>
        context.Transforms.Conversion.MapValue(output, _index.Select(p => new KeyValuePair<T, long>(p.Key, p.Value)), input);

    public override OnnxModel Lookup(OnnxModel graph, string indexInput, string idColumn)
    {
        long[] indices = [.. _index.Values];
        return _index switch
        {
            Dictionary<float, long> ids => graph.WithIdLookup(indexInput, idColumn, [.. ids.Keys], indices),
            Dictionary<double, long> ids => graph.WithIdLookup(indexInput, idColumn, [.. ids.Keys], indices),
            Dictionary<string, long> ids => graph.WithIdLookup(indexInput, idColumn, [.. ids.Keys], indices),
            Dictionary<long, long> ids => graph.WithIdLookup(indexInput, idColumn, OnnxElementType.Int64, [.. ids.Keys], indices),
            Dictionary<int, long> ids => graph.WithIdLookup(indexInput, idColumn, OnnxElementType.Int32, [.. ids.Keys.Select(k => (long)k)], indices),
            Dictionary<uint, long> ids => graph.WithIdLookup(indexInput, idColumn, OnnxElementType.UInt32, [.. ids.Keys.Select(k => (long)k)], indices),
            _ => throw new UnreachableException($"Ids of type {typeof(T)} have no lookup."),
        };
    }
}

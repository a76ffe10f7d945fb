using System.Numerics.Tensors;

namespace MovieRec.Content;

/// <summary>
/// A user as content: the running average of the vectors of the movies they liked, updated one like at a time,
/// u<sub>n</sub> = u<sub>n-1</sub> + (v<sub>n</sub> − u<sub>n-1</sub>) / n (Netflix recommender paper, equation 1).
/// </summary>
/// <remarks>Not thread-safe: one profile belongs to one user or visitor.</remarks>
public sealed class ContentProfile
{
    private readonly float[] _mean;

    /// <summary>Creates an empty profile.</summary>
    /// <param name="dimension">The vector length of the movies' vectors, 1 or more.</param>
    public ContentProfile(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        _mean = new float[dimension];
    }

    /// <summary>Gets the number of likes averaged so far.</summary>
    public int Count { get; private set; }

    /// <summary>Gets the average of the liked movies' vectors (all zeros before the first like).</summary>
    public ReadOnlySpan<float> Mean => _mean;

    /// <summary>Adds one liked movie's vector to the average.</summary>
    /// <param name="vector">The movie's vector, as long as the profile.</param>
    /// <exception cref="ArgumentException">The vector's length differs from the profile's.</exception>
    public void Add(ReadOnlySpan<float> vector)
    {
        if (vector.Length != _mean.Length)
        {
            throw new ArgumentException($"The vector has {vector.Length} values; the profile has {_mean.Length}.", nameof(vector));
        }

        Count++;
        float step = 1f / Count;
        for (int i = 0; i < _mean.Length; i++)
        {
            _mean[i] += (vector[i] - _mean[i]) * step;
        }
    }

    /// <summary>Writes the profile's direction (the mean scaled to norm 1, or zeros when empty) into <paramref name="destination"/>.</summary>
    /// <param name="destination">As long as the profile.</param>
    public void CopyUnitTo(Span<float> destination)
    {
        _mean.CopyTo(destination);
        float norm = TensorPrimitives.Norm(destination[.._mean.Length]);
        if (norm > 0)
        {
            TensorPrimitives.Divide(destination[.._mean.Length], norm, destination[.._mean.Length]);
        }
    }
}

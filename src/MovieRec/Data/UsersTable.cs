namespace MovieRec.Data;

/// <summary>
/// Demographics per dense user index, in columnar form. Row 0 is the unknown/padding user
/// (gender 0, age 0, group 0, occupation 0, empty zip).
/// </summary>
/// <remarks>
/// Codes follow the LSTM-CNN paper's preprocessing of MovieLens 1M: gender F → 0, M → 1; age group
/// 0..6 (see <see cref="AgeGroups"/>); occupation as an index into <see cref="OccupationNames"/>.
/// </remarks>
public sealed class UsersTable
{
    private readonly byte[] _gender;
    private readonly int[] _age;
    private readonly byte[] _ageGroup;
    private readonly int[] _occupation;
    private readonly string[] _zip;
    private readonly string[] _occupationNames;

    private UsersTable(byte[] gender, int[] age, byte[] ageGroup, int[] occupation, string[] zip, string[] occupationNames)
    {
        _gender = gender;
        _age = age;
        _ageGroup = ageGroup;
        _occupation = occupation;
        _zip = zip;
        _occupationNames = occupationNames;
    }

    /// <summary>
    /// Builds a table over the given columns (taken over, not copied). Index 0 of each column is the
    /// unknown user. The age group column is derived from <paramref name="age"/>.
    /// </summary>
    /// <param name="gender">0 = female, 1 = male, per dense user index.</param>
    /// <param name="age">Age in years, or the ML-1M age code, per dense user index; 0 or more.</param>
    /// <param name="occupation">Index into <paramref name="occupationNames"/> per dense user index.</param>
    /// <param name="zip">Zip code text per dense user index.</param>
    /// <param name="occupationNames">The occupation vocabulary.</param>
    /// <exception cref="ArgumentException">Columns differ in length or hold a value out of range.</exception>
    public static UsersTable Create(byte[] gender, int[] age, int[] occupation, string[] zip, IReadOnlyList<string> occupationNames)
    {
        ArgumentNullException.ThrowIfNull(gender);
        ArgumentNullException.ThrowIfNull(age);
        ArgumentNullException.ThrowIfNull(occupation);
        ArgumentNullException.ThrowIfNull(zip);
        ArgumentNullException.ThrowIfNull(occupationNames);
        int n = gender.Length;
        if (n == 0 || age.Length != n || occupation.Length != n || zip.Length != n)
        {
            throw new ArgumentException(
                $"Columns must have equal, non-zero lengths (row 0 is the unknown user); got gender {gender.Length}, age {age.Length}, occupation {occupation.Length}, zip {zip.Length}.");
        }

        var groups = new byte[n];
        for (int i = 0; i < n; i++)
        {
            if (gender[i] > 1)
            {
                throw new ArgumentException($"Row {i}: gender {gender[i]} is not 0 (F) or 1 (M).", nameof(gender));
            }

            if (age[i] < 0)
            {
                throw new ArgumentException($"Row {i}: age {age[i]} is negative.", nameof(age));
            }

            if ((uint)occupation[i] >= (uint)Math.Max(occupationNames.Count, 1))
            {
                throw new ArgumentException($"Row {i}: occupation {occupation[i]} is outside 0..{occupationNames.Count - 1}.", nameof(occupation));
            }

            groups[i] = (byte)AgeGroups.FromAge(age[i]);
        }

        return new UsersTable(gender, age, groups, occupation, zip, [.. occupationNames]);
    }

    /// <summary>Number of rows, including row 0 (the unknown user).</summary>
    public int Count => _gender.Length;

    /// <summary>The gender code of a letter as MovieLens writes it: <c>F</c> → 0, <c>M</c> → 1.</summary>
    /// <param name="letter">The letter, upper case as in the files.</param>
    /// <returns>The code, or null for anything else.</returns>
    public static byte? GenderCode(string letter) => letter switch { "F" => 0, "M" => 1, _ => null };

    /// <summary>Gender per dense user index: 0 = female, 1 = male (see <see cref="GenderCode"/>).</summary>
    public ReadOnlySpan<byte> Gender => _gender;

    /// <summary>Raw age (years, or the ML-1M age code) per dense user index.</summary>
    public ReadOnlySpan<int> Age => _age;

    /// <summary>Age group 0..6 per dense user index (see <see cref="AgeGroups"/>).</summary>
    public ReadOnlySpan<byte> AgeGroup => _ageGroup;

    /// <summary>Occupation index per dense user index, into <see cref="OccupationNames"/>.</summary>
    public ReadOnlySpan<int> Occupation => _occupation;

    /// <summary>Zip code per dense user index (empty for row 0).</summary>
    public IReadOnlyList<string> Zip => _zip;

    /// <summary>The occupation vocabulary: name of each occupation index.</summary>
    public IReadOnlyList<string> OccupationNames => _occupationNames;
}

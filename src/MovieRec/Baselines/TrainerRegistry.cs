using System.Collections.Concurrent;
using MovieRec.Abstractions;

namespace MovieRec.Baselines;

/// <summary>
/// Creates trainers by model name for the experiment runner and the command line: the classical
/// baselines of <see cref="BaselineCatalog"/>, plus any model family registered here (deep models live
/// in other assemblies and register themselves, for example <c>NcfCatalog.Register()</c>).
/// </summary>
/// <remarks>
/// A registered name takes precedence over a baseline of the same name. Registration is thread-safe;
/// registering a name again replaces its factory.
/// </remarks>
public static class TrainerRegistry
{
    private static readonly ConcurrentDictionary<string, Func<IRatingTrainer>> s_factories = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets every name <see cref="FromName"/> accepts: the baselines, then the registered names in order.</summary>
    public static IReadOnlyList<string> ModelNames =>
        [.. BaselineCatalog.ModelNames, .. s_factories.Keys.Where(k => !BaselineCatalog.ModelNames.Contains(k, StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Ordinal)];

    /// <summary>Registers (or replaces) a trainer factory under a model name.</summary>
    /// <param name="name">Model name, case-insensitive, without commas or surrounding spaces.</param>
    /// <param name="factory">Creates a trainer with default options; called once per <see cref="FromName"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty, has a comma or surrounding spaces.</exception>
    public static void Register(string name, Func<IRatingTrainer> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (name.Contains(',', StringComparison.Ordinal) || name.Trim() != name)
        {
            throw new ArgumentException($"Model name '{name}' is invalid; expected no commas and no surrounding spaces.", nameof(name));
        }

        s_factories[name] = factory;
    }

    /// <summary>Creates the trainer registered under <paramref name="name"/>, else the baseline of that name.</summary>
    /// <param name="name">Model name, case-insensitive.</param>
    /// <returns>A new trainer with default options.</returns>
    /// <exception cref="ArgumentException">No registered model and no baseline has that name (the message lists the names).</exception>
    public static IRatingTrainer FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string key = name.Trim();
        if (s_factories.TryGetValue(key, out var factory))
        {
            return factory();
        }

        if (BaselineCatalog.ModelNames.Contains(key, StringComparer.OrdinalIgnoreCase))
        {
            return BaselineCatalog.FromName(key);
        }

        throw new ArgumentException($"Unknown model '{name}'; expected one of {string.Join(", ", ModelNames)}.", nameof(name));
    }
}

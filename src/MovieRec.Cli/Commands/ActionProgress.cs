namespace MovieRec.Cli.Commands;

/// <summary>
/// Passes each progress report straight to an action on the reporting thread (unlike
/// <see cref="Progress{T}"/>, which posts to another thread and would reorder progress-bar updates).
/// </summary>
internal sealed class ActionProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

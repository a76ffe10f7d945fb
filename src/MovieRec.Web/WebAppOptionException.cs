namespace MovieRec.Web;

/// <summary>A command-line option of the web app has a value it cannot use; the message names the option and value.</summary>
public sealed class WebAppOptionException(string message) : Exception(message);

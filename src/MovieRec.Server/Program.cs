using MovieRec.Server;

// The MovieRec server: dotnet run --project src/MovieRec.Server [-- --urls URL --database PATH|CONNECTION --models DIR --api-key KEY]
ServerArguments arguments;
try
{
    if (args is ["--help" or "-h"])
    {
        Console.WriteLine(ServerArguments.Usage);
        return 0;
    }

    arguments = ServerArguments.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

try
{
    await using var app = ServerApp.Build(arguments);
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (e is IOException or InvalidDataException or FormatException or InvalidOperationException or ArgumentException or System.Data.Common.DbException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}

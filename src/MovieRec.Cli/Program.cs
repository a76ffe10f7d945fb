return await MovieRec.Cli.MovieRecCli.RunAsync(args);

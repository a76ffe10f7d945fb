MovieRec.Cli.MovieRecCli.UsePlainOutputWhenAsked();
return await MovieRec.Cli.MovieRecCli.RunAsync(args);

using Exam.Cli;

return await ExamCli.RunAsync(args, Console.Out, Console.Error, CliContext.FromProcess());

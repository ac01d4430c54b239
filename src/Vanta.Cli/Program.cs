using Vanta.Cli.Commands;

return await VantaCommandLine.Build().Parse(args).InvokeAsync();

using System.CommandLine;
using Gateway.Cli;

var root = new RootCommand("gw — the Gateway's command line: simulated homes, the cloud emulator, QR codes.");
root.Subcommands.Add(QrCommand.Create());
root.Subcommands.Add(CloudCommand.Create());
root.Subcommands.Add(MeshCommand.Create());
root.Subcommands.Add(Gateway.Cli.Demo.DemoCommand.Create());
root.Subcommands.Add(GatewayCommand.Create());
root.Subcommands.Add(Gateway.Cli.Bench.BenchCommand.Create());
return await CliRunner.RunAsync(root, args);

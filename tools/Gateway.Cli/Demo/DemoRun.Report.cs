using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace Gateway.Cli.Demo;

internal sealed partial class DemoRun
{
    /// <summary>Writes the JSON report and, next to it, the gateway's mesh database (CDB JSON).</summary>
    public async Task WriteReportAsync(FileInfo file, bool finished)
    {
        var report = new
        {
            seed = _options.Seed,
            finished,
            simulatedMs = NowMs,
            broker = BrokerDescription,
            loss = _options.Loss,
            devices = _devices.Select(d => new
            {
                name = d.Name,
                kind = d.Kind,
                id = d.Id,
                method = d.Method,
                result = d.Succeeded ? "provisioned" : (d.Finished ? "failed" : "unfinished"),
                detail = d.Detail,
                durationMs = d.DurationMs,
            }),
            cloudEvents = _emulator?.Events.Select(e => e.ToString()),
        };
        Directory.CreateDirectory(file.DirectoryName ?? ".");
        await File.WriteAllTextAsync(file.FullName, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        string database = await ExportMeshDatabaseAsync();
        if (database != null)
        {
            await File.WriteAllTextAsync(Path.Combine(file.DirectoryName ?? ".", Path.GetFileNameWithoutExtension(file.Name) + ".mesh.json"), database);
        }
    }
}

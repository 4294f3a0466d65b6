using System.Threading.Tasks;
using Gateway.Core.Mesh.Database;

namespace Gateway.Cli.Demo;

internal sealed partial class DemoRun
{
    /// <summary>The gateway's mesh database as CDB JSON (the nRF Mesh apps read it), or null before it exists.</summary>
    private async Task<string> ExportMeshDatabaseAsync()
    {
        string text = null;
        await OnClockAsync(() =>
        {
            MeshDatabase database = _gateway.DatabaseStore?.Current;
            text = database == null ? null : CdbExporter.ExportText(database);
        });
        return text;
    }
}

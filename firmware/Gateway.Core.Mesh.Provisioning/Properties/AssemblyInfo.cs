using System.Reflection;
using System.Runtime.CompilerServices;

[assembly: AssemblyTitle("Gateway.Core.Mesh.Provisioning")]
[assembly: AssemblyDescription("Bluetooth Mesh provisioning: PDUs and sessions (provisioner and device), PB-ADV and PB-GATT bearers, Proxy SAR, unprovisioned-device discovery")]
[assembly: AssemblyProduct("Gateway")]
[assembly: AssemblyCopyright("Gateway contributors")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
[assembly: InternalsVisibleTo("Gateway.Core.Tests")]

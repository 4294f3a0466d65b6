using System.Reflection;
using System.Runtime.CompilerServices;

[assembly: AssemblyTitle("Gateway.Core.Platform")]
[assembly: AssemblyDescription("Pure logic of the firmware adapters: atomic files over a file system port, Bluetooth mode switching, the gateway configuration file")]
[assembly: AssemblyProduct("Gateway")]
[assembly: AssemblyCopyright("Gateway contributors")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
[assembly: InternalsVisibleTo("Gateway.Core.Tests")]

using System.Reflection;
using System.Runtime.CompilerServices;

[assembly: AssemblyTitle("Gateway.Core.Runtime")]
[assembly: AssemblyDescription("Ports (scheduler, random, storage, radios, MQTT link, JSON DOM, log), ByteReader/ByteWriter, hex, the in-memory and virtual-time implementations")]
[assembly: AssemblyProduct("Gateway")]
[assembly: AssemblyCopyright("Gateway contributors")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
[assembly: InternalsVisibleTo("Gateway.Core.Tests")]

using System.Reflection;
using System.Runtime.CompilerServices;

[assembly: AssemblyTitle("Gateway.Core.ZeroConfig")]
[assembly: AssemblyDescription("Wi-Fi zero-config (Alibaba AWSS) registrar: 0xAA/0xAB vendor elements, enrollee sessions, the push of the home network")]
[assembly: AssemblyProduct("Gateway")]
[assembly: AssemblyCopyright("Gateway contributors")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
[assembly: InternalsVisibleTo("Gateway.Core.Tests")]

using System.Reflection;
using System.Runtime.CompilerServices;

[assembly: AssemblyTitle("Gateway.Core.Camera")]
[assembly: AssemblyDescription("webcam-config: the camera QR payload and its bind token")]
[assembly: AssemblyProduct("Gateway")]
[assembly: AssemblyCopyright("Gateway contributors")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
[assembly: InternalsVisibleTo("Gateway.Core.Tests")]

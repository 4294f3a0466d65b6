using System.Reflection;

[assembly: AssemblyTitle("Gateway.Core.DeviceTests")]
[assembly: AssemblyDescription("On-device tests of the Gateway core: Runtime, Crypto, Cloud, ZeroConfig, Camera, Platform, Mesh database (nanoFramework.TestFramework)")]
[assembly: AssemblyProduct("Gateway")]
[assembly: AssemblyCopyright("Gateway contributors")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]

using System.Reflection;

[assembly: AssemblyTitle("Gateway.Core.Mesh.DeviceTests")]
[assembly: AssemblyDescription("On-device tests of the Gateway core: mesh provisioning, bearers, network, configuration; interpreter figures (nanoFramework.TestFramework)")]
[assembly: AssemblyProduct("Gateway")]
[assembly: AssemblyCopyright("Gateway contributors")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]

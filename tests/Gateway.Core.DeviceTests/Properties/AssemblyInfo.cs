using System.Reflection;

[assembly: AssemblyTitle("Gateway.Core.DeviceTests")]
[assembly: AssemblyDescription("On-device tests of the Gateway portable core (nanoFramework.TestFramework)")]
[assembly: AssemblyProduct("Gateway")]
[assembly: AssemblyCopyright("Gateway contributors")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]

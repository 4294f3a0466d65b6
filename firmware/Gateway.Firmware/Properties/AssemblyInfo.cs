using System.Reflection;

[assembly: AssemblyTitle("Gateway.Firmware")]
[assembly: AssemblyDescription("ESP32 application of the Gateway: composition root and nanoFramework adapters")]
[assembly: AssemblyProduct("Gateway")]
[assembly: AssemblyCopyright("Gateway contributors")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]

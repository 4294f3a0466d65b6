using System.Reflection;
using System.Runtime.CompilerServices;

[assembly: AssemblyTitle("Gateway.Core.Crypto")]
[assembly: AssemblyDescription("AES-CMAC, AES-CCM, AES-CFB/CBC over the block-cipher port, SHA-256, HMAC-SHA256, the mesh key derivations, managed P-256")]
[assembly: AssemblyProduct("Gateway")]
[assembly: AssemblyCopyright("Gateway contributors")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
[assembly: InternalsVisibleTo("Gateway.Core.Tests")]

using System.Reflection;
using System.Runtime.CompilerServices;

[assembly: AssemblyTitle("Gateway.Core.Cloud")]
[assembly: AssemblyDescription("Alink JSON envelopes and topics, Link Kit MQTT sign-in, the cloud link (outbox, reconnect, correlation), sealed secret fields")]
[assembly: AssemblyProduct("Gateway")]
[assembly: AssemblyCopyright("Gateway contributors")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
[assembly: InternalsVisibleTo("Gateway.Core.Tests")]

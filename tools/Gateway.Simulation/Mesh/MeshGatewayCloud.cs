using System;
using Gateway.Core.Cloud;
using Gateway.Core.Runtime;

namespace Gateway.Simulation.Mesh;

/// <summary>
/// How a simulated mesh gateway reaches the cloud: a fresh MQTT link per boot (e.g. the
/// in-process broker's), its Link Kit credentials and the HMAC for the sign-in. The secret only
/// signs in and opens sealed fields; it never leaves the gateway.
/// </summary>
public sealed class MeshGatewayCloud
{
    public MeshGatewayCloud(Func<IMqttLink> createLink, DeviceCredentials credentials, IHmacSha256 hmac)
    {
        CreateLink = createLink ?? throw new ArgumentNullException(nameof(createLink));
        Credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        Hmac = hmac ?? throw new ArgumentNullException(nameof(hmac));
    }

    public Func<IMqttLink> CreateLink { get; }

    public DeviceCredentials Credentials { get; }

    public IHmacSha256 Hmac { get; }

    /// <summary>Link settings (null: direct TCP, the defaults otherwise).</summary>
    public CloudLinkSettings Settings { get; set; }
}

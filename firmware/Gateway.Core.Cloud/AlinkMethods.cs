namespace Gateway.Core.Cloud
{
    /// <summary>
    /// Alink method names the gateway and the cloud exchange (DESIGN.md §6, docs/cloud-protocol.md).
    /// The zero-config ones are the platform's (reference/alibaba-provisioning.md §0.1, §1.2).
    /// </summary>
    public static class AlinkMethods
    {
        /// <summary>Registrar → cloud: enrollees heard in probe requests (§1.2 row 1).</summary>
        public const string EnrolleeFound = "thing.awss.enrollee.found";

        /// <summary>Cloud → registrar: the user approved an enrollee (§1.2 row 3).</summary>
        public const string EnrolleeCheckin = "thing.awss.enrollee.checkin";

        /// <summary>Registrar → cloud: the per-session AES key for an enrollee (§1.2 row 5).</summary>
        public const string CipherGet = "thing.cipher.get";

        /// <summary>Enrollee → cloud, as itself: bind token after joining the network (§0.1).</summary>
        public const string EnrolleeMatch = "thing.awss.enrollee.match";

        /// <summary>Cloud → registrar (ours): the enrollee reported its match, it is online; stop pushing.</summary>
        public const string EnrolleeOnline = "thing.awss.enrollee.online";

        /// <summary>Cloud → device: switch to another access point (§0.1 item 5).</summary>
        public const string DeviceSwitchAp = "thing.awss.device.switchap";

        /// <summary>Gateway → cloud: an unprovisioned mesh device was heard (ours, DESIGN.md §6).</summary>
        public const string MeshDeviceFound = "thing.mesh.device.found";

        /// <summary>Cloud → gateway: provision that mesh device (ours).</summary>
        public const string MeshDeviceProvision = "thing.mesh.device.provision";

        /// <summary>Gateway → cloud: result of a mesh provisioning (ours).</summary>
        public const string MeshDeviceResult = "thing.mesh.device.result";

        /// <summary>Cloud → gateway: reset a mesh node (ours).</summary>
        public const string MeshNodeReset = "thing.mesh.node.reset";
    }
}

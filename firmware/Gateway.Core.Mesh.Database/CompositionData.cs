using System.Collections;

namespace Gateway.Core.Mesh.Database
{
    /// <summary>
    /// Composition Data Page 0 as the database needs it (MshPRT §4.2.2.1; reference/ble-mesh.md
    /// §4.6): a plain holder, so the database does not depend on the network stack; the Config
    /// client's parser fills it from Config Composition Data Status.
    /// </summary>
    public sealed class CompositionData
    {
        public int Cid { get; set; }

        public int Pid { get; set; }

        public int Vid { get; set; }

        public int Crpl { get; set; }

        /// <summary>Bit 0 Relay, bit 1 Proxy, bit 2 Friend, bit 3 Low Power.</summary>
        public int Features { get; set; }

        /// <summary><see cref="CompositionElement"/> entries, primary element first.</summary>
        public ArrayList Elements { get; } = new ArrayList();
    }
}

namespace Gateway.Core.Orchestration
{
    /// <summary>The end of a node's configuration; <paramref name="reason"/> is null on success, else a stable identifier.</summary>
    public delegate void NodeConfigurationDone(byte[] uuid, bool success, string reason);

    /// <summary>
    /// Configures a provisioned node over the mesh (Mesh/Config over Mesh/Network implements it):
    /// Composition Data Get, AppKey Add, Model App Bind for every model, Model Publication Set when
    /// asked, and marks the node configured in the database. Also resets nodes.
    /// </summary>
    public interface IMeshNodeConfigurator
    {
        void Configure(byte[] uuid, MeshConfigurationPlan plan, NodeConfigurationDone done);

        void Reset(byte[] uuid, NodeConfigurationDone done);
    }

    /// <summary>What the cloud asked to set up on a node.</summary>
    public sealed class MeshConfigurationPlan
    {
        public int AppKeyIndex { get; set; }

        /// <summary>Publication address for every bound model, or 0 for none.</summary>
        public int PublishAddress { get; set; }

        public int PublishTtl { get; set; }
    }
}

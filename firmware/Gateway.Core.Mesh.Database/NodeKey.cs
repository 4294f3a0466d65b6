namespace Gateway.Core.Mesh.Database
{
    /// <summary>
    /// A NetKey or AppKey a node holds, by index (CDB node netKeys[]/appKeys[]: {index, updated}).
    /// "updated" is true once the node has the new key of a Key Refresh procedure.
    /// </summary>
    public sealed class NodeKey
    {
        public NodeKey(int index, bool updated)
        {
            Index = index;
            Updated = updated;
        }

        public int Index { get; set; }

        public bool Updated { get; set; }
    }
}

using System;

namespace Gateway.Core.Mesh.Database
{
    /// <summary>
    /// A change the mesh database refuses: an address range that collides with a node or with a
    /// retired node's addresses, a duplicate UUID or key index, a full address range, a database
    /// too large for one storage blob. The message names addresses and indexes, never keys.
    /// </summary>
    public class MeshDatabaseException : Exception
    {
        public MeshDatabaseException(string message)
            : base(message)
        {
        }
    }
}

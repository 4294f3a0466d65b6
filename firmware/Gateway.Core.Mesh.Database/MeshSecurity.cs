namespace Gateway.Core.Mesh.Database
{
    /// <summary>
    /// CDB "security" of a node and "minSecurity" of a NetKey (reference/ble-mesh.md §5): a node is
    /// secure when it was provisioned with an OOB public key (Nordic sets "insecure" otherwise).
    /// Numeric values are stable; the JSON text comes from <see cref="CdbText"/>, never ToString().
    /// </summary>
    public enum MeshSecurity
    {
        Insecure = 0,
        Secure = 1,
    }
}

using System.Collections;

namespace Gateway.Core.Mesh.Database
{
    /// <summary>A scene (CDB "scenes[]", reference/ble-mesh.md §5): number and the unicast addresses storing it.</summary>
    public sealed class MeshScene
    {
        public MeshScene(string name, int number)
        {
            Name = name;
            Number = number;
        }

        public string Name { get; set; }

        public int Number { get; set; }

        /// <summary>Element addresses (boxed int).</summary>
        public ArrayList Addresses { get; } = new ArrayList();
    }
}

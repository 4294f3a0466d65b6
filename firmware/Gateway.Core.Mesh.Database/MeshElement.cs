using System.Collections;

namespace Gateway.Core.Mesh.Database
{
    /// <summary>
    /// An element of a node (CDB "elements[]", reference/ble-mesh.md §5): its index, GATT
    /// Namespace location descriptor and models. Element i has the address unicastAddress + i.
    /// </summary>
    public sealed class MeshElement
    {
        public MeshElement(int index, int location)
        {
            Index = index;
            Location = location;
        }

        /// <summary>Optional name; null when none.</summary>
        public string Name { get; set; }

        public int Index { get; set; }

        /// <summary>Location descriptor (Composition Data "Loc"), 0x0000 = unknown.</summary>
        public int Location { get; set; }

        /// <summary><see cref="MeshModel"/> entries.</summary>
        public ArrayList Models { get; } = new ArrayList();

        public MeshModel GetModel(int position)
        {
            return (MeshModel)Models[position];
        }

        /// <summary>The model with this id, or null.</summary>
        public MeshModel FindModel(uint modelId, bool isVendor)
        {
            for (int i = 0; i < Models.Count; i++)
            {
                MeshModel model = (MeshModel)Models[i];
                if (model.Matches(modelId, isVendor))
                {
                    return model;
                }
            }

            return null;
        }
    }
}

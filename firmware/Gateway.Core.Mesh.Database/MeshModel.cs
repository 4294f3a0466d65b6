using System.Collections;

namespace Gateway.Core.Mesh.Database
{
    /// <summary>
    /// A model of an element (CDB "models[]", reference/ble-mesh.md §5): a SIG model has a 16-bit
    /// id; a vendor model a 32-bit id = Company ID ‖ model (written as 8 hex digits).
    /// <see cref="Bind"/> holds AppKey Indexes (boxed int); <see cref="Subscribe"/> holds group or
    /// virtual addresses (boxed int) or Label UUIDs (byte[16]) in the order they were added.
    /// </summary>
    public sealed class MeshModel
    {
        public MeshModel(uint modelId, bool isVendor)
        {
            ModelId = isVendor ? modelId : modelId & 0xFFFF;
            IsVendor = isVendor;
        }

        public static MeshModel Sig(int modelId)
        {
            return new MeshModel((uint)modelId & 0xFFFF, false);
        }

        public static MeshModel Vendor(int companyId, int modelId)
        {
            return new MeshModel(((uint)(companyId & 0xFFFF) << 16) | (uint)(modelId & 0xFFFF), true);
        }

        /// <summary>16-bit SIG model id, or Company ID (high 16 bits) ‖ vendor model id (low 16 bits).</summary>
        public uint ModelId { get; }

        public bool IsVendor { get; }

        /// <summary>The vendor's Company Identifier, or -1 for a SIG model.</summary>
        public int CompanyId
        {
            get { return IsVendor ? (int)(ModelId >> 16) : -1; }
        }

        public ArrayList Bind { get; } = new ArrayList();

        public ArrayList Subscribe { get; } = new ArrayList();

        /// <summary>The publication, or null when the model does not publish.</summary>
        public ModelPublication Publish { get; set; }

        public bool IsBoundTo(int appKeyIndex)
        {
            return Bind.Contains(appKeyIndex);
        }

        /// <summary>Adds a binding once (Config Model App Bind is idempotent on the node too).</summary>
        public void AddBinding(int appKeyIndex)
        {
            if (!Bind.Contains(appKeyIndex))
            {
                Bind.Add(appKeyIndex);
            }
        }

        public void RemoveBinding(int appKeyIndex)
        {
            Bind.Remove(appKeyIndex);
        }

        /// <summary>Adds a group (or virtual) subscription address once.</summary>
        public void AddSubscription(int address)
        {
            if (!Subscribe.Contains(address))
            {
                Subscribe.Add(address);
            }
        }

        public bool Matches(uint modelId, bool isVendor)
        {
            return ModelId == modelId && IsVendor == isVendor;
        }

        public override string ToString()
        {
            return "model " + CdbText.ModelIdText(ModelId, IsVendor);
        }
    }
}

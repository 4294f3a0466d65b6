namespace Gateway.Core.Mesh.Database
{
    /// <summary>Nodes and retired addresses.</summary>
    public sealed partial class MeshDatabase
    {
        /// <summary>Highest unicast address (ble-mesh.md §4.1).</summary>
        public const int MaxUnicastAddress = 0x7FFF;

        /// <summary>
        /// Retired addresses kept once the IV Index allows their reuse: beyond this many the oldest
        /// are forgotten (they are safe to reuse; remembering them only lets the allocator prefer
        /// never-used addresses), so churn cannot grow the database without bound.
        /// </summary>
        public const int MaxExpiredExclusions = 256;

        public int NodeCount
        {
            get { return Nodes.Count; }
        }

        public MeshNode GetNode(int position)
        {
            return (MeshNode)Nodes[position];
        }

        public MeshNode FindNodeByUuid(byte[] uuid)
        {
            for (int i = 0; i < Nodes.Count; i++)
            {
                MeshNode node = (MeshNode)Nodes[i];
                if (node.HasUuid(uuid))
                {
                    return node;
                }
            }

            return null;
        }

        /// <summary>The node that owns <paramref name="address"/> as any of its element addresses, or null.</summary>
        public MeshNode FindNodeByAddress(int address)
        {
            for (int i = 0; i < Nodes.Count; i++)
            {
                MeshNode node = (MeshNode)Nodes[i];
                if (node.ContainsAddress(address))
                {
                    return node;
                }
            }

            return null;
        }

        /// <summary>A node whose element range meets [first, last], or null.</summary>
        public MeshNode FindNodeOverlapping(int first, int last)
        {
            for (int i = 0; i < Nodes.Count; i++)
            {
                MeshNode node = (MeshNode)Nodes[i];
                if (node.Overlaps(first, last))
                {
                    return node;
                }
            }

            return null;
        }

        /// <summary>True when an address of [first, last] was retired and may not be reused at <paramref name="ivIndex"/>.</summary>
        public bool IsExcluded(int first, int last, uint ivIndex)
        {
            for (int i = 0; i < NetworkExclusions.Count; i++)
            {
                NetworkExclusion e = (NetworkExclusion)NetworkExclusions[i];
                if (e.BlocksAt(ivIndex) && e.Overlaps(first, last))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when an address of [first, last] was ever retired (whether or not it is reusable now).</summary>
        public bool WasRetired(int first, int last)
        {
            for (int i = 0; i < NetworkExclusions.Count; i++)
            {
                if (((NetworkExclusion)NetworkExclusions[i]).Overlaps(first, last))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Adds a provisioned node. Refused (nothing changes) when its range leaves the unicast
        /// space, meets another node, holds an address retired too recently for
        /// <paramref name="ivIndex"/>, or its UUID is already a node. Retired addresses it may
        /// reuse leave the exclusion list, since they belong to a node again.
        /// </summary>
        public void AddNode(MeshNode node, uint ivIndex)
        {
            if (node == null || node.Uuid == null || node.Uuid.Length != 16)
            {
                throw new MeshDatabaseException("a node needs a 16-octet UUID");
            }

            int count = node.ElementCount;
            if (count < 1 || count > MeshNode.MaxElements)
            {
                throw new MeshDatabaseException("a node has 1.." + MeshNode.MaxElements + " elements, not " + count);
            }

            if (node.UnicastAddress < 1 || node.LastAddress > MaxUnicastAddress)
            {
                throw new MeshDatabaseException("node range " + CdbText.Hex16(node.UnicastAddress) + "+" + count + " is outside the unicast space");
            }

            MeshNode other = FindNodeOverlapping(node.UnicastAddress, node.LastAddress);
            if (other != null)
            {
                throw new MeshDatabaseException("node range " + CdbText.Hex16(node.UnicastAddress) + "+" + count + " collides with " + other);
            }

            if (FindNodeByUuid(node.Uuid) != null)
            {
                throw new MeshDatabaseException("a node with UUID " + CdbText.Uuid(node.Uuid) + " already exists");
            }

            // MshPRT §5.4.2.5: addresses of a removed node are not reused before the IV Index has
            // moved on (UnicastAllocator explains the distance of 2).
            if (IsExcluded(node.UnicastAddress, node.LastAddress, ivIndex))
            {
                throw new MeshDatabaseException("node range " + CdbText.Hex16(node.UnicastAddress) + "+" + count + " holds an address retired at a recent IV Index");
            }

            ForgetExclusions(node.UnicastAddress, node.LastAddress);
            Nodes.Add(node);
        }

        /// <summary>
        /// Removes a node (after Config Node Reset, or when it is gone) and retires its element
        /// addresses under <paramref name="ivIndex"/>, the IV Index current now. The gateway's own
        /// node cannot be removed.
        /// </summary>
        public void RemoveNode(MeshNode node, uint ivIndex)
        {
            if (node == null || !Nodes.Contains(node))
            {
                throw new MeshDatabaseException("the node is not in the database");
            }

            if (node == GatewayNode)
            {
                throw new MeshDatabaseException("the gateway's own node cannot be removed");
            }

            Nodes.Remove(node);
            Retire(node.UnicastAddress, node.LastAddress, ivIndex);
        }

        /// <summary>
        /// Adds [first, last] to the exclusion entry of <paramref name="ivIndex"/> (CDB
        /// networkExclusions), then forgets the oldest reusable entries beyond
        /// <see cref="MaxExpiredExclusions"/>.
        /// </summary>
        public void Retire(int first, int last, uint ivIndex)
        {
            AddExclusion(first, last, ivIndex);
            TrimExpiredExclusions(ivIndex);
        }

        /// <summary>Adds [first, last] to the exclusion entry of <paramref name="ivIndex"/>, as read from a document.</summary>
        internal void AddExclusion(int first, int last, uint ivIndex)
        {
            NetworkExclusion entry = null;
            for (int i = 0; i < NetworkExclusions.Count; i++)
            {
                NetworkExclusion e = (NetworkExclusion)NetworkExclusions[i];
                if (e.IvIndex == ivIndex)
                {
                    entry = e;
                    break;
                }
            }

            if (entry == null)
            {
                entry = new NetworkExclusion(ivIndex);
                int position = 0;
                while (position < NetworkExclusions.Count && ((NetworkExclusion)NetworkExclusions[position]).IvIndex < ivIndex)
                {
                    position++;
                }

                NetworkExclusions.Insert(position, entry);
            }

            for (int a = first; a <= last; a++)
            {
                entry.Add(a);
            }
        }

        /// <summary>Drops the oldest reusable retired addresses beyond <see cref="MaxExpiredExclusions"/>.</summary>
        private void TrimExpiredExclusions(uint ivIndex)
        {
            int expired = 0;
            for (int i = 0; i < NetworkExclusions.Count; i++)
            {
                NetworkExclusion e = (NetworkExclusion)NetworkExclusions[i];
                if (!e.BlocksAt(ivIndex))
                {
                    expired += e.Addresses.Count;
                }
            }

            // Entries are ordered by IV Index, so the first expired ones are the oldest.
            while (expired > MaxExpiredExclusions && NetworkExclusions.Count > 0)
            {
                NetworkExclusion oldest = (NetworkExclusion)NetworkExclusions[0];
                if (oldest.BlocksAt(ivIndex))
                {
                    break;
                }

                oldest.Addresses.RemoveAt(0);
                expired--;
                if (oldest.Addresses.Count == 0)
                {
                    NetworkExclusions.RemoveAt(0);
                }
            }
        }

        private void ForgetExclusions(int first, int last)
        {
            for (int i = NetworkExclusions.Count - 1; i >= 0; i--)
            {
                NetworkExclusion e = (NetworkExclusion)NetworkExclusions[i];
                for (int k = e.Addresses.Count - 1; k >= 0; k--)
                {
                    int a = (int)e.Addresses[k];
                    if (a >= first && a <= last)
                    {
                        e.Addresses.RemoveAt(k);
                    }
                }

                if (e.Addresses.Count == 0)
                {
                    NetworkExclusions.RemoveAt(i);
                }
            }
        }
    }
}

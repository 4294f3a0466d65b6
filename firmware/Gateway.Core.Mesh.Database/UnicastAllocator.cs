using System.Collections;

namespace Gateway.Core.Mesh.Database
{
    /// <summary>
    /// Picks the unicast addresses of a new node: N consecutive addresses inside the provisioner's
    /// allocated unicast ranges that meet no node (the gateway's own node included) and no retired
    /// address the IV Index does not yet allow.
    /// <para>
    /// The reuse rule. A node that hears messages keeps, per source address, the last (IV Index,
    /// SEQ) in its replay protection list and drops anything not newer. A new node starts at
    /// SEQ 0, so if it took a removed node's address its messages would be dropped as replays
    /// ("Reprovisioning a reset node at its old address is blocked by other nodes' RPL", zephyr#26041,
    /// ble-mesh.md §6.3). MshPRT §5.4.2.5 therefore says the provisioner "shall not reuse unicast
    /// addresses … unless the node … has been removed … and the current IV Index … has been
    /// updated" (ble-mesh.md §1.4). The removed node may have sent with the IV Index current at its
    /// removal, N; a new node sends with IV Index − 1 while an IV Update is in progress (MshPRT
    /// §3.10.5). Only a new node provisioned at N + 2 or later is certain to send with an IV Index
    /// above N, which every replay entry accepts. So a removed node's addresses are tagged with
    /// the IV Index current at removal (CDB networkExclusions, the same list the nRF Mesh apps
    /// keep: "cannot be assigned to new Nodes until the current IV Index is greater by 2 or more",
    /// IOS-nRF-Mesh-Library ExclusionList.swift) and stay blocked until the IV Index has advanced
    /// by <see cref="ReuseIvDistance"/>. Zephyr's CDB reaches the same end with a watermark
    /// (cdb.c lowest_avail_addr: freed addresses below it return only after an IV Index update).
    /// </para>
    /// <para>
    /// Even when reuse is allowed the allocator prefers fresh addresses: by default it first looks
    /// for the lowest range no node ever had (no node, no exclusion entry at all) and takes a
    /// retired-but-allowed address only when the ranges hold nothing fresh, so reuse happens as
    /// late as possible, never as early as possible.
    /// </para>
    /// </summary>
    public sealed class UnicastAllocator
    {
        /// <summary>IV Index distance after which a retired address may be reused.</summary>
        public const uint ReuseIvDistance = 2;

        /// <summary>True (default): fresh addresses first, reusable retired ones only when none is left.</summary>
        public bool PreferFreshAddresses { get; set; } = true;

        /// <summary>
        /// Finds the lowest start address for <paramref name="elementCount"/> elements in the
        /// provisioner's unicast ranges, at IV Index <paramref name="ivIndex"/>. Returns false when
        /// no range has room; nothing is changed (add the node with <see cref="MeshDatabase.AddNode"/>).
        /// </summary>
        public bool TryAllocate(MeshDatabase db, ProvisionerEntry provisioner, int elementCount, uint ivIndex, out int address)
        {
            if (PreferFreshAddresses && Find(db, provisioner, elementCount, ivIndex, true, out address))
            {
                return true;
            }

            return Find(db, provisioner, elementCount, ivIndex, false, out address);
        }

        /// <summary>The lowest range no node ever had, ignoring the IV Index (used for the gateway's own address).</summary>
        public static bool TryAllocateFresh(MeshDatabase db, ProvisionerEntry provisioner, int elementCount, out int address)
        {
            return Find(db, provisioner, elementCount, 0, true, out address);
        }

        /// <summary>True when [first, first + count − 1] may be given to a new node at <paramref name="ivIndex"/>.</summary>
        public static bool IsAssignable(MeshDatabase db, int first, int count, uint ivIndex)
        {
            int last = first + count - 1;
            return count >= 1 && first >= 1 && last <= MeshDatabase.MaxUnicastAddress
                && db.FindNodeOverlapping(first, last) == null && !db.IsExcluded(first, last, ivIndex);
        }

        private static bool Find(MeshDatabase db, ProvisionerEntry provisioner, int count, uint ivIndex, bool freshOnly, out int address)
        {
            address = 0;
            if (db == null || provisioner == null || count < 1 || count > MeshNode.MaxElements)
            {
                return false;
            }

            AddressRange[] ranges = SortedUnicastRanges(provisioner);
            for (int r = 0; r < ranges.Length; r++)
            {
                int low = ranges[r].Low < 1 ? 1 : ranges[r].Low;
                int high = ranges[r].High > MeshDatabase.MaxUnicastAddress ? MeshDatabase.MaxUnicastAddress : ranges[r].High;
                int first = low;
                while (first + count - 1 <= high)
                {
                    int conflict = LastConflict(db, first, first + count - 1, ivIndex, freshOnly);
                    if (conflict < 0)
                    {
                        address = first;
                        return true;
                    }

                    first = conflict + 1;
                }
            }

            return false;
        }

        /// <summary>The highest address of [first, last] that is taken, or -1 when the window is free.</summary>
        private static int LastConflict(MeshDatabase db, int first, int last, uint ivIndex, bool freshOnly)
        {
            int conflict = -1;
            for (int i = 0; i < db.Nodes.Count; i++)
            {
                MeshNode node = (MeshNode)db.Nodes[i];
                if (node.Overlaps(first, last))
                {
                    int end = node.LastAddress < last ? node.LastAddress : last;
                    conflict = end > conflict ? end : conflict;
                }
            }

            for (int i = 0; i < db.NetworkExclusions.Count; i++)
            {
                NetworkExclusion e = (NetworkExclusion)db.NetworkExclusions[i];
                if (!freshOnly && !e.BlocksAt(ivIndex))
                {
                    continue;
                }

                for (int k = 0; k < e.Addresses.Count; k++)
                {
                    int a = (int)e.Addresses[k];
                    if (a >= first && a <= last && a > conflict)
                    {
                        conflict = a;
                    }
                }
            }

            return conflict;
        }

        private static AddressRange[] SortedUnicastRanges(ProvisionerEntry provisioner)
        {
            ArrayList list = provisioner.UnicastRanges;
            AddressRange[] ranges = new AddressRange[list.Count];
            for (int i = 0; i < ranges.Length; i++)
            {
                AddressRange next = (AddressRange)list[i];
                int j = i;
                while (j > 0 && ranges[j - 1].Low > next.Low)
                {
                    ranges[j] = ranges[j - 1];
                    j--;
                }

                ranges[j] = next;
            }

            return ranges;
        }
    }
}

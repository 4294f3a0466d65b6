using System.Collections;

namespace Gateway.Core.Mesh.Database
{
    /// <summary>
    /// Address ranges for a provisioner that joins an existing network (the gateway after an
    /// import). Provisioners' allocated ranges must not overlap, so the gateway first takes every
    /// range no provisioner holds. When the other provisioners hold the whole unicast space (a
    /// phone app's default is 0x0001–0x7FFF), it takes the upper half of the longest run of
    /// never-used addresses inside another provisioner's range and shrinks that range: the other
    /// provisioner keeps every address it has used and half of what is left.
    /// </summary>
    internal static class ProvisionerRanges
    {
        public const int MinGroup = 0xC000;
        public const int MaxGroup = 0xFEFF;
        public const int MaxScene = 0xFFFF;

        public static void Assign(MeshDatabase db, ProvisionerEntry p, int elements)
        {
            AddGaps(Others(db, p, 0), 0x0001, MeshDatabase.MaxUnicastAddress, p.UnicastRanges);
            int address;
            if (!UnicastAllocator.TryAllocateFresh(db, p, elements, out address) && !Carve(db, p, elements))
            {
                throw new MeshDatabaseException("no unicast range is free for the gateway's provisioner");
            }

            AddGaps(Others(db, p, 1), MinGroup, MaxGroup, p.GroupRanges);
            AddGaps(Others(db, p, 2), 0x0001, MaxScene, p.SceneRanges);
        }

        /// <summary>Unicast (kind 0), group (1) or scene (2) ranges of the other provisioners, sorted by start.</summary>
        private static AddressRange[] Others(MeshDatabase db, ProvisionerEntry p, int kind)
        {
            ArrayList all = new ArrayList();
            for (int i = 0; i < db.Provisioners.Count; i++)
            {
                ProvisionerEntry q = (ProvisionerEntry)db.Provisioners[i];
                if (q == p)
                {
                    continue;
                }

                ArrayList ranges = kind == 0 ? q.UnicastRanges : kind == 1 ? q.GroupRanges : q.SceneRanges;
                for (int k = 0; k < ranges.Count; k++)
                {
                    all.Add(ranges[k]);
                }
            }

            return Sorted(all);
        }

        private static void AddGaps(AddressRange[] taken, int min, int max, ArrayList into)
        {
            int cursor = min;
            for (int i = 0; i < taken.Length && cursor <= max; i++)
            {
                if (taken[i].Low > cursor)
                {
                    into.Add(new AddressRange(cursor, taken[i].Low - 1 < max ? taken[i].Low - 1 : max));
                }

                if (taken[i].High + 1 > cursor)
                {
                    cursor = taken[i].High + 1;
                }
            }

            if (cursor <= max)
            {
                into.Add(new AddressRange(cursor, max));
            }
        }

        private static bool Carve(MeshDatabase db, ProvisionerEntry p, int elements)
        {
            AddressRange[] used = UsedAddresses(db);
            ProvisionerEntry bestOwner = null;
            AddressRange bestRange = null;
            int bestLow = 0;
            int bestHigh = -1;
            for (int i = 0; i < db.Provisioners.Count; i++)
            {
                ProvisionerEntry q = (ProvisionerEntry)db.Provisioners[i];
                for (int k = 0; q != p && k < q.UnicastRanges.Count; k++)
                {
                    AddressRange r = (AddressRange)q.UnicastRanges[k];
                    int cursor = r.Low;
                    for (int u = 0; u <= used.Length; u++)
                    {
                        int runEnd = u < used.Length ? used[u].Low - 1 : r.High;
                        runEnd = runEnd > r.High ? r.High : runEnd;
                        if (runEnd - cursor > bestHigh - bestLow)
                        {
                            bestOwner = q;
                            bestRange = r;
                            bestLow = cursor;
                            bestHigh = runEnd;
                        }

                        if (u < used.Length && used[u].High + 1 > cursor)
                        {
                            cursor = used[u].High + 1;
                        }
                    }
                }
            }

            int length = bestHigh - bestLow + 1;
            if (bestOwner == null || length < elements)
            {
                return false;
            }

            int take = length / 2 > elements ? length / 2 : elements;
            AddressRange ours = new AddressRange(bestHigh - take + 1, bestHigh);
            if (ours.High < bestRange.High)
            {
                bestOwner.UnicastRanges.Add(new AddressRange(ours.High + 1, bestRange.High));
            }

            if (ours.Low > bestRange.Low)
            {
                bestRange.High = ours.Low - 1;
            }
            else
            {
                bestOwner.UnicastRanges.Remove(bestRange);
            }

            p.UnicastRanges.Add(ours);
            return true;
        }

        /// <summary>Every node range and every retired address, sorted by start.</summary>
        private static AddressRange[] UsedAddresses(MeshDatabase db)
        {
            ArrayList all = new ArrayList();
            for (int i = 0; i < db.Nodes.Count; i++)
            {
                MeshNode n = (MeshNode)db.Nodes[i];
                all.Add(new AddressRange(n.UnicastAddress, n.LastAddress));
            }

            for (int i = 0; i < db.NetworkExclusions.Count; i++)
            {
                NetworkExclusion e = (NetworkExclusion)db.NetworkExclusions[i];
                for (int k = 0; k < e.Addresses.Count; k++)
                {
                    int a = (int)e.Addresses[k];
                    all.Add(new AddressRange(a, a));
                }
            }

            return Sorted(all);
        }

        private static AddressRange[] Sorted(ArrayList list)
        {
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

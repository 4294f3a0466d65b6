using System;
using System.Collections.Generic;
using Gateway.Core.Mesh.Database;
using Xunit;

namespace Gateway.Core.Tests.Mesh.Database
{
    /// <summary>
    /// What the air saw across the crash tests' reboots: every address handed out and retired (read
    /// from the stored database after each step) and every SEQ sent. It asserts that no address is
    /// live twice, none is reused before IV + 2, and no (address, IV Index, SEQ) repeats.
    /// </summary>
    internal sealed class ProvisioningLedger
    {
        private readonly Dictionary<string, int[]> _live = new Dictionary<string, int[]>();
        private readonly Dictionary<int, uint> _retiredAt = new Dictionary<int, uint>();
        private readonly HashSet<string> _sent = new HashSet<string>();
        private readonly HashSet<int> _provisioned = new HashSet<int>();

        public int Assignments { get; private set; }

        public int Messages
        {
            get { return _sent.Count; }
        }

        public bool WasProvisioned(int device)
        {
            return _provisioned.Contains(device);
        }

        public void Provisioned(int device)
        {
            _provisioned.Add(device);
        }

        public void Sent(int source, uint iv, int seq)
        {
            Assert.True(_sent.Add(source + "/" + iv + "/" + seq), "SEQ " + seq + " sent twice from " + source.ToString("X4") + " under IV " + iv);
        }

        /// <summary>Compares the stored nodes with what the air knows: new nodes are handed-out addresses, vanished ones retired.</summary>
        public void Observe(MeshDatabase db, uint iv)
        {
            var present = new HashSet<string>();
            for (int i = 0; i < db.NodeCount; i++)
            {
                MeshNode node = db.GetNode(i);
                string id = Convert.ToHexString(node.Uuid);
                present.Add(id);
                if (_live.TryGetValue(id, out int[] range))
                {
                    // The gateway's own node may move (import); a device's address never changes.
                    if (range[0] != node.UnicastAddress)
                    {
                        Assert.True(node == db.GatewayNode, "node " + id + " moved");
                        Retire(range, db);
                        Assign(id, node, iv);
                    }

                    continue;
                }

                Assign(id, node, iv);
            }

            foreach (string id in new List<string>(_live.Keys))
            {
                if (!present.Contains(id))
                {
                    Retire(_live[id], db);
                    _live.Remove(id);
                }
            }
        }

        private void Assign(string id, MeshNode node, uint iv)
        {
            for (int a = node.UnicastAddress; a <= node.LastAddress; a++)
            {
                foreach (KeyValuePair<string, int[]> other in _live)
                {
                    Assert.False(other.Key != id && a >= other.Value[0] && a <= other.Value[1], "address " + a.ToString("X4") + " handed out twice");
                }

                if (_retiredAt.TryGetValue(a, out uint when))
                {
                    Assert.True(iv >= when + 2, "address " + a.ToString("X4") + " retired at IV " + when + " reused at IV " + iv);
                }
            }

            _live[id] = new[] { node.UnicastAddress, node.LastAddress };
            Assignments++;
        }

        private void Retire(int[] range, MeshDatabase db)
        {
            for (int a = range[0]; a <= range[1]; a++)
            {
                uint at = 0;
                bool listed = false;
                foreach (NetworkExclusion e in db.NetworkExclusions)
                {
                    if (e.Contains(a))
                    {
                        at = e.IvIndex;
                        listed = true;
                    }
                }

                Assert.True(listed, "address " + a.ToString("X4") + " left without an exclusion entry");
                _retiredAt[a] = at;
            }
        }
    }
}

using System;
using System.Collections.Generic;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Gateway.Core.Mesh.Database;
using Xunit;

namespace Gateway.Core.Tests.Mesh.Database
{
    /// <summary>Unicast allocation: no collisions, and the MshPRT §5.4.2.5 rule for retired addresses.</summary>
    public class UnicastAllocatorTests
    {
        private static readonly byte[] Key = new byte[16];

        [Fact]
        public void Allocates_LowestFreeConsecutiveAddressesAfterTheGateway()
        {
            MeshDatabase db = TestNetwork.Create(1, 0x0001, 0x00FF);
            var allocator = new UnicastAllocator();

            Assert.Equal(0x0001, db.GatewayAddress);
            Assert.Equal(0x0002, TestNetwork.Provision(db, allocator, TestNetwork.DeviceUuid(1), 3, 0, Key).UnicastAddress);
            Assert.Equal(0x0005, TestNetwork.Provision(db, allocator, TestNetwork.DeviceUuid(2), 1, 0, Key).UnicastAddress);
            Assert.Equal(0x0006, TestNetwork.Provision(db, allocator, TestNetwork.DeviceUuid(3), 2, 0, Key).UnicastAddress);
        }

        [Fact]
        public void Allocates_OnlyInsideTheProvisionersRangesAndSkipsGapsTooSmall()
        {
            MeshDatabase db = TestNetwork.Create(2, 0x0010, 0x0012);
            db.LocalProvisioner.UnicastRanges.Add(new AddressRange(0x0100, 0x0103));
            var allocator = new UnicastAllocator();

            // 0010 is the gateway; 0011-0012 is too small for 3 elements; 0100-0102 fits.
            Assert.Equal(0x0100, TestNetwork.Provision(db, allocator, TestNetwork.DeviceUuid(1), 3, 0, Key).UnicastAddress);
            Assert.Equal(0x0011, TestNetwork.Provision(db, allocator, TestNetwork.DeviceUuid(2), 2, 0, Key).UnicastAddress);
            Assert.Equal(0x0103, TestNetwork.Provision(db, allocator, TestNetwork.DeviceUuid(3), 1, 0, Key).UnicastAddress);
            Assert.Null(TestNetwork.Provision(db, allocator, TestNetwork.DeviceUuid(4), 1, 0, Key));
        }

        [Fact]
        public void Allocates_AroundNodesOfOtherProvisioners()
        {
            MeshDatabase db = TestNetwork.Create(3, 0x0001, 0x0040);
            db.AddNode(new MeshNode(TestNetwork.DeviceUuid(99), 0x0003, 4, Key), 0); // 0003-0006, not ours

            var allocator = new UnicastAllocator();
            Assert.Equal(0x0007, TestNetwork.Provision(db, allocator, TestNetwork.DeviceUuid(1), 2, 0, Key).UnicastAddress);
            Assert.Equal(0x0002, TestNetwork.Provision(db, allocator, TestNetwork.DeviceUuid(2), 1, 0, Key).UnicastAddress);
        }

        [Fact]
        public void MshPRT_5_4_2_5_RetiredAddressesAreNotReusedBeforeTheIvIndexAdvancedByTwo()
        {
            // A range that only fits the gateway and one node forces the question.
            MeshDatabase db = TestNetwork.Create(4, 0x0001, 0x0003);
            var allocator = new UnicastAllocator();
            MeshNode first = TestNetwork.Provision(db, allocator, TestNetwork.DeviceUuid(1), 2, 10, Key);
            Assert.Equal(0x0002, first.UnicastAddress);
            db.RemoveNode(first, 10);

            Assert.Null(TestNetwork.Provision(db, allocator, TestNetwork.DeviceUuid(2), 1, 10, Key));
            Assert.Null(TestNetwork.Provision(db, allocator, TestNetwork.DeviceUuid(2), 1, 11, Key));
            Assert.Throws<MeshDatabaseException>(() => db.AddNode(new MeshNode(TestNetwork.DeviceUuid(2), 0x0003, 1, Key), 11));

            MeshNode reused = TestNetwork.Provision(db, allocator, TestNetwork.DeviceUuid(2), 1, 12, Key);
            Assert.Equal(0x0002, reused.UnicastAddress);

            // The reused address left the exclusion list; the other one is still listed (retired, reusable).
            Assert.False(db.WasRetired(0x0002, 0x0002));
            Assert.True(db.WasRetired(0x0003, 0x0003));
        }

        [Fact]
        public void PrefersFreshAddressesOverRetiredOnesThatMayBeReused()
        {
            MeshDatabase db = TestNetwork.Create(5, 0x0001, 0x0100);
            var allocator = new UnicastAllocator();
            MeshNode a = TestNetwork.Provision(db, allocator, TestNetwork.DeviceUuid(1), 1, 0, Key);
            TestNetwork.Provision(db, allocator, TestNetwork.DeviceUuid(2), 1, 0, Key);
            db.RemoveNode(a, 0);

            // At IV 5 address 0002 may be reused, but a fresh address is preferred.
            Assert.Equal(0x0004, TestNetwork.Provision(db, allocator, TestNetwork.DeviceUuid(3), 1, 5, Key).UnicastAddress);

            var eager = new UnicastAllocator { PreferFreshAddresses = false };
            Assert.Equal(0x0002, TestNetwork.Provision(db, eager, TestNetwork.DeviceUuid(4), 1, 5, Key).UnicastAddress);
        }

        [Fact]
        public void TheGatewaysOwnNodeIsNeverRemovedOrOverlapped()
        {
            MeshDatabase db = TestNetwork.Create(6, 0x0001, 0x0010);
            Assert.Throws<MeshDatabaseException>(() => db.RemoveNode(db.GatewayNode, 0));
            Assert.Throws<MeshDatabaseException>(() => db.AddNode(new MeshNode(TestNetwork.DeviceUuid(1), 0x0001, 1, Key), 0));
            Assert.Throws<MeshDatabaseException>(() => db.AddNode(new MeshNode(TestNetwork.DeviceUuid(1), 0x7FFF, 2, Key), 0));
            Assert.Throws<MeshDatabaseException>(() => db.AddNode(new MeshNode(db.GatewayNode.Uuid, 0x0005, 1, Key), 0));
        }

        [Fact]
        public void RetiredAddressesThatMayBeReusedAreForgottenBeyondTheLimit()
        {
            MeshDatabase db = TestNetwork.Create(7, 0x0001, 0x7FFF);
            var allocator = new UnicastAllocator();
            MeshNode n = null;
            uint last = MeshDatabase.MaxExpiredExclusions + 49;
            for (uint i = 0; i <= last; i++)
            {
                n = TestNetwork.Provision(db, allocator, TestNetwork.DeviceUuid((int)i), 1, i, Key);
                db.RemoveNode(n, i);
            }

            int listed = 0;
            foreach (NetworkExclusion e in db.NetworkExclusions)
            {
                listed += e.Addresses.Count;
            }

            // Two IV Indexes (the current one and the one before) still block; the rest is capped.
            Assert.InRange(listed, MeshDatabase.MaxExpiredExclusions, MeshDatabase.MaxExpiredExclusions + 2);
            Assert.True(db.IsExcluded(n.UnicastAddress, n.UnicastAddress, last + 1));
            Assert.False(db.IsExcluded(n.UnicastAddress, n.UnicastAddress, last + 2));
        }

        /// <summary>
        /// Random add / remove / IV-advance sequences on a small range: ranges never overlap, never
        /// leave the provisioner's range, and an address given to a new node was never retired at
        /// an IV Index within 2 of the current one (checked against a ledger kept outside the database).
        /// </summary>
        [Property(MaxTest = 300)]
        public void Allocator_NeverCollidesAndRespectsTheReuseRule(int seed, bool preferFresh)
        {
            var random = new Random(seed);
            MeshDatabase db = TestNetwork.Create(seed, 0x0001, 0x0030);
            var allocator = new UnicastAllocator { PreferFreshAddresses = preferFresh };
            var retiredAt = new Dictionary<int, uint>();
            var live = new List<MeshNode>();
            uint iv = (uint)random.Next(0, 3);
            int next = 0;
            for (int step = 0; step < 120; step++)
            {
                int op = random.Next(10);
                if (op < 5)
                {
                    int elements = 1 + random.Next(4);
                    MeshNode node = TestNetwork.Provision(db, allocator, TestNetwork.DeviceUuid(next++), elements, iv, Key);
                    if (node == null)
                    {
                        // Refusal must be honest: no window of that size is assignable.
                        for (int a = 1; a + elements - 1 <= 0x0030; a++)
                        {
                            Assert.False(UnicastAllocator.IsAssignable(db, a, elements, iv), "free window at " + a + " was refused");
                        }

                        continue;
                    }

                    for (int a = node.UnicastAddress; a <= node.LastAddress; a++)
                    {
                        Assert.InRange(a, 0x0002, 0x0030);
                        if (retiredAt.TryGetValue(a, out uint when))
                        {
                            Assert.True(iv >= when + 2, "address " + a + " retired at IV " + when + " reused at " + iv);
                        }
                    }

                    live.Add(node);
                }
                else if (op < 8 && live.Count > 0)
                {
                    MeshNode victim = live[random.Next(live.Count)];
                    live.Remove(victim);
                    db.RemoveNode(victim, iv);
                    for (int a = victim.UnicastAddress; a <= victim.LastAddress; a++)
                    {
                        retiredAt[a] = iv;
                    }
                }
                else
                {
                    iv += (uint)random.Next(0, 2);
                }

                for (int i = 0; i < db.NodeCount; i++)
                {
                    for (int k = i + 1; k < db.NodeCount; k++)
                    {
                        Assert.False(db.GetNode(i).Overlaps(db.GetNode(k).UnicastAddress, db.GetNode(k).LastAddress));
                    }
                }
            }
        }
    }
}

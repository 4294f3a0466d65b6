using System.Collections.Generic;
using System.Linq;
using Gateway.Core.Orchestration;
using Gateway.Core.Runtime;

namespace Gateway.Core.Tests.Orchestration
{
    /// <summary>An in-memory node registry for workflow tests (the real one is the mesh database).</summary>
    internal sealed class InMemoryNodeRegistry : IMeshNodeRegistry
    {
        private readonly Dictionary<string, (int Address, int Elements, bool Configured)> _nodes = new();
        private int _next = 0x0100;

        public byte[] NetKey { get; } = Hex.Decode("7dd7364cd842ad18c17c2b820c84c3d6");

        public int NetKeyIndex => 0;

        public uint IvIndex => 0;

        public int Count => _nodes.Count;

        public bool TryAllocateAddresses(byte[] uuid, int elementCount, out int unicastAddress)
        {
            unicastAddress = _next;
            _next += elementCount;
            return true;
        }

        public bool AddNode(byte[] uuid, int unicastAddress, int elementCount, byte[] deviceKey, bool secure, bool overGatt)
        {
            _nodes[Hex.Encode(uuid)] = (unicastAddress, elementCount, false);
            return true;
        }

        public int FindNode(byte[] uuid) => _nodes.TryGetValue(Hex.Encode(uuid), out var n) ? n.Address : 0;

        public byte[][] UnconfiguredNodes() => _nodes.Where(n => !n.Value.Configured).Select(n => Hex.Decode(n.Key)).ToArray();

        public void MarkConfigured(byte[] uuid)
        {
            var n = _nodes[Hex.Encode(uuid)];
            _nodes[Hex.Encode(uuid)] = (n.Address, n.Elements, true);
        }

        public void RemoveNode(byte[] uuid) => _nodes.Remove(Hex.Encode(uuid));
    }

    /// <summary>A configurator that succeeds after a delay (the real one speaks Config messages over the mesh).</summary>
    internal sealed class InstantConfigurator : IMeshNodeConfigurator
    {
        private readonly IScheduler _scheduler;
        private readonly InMemoryNodeRegistry _registry;

        public InstantConfigurator(IScheduler scheduler, InMemoryNodeRegistry registry)
        {
            _scheduler = scheduler;
            _registry = registry;
        }

        public List<string> Configured { get; } = new();

        public void Configure(byte[] uuid, MeshConfigurationPlan plan, NodeConfigurationDone done)
        {
            _scheduler.Schedule(500, () =>
            {
                Configured.Add(Hex.Encode(uuid));
                done(uuid, true, null);
            });
        }

        public void Reset(byte[] uuid, NodeConfigurationDone done) => _scheduler.Schedule(200, () => done(uuid, true, null));
    }
}

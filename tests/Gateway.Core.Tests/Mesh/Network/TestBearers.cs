using System;
using System.Collections.Generic;
using Gateway.Core.Mesh.Network;
using Gateway.Core.Runtime;

namespace Gateway.Core.Tests.Mesh.Network
{
    /// <summary>A bearer that records what the stack sends and lets a test inject what it receives.</summary>
    internal sealed class CapturingBearer : INetworkBearer
    {
        public readonly List<byte[]> Sent = new List<byte[]>();
        public readonly List<byte[]> Beacons = new List<byte[]>();

        public INetworkBearerReceiver Receiver { get; private set; }

        public bool IsReady { get; set; } = true;

        public void Send(byte[] pdu, int offset, int count)
        {
            Sent.Add(Copy(pdu, offset, count));
        }

        public void SendBeacon(byte[] beacon, int offset, int count)
        {
            Beacons.Add(Copy(beacon, offset, count));
        }

        public void SetReceiver(INetworkBearerReceiver receiver)
        {
            Receiver = receiver;
        }

        public void Inject(byte[] pdu)
        {
            Receiver.OnNetworkPdu(this, pdu, 0, pdu.Length);
        }

        public static byte[] Copy(byte[] data, int offset, int count)
        {
            byte[] copy = new byte[count];
            Array.Copy(data, offset, copy, 0, count);
            return copy;
        }
    }

    /// <summary>
    /// Two bearers joined by a lossy wire in virtual time: each PDU arrives after a delay unless
    /// the seeded loss draws it away. Deliveries go through the scheduler, as on a real radio.
    /// </summary>
    internal sealed class LoopbackWire
    {
        private readonly VirtualTimeScheduler _scheduler;
        private readonly Random _random;

        public LoopbackWire(VirtualTimeScheduler scheduler, int seed = 1, double loss = 0, int delayMs = 5)
        {
            _scheduler = scheduler;
            _random = new Random(seed);
            Loss = loss;
            DelayMs = delayMs;
            A = new End(this);
            B = new End(this);
            A.Peer = B;
            B.Peer = A;
        }

        public double Loss { get; set; }

        public int DelayMs { get; set; }

        public int Delivered { get; private set; }

        public int Lost { get; private set; }

        public End A { get; }

        public End B { get; }

        /// <summary>Drops the next PDU(s) whatever the loss (for deterministic loss tests).</summary>
        public Func<byte[], bool> DropFilter { get; set; }

        private void Carry(End to, byte[] pdu, bool beacon)
        {
            if ((DropFilter != null && DropFilter(pdu)) || _random.NextDouble() < Loss)
            {
                Lost++;
                return;
            }

            _scheduler.Schedule(DelayMs, () =>
            {
                Delivered++;
                if (to.Receiver == null)
                {
                    return;
                }

                if (beacon)
                {
                    to.Receiver.OnBeacon(to, pdu, 0, pdu.Length);
                }
                else
                {
                    to.Receiver.OnNetworkPdu(to, pdu, 0, pdu.Length);
                }
            });
        }

        internal sealed class End : INetworkBearer
        {
            private readonly LoopbackWire _wire;

            public End(LoopbackWire wire)
            {
                _wire = wire;
            }

            public End Peer { get; set; }

            public INetworkBearerReceiver Receiver { get; private set; }

            public readonly List<byte[]> Sent = new List<byte[]>();

            public bool IsReady => true;

            public void Send(byte[] pdu, int offset, int count)
            {
                byte[] copy = CapturingBearer.Copy(pdu, offset, count);
                Sent.Add(copy);
                _wire.Carry(Peer, copy, false);
            }

            public void SendBeacon(byte[] beacon, int offset, int count)
            {
                _wire.Carry(Peer, CapturingBearer.Copy(beacon, offset, count), true);
            }

            public void SetReceiver(INetworkBearerReceiver receiver)
            {
                Receiver = receiver;
            }
        }
    }
}

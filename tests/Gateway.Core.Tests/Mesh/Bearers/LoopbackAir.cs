using System;
using System.Collections.Generic;
using Gateway.Core.Runtime;

namespace Gateway.Core.Tests.Mesh.Bearers
{
    /// <summary>One advertisement as it went on the air (for transcripts).</summary>
    internal sealed class AirFrame
    {
        public AirFrame(string sender, long time, byte[] data)
        {
            Sender = sender;
            Time = time;
            Data = data;
        }

        public string Sender { get; }

        public long Time { get; }

        /// <summary>The whole AD structure(s) as sent.</summary>
        public byte[] Data { get; }

        /// <summary>PB-ADV payload after the AD length and type octets, as hex (the MshPRT §8.7 table's form).</summary>
        public string PayloadHex => Hex.Encode(Data, 2, Data.Length - 2);
    }

    /// <summary>
    /// A tiny in-test advertising medium: every radio hears every other radio after a latency,
    /// in virtual time, with optional seeded loss and duplication. Not the shared virtual air
    /// (tools/Gateway.Simulation); just enough to wire two bearers together.
    /// </summary>
    internal sealed class LoopbackAir
    {
        private readonly VirtualTimeScheduler _scheduler;
        private readonly SeededRandom _random;
        private readonly List<LoopbackRadio> _radios = new List<LoopbackRadio>();

        public LoopbackAir(VirtualTimeScheduler scheduler, long seed = 1)
        {
            _scheduler = scheduler;
            _random = new SeededRandom(seed);
        }

        public double DropRate { get; set; }

        public double DuplicateRate { get; set; }

        public int LatencyMilliseconds { get; set; } = 1;

        /// <summary>Return true to drop this copy (sender, receiver, data).</summary>
        public Func<LoopbackRadio, LoopbackRadio, byte[], bool> DropFilter { get; set; }

        public List<AirFrame> Log { get; } = new List<AirFrame>();

        public LoopbackRadio CreateRadio(string name, ulong address)
        {
            var radio = new LoopbackRadio(this, name, address);
            _radios.Add(radio);
            return radio;
        }

        internal void Transmit(LoopbackRadio sender, byte[] data, int transmitCount, int interval)
        {
            for (int k = 0; k < transmitCount; k++)
            {
                long delay = (long)k * interval;
                Log.Add(new AirFrame(sender.Name, _scheduler.NowMilliseconds + delay, data));
                foreach (var receiver in _radios)
                {
                    if (receiver == sender)
                    {
                        continue;
                    }

                    if (DropFilter != null && DropFilter(sender, receiver, data))
                    {
                        continue;
                    }

                    if (DropRate > 0 && _random.NextDouble() < DropRate)
                    {
                        continue;
                    }

                    Deliver(sender, receiver, data, delay + LatencyMilliseconds);
                    if (DuplicateRate > 0 && _random.NextDouble() < DuplicateRate)
                    {
                        Deliver(sender, receiver, data, delay + LatencyMilliseconds + 3);
                    }
                }
            }
        }

        private void Deliver(LoopbackRadio sender, LoopbackRadio receiver, byte[] data, long delay)
        {
            _scheduler.Schedule(delay, () => receiver.Receive(sender.Address, -40, data));
        }
    }

    internal sealed class LoopbackRadio : IAdvertisingRadio
    {
        private readonly LoopbackAir _air;
        private AdvertisementReceivedHandler _receiver;
        private readonly byte[] _rx = new byte[64];

        public LoopbackRadio(LoopbackAir air, string name, ulong address)
        {
            _air = air;
            Name = name;
            Address = address;
        }

        public string Name { get; }

        public ulong Address { get; }

        public int SendCalls { get; private set; }

        public void Send(byte[] data, int offset, int length, int transmitCount, int intervalMilliseconds)
        {
            Assert31(length);
            SendCalls++;
            var copy = new byte[length];
            Array.Copy(data, offset, copy, 0, length);
            _air.Transmit(this, copy, transmitCount, intervalMilliseconds);
        }

        public void SetReceiver(AdvertisementReceivedHandler handler)
        {
            _receiver = handler;
        }

        internal void Receive(ulong address, int rssi, byte[] data)
        {
            // Like a real radio: the buffer is the radio's and is scribbled over after the call.
            Array.Copy(data, 0, _rx, 3, data.Length);
            _receiver?.Invoke(address, rssi, _rx, 3, data.Length);
            for (int i = 0; i < _rx.Length; i++)
            {
                _rx[i] = 0xEE;
            }
        }

        private static void Assert31(int length)
        {
            if (length > 31)
            {
                throw new InvalidOperationException("advertising data longer than 31 octets: " + length);
            }
        }
    }
}

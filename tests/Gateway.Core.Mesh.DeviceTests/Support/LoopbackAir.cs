using System;
using System.Collections;
using Gateway.Core.Runtime;

namespace Gateway.Core.DeviceTests.Support
{
    /// <summary>
    /// A tiny advertising medium in virtual time: every radio hears every other radio 1 ms later.
    /// <see cref="Log"/> keeps each advertisement as sent (one entry per transmission), as the hex of
    /// its payload after the AD length and type octets (the MshPRT §8.7 tables' form).
    /// </summary>
    internal sealed class LoopbackAir
    {
        private readonly VirtualTimeScheduler _scheduler;
        private readonly ArrayList _radios = new ArrayList();

        public LoopbackAir(VirtualTimeScheduler scheduler)
        {
            _scheduler = scheduler;
            Log = new ArrayList();
        }

        /// <summary>Payload hex strings, one per transmission.</summary>
        public ArrayList Log { get; private set; }

        public LoopbackRadio CreateRadio(ulong address)
        {
            LoopbackRadio radio = new LoopbackRadio(this, address);
            _radios.Add(radio);
            return radio;
        }

        /// <summary>The log without immediate repeats (a PDU retransmitted is listed once).</summary>
        public string[] DistinctLog()
        {
            ArrayList distinct = new ArrayList();
            for (int i = 0; i < Log.Count; i++)
            {
                string entry = (string)Log[i];
                if (distinct.Count == 0 || (string)distinct[distinct.Count - 1] != entry)
                {
                    distinct.Add(entry);
                }
            }

            return (string[])distinct.ToArray(typeof(string));
        }

        internal void Transmit(LoopbackRadio sender, byte[] data, int transmitCount, int interval)
        {
            for (int k = 0; k < transmitCount; k++)
            {
                long delay = (long)k * interval;
                string payload = Hex.Encode(data, 2, data.Length - 2);
                Log.Add(payload);
                sender.Record(payload, _scheduler.NowMilliseconds + delay);
                for (int r = 0; r < _radios.Count; r++)
                {
                    LoopbackRadio receiver = (LoopbackRadio)_radios[r];
                    if (receiver == sender)
                    {
                        continue;
                    }

                    _scheduler.Schedule(delay + 1, () => receiver.Receive(sender.Address, data));
                }
            }
        }
    }

    internal sealed class LoopbackRadio : IAdvertisingRadio
    {
        private readonly LoopbackAir _air;
        private readonly byte[] _rx = new byte[64];
        private AdvertisementReceivedHandler _receiver;

        public LoopbackRadio(LoopbackAir air, ulong address)
        {
            _air = air;
            Address = address;
            Sent = new ArrayList();
            SentAt = new ArrayList();
        }

        public ulong Address { get; private set; }

        /// <summary>What this radio put on the air: payload hex after the AD length and type, one per transmission.</summary>
        public ArrayList Sent { get; private set; }

        /// <summary>The virtual time of each entry of <see cref="Sent"/> (boxed long).</summary>
        public ArrayList SentAt { get; private set; }

        /// <summary>How many times this payload was transmitted.</summary>
        public int Count(string payloadHex)
        {
            int n = 0;
            for (int i = 0; i < Sent.Count; i++)
            {
                if ((string)Sent[i] == payloadHex)
                {
                    n++;
                }
            }

            return n;
        }

        /// <summary>The times this payload was transmitted, joined with spaces ("20 520 1020").</summary>
        public string TimesOf(string payloadHex)
        {
            string text = string.Empty;
            for (int i = 0; i < Sent.Count; i++)
            {
                if ((string)Sent[i] == payloadHex)
                {
                    text += (text.Length == 0 ? string.Empty : " ") + ((long)SentAt[i]).ToString();
                }
            }

            return text;
        }

        internal void Record(string payloadHex, long time)
        {
            Sent.Add(payloadHex);
            SentAt.Add(time);
        }

        public void Send(byte[] data, int offset, int length, int transmitCount, int intervalMilliseconds)
        {
            if (length > 31)
            {
                throw new InvalidOperationException("advertising data longer than 31 octets");
            }

            byte[] copy = new byte[length];
            Array.Copy(data, offset, copy, 0, length);
            _air.Transmit(this, copy, transmitCount, intervalMilliseconds);
        }

        public void SetReceiver(AdvertisementReceivedHandler handler)
        {
            _receiver = handler;
        }

        internal void Receive(ulong address, byte[] data)
        {
            // Like a real radio: the buffer is the radio's and is scribbled over after the call.
            Array.Copy(data, 0, _rx, 3, data.Length);
            if (_receiver != null)
            {
                _receiver(address, -40, _rx, 3, data.Length);
            }

            for (int i = 0; i < _rx.Length; i++)
            {
                _rx[i] = 0xEE;
            }
        }
    }
}

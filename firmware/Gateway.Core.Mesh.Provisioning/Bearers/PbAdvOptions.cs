using System;

namespace Gateway.Core.Mesh.Bearers
{
    /// <summary>
    /// PB-ADV settings. Defaults follow MshPRT §5.3 and the reference stacks
    /// (reference/ble-mesh.md §1.8 and §3.1; reference/bluez-peer.md for BlueZ meshd's pace).
    /// </summary>
    public sealed class PbAdvOptions
    {
        /// <summary>Largest Provisioning PDU of MshPRT §5.4.1 with fixed size: Public Key, 65 octets.</summary>
        public const int DefaultMaxPduSize = 65;

        public PbAdvOptions()
        {
            MaxLinks = 4;
            MaxPduSize = DefaultMaxPduSize;
            SendQueueDepth = 2;
            TxDelayMinMilliseconds = 20;
            TxDelayMaxMilliseconds = 50;
            RetransmitIntervalMilliseconds = 500;
            TransactionTimeoutMilliseconds = 30000;
            LinkEstablishmentTimeoutMilliseconds = 60000;
            LinkOpenIntervalMilliseconds = 1500;
            LinkCloseCount = 3;
            TransmitCount = 1;
            TransmitIntervalMilliseconds = 20;
        }

        /// <summary>Links (either role) one bearer runs at once; each costs its buffers for the session.</summary>
        public int MaxLinks { get; set; }

        /// <summary>
        /// Largest Provisioning PDU sent or reassembled (1–1469). 65 covers every fixed-size PDU;
        /// Mesh 1.1 Record Responses fit as long as the provisioner asks for fragments of at most
        /// MaxPduSize − 8 octets (it chooses Fragment Maximum Size, MshPRT §5.4.1.10).
        /// </summary>
        public int MaxPduSize { get; set; }

        /// <summary>PDUs Send may queue behind the one in flight, including it.</summary>
        public int SendQueueDepth { get; set; }

        /// <summary>Random delay before each PDU and each acknowledgment: 20–50 ms (MshPRT §5.3.3).</summary>
        public int TxDelayMinMilliseconds { get; set; }

        public int TxDelayMaxMilliseconds { get; set; }

        /// <summary>Resend the whole unacknowledged transaction this often (Zephyr and BlueZ: 500 ms).</summary>
        public int RetransmitIntervalMilliseconds { get; set; }

        /// <summary>Give up a transaction and close the link with Timeout after this long (MshPRT §5.3.3: 30 s).</summary>
        public int TransactionTimeoutMilliseconds { get; set; }

        /// <summary>Give up Link Open after this long without Link ACK (MshPRT §5.3.2: 60 s).</summary>
        public int LinkEstablishmentTimeoutMilliseconds { get; set; }

        /// <summary>
        /// Resend Link Open this often until Link ACK. BlueZ meshd answers only about 1 s after a
        /// Link Open and loses its Link ACK to faster repeats; 1.5 s works (reference/bluez-peer.md).
        /// </summary>
        public int LinkOpenIntervalMilliseconds { get; set; }

        /// <summary>How many times Link Close is sent (MshPRT §5.3.2 asks for at least three).</summary>
        public int LinkCloseCount { get; set; }

        /// <summary>Radio repeats per advertisement (<see cref="Gateway.Core.Runtime.IAdvertisingRadio.Send"/>).</summary>
        public int TransmitCount { get; set; }

        public int TransmitIntervalMilliseconds { get; set; }

        /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
        public void Validate()
        {
            Require(MaxLinks >= 1 && MaxLinks <= 64, "MaxLinks");
            Require(MaxPduSize >= 1 && MaxPduSize <= GenericProvisioning.MaxTransactionLength, "MaxPduSize");
            Require(SendQueueDepth >= 1 && SendQueueDepth <= 16, "SendQueueDepth");
            Require(TxDelayMinMilliseconds >= 0 && TxDelayMaxMilliseconds >= TxDelayMinMilliseconds, "TxDelayMaxMilliseconds");
            Require(RetransmitIntervalMilliseconds >= 1, "RetransmitIntervalMilliseconds");
            Require(TransactionTimeoutMilliseconds >= 1, "TransactionTimeoutMilliseconds");
            Require(LinkEstablishmentTimeoutMilliseconds >= 1, "LinkEstablishmentTimeoutMilliseconds");
            Require(LinkOpenIntervalMilliseconds >= 1, "LinkOpenIntervalMilliseconds");
            Require(LinkCloseCount >= 1 && LinkCloseCount <= 20, "LinkCloseCount");
            Require(TransmitCount >= 1 && TransmitCount <= 8, "TransmitCount");
            Require(TransmitIntervalMilliseconds >= 0, "TransmitIntervalMilliseconds");
        }

        private static void Require(bool condition, string name)
        {
            if (!condition)
            {
                throw new ArgumentOutOfRangeException(name);
            }
        }
    }
}

using System;
using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Bearers
{
    /// <summary>
    /// PB-ADV over one advertising radio (MshPRT §5.2.1): creates provisioning links (provisioner
    /// or device role) and hands each received PB-ADV PDU to the link whose Link ID it carries.
    /// Unlike Zephyr's and BlueZ's single global link, several links run at once
    /// (<see cref="PbAdvOptions.MaxLinks"/>). The receive path allocates nothing: advertisements
    /// that are not PB-ADV or belong to nobody are dropped after reading at most the AD headers,
    /// the Link ID and, for a Link Open, the Device UUID.
    /// Wire it with <c>radio.SetReceiver(bearer.OnAdvertisement)</c> or call
    /// <see cref="OnAdvertisement"/> from a dispatcher that also feeds discovery.
    /// </summary>
    public sealed class PbAdvBearer
    {
        private readonly IAdvertisingRadio _radio;
        private readonly IScheduler _scheduler;
        private readonly IRandom _random;
        private readonly PbAdvOptions _options;
        private readonly PbAdvLink[] _links;
        private readonly GenericProvisioningPdu _pdu = new GenericProvisioningPdu();
        private readonly byte[] _linkIdBytes = new byte[GenericProvisioning.LinkIdLength];
        private int _linkCount;
        private int _listenerCount;

        public PbAdvBearer(IAdvertisingRadio radio, IScheduler scheduler, IRandom random)
            : this(radio, scheduler, random, null)
        {
        }

        /// <param name="options">Settings (validated and kept; do not change them afterwards), or null for the defaults.</param>
        public PbAdvBearer(IAdvertisingRadio radio, IScheduler scheduler, IRandom random, PbAdvOptions options)
        {
            if (radio == null)
            {
                throw new ArgumentNullException("radio");
            }

            if (scheduler == null)
            {
                throw new ArgumentNullException("scheduler");
            }

            if (random == null)
            {
                throw new ArgumentNullException("random");
            }

            _options = options == null ? new PbAdvOptions() : options;
            _options.Validate();
            _radio = radio;
            _scheduler = scheduler;
            _random = random;
            _links = new PbAdvLink[_options.MaxLinks];
        }

        public PbAdvOptions Options
        {
            get { return _options; }
        }

        /// <summary>Links holding a slot (created and not yet closed).</summary>
        public int LinkCount
        {
            get { return _linkCount; }
        }

        public bool HasFreeLinkSlot
        {
            get { return _linkCount < _links.Length; }
        }

        /// <summary>Advertisements passed to <see cref="OnAdvertisement"/>.</summary>
        public long AdvertisementsReceived { get; private set; }

        /// <summary>Advertisements without a PB-ADV AD structure.</summary>
        public long NotPbAdvCount { get; private set; }

        /// <summary>PB-ADV PDUs for a Link ID (or, for Link Open, a Device UUID) none of our links has.</summary>
        public long NotForUsCount { get; private set; }

        /// <summary>PB-ADV PDUs of one of our links that fail to decode, or carry a transaction number from the wrong range.</summary>
        public long MalformedCount { get; private set; }

        /// <summary>Repeats: segments already held, transactions already delivered (re-acked), Link ACKs already seen.</summary>
        public long DuplicateCount { get; private set; }

        /// <summary>Well-formed PDUs that do not fit the link's state: old or future transaction numbers, acks for nothing, traffic on a link not open.</summary>
        public long StaleCount { get; private set; }

        /// <summary>Transactions abandoned by the reassembler: conflicting or impossible segments, FCS mismatch, too long.</summary>
        public long AbortedTransactionCount { get; private set; }

        /// <summary>Transaction Continuations that arrived before their Transaction Start (dropped; the retransmission brings both).</summary>
        public long ContinuationBeforeStartCount { get; private set; }

        /// <summary>
        /// The fair queue the radio given to this bearer belongs to (a lane of it), or null: the
        /// links then wait its <see cref="AdvertisingScheduler.QueueDelayMilliseconds"/> on top of
        /// their retransmission intervals.
        /// </summary>
        public AdvertisingScheduler Pacer { get; set; }

        /// <summary>How long an advertisement handed over now waits before it is on the air (0 without a pacer).</summary>
        internal long QueueDelayMilliseconds
        {
            get { return Pacer == null ? 0 : Pacer.QueueDelayMilliseconds; }
        }

        /// <summary>Advertisements handed to the radio.</summary>
        public long TransmittedCount { get; private set; }

        /// <summary>
        /// A provisioner link to the device with <paramref name="deviceUuid"/>; call Open on it to
        /// send Link Open. Takes a link slot until the link closes: throws
        /// <see cref="InvalidOperationException"/> when all <see cref="PbAdvOptions.MaxLinks"/> are in use.
        /// </summary>
        public PbAdvLink CreateProvisionerLink(byte[] deviceUuid, IProvisioningLinkHandler handler)
        {
            return Create(ProvisioningRole.Provisioner, deviceUuid, handler);
        }

        /// <summary>
        /// A device link for <paramref name="deviceUuid"/>; Open makes it accept the first Link Open
        /// carrying that UUID (MshPRT §5.3.2). Takes a link slot until it closes.
        /// </summary>
        public PbAdvLink CreateDeviceLink(byte[] deviceUuid, IProvisioningLinkHandler handler)
        {
            return Create(ProvisioningRole.Device, deviceUuid, handler);
        }

        /// <summary>
        /// Receive path (signature of <see cref="AdvertisementReceivedHandler"/>). Never throws for
        /// any advertisement content; the buffer is not kept.
        /// </summary>
        public void OnAdvertisement(ulong address, int rssi, byte[] data, int offset, int length)
        {
            AdvertisementsReceived++;
            int valueOffset;
            int valueLength;
            if (!AdStructures.TryFind(data, offset, length, GenericProvisioning.AdType, out valueOffset, out valueLength))
            {
                NotPbAdvCount++;
                return;
            }

            uint linkId;
            if (!GenericProvisioningPdu.TryReadLinkId(data, valueOffset, valueLength, out linkId))
            {
                NotForUsCount++;
                return;
            }

            PbAdvLink link = FindByLinkId(linkId);
            if (link == null)
            {
                link = _listenerCount > 0 ? FindListener(data, valueOffset, valueLength) : null;
                if (link == null)
                {
                    NotForUsCount++;
                    return;
                }

                link.AcceptLinkOpen(linkId);
                return;
            }

            if (_pdu.Decode(data, valueOffset, valueLength) != GenericProvisioningDecodeStatus.Ok)
            {
                MalformedCount++;
                return;
            }

            link.Receive(_pdu);
        }

        internal uint AllocateLinkId()
        {
            // MshPRT §5.3.2: a random Link ID per session; unique among our links so the demultiplexing holds.
            uint id = 0;
            for (int attempt = 0; attempt < 16; attempt++)
            {
                _random.NextBytes(_linkIdBytes, 0, _linkIdBytes.Length);
                id = ((uint)_linkIdBytes[0] << 24) | ((uint)_linkIdBytes[1] << 16) | ((uint)_linkIdBytes[2] << 8) | _linkIdBytes[3];
                if (FindByLinkId(id) == null)
                {
                    return id;
                }
            }

            throw new InvalidOperationException("no unique Link ID from the random source");
        }

        internal void Transmit(byte[] adv, int length)
        {
            TransmittedCount++;
            _radio.Send(adv, 0, length, _options.TransmitCount, _options.TransmitIntervalMilliseconds);
        }

        internal void Release(PbAdvLink link)
        {
            for (int i = 0; i < _links.Length; i++)
            {
                if (_links[i] == link)
                {
                    _links[i] = null;
                    _linkCount--;
                    if (link.Role == ProvisioningRole.Device)
                    {
                        _listenerCount--;
                    }

                    return;
                }
            }
        }

        internal void CountMalformed()
        {
            MalformedCount++;
        }

        internal void CountDuplicate()
        {
            DuplicateCount++;
        }

        internal void CountStale()
        {
            StaleCount++;
        }

        internal void CountAbortedTransaction()
        {
            AbortedTransactionCount++;
        }

        internal void CountContinuationBeforeStart()
        {
            ContinuationBeforeStartCount++;
        }

        private PbAdvLink Create(ProvisioningRole role, byte[] deviceUuid, IProvisioningLinkHandler handler)
        {
            if (deviceUuid == null || deviceUuid.Length != GenericProvisioning.DeviceUuidLength)
            {
                throw new ArgumentException("Device UUID must be 16 octets", "deviceUuid");
            }

            if (handler == null)
            {
                throw new ArgumentNullException("handler");
            }

            for (int i = 0; i < _links.Length; i++)
            {
                if (_links[i] == null)
                {
                    PbAdvLink link = new PbAdvLink(this, _scheduler, _random, _options, role, deviceUuid, handler);
                    _links[i] = link;
                    _linkCount++;
                    if (role == ProvisioningRole.Device)
                    {
                        _listenerCount++;
                    }

                    return link;
                }
            }

            throw new InvalidOperationException("all " + _links.Length + " PB-ADV links are in use");
        }

        private PbAdvLink FindByLinkId(uint linkId)
        {
            for (int i = 0; i < _links.Length; i++)
            {
                PbAdvLink link = _links[i];
                if (link != null && link.HasLinkId && link.LinkId == linkId)
                {
                    return link;
                }
            }

            return null;
        }

        /// <summary>A device link waiting for a Link Open with the UUID in this PDU, if the PDU is a well-formed Link Open.</summary>
        private PbAdvLink FindListener(byte[] data, int offset, int count)
        {
            const int LinkOpenLength = GenericProvisioning.HeaderLength + 1 + GenericProvisioning.DeviceUuidLength;
            const int LinkOpenGpc = (GenericProvisioning.OpcodeLinkOpen << 2) | GenericProvisioning.FormatBearerControl;
            if (count != LinkOpenLength || data[offset + GenericProvisioning.HeaderLength] != LinkOpenGpc)
            {
                return null;
            }

            int uuidOffset = offset + GenericProvisioning.HeaderLength + 1;
            for (int i = 0; i < _links.Length; i++)
            {
                PbAdvLink link = _links[i];
                if (link != null && link.Role == ProvisioningRole.Device && link.State == ProvisioningLinkState.Opening
                    && link.SameUuid(data, uuidOffset))
                {
                    return link;
                }
            }

            return null;
        }
    }
}

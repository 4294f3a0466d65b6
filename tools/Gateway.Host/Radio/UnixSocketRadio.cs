using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Gateway.Core.Runtime;

namespace Gateway.Host.Radio
{
    /// <summary>
    /// <see cref="IAdvertisingRadio"/> backed by an external radio on a Unix datagram socket, one
    /// AD structure per datagram: the protocol of BlueZ's bluetooth-meshd <c>--io unit:&lt;path&gt;</c>
    /// (reference/bluez-peer.md §"Socket protocol"), also used by a HIL rig or another simulator.
    /// <para>
    /// Peer → us: <c>[AD type][data…]</c> (no length byte); we deliver <c>[length][AD type][data…]</c>
    /// with <see cref="UnixSocketRadioOptions.PeerAddress"/> and <see cref="UnixSocketRadioOptions.Rssi"/>.
    /// Us → peer: <c>[0x01][AD type][data…]</c>, at most 31 octets. Datagrams that are empty, start
    /// with 0x00 (meshd's name query and reply) or exceed 31 octets are counted in
    /// <see cref="Dropped"/> and never thrown. docs/external-radio.md has the details.
    /// </para>
    /// <para>
    /// A receive thread reads the socket and posts each advertisement to the scheduler, so the
    /// receiver runs on the scheduler thread like every other port callback. <see cref="Send"/>
    /// sends the first transmission at once and schedules the repeats on the scheduler.
    /// </para>
    /// </summary>
    public sealed class UnixSocketRadio : IAdvertisingRadio, IDisposable
    {
        /// <summary>First octet of every datagram we send: meshd wants a non-zero marker before the AD type.</summary>
        public const byte Marker = 0x01;

        /// <summary>Legacy advertising data limit (AdvData ≤ 31 octets), also meshd's datagram limit.</summary>
        public const int MaxDatagramLength = 31;

        private const int PollMicroseconds = 200_000;

        private readonly IScheduler _scheduler;
        private readonly UnixSocketRadioOptions _options;
        private readonly UnixDomainSocketEndPoint[] _peers;
        private readonly string[] _peerPaths;
        private readonly Socket _socket;
        private readonly Thread _thread;
        private readonly object _sendLock = new object();
        private volatile AdvertisementReceivedHandler _receiver;
        private volatile bool _disposed;
        private long _sent;
        private long _received;
        private long _dropped;
        private long _sendFailures;

        public UnixSocketRadio(IScheduler scheduler, string localPath, string peerPath, UnixSocketRadioOptions options = null)
            : this(scheduler, localPath, new[] { peerPath }, options)
        {
        }

        /// <summary>
        /// A radio whose air holds several peers (e.g. one bluetooth-meshd per node): every
        /// transmission goes to each of <paramref name="peerPaths"/>, and an advertisement heard
        /// from the i-th of them carries the address <see cref="UnixSocketRadioOptions.PeerAddress"/> + i
        /// (the sender is known from its bound socket path; an unknown or unbound sender gets PeerAddress).
        /// </summary>
        public UnixSocketRadio(IScheduler scheduler, string localPath, string[] peerPaths, UnixSocketRadioOptions options = null)
        {
            _scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));
            ArgumentException.ThrowIfNullOrEmpty(localPath);
            ArgumentNullException.ThrowIfNull(peerPaths);
            if (peerPaths.Length == 0)
            {
                throw new ArgumentException("at least one peer path", nameof(peerPaths));
            }

            _options = options ?? new UnixSocketRadioOptions();
            LocalPath = localPath;
            _peerPaths = new string[peerPaths.Length];
            _peers = new UnixDomainSocketEndPoint[peerPaths.Length];
            for (int i = 0; i < peerPaths.Length; i++)
            {
                ArgumentException.ThrowIfNullOrEmpty(peerPaths[i], nameof(peerPaths));
                _peerPaths[i] = peerPaths[i];
                _peers[i] = new UnixDomainSocketEndPoint(peerPaths[i]);
            }

            // A socket file left by a process that died keeps bind from succeeding (EADDRINUSE).
            if (File.Exists(localPath))
            {
                File.Delete(localPath);
            }

            _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            try
            {
                _socket.Bind(new UnixDomainSocketEndPoint(localPath));

                // Never block the scheduler thread on a peer that stopped reading: a full peer
                // queue fails the send (counted) instead, as a busy radio would drop it.
                _socket.Blocking = false;
            }
            catch
            {
                _socket.Dispose();
                throw;
            }

            _thread = new Thread(ReceiveLoop) { IsBackground = true, Name = "unix-radio " + Path.GetFileName(localPath) };
            _thread.Start();
        }

        public string LocalPath { get; }

        /// <summary>The first (or only) peer's socket path.</summary>
        public string PeerPath => _peerPaths[0];

        /// <summary>Every peer's socket path, in address order.</summary>
        public string[] PeerPaths => (string[])_peerPaths.Clone();

        /// <summary>Datagrams sent to the peer (one per AD structure per transmission).</summary>
        public long Sent => Interlocked.Read(ref _sent);

        /// <summary>Datagrams accepted from the peer and posted as advertisements.</summary>
        public long Received => Interlocked.Read(ref _received);

        /// <summary>Datagrams from the peer dropped as empty, name query/reply (0x00) or longer than 31 octets.</summary>
        public long Dropped => Interlocked.Read(ref _dropped);

        /// <summary>Datagrams the socket refused to send (peer not bound, peer queue full, ...).</summary>
        public long SendFailures => Interlocked.Read(ref _sendFailures);

        public void SetReceiver(AdvertisementReceivedHandler handler)
        {
            _receiver = handler;
        }

        public void Send(byte[] data, int offset, int length, int transmitCount, int intervalMilliseconds)
        {
            ArgumentNullException.ThrowIfNull(data);
            if (offset < 0 || length < 0 || offset > data.Length - length)
            {
                throw new ArgumentOutOfRangeException(nameof(length), "offset and length must lie within data");
            }

            if (length > MaxDatagramLength)
            {
                throw new ArgumentException("advertising data longer than 31 octets: " + length, nameof(length));
            }

            byte[][] datagrams = SplitIntoDatagrams(data, offset, length);
            if (_disposed || datagrams.Length == 0 || transmitCount <= 0)
            {
                return;
            }

            if (intervalMilliseconds < 0)
            {
                intervalMilliseconds = 0;
            }

            Transmit(datagrams);
            for (int i = 1; i < transmitCount; i++)
            {
                _scheduler.Schedule((long)i * intervalMilliseconds, () => Transmit(datagrams));
            }
        }

        /// <summary>Stops the receive thread, closes the socket and deletes <see cref="LocalPath"/>.</summary>
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (Environment.CurrentManagedThreadId != _thread.ManagedThreadId)
            {
                // The loop polls with a timeout, so it notices the flag within one poll.
                _thread.Join();
            }

            lock (_sendLock)
            {
                _socket.Dispose();
            }

            try
            {
                File.Delete(LocalPath);
            }
            catch (IOException)
            {
                // Already gone or not ours to delete any more: nothing left to clean.
            }
        }

        /// <summary>
        /// One datagram per AD structure: [marker][type][data…] is the structure with its length
        /// octet replaced by the marker, so it is never longer than the advertisement.
        /// A zero length octet ends the significant part (Core Spec Vol 3 Part C §11).
        /// </summary>
        private static byte[][] SplitIntoDatagrams(byte[] data, int offset, int length)
        {
            int end = offset + length;
            int count = 0;
            for (int i = offset; i < end && data[i] != 0; i += 1 + data[i])
            {
                if (data[i] > end - i - 1)
                {
                    throw new ArgumentException("AD structure at octet " + (i - offset) + " runs past the advertising data", nameof(data));
                }

                count++;
            }

            var datagrams = new byte[count][];
            int n = 0;
            for (int i = offset; n < count; i += 1 + data[i])
            {
                var datagram = new byte[1 + data[i]];
                datagram[0] = Marker;
                Array.Copy(data, i + 1, datagram, 1, data[i]);
                datagrams[n++] = datagram;
            }

            return datagrams;
        }

        private void Transmit(byte[][] datagrams)
        {
            foreach (byte[] datagram in datagrams)
            {
                lock (_sendLock)
                {
                    if (_disposed)
                    {
                        return;
                    }

                    foreach (UnixDomainSocketEndPoint peer in _peers)
                    {
                        try
                        {
                            _socket.SendTo(datagram, 0, datagram.Length, SocketFlags.None, peer);
                            Interlocked.Increment(ref _sent);
                        }
                        catch (SocketException)
                        {
                            // No peer bound yet (meshd not started), or its queue is full: the air lost it.
                            Interlocked.Increment(ref _sendFailures);
                        }
                    }
                }
            }
        }

        private void ReceiveLoop()
        {
            // Larger than any valid datagram, so an oversized one is seen whole and dropped.
            var buffer = new byte[2048];
            EndPoint sender = new UnixDomainSocketEndPoint(LocalPath);
            while (!_disposed)
            {
                int count;
                try
                {
                    if (!_socket.Poll(PollMicroseconds, SelectMode.SelectRead))
                    {
                        continue;
                    }

                    count = _socket.ReceiveFrom(buffer, 0, buffer.Length, SocketFlags.None, ref sender);
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.WouldBlock || e.SocketErrorCode == SocketError.MessageSize)
                {
                    if (e.SocketErrorCode == SocketError.MessageSize)
                    {
                        Interlocked.Increment(ref _dropped);
                    }

                    continue;
                }
                catch (Exception e) when (e is SocketException || e is ObjectDisposedException)
                {
                    if (_disposed)
                    {
                        return;
                    }

                    continue;
                }

                Deliver(buffer, count, AddressOf(sender));
            }
        }

        /// <summary>PeerAddress + the index of the sender's path among the peers; PeerAddress for an unknown sender.</summary>
        private ulong AddressOf(EndPoint sender)
        {
            string path = (sender as UnixDomainSocketEndPoint)?.ToString();
            for (int i = 0; path != null && i < _peerPaths.Length; i++)
            {
                if (string.Equals(_peerPaths[i], path, StringComparison.Ordinal))
                {
                    return _options.PeerAddress + (ulong)i;
                }
            }

            return _options.PeerAddress;
        }

        private void Deliver(byte[] buffer, int count, ulong address)
        {
            int start = 0;
            if (_options.AcceptMarker && count > 0 && buffer[0] == Marker)
            {
                start = 1;
            }

            int adLength = count - start;

            // Empty; 0x00 is meshd's name query/reply, not an AD structure; or over the AdvData limit.
            if (adLength <= 0 || buffer[start] == 0x00 || count > MaxDatagramLength)
            {
                Interlocked.Increment(ref _dropped);
                return;
            }

            var ad = new byte[1 + adLength];
            ad[0] = (byte)adLength;
            Array.Copy(buffer, start, ad, 1, adLength);
            int rssi = _options.Rssi;
            // Counted before posting, so whoever the delivery wakes already sees it counted.
            Interlocked.Increment(ref _received);
            try
            {
                _scheduler.Post(() =>
                {
                    AdvertisementReceivedHandler receiver = _receiver;
                    if (receiver != null && !_disposed)
                    {
                        receiver(address, rssi, ad, 0, ad.Length);
                    }
                });
            }
            catch (ObjectDisposedException)
            {
                // The scheduler stopped before us: nobody is left to hear it.
                Interlocked.Decrement(ref _received);
                Interlocked.Increment(ref _dropped);
            }
        }
    }
}

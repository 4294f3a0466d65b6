using System;
using System.Collections;
using Gateway.Core.Mesh.Network;
using Gateway.Core.Runtime;

namespace Gateway.Core.Orchestration
{
    /// <summary>
    /// <see cref="IProxyConnector"/> over one <see cref="GattProxyClient"/>: to reach a node it
    /// watches the adverts the gateway hears for the node's Node Identity (MshPRT §7.2.2.2.3: a
    /// node provisioned over PB-GATT advertises it; the hash proves "this is address X of our
    /// network" without revealing X), connects to the advertiser, and keeps the link up for the
    /// holder, reconnecting if it drops. One proxy connection at a time: it uses one connection of
    /// the central, whose budget (3 on ESP32 NimBLE) it shares with PB-GATT provisioning, and a
    /// configuration needs the node for a few seconds only, so queueing costs little. Adverts are
    /// parsed only while a connection is wanted, and parsing allocates nothing.
    /// </summary>
    public sealed class GattProxyConnector : IProxyConnector
    {
        private const string Component = "proxy";

        private readonly GattProxyClient _client;
        private readonly IMeshKeyStore _keys;
        private readonly IScheduler _scheduler;
        private readonly ILog _log;
        private readonly MeshProxyServiceData _identity = new MeshProxyServiceData();
        private readonly ArrayList _queue = new ArrayList(); // Waiter, oldest first
        private readonly Action _onTimeout;
        private Waiter _current;
        private int _connectedNode;
        private int _timer;
        private bool _scanning;

        public GattProxyConnector(GattProxyClient client, IMeshKeyStore keys, IScheduler scheduler, ILog log)
        {
            if (client == null || keys == null || scheduler == null)
            {
                throw new ArgumentNullException(client == null ? "client" : keys == null ? "keys" : "scheduler");
            }

            _client = client;
            _keys = keys;
            _scheduler = scheduler;
            _log = log == null ? new NullLog() : log;
            _onTimeout = OnTimeout;
            ConnectTimeoutMilliseconds = 20000;
            client.Connected += OnConnected;
            client.Disconnected += OnDisconnected;
        }

        /// <summary>
        /// How long to look for and connect to a node's proxy. Longer than a peer's supervision
        /// timeout (4 s): after the gateway reboots, a node keeps the dead link that long and does
        /// not advertise meanwhile.
        /// </summary>
        public int ConnectTimeoutMilliseconds { get; set; }

        /// <summary>The node whose proxy is connected now, or 0.</summary>
        public int ConnectedNode
        {
            get { return _client.IsReady ? _connectedNode : 0; }
        }

        /// <summary>Connections made (for tests and status pages).</summary>
        public int ConnectionsMade { get; private set; }

        public void Acquire(int unicastAddress, ProxyReadyHandler ready)
        {
            if (ready == null)
            {
                throw new ArgumentNullException("ready");
            }

            _queue.Add(new Waiter(unicastAddress, ready));
            if (_current == null)
            {
                Next();
            }
        }

        public void Release(int unicastAddress)
        {
            for (int i = _queue.Count - 1; i >= 0; i--)
            {
                if (((Waiter)_queue[i]).Address == unicastAddress)
                {
                    _queue.RemoveAt(i);
                }
            }

            if (_current != null && _current.Address == unicastAddress)
            {
                _current = null;
                StopWaiting();
                Next();
            }
        }

        /// <summary>Every advertisement the gateway hears (the radio fans out to it). Never throws.</summary>
        public void OnAdvertisement(ulong address, int rssi, byte[] data, int offset, int length)
        {
            if (!_scanning || _current == null || _client.IsConnecting || _client.IsReady)
            {
                return;
            }

            if (_identity.TryParseAdvertisement(data, offset, length)
                && _identity.IdentificationType == MeshProxyServiceData.TypeNodeIdentity
                && _identity.FindNodeIdentity(_keys, _current.Address) != null)
            {
                _scanning = false;
                _connectedNode = _current.Address;
                _client.Connect(address);

                // Configuration messages go to the node's primary element (its Configuration
                // Server): over this link only, not the advertising bearer as well.
                _client.IdentifyServer(_current.Address, 1);
            }
        }

        private void Next()
        {
            if (_queue.Count == 0)
            {
                return;
            }

            _current = (Waiter)_queue[0];
            _queue.RemoveAt(0);
            if (_client.IsReady && _connectedNode == _current.Address)
            {
                Grant(_current);
                return;
            }

            _timer = _scheduler.Schedule(ConnectTimeoutMilliseconds, _onTimeout);
            if (_client.IsReady || _client.IsConnecting)
            {
                // Another node's link: close it first; OnDisconnected starts the search.
                _client.Disconnect();
                return;
            }

            _scanning = true;
        }

        private void OnConnected(GattProxyClient client)
        {
            ConnectionsMade++;
            Waiter current = _current;
            if (current == null || current.Address != _connectedNode)
            {
                // A connect that outlived its request: free the slot for the node wanted now.
                _client.Disconnect();
                return;
            }

            if (!current.Granted)
            {
                CancelTimer();
                Grant(current);
            }
        }

        private void OnDisconnected(GattProxyClient client)
        {
            // Lost, refused or closed for another node: look for the wanted node's adverts again.
            if (_current != null)
            {
                _scanning = true;
                if (_current.Granted && _log.IsEnabled(LogLevel.Information))
                {
                    _log.Write(LogLevel.Information, Component, "proxy of 0x" + _current.Address.ToString("x4") + " lost, reconnecting");
                }
            }
        }

        private void Grant(Waiter waiter)
        {
            waiter.Granted = true;
            ProxyReadyHandler ready = waiter.Ready;
            _scheduler.Post(() => ready(true, null));
        }

        private void OnTimeout()
        {
            _timer = 0;
            Waiter current = _current;
            if (current == null || current.Granted)
            {
                return;
            }

            _current = null;
            _scanning = false;
            if (_client.IsConnecting)
            {
                _client.Disconnect();
            }

            ProxyReadyHandler ready = current.Ready;
            _scheduler.Post(() => ready(false, "proxy-timeout"));
            Next();
        }

        private void StopWaiting()
        {
            _scanning = false;
            CancelTimer();
        }

        private void CancelTimer()
        {
            if (_timer != 0)
            {
                _scheduler.Cancel(_timer);
                _timer = 0;
            }
        }

        private sealed class Waiter
        {
            public Waiter(int address, ProxyReadyHandler ready)
            {
                Address = address;
                Ready = ready;
            }

            public int Address { get; }

            public ProxyReadyHandler Ready { get; }

            public bool Granted { get; set; }
        }
    }
}

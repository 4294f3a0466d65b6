using System;
using System.Device.Wifi;
using System.Net.NetworkInformation;
using System.Threading;
using Gateway.Core.Cloud;
using Gateway.Core.Runtime;
using nanoFramework.Networking;

namespace Gateway.Firmware.Net
{
    /// <summary>The station's link went up (with its IPv4 address) or down; raised on the scheduler's thread.</summary>
    public delegate void WifiLinkHandler(bool connected, string ipAddress);

    /// <summary>
    /// Wi-Fi station with reconnect (DESIGN.md §3, Wi-Fi port). A worker thread owns the link:
    /// the first connect uses the SSID and password of the configuration through
    /// <c>WifiNetworkHelper.ConnectDhcp</c>, which also stores them in the device's wireless
    /// configuration with <c>WifiReconnectionKind.Automatic</c>; later ones use
    /// <c>WifiNetworkHelper.Reconnect</c>, which sends no credentials itself: it waits for the
    /// platform's automatic reconnection with the stored ones to bring an address (the library's
    /// source, System.Device.Wifi 1.5.149). Both block until an address and a valid date are there
    /// (the date matters: TLS checks the broker certificate's validity period) or the token fires
    /// after <see cref="ConnectTimeoutMilliseconds"/>. Failed attempts back off with jitter from
    /// 2 s to 60 s; a connected link is polled every <see cref="PollMilliseconds"/>.
    /// Never logs the password.
    /// </summary>
    public sealed class WifiStation
    {
        public const int ConnectTimeoutMilliseconds = 60000;

        public const int PollMilliseconds = 5000;

        private const string Component = "wifi";

        private readonly IScheduler _scheduler;
        private readonly ILog _log;
        private readonly ReconnectBackoff _backoff;
        private Thread _thread;
        private string _ssid;
        private string _password;
        private bool _connected;

        public WifiStation(IScheduler scheduler, IRandom random, ILog log)
        {
            if (scheduler == null || random == null || log == null)
            {
                throw new ArgumentNullException("scheduler");
            }

            _scheduler = scheduler;
            _log = log;
            _backoff = new ReconnectBackoff(random, 2000, 60000);
        }

        /// <summary>Raised on the scheduler's thread when the link changes.</summary>
        public event WifiLinkHandler LinkChanged;

        /// <summary>Starts the link thread. A null <paramref name="ssid"/> reconnects with the credentials stored in the device.</summary>
        public void Start(string ssid, string password)
        {
            if (_thread != null)
            {
                return;
            }

            _ssid = ssid;
            _password = password == null ? string.Empty : password;
            _thread = new Thread(Run);
            _thread.Start();
        }

        private void Run()
        {
            bool first = _ssid != null;
            while (true)
            {
                if (!_connected)
                {
                    bool ok = first ? ConnectWithConfiguration() : ReconnectWithStoredCredentials();
                    if (ok)
                    {
                        first = false;
                        _backoff.Reset();
                        Report(true);
                    }
                    else
                    {
                        long delay = _backoff.NextDelay();
                        _log.Write(LogLevel.Warning, Component, "connect failed (helper status " + (int)WifiNetworkHelper.Status + "); next try in " + delay + " ms");
                        Thread.Sleep((int)delay);
                        continue;
                    }
                }

                Thread.Sleep(PollMilliseconds);
                if (!NetworkInterface.GetIsNetworkAvailable())
                {
                    Report(false);
                }
            }
        }

        private bool ConnectWithConfiguration()
        {
            _log.Write(LogLevel.Information, Component, "connecting to '" + _ssid + "'");
            using (CancellationTokenSource timeout = new CancellationTokenSource(ConnectTimeoutMilliseconds))
            {
                return WifiNetworkHelper.ConnectDhcp(_ssid, _password, WifiReconnectionKind.Automatic, true, 0, timeout.Token);
            }
        }

        private bool ReconnectWithStoredCredentials()
        {
            _log.Write(LogLevel.Information, Component, "reconnecting with the stored credentials");
            using (CancellationTokenSource timeout = new CancellationTokenSource(ConnectTimeoutMilliseconds))
            {
                return WifiNetworkHelper.Reconnect(true, 0, timeout.Token);
            }
        }

        private void Report(bool connected)
        {
            _connected = connected;
            string address = connected ? StationAddress() : null;
            _log.Write(LogLevel.Information, Component, connected ? "up, address " + address : "down");
            _scheduler.Post(() =>
            {
                WifiLinkHandler handler = LinkChanged;
                if (handler != null)
                {
                    handler(connected, address);
                }
            });
        }

        private static string StationAddress()
        {
            NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < interfaces.Length; i++)
            {
                if (interfaces[i].NetworkInterfaceType == NetworkInterfaceType.Wireless80211)
                {
                    return interfaces[i].IPv4Address;
                }
            }

            return "unknown";
        }
    }
}

using System;
using Gateway.Core.Runtime;

namespace Gateway.Core.ZeroConfig
{
    /// <summary>
    /// The zero-config registrar: the gateway as the "already-connected device" that lets new
    /// Wi-Fi devices on (reference/alibaba-provisioning.md §1.2, §1.3). It sniffs probe requests
    /// carrying the enrollee element (duty cycle 6.4 s on / 6.4 s off), reports the enrollees to its
    /// <see cref="IRegistrarAuthority"/> (row 1, found), accepts the authority's checkin for the ones
    /// it reported (rows 3–4), asks the authority for the per-session key (rows 5–6), and sends the
    /// 0xAB response element with the home SSID and the CFB-encrypted password every ~234 ms until
    /// the enrollee is seen online (its LAN notice, or the authority says so) or the checkin timeout
    /// passes.
    /// <para>
    /// The registrar knows no cloud: the messages, their transport and their durability are the
    /// authority's (the gateway's zero-config workflow joins the two). Better than the SDK: several
    /// enrollees are pushed at once, a checked-in enrollee survives a reboot (its session, never its
    /// key, is on storage, with the id of its key request), and one enrollee's malformed frame or
    /// notice never touches another's slot.
    /// </para>
    /// Runs on the scheduler's thread only. The home password only ever leaves
    /// <see cref="WifiCredentials"/> into an element buffer that is encrypted in place.
    /// </summary>
    public sealed partial class Registrar
    {
        private const string Component = "zeroconf";

        private readonly IManagementFrameRadio _radio;
        private readonly IWifiStation _station;
        private readonly WifiCredentials _home;
        private readonly IAes128 _aes;
        private readonly IScheduler _scheduler;
        private readonly IStorage _storage;
        private readonly IJsonDom _json;
        private readonly ILog _log;
        private readonly RegistrarSettings _settings;
        private readonly RegistrarEnrollee[] _slots;
        private readonly EnrolleeRequestIe _ie = new EnrolleeRequestIe();
        private readonly VendorElementReceivedHandler _onElement;

        private IRegistrarAuthority _authority;
        private bool _running;
        private bool _sniffing;
        private int _dutyTimer;
        private int _reportTimer;
        private int _pushTimer;

        public Registrar(
            IManagementFrameRadio radio,
            IWifiStation station,
            WifiCredentials home,
            IAes128 aes,
            IScheduler scheduler,
            IStorage storage,
            IJsonDom json,
            ILog log,
            RegistrarSettings settings)
        {
            if (radio == null || station == null || home == null || aes == null || scheduler == null || storage == null || json == null || log == null)
            {
                throw new ArgumentNullException("radio");
            }

            _settings = settings == null ? new RegistrarSettings() : settings;
            if (_settings.MaxEnrollees < 1 || _settings.MaxEnrollees > RegistrarSettings.MaxTableSize
                || _settings.ChannelScanIntervalMilliseconds < 16 || _settings.SniffOnMilliseconds < 1 || _settings.SniffIdleDuty < 0
                || _settings.MaxRecordsPerReport < 1 || _settings.MaxSimultaneousPushes < 1 || _settings.MaxCipherRequests < 1
                || _settings.DefaultReportIntervalSeconds < 1 || _settings.DefaultCheckinTimeoutSeconds < 1 || _settings.MaxTimeoutSeconds < 1)
            {
                throw new ArgumentOutOfRangeException("settings");
            }

            // §1.3: the enrollee refuses ssid_len ≥ 32 and passwd_len ≥ 64; refuse such a home network now, not per enrollee.
            if (home.SsidLength > RegistrarResponseIe.MaxSsidLength || home.PasswordLength > RegistrarResponseIe.MaxPasswordLength)
            {
                throw new ArgumentException("the home SSID or password is longer than a zero-config enrollee accepts", "home");
            }

            _radio = radio;
            _station = station;
            _home = home;
            _aes = aes;
            _scheduler = scheduler;
            _storage = storage;
            _json = json;
            _log = log;
            _slots = new RegistrarEnrollee[_settings.MaxEnrollees];
            for (int i = 0; i < _slots.Length; i++)
            {
                _slots[i] = new RegistrarEnrollee();
            }

            _onElement = OnVendorElement;
        }

        /// <summary>Raised for every enrollee event (see <see cref="RegistrarEventKind"/>).</summary>
        public event RegistrarEventHandler EnrolleeEvent;

        public bool IsRunning
        {
            get { return _running; }
        }

        /// <summary>True while the vendor-element filter is on (the "on" half of the duty cycle).</summary>
        public bool IsSniffing
        {
            get { return _sniffing; }
        }

        /// <summary>Slots of the table.</summary>
        public int Capacity
        {
            get { return _slots.Length; }
        }

        /// <summary>Enrollees in the table now.</summary>
        public int ActiveCount
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _slots.Length; i++)
                {
                    if (!_slots[i].IsFree)
                    {
                        n++;
                    }
                }

                return n;
            }
        }

        /// <summary>Enrollee elements heard (well-formed or not) while sniffing.</summary>
        public int ElementsHeard { get; private set; }

        /// <summary>Enrollee elements refused by the §1.1 rules (each also logged).</summary>
        public int MalformedElements { get; private set; }

        /// <summary>New enrollees dropped because every slot was taken; they are taken when heard again later.</summary>
        public int TableFullDrops { get; private set; }

        /// <summary>LAN notices that were refused as malformed (each also logged).</summary>
        public int MalformedNotices { get; private set; }

        /// <summary>0xAB probe requests handed to the radio.</summary>
        public int ResponsesSent { get; private set; }

        /// <summary>The enrollee's state; Free when it is not in the table.</summary>
        public EnrolleeSessionState GetState(string productKey, string deviceName)
        {
            RegistrarEnrollee entry = Find(productKey, deviceName);
            return entry == null ? EnrolleeSessionState.Free : entry.State;
        }

        /// <summary>
        /// Starts working for <paramref name="authority"/>: restores checked-in enrollees from
        /// storage (asking the authority whether their key requests are still on their way) and
        /// starts the sniffing duty cycle. Start after <see cref="Stop"/> is a restart: the table
        /// is rebuilt from storage.
        /// </summary>
        public void Start(IRegistrarAuthority authority)
        {
            if (authority == null)
            {
                throw new ArgumentNullException("authority");
            }

            if (_running)
            {
                return;
            }

            for (int i = 0; i < _slots.Length; i++)
            {
                CancelTimer(ref _slots[i].TimerId);
                _slots[i].Reset();
            }

            _authority = authority;
            _running = true;
            Restore();
            Log(LogLevel.Information, "registrar started, " + _slots.Length + " slots, home " + _home.ToString());
            SniffOn();
        }

        /// <summary>Turns the filter off and stops every timer; nothing is written (as a power cut would leave it).</summary>
        public void Stop()
        {
            if (!_running)
            {
                return;
            }

            _running = false;
            _sniffing = false;
            _radio.SetVendorElementFilter(AwssVendorElement.Oui, null);
            CancelTimer(ref _dutyTimer);
            CancelTimer(ref _reportTimer);
            CancelTimer(ref _pushTimer);
            for (int i = 0; i < _slots.Length; i++)
            {
                _slots[i].Generation++;
                CancelTimer(ref _slots[i].TimerId);
            }

            Log(LogLevel.Information, "registrar stopped");
        }

        // §1.2 duty cycle: REGISTRAR_WORK_TIME on, × REGISTRAR_IDLE_DUTY off (saves power and airtime).
        private void SniffOn()
        {
            _dutyTimer = 0;
            if (!_running)
            {
                return;
            }

            _sniffing = true;
            _radio.SetVendorElementFilter(AwssVendorElement.Oui, _onElement);
            if (_settings.SniffIdleDuty > 0)
            {
                _dutyTimer = _scheduler.Schedule(_settings.SniffOnMilliseconds, SniffOff);
            }
        }

        private void SniffOff()
        {
            _dutyTimer = 0;
            if (!_running)
            {
                return;
            }

            _sniffing = false;
            _radio.SetVendorElementFilter(AwssVendorElement.Oui, null);
            _dutyTimer = _scheduler.Schedule((long)_settings.SniffOnMilliseconds * _settings.SniffIdleDuty, SniffOn);
        }

        private RegistrarEnrollee Find(string productKey, string deviceName)
        {
            for (int i = 0; i < _slots.Length; i++)
            {
                if (_slots[i].Is(productKey, deviceName))
                {
                    return _slots[i];
                }
            }

            return null;
        }

        private void SetState(RegistrarEnrollee entry, EnrolleeSessionState state)
        {
            CancelTimer(ref entry.TimerId);
            entry.Generation++;
            entry.State = state;
        }

        /// <summary>Arms the slot's one timer; a state change in between makes it a no-op.</summary>
        private void Arm(RegistrarEnrollee entry, long delayMilliseconds)
        {
            CancelTimer(ref entry.TimerId);
            int generation = entry.Generation;
            entry.TimerId = _scheduler.Schedule(delayMilliseconds < 0 ? 0 : delayMilliseconds, () => OnSlotTimer(entry, generation));
        }

        private void OnSlotTimer(RegistrarEnrollee entry, int generation)
        {
            if (generation != entry.Generation || !_running)
            {
                return;
            }

            entry.TimerId = 0;
            switch (entry.State)
            {
                case EnrolleeSessionState.Found:
                    // enrollee_report: a found entry without checkin is evicted after its interval;
                    // heard again, it is reported again (this is the re-report).
                    Log(LogLevel.Information, "enrollee " + entry.ToString() + " evicted: no checkin within its report interval");
                    Free(entry, RegistrarEventKind.Evicted);
                    break;
                case EnrolleeSessionState.CheckinEnabled:
                    OnCipherTimer(entry);
                    break;
                default:
                    break;
            }
        }

        private void Raise(RegistrarEventKind kind, RegistrarEnrollee entry)
        {
            RegistrarEventHandler handler = EnrolleeEvent;
            if (handler == null)
            {
                return;
            }

            try
            {
                handler(kind, entry.ProductKey, entry.DeviceName);
            }
            catch (Exception e)
            {
                Log(LogLevel.Error, "event handler failed: " + ((object)e).GetType().Name);
            }
        }

        private void CancelTimer(ref int timer)
        {
            if (timer != 0)
            {
                _scheduler.Cancel(timer);
                timer = 0;
            }
        }

        private void Log(LogLevel level, string message)
        {
            if (_log.IsEnabled(level))
            {
                _log.Write(level, Component, message);
            }
        }
    }
}

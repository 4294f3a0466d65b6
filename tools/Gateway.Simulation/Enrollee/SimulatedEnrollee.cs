using System;
using System.Collections;
using System.Security.Cryptography;
using System.Text;
using Gateway.Core.Cloud;
using Gateway.Core.Runtime;
using Gateway.Simulation.Wifi;

namespace Gateway.Simulation.Enrollee;

/// <summary>Where a <see cref="SimulatedEnrollee"/> is.</summary>
public enum EnrolleePhase
{
    Off,

    /// <summary>Hopping channels, one 0xAA probe request per dwell, listening for 0xAB.</summary>
    Scanning,

    /// <summary>Credentials decrypted; associating with the AP.</summary>
    Joining,

    /// <summary>On the network; signing in to the cloud as itself and reporting the bind token.</summary>
    Reporting,

    /// <summary>Match acknowledged; announcing itself on the LAN.</summary>
    Announcing,

    /// <summary>Done: online, match acknowledged, LAN notices sent.</summary>
    Online,

    /// <summary>The cloud never acknowledged the match.</summary>
    Failed,
}

/// <summary>
/// A new Wi-Fi device doing zero-config as the Link Kit SDK does (reference/alibaba-provisioning.md
/// §0, §0.1, §1.1, §1.3): it holds its triple and the ProductSecret, signs a 0xAA element with
/// HMAC-SHA1, scans channels (1, 6, 11, 1..13, 250 ms each) sending one probe request per dwell,
/// accepts a 0xAB element only while its config-press window is open and only with its own
/// signature echoed, decrypts the password with SHA-256(PS ‖ "," ‖ random)[0:16] in CFB, joins the
/// AP, signs in to the cloud as itself (any <see cref="IMqttLink"/>), reports its bind token on
/// thing.awss.enrollee.match and then broadcasts device.info.notify on the LAN.
/// It never logs, traces or publishes the password.
/// </summary>
public sealed class SimulatedEnrollee
{
    private const string Component = "enrollee";

    private readonly VirtualWifiRadio _radio;
    private readonly IMqttLink _mqtt;
    private readonly IScheduler _scheduler;
    private readonly IRandom _random;
    private readonly ILog _log;
    private readonly SimulatedEnrolleeSettings _settings;
    private readonly string _deviceSecret;
    private readonly string _productSecret;
    private byte[] _aesRandom = new byte[16];
    private byte[] _sign;
    private byte[] _element;
    private int _dwell;
    private int _dwellTimer;
    private long _pressUntil = long.MinValue;
    private CloudLink _cloud;
    private int _notifySent;

    public SimulatedEnrollee(
        string productKey,
        string deviceName,
        string deviceSecret,
        string productSecret,
        VirtualWifiRadio radio,
        IMqttLink mqtt,
        IScheduler scheduler,
        IRandom random,
        ILog log,
        SimulatedEnrolleeSettings settings = null)
    {
        ProductKey = productKey;
        DeviceName = deviceName;
        _deviceSecret = deviceSecret;
        _productSecret = productSecret;
        _radio = radio ?? throw new ArgumentNullException(nameof(radio));
        _mqtt = mqtt ?? throw new ArgumentNullException(nameof(mqtt));
        _scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));
        _random = random ?? throw new ArgumentNullException(nameof(random));
        _log = log ?? throw new ArgumentNullException(nameof(log));
        _settings = settings ?? new SimulatedEnrolleeSettings();
    }

    public string ProductKey { get; }

    public string DeviceName { get; }

    public string Id => ProductKey + "/" + DeviceName;

    public VirtualWifiRadio Radio => _radio;

    public EnrolleePhase Phase { get; private set; }

    /// <summary>The station after a successful join, else null.</summary>
    public VirtualWifiStation Station { get; private set; }

    /// <summary>0xAB elements taken (decrypted and valid).</summary>
    public int ResponsesAccepted { get; private set; }

    /// <summary>0xAB elements ignored because the config-press window was closed.</summary>
    public int ResponsesIgnoredNotPressed { get; private set; }

    /// <summary>0xAB elements for another enrollee (signature not ours) or malformed.</summary>
    public int ResponsesNotForUs { get; private set; }

    /// <summary>0xAB elements whose password did not decrypt to UTF-8 (wrong key).</summary>
    public int ResponsesBadPassword { get; private set; }

    public int Joins { get; private set; }

    public int JoinFailures { get; private set; }

    public int ProbeRequestsSent { get; private set; }

    /// <summary>The 16-octet random the device started with (its element's random and the CFB IV; not a secret, it is on the air).</summary>
    public byte[] SessionRandomAtStart { get; private set; }

    /// <summary>The bind token (regenerated random) after the join, upper-case hex; null before.</summary>
    public string Token { get; private set; }

    public bool MatchAcknowledged { get; private set; }

    public int LanNoticesSent => _notifySent;

    /// <summary>Raised once when the match report was acknowledged.</summary>
    public event Action<SimulatedEnrollee> CameOnline;

    /// <summary>
    /// Powers the device up: a new random, the signed element, scanning. With
    /// <see cref="SimulatedEnrolleeSettings.PressAtStart"/> the config button is pressed too.
    /// </summary>
    public void Start()
    {
        _random.NextBytes(_aesRandom, 0, 16);
        SessionRandomAtStart = (byte[])_aesRandom.Clone();
        string secret = _settings.Security == 3 ? _productSecret : _deviceSecret;
        _sign = AwssEnrolleeCodec.ComputeSign(secret, _aesRandom, DeviceName, ProductKey);
        _element = AwssEnrolleeCodec.BuildRequestElement(ProductKey, DeviceName, _aesRandom, _settings.Security, _sign);
        if (_settings.PressAtStart)
        {
            PressConfigButton();
        }

        Log("zero-config scanning");
        StartScanning();
    }

    /// <summary>The user presses the button: 0xAB elements are accepted for the window.</summary>
    public void PressConfigButton(long? windowMs = null)
    {
        _pressUntil = _scheduler.NowMilliseconds + (windowMs ?? _settings.ConfigPressWindowMs);
    }

    public bool IsPressed => _scheduler.NowMilliseconds < _pressUntil;

    /// <summary>Power cut: radio off, scanning and the cloud session end.</summary>
    public void PowerOff()
    {
        CancelDwell();
        _radio.PowerOff();
        _cloud?.Stop();
        Station?.Disconnect();
        Phase = EnrolleePhase.Off;
    }

    private void StartScanning()
    {
        Phase = EnrolleePhase.Scanning;
        _radio.SetVendorElementFilter(0xD896E0, OnElement);
        NextDwell();
    }

    private void NextDwell()
    {
        _dwellTimer = 0;
        if (Phase != EnrolleePhase.Scanning)
        {
            return;
        }

        int[] order = SimulatedEnrolleeSettings.ScanOrder;
        _radio.Channel = order[_dwell % order.Length];
        _dwell++;
        if (_radio.SendProbeRequest(_element, 0, _element.Length))
        {
            ProbeRequestsSent++;
        }

        _dwellTimer = _scheduler.Schedule(_settings.ChannelDwellMs, NextDwell);
    }

    private void CancelDwell()
    {
        if (_dwellTimer != 0)
        {
            _scheduler.Cancel(_dwellTimer);
            _dwellTimer = 0;
        }
    }

    private void OnElement(ulong source, int channel, int rssi, ManagementFrameType frameType, byte[] element, int offset, int length)
    {
        if (Phase != EnrolleePhase.Scanning || (frameType != ManagementFrameType.ProbeRequest && frameType != ManagementFrameType.ProbeResponse))
        {
            return;
        }

        ReadOnlySpan<byte> frame = element.AsSpan(offset, length);
        if (frame.Length < 6 || frame[5] != 0xAB)
        {
            return; // other enrollees' requests, mode switches
        }

        // awss_ieee80211_zconfig_process: nothing is taken before the button was pressed.
        if (!IsPressed)
        {
            ResponsesIgnoredNotPressed++;
            return;
        }

        string reason = AwssEnrolleeCodec.TryReadResponse(frame, _sign, out byte[] ssid, out byte[] encrypted, out byte[] bssid);
        if (reason != null)
        {
            ResponsesNotForUs++;
            return;
        }

        string secret = _settings.Security == 3 ? _productSecret : _deviceSecret;
        byte[] key = AwssEnrolleeCodec.DeriveKey(secret, _aesRandom);
        byte[] password = AwssEnrolleeCodec.Cfb128(key, _aesRandom, encrypted, encrypt: false);
        CryptographicOperations.ZeroMemory(key);
        if (!IsUtf8(password))
        {
            // decrypt_ssid_passwd: a wrong key gives bytes that are not UTF-8.
            ResponsesBadPassword++;
            CryptographicOperations.ZeroMemory(password);
            return;
        }

        ResponsesAccepted++;
        VirtualAccessPoint ap = _radio.Medium.FindAccessPoint(bssid);
        if (ap == null)
        {
            CryptographicOperations.ZeroMemory(password);
            Log("no AP with the pushed BSSID; scanning on");
            return;
        }

        CancelDwell();
        Phase = EnrolleePhase.Joining;
        Log("credentials received from " + source.ToString("X12") + " for SSID " + Encoding.UTF8.GetString(ssid) + "; joining");
        ap.BeginJoin(Id, _radio, ssid, password, OnJoined);
        CryptographicOperations.ZeroMemory(password);
    }

    private void OnJoined(VirtualWifiStation station)
    {
        if (station == null)
        {
            JoinFailures++;
            Log("join refused; scanning again");
            StartScanning();
            return;
        }

        Joins++;
        Station = station;
        _radio.SetVendorElementFilter(0, null);

        // §1.3: after connecting, aes_random is regenerated and becomes the bind token (§0.1).
        _random.NextBytes(_aesRandom, 0, 16);
        Token = Convert.ToHexString(_aesRandom);
        Phase = EnrolleePhase.Reporting;
        Log("joined " + station.AccessPoint.Ssid + " as " + station.Lan.Address + "; reporting the bind token");

        var settings = new CloudLinkSettings
        {
            SecureMode = LinkKitSecureMode.TcpDirect,
            RequestTimeoutMilliseconds = _settings.MatchRetryMs,
            MaxAttempts = _settings.MatchMaxSends,
            OutboxBlobName = "enrollee.outbox",
        };
        var signIn = new LinkKitSignIn(new DeviceCredentials(ProductKey, DeviceName, _deviceSecret), new HostHmacSha256());
        _cloud = new CloudLink(_mqtt, _scheduler, _random, new MemoryStorage(), new JsonDom(), _log, signIn, settings);
        _cloud.Start();
        _cloud.Request(AlinkMethods.EnrolleeMatch, new Hashtable { { "token", Token } }, OnMatchResult, false);
    }

    private void OnMatchResult(CloudRequestResult result)
    {
        if (result.Outcome != CloudRequestOutcome.Replied || !result.Reply.IsSuccess)
        {
            Phase = EnrolleePhase.Failed;
            Log("match report not acknowledged (" + result.Outcome + ")");
            return;
        }

        MatchAcknowledged = true;
        Phase = EnrolleePhase.Announcing;
        Log("match acknowledged; announcing on the LAN");
        CameOnline?.Invoke(this);
        SendNotice();
    }

    // §0.1 item 2: device.info.notify to the LAN broadcast address, port 5683, up to 30 times,
    // the gap growing by 100 ms each round.
    private void SendNotice()
    {
        if (Station == null || !Station.IsConnected || _notifySent >= _settings.NotifyCount)
        {
            Phase = Phase == EnrolleePhase.Announcing ? EnrolleePhase.Online : Phase;
            return;
        }

        _notifySent++;
        byte[] payload = Encoding.UTF8.GetBytes(BuildNotice(_notifySent));
        Station.Lan.Broadcast(5683, payload, 0, payload.Length);
        _scheduler.Schedule(_notifySent * _settings.NotifyStepMs, SendNotice);
    }

    private string BuildNotice(int id)
    {
        var parameters = new Hashtable
        {
            { "awssVer", new Hashtable { { "smartconfig", "2.0" }, { "zconfig", "2.0" }, { "router", "2.0" }, { "ap", "2.0" }, { "softap", "2.0" } } },
            { "productKey", ProductKey },
            { "deviceName", DeviceName },
            { "mac", _radio.Address.ToString("X12") },
            { "ip", Station.Lan.Address },
            { "cipherType", (long)_settings.Security },
            { "token", Token },
            { "remainTime", (long)Math.Max(0, _settings.TokenLifetimeMs - (_notifySent * _settings.NotifyStepMs)) },
            { "type", 0L },
        };
        return new AlinkRequest(id.ToString(System.Globalization.CultureInfo.InvariantCulture), "device.info.notify", parameters).ToJson(new JsonDom());
    }

    private static bool IsUtf8(byte[] bytes)
    {
        try
        {
            new UTF8Encoding(false, true).GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private void Log(string message)
    {
        _log.Write(LogLevel.Information, Component, Id + ": " + message);
    }

    private sealed class HostHmacSha256 : IHmacSha256
    {
        public byte[] ComputeHash(byte[] key, byte[] message) => HMACSHA256.HashData(key, message);
    }
}

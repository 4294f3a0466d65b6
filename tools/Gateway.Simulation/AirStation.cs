using System;

namespace Gateway.Simulation;

/// <summary>
/// One radio on the <see cref="VirtualAir"/>: a name, a 48-bit address, a place (or a fixed RSSI)
/// and the three port objects a simulated device or the gateway hands to the core:
/// <see cref="Radio"/> (IAdvertisingRadio), <see cref="Central"/> (IGattCentral) and
/// <see cref="Peripheral"/> (IGattPeripheral). Create stations with
/// <see cref="VirtualAir.AddStation(string, ulong, double, double)"/>.
/// </summary>
public sealed class AirStation
{
    private int _mtu;

    internal AirStation(VirtualAir air, string name, ulong address, double x, double y, int? fixedRssi)
    {
        if (address > 0xFFFFFFFFFFFFUL)
        {
            throw new ArgumentOutOfRangeException(nameof(address), "a Bluetooth device address has 48 bits");
        }

        Air = air;
        Name = string.IsNullOrEmpty(name) ? FormatAddress(address) : name;
        Address = address;
        X = x;
        Y = y;
        FixedRssi = fixedRssi;
        TxPowerDbm = air.Settings.TxPowerDbm;
        _mtu = air.Settings.DefaultMtu;
        IsPowered = true;
        Statistics = new AirStatistics();
        Radio = new VirtualRadio(this);
        Central = new VirtualGattCentral(this);
        Peripheral = new VirtualGattPeripheral(this);
    }

    public VirtualAir Air { get; }

    public string Name { get; }

    /// <summary>48-bit device address, most significant octet first (as nanoFramework's ulong).</summary>
    public ulong Address { get; }

    /// <summary>Position in metres.</summary>
    public double X { get; private set; }

    /// <summary>Position in metres.</summary>
    public double Y { get; private set; }

    /// <summary>When set, everyone hears this station (and it hears everyone) at this RSSI, wherever it is.</summary>
    public int? FixedRssi { get; set; }

    /// <summary>Transmit power used by the path-loss model.</summary>
    public double TxPowerDbm { get; set; }

    /// <summary>When set, replaces the air's loss probability for everything this station sends or hears.</summary>
    public double? LossProbability { get; set; }

    /// <summary>
    /// The ATT_MTU this station's stack is willing to use; a link gets min(central, peripheral)
    /// (Core Spec Vol 3 Part F §3.4.2). Applies to links made after the change.
    /// </summary>
    public int Mtu
    {
        get => _mtu;
        set
        {
            if (value < 23 || value > AirSettings.MaxMtu)
            {
                throw new ArgumentOutOfRangeException(nameof(value), "ATT_MTU is 23..517");
            }

            _mtu = value;
        }
    }

    public bool IsPowered { get; private set; }

    public VirtualRadio Radio { get; }

    public VirtualGattCentral Central { get; }

    public VirtualGattPeripheral Peripheral { get; }

    /// <summary>This station's counters (sent by it; delivered, lost, duplicated on the way to it).</summary>
    public AirStatistics Statistics { get; }

    /// <summary>End (µs) of this station's last advertising event: its advertising sets take turns on its one radio.</summary>
    internal long TransmitFreeAtUs { get; set; }

    /// <summary>Reused for every GATT packet handed to this station (copy semantics of the ports).</summary>
    internal byte[] GattReceiveBuffer { get; } = new byte[AirSettings.MaxMtu];

    /// <summary>
    /// Moves the station. A GATT link whose ends are no longer in range is lost (both sides learn
    /// it after the supervision timeout).
    /// </summary>
    public void MoveTo(double x, double y)
    {
        X = x;
        Y = y;
        Central.OnMoved();
        Peripheral.OnMoved();
    }

    /// <summary>
    /// Power cut: the station stops transmitting (queued adverts are dropped), hears nothing, and
    /// its GATT links die without a word to its own handlers (the software above is dead too);
    /// the peers learn of it after the supervision timeout. The receiver, the served service and
    /// the settings survive, so <see cref="PowerOn"/> resumes listening and advertising. A device
    /// model that reboots re-initialises its own ports.
    /// </summary>
    public void PowerOff()
    {
        if (!IsPowered)
        {
            return;
        }

        IsPowered = false;
        Air.Trace(Air.Scheduler.NowMilliseconds, this, null, AirEventKind.PowerOff, 0, 0);
        Radio.OnPowerOff();
        Central.OnPowerOff();
        Peripheral.OnPowerOff();
    }

    /// <summary>Power back: listening and connectable advertising resume.</summary>
    public void PowerOn()
    {
        if (IsPowered)
        {
            return;
        }

        IsPowered = true;
        Air.Trace(Air.Scheduler.NowMilliseconds, this, null, AirEventKind.PowerOn, 0, 0);
        Peripheral.RefreshAdvertising();
    }

    public override string ToString()
    {
        return $"{Name} ({FormatAddress(Address)})";
    }

    /// <summary>AA:BB:CC:DD:EE:FF, most significant octet first.</summary>
    public static string FormatAddress(ulong address)
    {
        return string.Create(17, address, (chars, value) =>
        {
            const string digits = "0123456789ABCDEF";
            for (int i = 0; i < 6; i++)
            {
                int octet = (int)((value >> (8 * (5 - i))) & 0xFF);
                chars[i * 3] = digits[octet >> 4];
                chars[(i * 3) + 1] = digits[octet & 0xF];
                if (i < 5)
                {
                    chars[(i * 3) + 2] = ':';
                }
            }
        });
    }
}

using System;
using System.Collections.Generic;
using Gateway.Core.Runtime;

namespace Gateway.Simulation;

/// <summary>
/// The data path of a <see cref="GattLink"/>: queued writes and notifications, connection
/// events, delivery in order with the receiving station's reused buffer.
/// </summary>
internal sealed partial class GattLink
{
    public void Send(bool fromCentral, byte[] data, int offset, int length)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (offset < 0 || length < 0 || offset > data.Length - length)
        {
            throw new ArgumentOutOfRangeException(nameof(length));
        }

        if (length > Mtu - 3)
        {
            // ATT_WRITE_CMD and ATT_HANDLE_VALUE_NTF carry at most ATT_MTU − 3 octets (Core Spec
            // Vol 3 Part F §3.4.5.3, §3.4.7.1); the real stack rejects a longer value.
            throw new ArgumentException($"{length} octets do not fit ATT_MTU {Mtu} (at most {Mtu - 3})", nameof(length));
        }

        AirStation sender = fromCentral ? Central : Peripheral;
        if (_state != LinkState.Open || (fromCentral ? CentralDone : PeripheralDone) || !sender.IsPowered)
        {
            return;
        }

        byte[] copy = new byte[length];
        Array.Copy(data, offset, copy, 0, length);
        (fromCentral ? _toPeripheral : _toCentral).Enqueue(new Packet(copy));
        sender.Statistics.GattPacketsSent++;
        _air.Statistics.GattPacketsSent++;
        EnsureEvent();
    }

    private void EnsureEvent()
    {
        if (_eventTimer != 0 || _state != LinkState.Open || (_toPeripheral.Count == 0 && _toCentral.Count == 0))
        {
            return;
        }

        long now = _air.Scheduler.NowMilliseconds;
        long next = _anchor + ((((now - _anchor) / _interval) + 1) * _interval);
        if (next >= _lostAt)
        {
            return; // nothing moves on a dead link; the supervision timeout ends it
        }

        _eventTimer = _air.Scheduler.Schedule(next - now, OnConnectionEvent);
    }

    private void OnConnectionEvent()
    {
        _eventTimer = 0;
        if (_state != LinkState.Open || _air.Scheduler.NowMilliseconds >= _lostAt)
        {
            return;
        }

        // Only what was queued before this event moves in it; replies go at the next one.
        int perEvent = Math.Max(1, _air.Settings.PacketsPerConnectionEvent);
        int toPeripheral = Math.Min(perEvent, _toPeripheral.Count);
        int toCentral = Math.Min(perEvent, _toCentral.Count);
        RecordAirtime(toPeripheral, toCentral);
        for (int i = 0; i < toPeripheral && _state == LinkState.Open; i++)
        {
            Move(_toPeripheral.Dequeue(), fromCentral: true);
        }

        for (int i = 0; i < toCentral && _state == LinkState.Open; i++)
        {
            Move(_toCentral.Dequeue(), fromCentral: false);
        }

        EnsureEvent();
    }

    /// <summary>
    /// Air time of this event for the half-duplex check: the packets about to move, in LL data
    /// PDUs of at most 27 octets (L2CAP header 4 + ATT opcode and handle 3 + value), each
    /// 10 octets of overhead at 8 µs per octet, answered by an empty PDU when the other side has
    /// nothing, T_IFS (150 µs) between PDUs (Core Spec Vol 6 Part B §2.4, §4.1.1).
    /// </summary>
    private void RecordAirtime(int toPeripheral, int toCentral)
    {
        long k = (_air.Scheduler.NowMilliseconds - _anchor) / _interval;
        int centralPdus = 0;
        int centralUs = 0;
        int peripheralPdus = 0;
        int peripheralUs = 0;
        int i = 0;
        foreach (Packet packet in _toPeripheral)
        {
            if (i++ == toPeripheral)
            {
                break;
            }

            AddPdus(packet, ref centralPdus, ref centralUs);
        }

        i = 0;
        foreach (Packet packet in _toCentral)
        {
            if (i++ == toCentral)
            {
                break;
            }

            AddPdus(packet, ref peripheralPdus, ref peripheralUs);
        }

        int exchanges = Math.Max(1, Math.Max(centralPdus, peripheralPdus));
        int airtime = centralUs + ((exchanges - centralPdus) * 80) + peripheralUs + ((exchanges - peripheralPdus) * 80) + (((2 * exchanges) - 1) * 150);
        _eventAirtime[k] = Math.Min(airtime, (_interval * 1000) - 150);
        if (_eventAirtime.Count > 8)
        {
            // Only the last few events can still overlap an advert being resolved.
            foreach (long old in new List<long>(_eventAirtime.Keys))
            {
                if (old < k - 4)
                {
                    _eventAirtime.Remove(old);
                }
            }
        }
    }

    private static void AddPdus(Packet packet, ref int pdus, ref int microseconds)
    {
        int octets = packet.IsTerminate ? 2 : 4 + 3 + packet.Data.Length;
        while (octets > 0)
        {
            int chunk = Math.Min(27, octets);
            pdus++;
            microseconds += (10 + chunk) * 8;
            octets -= chunk;
        }
    }

    private void Move(Packet packet, bool fromCentral)
    {
        AirStation from = fromCentral ? Central : Peripheral;
        AirStation to = fromCentral ? Peripheral : Central;
        long now = _air.Scheduler.NowMilliseconds;
        if (packet.IsTerminate)
        {
            bool notify = !(fromCentral ? PeripheralDone : CentralDone);
            IGattServerHandler serverHandler = ServerHandler;
            _air.Trace(now, from, to, AirEventKind.GattDisconnected, 0, (int)GattLinkStatus.Disconnected);
            Close();
            if (notify && fromCentral)
            {
                serverHandler.OnDisconnected(PeripheralEnd);
            }
            else if (notify)
            {
                ClientHandler.OnDisconnected(GattLinkStatus.Disconnected);
            }

            return;
        }

        if (fromCentral ? PeripheralDone : CentralDone)
        {
            return; // the receiving side already closed its end
        }

        byte[] buffer = to.GattReceiveBuffer;
        int length = packet.Data.Length;
        Array.Copy(packet.Data, 0, buffer, 0, length);
        to.Statistics.GattPacketsDelivered++;
        _air.Statistics.GattPacketsDelivered++;
        _air.Trace(now, from, to, fromCentral ? AirEventKind.GattWrite : AirEventKind.GattNotification, length, 0);
        if (fromCentral)
        {
            ServerHandler.OnWrite(PeripheralEnd, buffer, 0, length);
        }
        else
        {
            ClientHandler.OnNotification(buffer, 0, length);
        }
    }

    private sealed class Packet
    {
        public static readonly Packet Terminate = new Packet(null);

        public Packet(byte[] data)
        {
            Data = data;
        }

        public byte[] Data { get; }

        public bool IsTerminate => Data == null;
    }
}

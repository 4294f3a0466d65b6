using System;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Mesh.Network;
using Gateway.Core.Runtime;

namespace Gateway.Simulation.Mesh;

/// <summary>
/// The node side of the GATT bearer for simulated mesh nodes: a Mesh Proxy Service (0x1828) on
/// the station's <see cref="IGattPeripheral"/>, Proxy SAR both ways, Network PDUs to and from
/// the node's <see cref="MeshNetwork"/>, and proxy configuration (MshPRT §6.5–§6.7): Set Filter
/// Type and Add/Remove Addresses answered with a Filter Status. Only Network PDUs whose DST passes
/// the filter go to the client. One client at a time (what a small node offers).
/// </summary>
public sealed class ProxyServerBearer : INetworkBearer, IGattServerHandler
{
    private readonly IGattPeripheral _peripheral;
    private readonly IProxyConfigurationCodec _codec;
    private readonly ProxySarReassembler _reassembler = new ProxySarReassembler(66);
    private readonly System.Collections.Generic.HashSet<int> _filter = new();
    private readonly NetworkPduCodec _peek = new();
    private INetworkBearerReceiver _receiver;
    private IGattServerConnection _client;
    private int _filterType = ProxyConfiguration.AcceptListFilter;

    public ProxyServerBearer(IGattPeripheral peripheral, IProxyConfigurationCodec codec)
    {
        _peripheral = peripheral ?? throw new ArgumentNullException(nameof(peripheral));
        _codec = codec ?? throw new ArgumentNullException(nameof(codec));
    }

    /// <summary>The keys the node can read DST with (for filtering what it forwards).</summary>
    public IMeshKeyStore Keys { get; set; }

    public uint IvIndex { get; set; }

    public bool IsReady => _client != null;

    public int FilterType => _filterType;

    public int FilterSize => _filter.Count;

    public long ConfigurationMessages { get; private set; }

    /// <summary>Starts serving and advertising (<paramref name="advertisingData"/>: e.g. Node Identity service data).</summary>
    public void Start(byte[] advertisingData)
    {
        _peripheral.StartService(GattProxyClient.ServiceUuid, GattProxyClient.DataInUuid, GattProxyClient.DataOutUuid, advertisingData, this);
    }

    public void SetReceiver(INetworkBearerReceiver receiver) => _receiver = receiver;

    public void Send(byte[] pdu, int offset, int count)
    {
        if (_client != null && PassesFilter(pdu, offset, count))
        {
            Notify(ProxySar.MessageTypeNetworkPdu, pdu, offset, count);
        }
    }

    public void SendBeacon(byte[] beacon, int offset, int count)
    {
        if (_client != null)
        {
            Notify(ProxySar.MessageTypeMeshBeacon, beacon, offset, count);
        }
    }

    public void OnSubscribed(IGattServerConnection connection)
    {
        _client = connection;
        _filter.Clear();
        _filterType = ProxyConfiguration.AcceptListFilter;
        _reassembler.Reset();
        _receiver?.OnBearerReady(this);
    }

    public void OnWrite(IGattServerConnection connection, byte[] data, int offset, int length)
    {
        ProxySarResult result = _reassembler.Add(data, offset, length);
        if (result == ProxySarResult.InProgress)
        {
            return;
        }

        if (result != ProxySarResult.Complete)
        {
            connection.Disconnect();
            return;
        }

        byte[] message = _reassembler.Buffer;
        int count = _reassembler.Length;
        switch (_reassembler.MessageType)
        {
            case ProxySar.MessageTypeNetworkPdu:
                AddSourceToFilter(message, count);
                _receiver?.OnNetworkPdu(this, message, 0, count);
                break;
            case ProxySar.MessageTypeMeshBeacon:
                _receiver?.OnBeacon(this, message, 0, count);
                break;
            case ProxySar.MessageTypeProxyConfiguration:
                OnConfiguration(message, count);
                break;
        }
    }

    public void OnDisconnected(IGattServerConnection connection)
    {
        if (connection == _client)
        {
            _client = null;
        }
    }

    private void OnConfiguration(byte[] pdu, int count)
    {
        if (!_codec.TryDecodeProxyConfiguration(pdu, 0, count, out byte[] buffer, out int at, out int length) || length < 1)
        {
            return;
        }

        ConfigurationMessages++;
        switch (buffer[at])
        {
            case ProxyConfiguration.SetFilterTypeOpcode when length == 2 && buffer[at + 1] <= 1:
                _filterType = buffer[at + 1];
                _filter.Clear();
                break;
            case ProxyConfiguration.AddAddressesOpcode when length % 2 == 1:
            case ProxyConfiguration.RemoveAddressesOpcode when length % 2 == 1:
                for (int i = at + 1; i + 1 < at + length; i += 2)
                {
                    int address = (buffer[i] << 8) | buffer[i + 1];
                    if (buffer[at] == ProxyConfiguration.AddAddressesOpcode)
                    {
                        _filter.Add(address);
                    }
                    else
                    {
                        _filter.Remove(address);
                    }
                }

                break;
            default:
                return;
        }

        byte[] status = new byte[4];
        ProxyConfiguration.WriteFilterStatus(status, 0, _filterType, _filter.Count);
        byte[] encoded = new byte[NetworkPduCodec.MaxLength];
        int n = _codec.EncodeProxyConfiguration(status, 0, 4, encoded, 0);
        if (n > 0)
        {
            Notify(ProxySar.MessageTypeProxyConfiguration, encoded, 0, n);
        }
    }

    /// <summary>MshPRT §6.7: with an accept list, the SRC of what the client sends joins the list.</summary>
    private void AddSourceToFilter(byte[] pdu, int count)
    {
        if (_filterType == ProxyConfiguration.AcceptListFilter && TryPeek(pdu, 0, count))
        {
            _filter.Add(_peek.Src);
        }
    }

    private bool PassesFilter(byte[] pdu, int offset, int count)
    {
        if (!TryPeek(pdu, offset, count))
        {
            return false;
        }

        bool listed = _filter.Contains(_peek.Dst);
        return _filterType == ProxyConfiguration.AcceptListFilter ? listed : !listed;
    }

    private bool TryPeek(byte[] pdu, int offset, int count)
    {
        if (Keys == null)
        {
            return false;
        }

        int nid = NetworkPduCodec.PeekNid(pdu, offset, count);
        uint iv = (IvIndex & 1) == (uint)NetworkPduCodec.PeekIvi(pdu, offset) || nid < 0 ? IvIndex : IvIndex - 1;
        for (int i = 0; i < Keys.NetworkKeyCount; i++)
        {
            NetworkKeyMaterial key = Keys.GetNetworkKeyAt(i);
            if (key.Nid == nid && _peek.TryDecode(key, iv, false, pdu, offset, count))
            {
                return true;
            }
        }

        return false;
    }

    private void Notify(int type, byte[] data, int offset, int count)
    {
        int mtu = _client.Mtu;
        int segments = ProxySar.SegmentCount(count, mtu);
        byte[] segment = new byte[ProxySar.MaxProxyPduLength(mtu)];
        for (int i = 0; i < segments && _client != null; i++)
        {
            int n = ProxySar.WriteSegment(type, data, offset, count, mtu, i, segment, 0);
            _client.Notify(segment, 0, n);
        }
    }
}

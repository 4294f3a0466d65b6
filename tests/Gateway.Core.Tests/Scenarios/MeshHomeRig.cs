using System;
using System.Collections.Generic;
using System.Linq;
using Gateway.Cloud;
using Gateway.Cloud.Mesh;
using Gateway.Core.Cloud;
using Gateway.Core.Crypto;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Mesh.Config;
using Gateway.Core.Mesh.Database;
using Gateway.Core.Mesh.Network;
using Gateway.Core.Runtime;
using Gateway.Core.Tests.Cloud.Support;
using Gateway.Host.Cloud;
using Gateway.Simulation;
using Gateway.Simulation.Mesh;

namespace Gateway.Core.Tests.Scenarios
{
    /// <summary>
    /// A home with the whole mesh gateway (database, network, configurator, workflow) on a
    /// <see cref="MemoryStorage"/> and the in-process cloud (emulator + broker) on one virtual
    /// clock, plus a sniffer that decodes every Network PDU the gateway sends on the air.
    /// </summary>
    internal sealed class MeshHomeRig
    {
        public MeshHomeRig(long seed, double loss = 0, MeshGatewayOptions options = null, ApprovalPolicy policy = ApprovalPolicy.Auto, Func<MemoryStorage, IStorage> flash = null, Action<MemoryStorage> beforeBoot = null, Action<AirSettings> air = null)
        {
            Seed = seed;
            Cloud = new EmulatorRig(policy);
            Storage = new MemoryStorage();
            beforeBoot?.Invoke(Storage);
            Flash = flash == null ? Storage : flash(Storage);
            var credentials = new DeviceCredentials(EmulatorRig.GatewayPk, EmulatorRig.GatewayDn, EmulatorRig.GatewaySecret);
            var cloud = new MeshGatewayCloud(() => Cloud.Broker.CreateLink(), credentials, new DotNetHmacSha256());
            var airSettings = new AirSettings { LossProbability = loss };
            air?.Invoke(airSettings);
            Home = new SimulatedMeshHome(seed, airSettings, options ?? new MeshGatewayOptions(), Cloud.Scheduler, Flash, cloud);
            Sniffer = Home.Air.AddStation("sniffer", 0x5AFF00000001, 0.5, 0);
            Sniffer.LossProbability = 0;
            Sniffer.Radio.SetReceiver(OnSniffed);
        }

        private long _armedAtMs = -1;

        public long Seed { get; }

        public EmulatorRig Cloud { get; }

        /// <summary>The gateway's flash medium (power cuts are armed here).</summary>
        public MemoryStorage Storage { get; }

        /// <summary>What the gateway writes through (the medium, or a recorder around it).</summary>
        public IStorage Flash { get; }

        public SimulatedMeshHome Home { get; }

        public AirStation Sniffer { get; }

        public VirtualTimeScheduler Scheduler => Cloud.Scheduler;

        public SimulatedMeshGateway Gateway => Home.Gateway;

        public MeshDatabase Database => Home.Gateway.DatabaseStore.Current;

        /// <summary>(src, IV Index, SEQ) → the PDU bytes first heard with it (a repeat of the same bytes is a retransmission).</summary>
        public Dictionary<(int Src, uint Iv, int Seq), string> SentByGateway { get; } = new();

        /// <summary>(src, IV Index, SEQ) heard with two different PDUs: a reused SEQ.</summary>
        public List<string> ReusedSeq { get; } = new();

        public HashSet<int> GatewayAddresses { get; } = new();

        public List<SimulatedMeshNode> Nodes => Home.Nodes;

        public MeshDeviceRecord Record(SimulatedMeshNode node) => Cloud.Emulator.FindMeshDevice(Hex.Encode(node.Uuid));

        public bool IsConfigured(SimulatedMeshNode node)
        {
            MeshNode entry = Database?.FindNodeByUuid(node.Uuid);
            return entry != null && entry.ConfigComplete && node.IsProvisioned && Record(node)?.SuccessResults >= 1;
        }

        public bool AllConfigured => Nodes.All(IsConfigured);

        /// <summary>The gateway's software is dead (its storage lost power, or it was killed).</summary>
        public bool GatewayDown => !Storage.IsPowered || !Gateway.Process.IsAlive;

        /// <summary>Power cuts made so far, with where they hit.</summary>
        public List<string> Cuts { get; } = new();

        /// <summary>Runs the clock; a power cut that escapes through the air or the broker ends the run like one inside the gateway.</summary>
        public bool Run(Func<bool> condition, long limitMs)
        {
            try
            {
                return Scheduler.RunUntil(() => condition() || GatewayDown, limitMs) && !GatewayDown;
            }
            catch (PowerCutException)
            {
                return false;
            }
        }

        /// <summary>The gateway reboots: power off for <paramref name="offMs"/>, then a new gateway from the same storage.</summary>
        public void Reboot(long offMs = 1500)
        {
            _armedAtMs = -1;
            Cuts.Add($"{Scheduler.NowMilliseconds} ms after write {Storage.WriteCount}");
            Gateway.PowerFail();
            Run(() => false, offMs);
            Storage.RestorePower();
            Home.RestartGateway();
        }

        /// <summary>
        /// Runs until every node is configured, cutting the gateway's power at each of
        /// <paramref name="cutAtMs"/>: at once, or at one of the next few writes (applied or not),
        /// as <paramref name="random"/> decides; each cut is followed by a reboot.
        /// </summary>
        public bool RunWithPowerCuts(long[] cutAtMs, SeededRandom random, long limitMs)
        {
            long deadline = Scheduler.NowMilliseconds + limitMs;
            int next = 0;
            while (Scheduler.NowMilliseconds < deadline && !AllConfigured)
            {
                long until = _armedAtMs >= 0 ? Math.Min(_armedAtMs + 10_000, deadline)
                    : next < cutAtMs.Length ? Math.Min(cutAtMs[next], deadline) : deadline;

                Run(() => AllConfigured, Math.Max(0, until - Scheduler.NowMilliseconds));
                if (GatewayDown)
                {
                    Reboot();
                    continue;
                }

                if (_armedAtMs >= 0 && Scheduler.NowMilliseconds - _armedAtMs >= 10_000)
                {
                    // The armed write never came (nothing to store): cut now.
                    Storage.CutPowerNow();
                    _armedAtMs = -1;
                    continue;
                }

                if (_armedAtMs < 0 && next < cutAtMs.Length && Scheduler.NowMilliseconds >= cutAtMs[next])
                {
                    next++;
                    int mode = random.NextInt(3);
                    if (mode == 0)
                    {
                        Storage.CutPowerNow();
                    }
                    else
                    {
                        Storage.CutPowerAtWrite(Storage.WriteCount + random.NextInt(4), mode == 1);
                        _armedAtMs = Scheduler.NowMilliseconds;
                    }
                }
            }

            return AllConfigured;
        }

        public string Describe()
        {
            return "seed " + Seed + " at " + Scheduler.NowMilliseconds + " ms, restarts " + Home.GatewayRestarts + ": "
                + string.Join("; ", Nodes.Select(n =>
                {
                    var r = Record(n);
                    var s = Gateway.Workflow?.Find(n.Uuid);
                    MeshNode entry = Database?.FindNodeByUuid(n.Uuid);
                    return n.Station.Name + " " + n.Bearer + " prov=" + n.IsProvisioned + " addr=" + n.UnicastAddress.ToString("x4")
                        + " db=" + (entry == null ? "-" : entry.UnicastAddress.ToString("x4") + (entry.ConfigComplete ? "/done" : "/open"))
                        + " flow=" + (s == null ? "-" : s.Stage + " " + s.FailureReason)
                        + " cloud=" + (r == null ? "-" : r.State + " " + r.Reason + " x" + r.Results);
                }));
        }

        private void OnSniffed(ulong address, int rssi, byte[] data, int offset, int length)
        {
            if (address != Home.GatewayStation.Address || Home.Gateway.Keys == null
                || !AdStructures.TryFind(data, offset, length, AdvertisingNetworkBearer.MeshMessageAdType, out int at, out int count))
            {
                return;
            }

            var codec = new NetworkPduCodec();
            for (int i = 0; i < Home.Gateway.Keys.NetworkKeyCount; i++)
            {
                NetworkKeyMaterial key = Home.Gateway.Keys.GetNetworkKeyAt(i);
                uint iv = Home.Gateway.Network.IvIndex;
                if (key.Nid == NetworkPduCodec.PeekNid(data, at, count) && codec.TryDecode(key, iv, false, data, at, count))
                {
                    GatewayAddresses.Add(codec.Src);
                    string pdu = Hex.Encode(data, at, count);
                    var id = (codec.Src, iv, codec.Seq);
                    if (SentByGateway.TryGetValue(id, out string first))
                    {
                        if (first != pdu)
                        {
                            ReusedSeq.Add($"src {codec.Src:x4} iv {iv} seq {codec.Seq}");
                        }
                    }
                    else
                    {
                        SentByGateway[id] = pdu;
                    }

                    return;
                }
            }
        }
    }
}

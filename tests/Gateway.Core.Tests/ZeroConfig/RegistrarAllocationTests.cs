using System;
using Gateway.Core.Cloud;
using Gateway.Core.Orchestration;
using Gateway.Core.Runtime;
using Gateway.Core.Tests.Cloud.Support;
using Gateway.Core.Tests.ZeroConfig.Support;
using Gateway.Core.ZeroConfig;
using Gateway.Host.Cloud;
using Gateway.Host.Crypto;
using Gateway.Simulation.Enrollee;
using Xunit;

namespace Gateway.Core.Tests.ZeroConfig
{
    /// <summary>
    /// The registrar's receive path runs for every probe request with the Alibaba OUI (DESIGN.md §4:
    /// no allocation per received packet): foreign frames and repeated frames of an enrollee already
    /// in the table allocate nothing.
    /// </summary>
    public class RegistrarAllocationTests
    {
        [Fact]
        public void ReceivePathAllocatesNothingForForeignOrRepeatedFrames()
        {
            var scheduler = new VirtualTimeScheduler();
            var radio = new CapturingRadio();
            var cloud = new CloudLink(new ScriptedMqttLink(scheduler), scheduler, new SeededRandom(1), new MemoryStorage(), new JsonDom(), new NullLog(), new LinkKitSignIn(new DeviceCredentials("a1GwPk00001", "gateway-01", "secret"), new DotNetHmacSha256()), null);
            var registrar = new Registrar(radio, new Station(), new WifiCredentials("HomeNet", "password", new byte[6]), new HostAes128(), scheduler, new MemoryStorage(), new JsonDom(), new NullLog(), new RegistrarSettings { SniffIdleDuty = 0 });
            new ZeroConfigWorkflow(cloud, registrar, new NullLog()).Start();
            Assert.NotNull(radio.Handler);

            byte[] random = new byte[16];
            byte[] known = AwssEnrolleeCodec.BuildRequestElement("a1LampPk001", "lamp-01", random, 3, new byte[20]);
            byte[] otherOui = (byte[])known.Clone();
            otherOui[4] = 0xE1;
            byte[] registrarType = (byte[])known.Clone();
            registrarType[5] = 0xAB;
            byte[] buffer = new byte[300];

            void Hear(byte[] element, ManagementFrameType type)
            {
                Array.Copy(element, 0, buffer, 7, element.Length);
                radio.Handler(0xC0FFEE000001UL, 6, -50, type, buffer, 7, element.Length);
            }

            // First hearing allocates the slot's names; the report goes out.
            Hear(known, ManagementFrameType.ProbeRequest);
            Hear(known, ManagementFrameType.ProbeRequest); // in queue: refreshed in place
            scheduler.Advance(1_000);
            Assert.Equal(EnrolleeSessionState.Found, registrar.GetState("a1LampPk001", "lamp-01"));

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1_000; i++)
            {
                Hear(otherOui, ManagementFrameType.ProbeRequest);
                Hear(registrarType, ManagementFrameType.ProbeRequest);
                Hear(known, ManagementFrameType.ProbeResponse);
                Hear(known, ManagementFrameType.ProbeRequest);
                Hear(known, ManagementFrameType.Beacon);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(0, allocated);
            Assert.Equal(2 + 2_000, registrar.ElementsHeard);
        }

        private sealed class CapturingRadio : IManagementFrameRadio
        {
            public VendorElementReceivedHandler Handler { get; private set; }

            public void SetVendorElementFilter(int oui, VendorElementReceivedHandler handler) => Handler = handler;

            public bool SendProbeRequest(byte[] element, int offset, int length) => true;
        }

        private sealed class Station : IWifiStation
        {
            public bool IsConnected => true;

            public int Channel => 6;
        }
    }
}

using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Cloud;
using Gateway.Cloud.Mesh;
using Gateway.Cloud.Registry;
using Gateway.Cloud.Service;
using Gateway.Core.Cloud;
using Gateway.Core.Mesh.Database;
using Gateway.Core.Orchestration;
using Gateway.Core.Runtime;
using Gateway.Host.Cloud;
using Gateway.Host.Radio;
using Gateway.Host.Runtime;
using Gateway.Simulation.Mesh;

namespace Gateway.Interop.Tests
{
    /// <summary>
    /// The host gateway as `gw gateway` composes it (SimulatedMeshGateway with its storage, the
    /// mesh workflow, the cloud link over real MQTT) at 1× real time, with its advertising radio on
    /// a Unix datagram socket whose peers are meshd nodes, and the cloud emulator on an embedded
    /// MQTTnet broker approving every device found (the user's tap in the app).
    /// </summary>
    public sealed class InteropGateway : IAsyncDisposable
    {
        private const string ProductKey = "a1GwInterop1";
        private const string DeviceName = "gateway-interop";

        private readonly CapturingLog _log = new CapturingLog();
        private RealTimeScheduler _scheduler;
        private CloudEmulatorService _service;
        private UnixSocketRadio _radio;

        private InteropGateway(string folder)
        {
            Folder = folder;
            SocketPath = Path.Combine(folder, "gw.sock");
        }

        public string Folder { get; }

        /// <summary>The gateway radio's socket: every meshd sends here (GW_MESHD_PEER).</summary>
        public string SocketPath { get; }

        public CloudEmulator Cloud { get; private set; }

        public SimulatedMeshGateway Gateway { get; private set; }

        public UnixSocketRadio Radio => _radio;

        public CapturingLog Log => _log;

        /// <summary>Starts cloud and gateway; <paramref name="peers"/> are the meshd radio sockets.</summary>
        public static async Task<InteropGateway> StartAsync(string folder, string[] peers, params GenieMeshDevice[] knownProducts)
        {
            var run = new InteropGateway(folder);
            run._scheduler = new RealTimeScheduler(run._log, e => run._log.Write(LogLevel.Error, "interop", "callback failed: " + e), "interop-gateway");
            var identity = new DeviceCredentials(ProductKey, DeviceName, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
            var registry = new CloudRegistry();
            registry.AddProduct(ProductKey, "InteropProdSecret");
            registry.AddDevice(ProductKey, DeviceName, identity.DeviceSecret);
            run.Cloud = new CloudEmulator(registry, new CloudEmulatorOptions { Policy = ApprovalPolicy.Auto }, () => run._scheduler.NowMilliseconds);
            foreach (GenieMeshDevice product in knownProducts)
            {
                run.Cloud.AddMeshDevice(product);
            }

            run._service = await CloudEmulatorService.StartEmbeddedAsync(run.Cloud);
            var cloud = new MeshGatewayCloud(
                () => new MqttNetLink(run._scheduler, new MqttNetLinkOptions(run._service.Host, run._service.Port, false)),
                identity,
                new DotNetHmacSha256())
            {
                Settings = new CloudLinkSettings { SecureMode = LinkKitSecureMode.TcpDirect, BackoffInitialMilliseconds = 500 },
            };

            // The radio first: meshd sends beacons as soon as Join is called.
            run._radio = new UnixSocketRadio(run._scheduler, run.SocketPath, peers, new UnixSocketRadioOptions { PeerAddress = 0xB1E200000001 });
            var storage = new FileStorage(Path.Combine(folder, "gateway"));

            // A host gateway does P-256 natively; no ESP32 cost is added (ScalarMultiplicationMs 0).
            var options = new MeshGatewayOptions { ScalarMultiplicationMs = 0, MeshName = "Interop home" };
            await run.OnClockAsync(() =>
            {
                run.Gateway = new SimulatedMeshGateway("gateway", run._radio, null, run._scheduler, 1, options, storage, cloud);
            });
            return run;
        }

        /// <summary>Runs <paramref name="read"/> on the gateway's thread (the core has no locks) and returns its result.</summary>
        public T Read<T>(Func<T> read)
        {
            T result = default;
            OnClockAsync(() => result = read()).GetAwaiter().GetResult();
            return result;
        }

        /// <summary>The workflow's state of the device, copied on the gateway's thread.</summary>
        public (MeshDeviceStage Stage, int Address, string Reason)? State(byte[] uuid)
        {
            return Read<(MeshDeviceStage, int, string)?>(() =>
            {
                MeshDeviceState s = Gateway.Workflow.Find(uuid);
                return s == null ? null : (s.Stage, s.UnicastAddress, s.FailureReason);
            });
        }

        /// <summary>Polls until the device's stage is Done or Failed and the cloud has its result, or the limit passes.</summary>
        public (MeshDeviceStage Stage, int Address, string Reason)? WaitForEnd(byte[] uuid, TimeSpan limit)
        {
            DateTime deadline = DateTime.UtcNow + limit;
            string key = Hex.Encode(uuid);
            while (true)
            {
                var state = State(uuid);
                MeshDeviceRecord record = Cloud.FindMeshDevice(key);
                if (state != null && (state.Value.Stage == MeshDeviceStage.Done || state.Value.Stage == MeshDeviceStage.Failed) && record != null && record.Results > 0)
                {
                    return state;
                }

                if (DateTime.UtcNow > deadline)
                {
                    return state;
                }

                Thread.Sleep(100);
            }
        }

        /// <summary>Polls until <paramref name="condition"/> holds on the gateway's thread.</summary>
        public bool WaitUntil(Func<bool> condition, TimeSpan limit)
        {
            DateTime deadline = DateTime.UtcNow + limit;
            while (!Read(condition))
            {
                if (DateTime.UtcNow > deadline)
                {
                    return false;
                }

                Thread.Sleep(100);
            }

            return true;
        }

        /// <summary>The database node of the device (on the gateway's thread: read what you need inside).</summary>
        public T Node<T>(byte[] uuid, Func<MeshNode, T> read)
        {
            return Read(() => read(Gateway.DatabaseStore.Current.FindNodeByUuid(uuid)));
        }

        /// <summary>Sends one Configuration request with the gateway's ConfigClient and waits for its result.</summary>
        public Gateway.Core.Mesh.Config.ConfigResult Configure(Action<Gateway.Core.Mesh.Config.ConfigClient, Gateway.Core.Mesh.Config.ConfigResultHandler> send, TimeSpan limit)
        {
            var done = new TaskCompletionSource<Gateway.Core.Mesh.Config.ConfigResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            OnClockAsync(() => send(Gateway.ConfigClient, r => done.TrySetResult(r))).GetAwaiter().GetResult();
            return done.Task.Wait(limit) ? done.Task.Result : null;
        }

        /// <summary>The gateway's log and the scheduler's, for failure messages.</summary>
        public string DescribeLog()
        {
            return Read(() => Gateway.Log.AllText()) + _log.AllText();
        }

        public async ValueTask DisposeAsync()
        {
            if (Gateway?.Cloud != null)
            {
                await OnClockAsync(() => Gateway.Cloud.Stop());
            }

            _radio?.Dispose();
            _scheduler?.Dispose();
            if (_service != null)
            {
                await _service.DisposeAsync();
            }
        }

        private Task OnClockAsync(Action action)
        {
            var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _scheduler.Post(() =>
            {
                try
                {
                    action();
                    completion.SetResult();
                }
                catch (Exception e)
                {
                    completion.SetException(e);
                }
            });
            return completion.Task;
        }
    }
}

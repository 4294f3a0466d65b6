using System;
using System.Collections.Generic;
using Gateway.Core.Platform;
using Gateway.Core.Tests.Cloud.Support;
using Xunit;

namespace Gateway.Core.Tests.Firmware
{
    /// <summary>
    /// nanoframework.md §1.1: the stack is NotRunning, Server or Client; a start from the other
    /// running mode throws (StartBleStack returns false → CLR_E_INVALID_OPERATION); stopping a role
    /// tears the stack down. The controller must always pass through NotRunning.
    /// </summary>
    public class BluetoothModeControllerTests
    {
        [Fact]
        public void NimbleModel_DirectSwitchThrows_AsOnTheDevice()
        {
            NimbleModel stack = new NimbleModel();
            stack.StartServer();
            Assert.Throws<InvalidOperationException>(() => stack.StartClient());
            stack.StopServer();
            stack.StartClient();
            Assert.Equal(BluetoothMode.Client, stack.Running);
        }

        [Fact]
        public void ServerToClient_TearsTheServerDownBeforeStartingTheClient()
        {
            NimbleModel stack = new NimbleModel();
            BluetoothModeController controller = new BluetoothModeController(stack, new TestLog());
            List<string> modes = new List<string>();
            controller.ModeChanged += (previous, current) => modes.Add(BluetoothModeController.Name(previous) + ">" + BluetoothModeController.Name(current));

            Assert.True(controller.RequestMode(BluetoothMode.Server));
            Assert.True(controller.RequestMode(BluetoothMode.Client));
            Assert.True(controller.RequestMode(BluetoothMode.Server));

            Assert.Equal(new[] { "start-server", "stop-server", "start-client", "stop-client", "start-server" }, stack.Calls);
            Assert.Equal(new[] { "not-running>server", "server>not-running", "not-running>client", "client>not-running", "not-running>server" }, modes);
            Assert.Equal(BluetoothMode.Server, stack.Running);
            Assert.Equal(3, controller.StartCount);
        }

        [Fact]
        public void SameMode_DoesNothing_AndNotRunning_StopsTheRole()
        {
            NimbleModel stack = new NimbleModel();
            BluetoothModeController controller = new BluetoothModeController(stack, new TestLog());
            Assert.True(controller.RequestMode(BluetoothMode.NotRunning));
            Assert.True(controller.RequestMode(BluetoothMode.Client));
            Assert.True(controller.RequestMode(BluetoothMode.Client));
            Assert.True(controller.RequestMode(BluetoothMode.NotRunning));
            Assert.Equal(new[] { "start-client", "stop-client" }, stack.Calls);
            Assert.Equal(BluetoothMode.NotRunning, stack.Running);
        }

        [Fact]
        public void StackStoppedByTheLibrary_NextStartNeedsNoTeardown()
        {
            NimbleModel stack = new NimbleModel();
            BluetoothModeController controller = new BluetoothModeController(stack, new TestLog());
            controller.RequestMode(BluetoothMode.Client);
            stack.LastDeviceDisconnected(); // the library goes to NotRunning on its own
            controller.OnStackStopped();
            Assert.True(controller.RequestMode(BluetoothMode.Server));
            Assert.Equal(new[] { "start-client", "start-server" }, stack.Calls);
        }

        [Fact]
        public void FailedStart_LeavesNotRunningAfterTearingBothRolesDown_AndTheNextRequestStartsClean()
        {
            NimbleModel stack = new NimbleModel();
            TestLog log = new TestLog();
            BluetoothModeController controller = new BluetoothModeController(stack, log);
            controller.RequestMode(BluetoothMode.Server);

            // The library left Server running without telling us (the model ignores this stop once).
            stack.IgnoreNextStop = true;
            Assert.False(controller.RequestMode(BluetoothMode.Client));
            Assert.Equal(BluetoothMode.NotRunning, controller.Mode);
            Assert.Equal(BluetoothMode.NotRunning, stack.Running);
            Assert.Equal(1, controller.FailedStartCount);
            Assert.Contains(log.Lines, l => l.Contains("start client failed (InvalidOperationException)"));

            Assert.True(controller.RequestMode(BluetoothMode.Client));
            Assert.Equal(BluetoothMode.Client, stack.Running);
        }

        [Fact]
        public void ThrowingTeardown_StillReachesNotRunning()
        {
            NimbleModel stack = new NimbleModel();
            BluetoothModeController controller = new BluetoothModeController(stack, new TestLog());
            controller.RequestMode(BluetoothMode.Client);
            stack.ThrowOnStop = true;
            Assert.True(controller.RequestMode(BluetoothMode.NotRunning));
            Assert.Equal(BluetoothMode.NotRunning, controller.Mode);
        }

        /// <summary>The mode rules of nanoFramework's BluetoothNanoDevice over NimBLE (nanoframework.md §1.1).</summary>
        private sealed class NimbleModel : IBluetoothModeDriver
        {
            public List<string> Calls { get; } = new List<string>();

            public BluetoothMode Running { get; private set; }

            public bool IgnoreNextStop { get; set; }

            public bool ThrowOnStop { get; set; }

            public void StartClient() => Start(BluetoothMode.Client, "start-client");

            public void StartServer() => Start(BluetoothMode.Server, "start-server");

            public void StopClient() => Stop(BluetoothMode.Client, "stop-client");

            public void StopServer() => Stop(BluetoothMode.Server, "stop-server");

            public void LastDeviceDisconnected() => Running = BluetoothMode.NotRunning;

            private void Start(BluetoothMode mode, string call)
            {
                Calls.Add(call);
                if (Running != BluetoothMode.NotRunning && Running != mode)
                {
                    // StartBleStack() returns false while NimBLE runs → CLR_E_INVALID_OPERATION.
                    throw new InvalidOperationException();
                }

                Running = mode;
            }

            private void Stop(BluetoothMode mode, string call)
            {
                Calls.Add(call);
                if (ThrowOnStop)
                {
                    Running = BluetoothMode.NotRunning;
                    throw new InvalidOperationException("stop failed");
                }

                if (IgnoreNextStop)
                {
                    IgnoreNextStop = false;
                    return;
                }

                if (Running == mode)
                {
                    Running = BluetoothMode.NotRunning;
                }
            }
        }
    }
}

using System;
using Gateway.Core.Runtime;

namespace Gateway.Core.Platform
{
    /// <summary>
    /// Switches the Bluetooth stack between the gateway's two roles, onboarding (Server) and
    /// gateway work (Client), always through NotRunning. nanoFramework starts NimBLE only from
    /// NotRunning: a direct Client→Server or Server→Client start returns CLR_E_INVALID_OPERATION
    /// (InvalidOperationException), and going to NotRunning is a full stack teardown
    /// (nanoframework.md §1.1). So every switch first tears the current mode down (Client: stop the
    /// watcher, close the devices; Server: stop advertising and the server), records NotRunning,
    /// and only then starts the new mode. A start that throws anyway leaves the controller in
    /// NotRunning after a best-effort teardown of both roles, and the next request starts clean.
    /// <para>
    /// Not thread-safe: the device adapter calls it from its single Bluetooth worker thread.
    /// </para>
    /// </summary>
    public sealed class BluetoothModeController
    {
        private const string Component = "ble-mode";

        private readonly IBluetoothModeDriver _driver;
        private readonly ILog _log;
        private BluetoothMode _mode = BluetoothMode.NotRunning;

        public BluetoothModeController(IBluetoothModeDriver driver, ILog log)
        {
            if (driver == null || log == null)
            {
                throw new ArgumentNullException("driver");
            }

            _driver = driver;
            _log = log;
        }

        /// <summary>Raised after every change of <see cref="Mode"/>, NotRunning included.</summary>
        public event BluetoothModeChangedHandler ModeChanged;

        public BluetoothMode Mode
        {
            get { return _mode; }
        }

        /// <summary>Successful switches into Server or Client.</summary>
        public int StartCount { get; private set; }

        /// <summary>Starts that threw (the controller is NotRunning after each).</summary>
        public int FailedStartCount { get; private set; }

        /// <summary>
        /// Brings the stack into <paramref name="target"/>. Returns true when it is there afterwards;
        /// false when the start failed (then <see cref="Mode"/> is NotRunning and the log says why).
        /// </summary>
        public bool RequestMode(BluetoothMode target)
        {
            if (target == _mode)
            {
                return true;
            }

            if (_mode != BluetoothMode.NotRunning)
            {
                StopRole(_mode);
                SetMode(BluetoothMode.NotRunning);
            }

            if (target == BluetoothMode.NotRunning)
            {
                return true;
            }

            try
            {
                if (target == BluetoothMode.Server)
                {
                    _driver.StartServer();
                }
                else
                {
                    _driver.StartClient();
                }
            }
            catch (Exception e)
            {
                FailedStartCount++;
                _log.Write(LogLevel.Error, Component, "start " + Name(target) + " failed (" + ((object)e).GetType().Name + "); stack torn down to not-running");
                StopRole(BluetoothMode.Client);
                StopRole(BluetoothMode.Server);
                return false;
            }

            StartCount++;
            SetMode(target);
            return true;
        }

        /// <summary>
        /// The library stopped the stack on its own (the watcher stopped with no device left, the
        /// last device disconnected, advertising stopped): nanoframework.md §1.1 lists these silent
        /// returns to NotRunning. The next request then starts without a teardown.
        /// </summary>
        public void OnStackStopped()
        {
            SetMode(BluetoothMode.NotRunning);
        }

        /// <summary>A fixed name for a mode (enum ToString prints a number on the device).</summary>
        public static string Name(BluetoothMode mode)
        {
            switch (mode)
            {
                case BluetoothMode.NotRunning: return "not-running";
                case BluetoothMode.Server: return "server";
                case BluetoothMode.Client: return "client";
                default: return "mode" + (int)mode;
            }
        }

        private void StopRole(BluetoothMode mode)
        {
            try
            {
                if (mode == BluetoothMode.Client)
                {
                    _driver.StopClient();
                }
                else if (mode == BluetoothMode.Server)
                {
                    _driver.StopServer();
                }
            }
            catch (Exception e)
            {
                // A teardown that throws still leaves nothing we can use in that role: go on to NotRunning.
                _log.Write(LogLevel.Warning, Component, "stop " + Name(mode) + " threw " + ((object)e).GetType().Name);
            }
        }

        private void SetMode(BluetoothMode mode)
        {
            if (mode == _mode)
            {
                return;
            }

            BluetoothMode previous = _mode;
            _mode = mode;
            _log.Write(LogLevel.Information, Component, Name(previous) + " -> " + Name(mode));
            BluetoothModeChangedHandler handler = ModeChanged;
            if (handler != null)
            {
                handler(previous, mode);
            }
        }
    }
}

using System;
using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Provisioning
{
    /// <summary>
    /// The provisioning protocol timer of one session (MshPRT §5.4.4): restarted on every PDU sent or
    /// received, cancelled when the session ends; expiry closes the link with reason Timeout.
    /// </summary>
    internal sealed class ProtocolTimer
    {
        private readonly IScheduler _scheduler;
        private readonly Action _expired;
        private readonly Action _onTimer;
        private int _timer;

        public ProtocolTimer(IScheduler scheduler, Action expired)
        {
            _scheduler = scheduler;
            _expired = expired;
            _onTimer = OnTimer;
        }

        public void Restart(long milliseconds)
        {
            Cancel();
            _timer = _scheduler.Schedule(milliseconds, _onTimer);
        }

        public void Cancel()
        {
            if (_timer != 0)
            {
                _scheduler.Cancel(_timer);
                _timer = 0;
            }
        }

        private void OnTimer()
        {
            _timer = 0;
            _expired();
        }
    }
}

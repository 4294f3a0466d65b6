using System;
using System.Collections;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Provisioning
{
    /// <summary>
    /// Runs provisioning sessions for many devices at once: a FIFO of authorized jobs and a slot
    /// limit per bearer (default 4 PB-ADV links; PB-GATT is limited by the GATT central's
    /// connection count, 3 on ESP32 NimBLE). BlueZ and Zephyr allow one link at a time; ESP-BLE-MESH
    /// allows up to 10. A session that ends in any way frees its slot, and the next job starts.
    /// How many PB-ADV sessions run at once within that ceiling is a <see cref="CongestionWindow"/>
    /// (<see cref="PbAdvWindow"/>): a session that completes widens it by one, one that times out
    /// or loses its link halves it, so the gateway runs as many links as the air carries.
    /// </summary>
    public sealed class MeshProvisioner
    {
        private readonly ProvisioningContext _context;
        private readonly PbAdvBearer _pbAdv;
        private readonly IGattCentral _central;
        private readonly PbGattOptions _gattOptions;
        private readonly Queue _queue = new Queue();
        private readonly ArrayList _active = new ArrayList();
        private int _activeAdv;
        private int _activeGatt;

        public MeshProvisioner(ProvisioningContext context, PbAdvBearer pbAdv, IGattCentral central, PbGattOptions gattOptions)
        {
            if (context == null || (pbAdv == null && central == null))
            {
                throw new ArgumentException("a provisioner needs a context and at least one bearer");
            }

            _context = context;
            _pbAdv = pbAdv;
            _central = central;
            _gattOptions = gattOptions ?? new PbGattOptions();
            MaxPbAdvSessions = pbAdv == null ? 0 : pbAdv.Options.MaxLinks;
            MaxPbGattSessions = central == null ? 0 : central.MaxConnections;
            int ceiling = MaxPbAdvSessions < 1 ? 1 : MaxPbAdvSessions;
            PbAdvWindow = new CongestionWindow(1, ceiling < 2 ? ceiling : 2, ceiling);
        }

        /// <summary>Adapts the number of PB-ADV sessions at once (its ceiling follows <see cref="MaxPbAdvSessions"/>).</summary>
        public CongestionWindow PbAdvWindow { get; private set; }

        /// <summary>Concurrent PB-ADV sessions (at most the bearer's link count).</summary>
        public int MaxPbAdvSessions { get; set; }

        /// <summary>Concurrent PB-GATT sessions (at most the central's connection count).</summary>
        public int MaxPbGattSessions { get; set; }

        public int ActiveCount
        {
            get { return _active.Count; }
        }

        public int QueuedCount
        {
            get { return _queue.Count; }
        }

        /// <summary>Sessions started so far.</summary>
        public int StartedCount { get; private set; }

        /// <summary>Most sessions that ran at the same time.</summary>
        public int PeakConcurrency { get; private set; }

        /// <summary>
        /// Queues a job; it starts as soon as a slot of its bearer is free. Throws when the job's
        /// bearer is not available on this gateway.
        /// </summary>
        public void Enqueue(ProvisioningJob job)
        {
            if (job == null)
            {
                throw new ArgumentNullException("job");
            }

            if ((job.Bearer == ProvisioningBearerType.PbAdv && _pbAdv == null) || (job.Bearer == ProvisioningBearerType.PbGatt && _central == null))
            {
                throw new InvalidOperationException("the job's bearer is not available on this gateway");
            }

            job.QueuedAtMilliseconds = _context.Scheduler.NowMilliseconds;
            _queue.Enqueue(job);
            Pump();
        }

        /// <summary>True when a job for this UUID is queued or running (discovery de-duplicates with it).</summary>
        public bool IsBusyWith(byte[] deviceUuid)
        {
            foreach (ProvisioningJob job in _queue)
            {
                if (ConstantTime.AreEqual(job.DeviceUuid, deviceUuid))
                {
                    return true;
                }
            }

            for (int i = 0; i < _active.Count; i++)
            {
                if (ConstantTime.AreEqual(((ProvisioningJob)_active[i]).DeviceUuid, deviceUuid))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when a session for this UUID is running (not only queued).</summary>
        public bool IsRunning(byte[] deviceUuid)
        {
            for (int i = 0; i < _active.Count; i++)
            {
                if (ConstantTime.AreEqual(((ProvisioningJob)_active[i]).DeviceUuid, deviceUuid))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Cancels every running session and drops the queue (shutdown, mode switch).</summary>
        public void CancelAll()
        {
            _queue.Clear();
            object[] running = _active.ToArray();
            for (int i = 0; i < running.Length; i++)
            {
                ((ProvisioningJob)running[i]).Session.Cancel();
            }
        }

        private void Pump()
        {
            int waiting = _queue.Count;
            for (int i = 0; i < waiting; i++)
            {
                ProvisioningJob job = (ProvisioningJob)_queue.Dequeue();
                if (!HasSlot(job.Bearer))
                {
                    _queue.Enqueue(job); // keep FIFO order among jobs of the other bearer
                    continue;
                }

                StartJob(job);
            }
        }

        private bool HasSlot(ProvisioningBearerType bearer)
        {
            if (bearer == ProvisioningBearerType.PbAdv)
            {
                int ceiling = MaxPbAdvSessions < 1 ? 1 : MaxPbAdvSessions;
                if (PbAdvWindow.Ceiling != ceiling)
                {
                    PbAdvWindow.SetLimits(1, ceiling);
                }

                return _activeAdv < MaxPbAdvSessions && _activeAdv < PbAdvWindow.Value && _pbAdv.HasFreeLinkSlot;
            }

            return _activeGatt < MaxPbGattSessions;
        }

        private void StartJob(ProvisioningJob job)
        {
            SlotEvents slot = new SlotEvents(this, job);
            ProvisionerSession session = new ProvisionerSession(_context, job.DeviceUuid, job.Request, slot);
            job.Session = session;
            job.StartedAtMilliseconds = _context.Scheduler.NowMilliseconds;
            _active.Add(job);
            if (job.Bearer == ProvisioningBearerType.PbAdv)
            {
                _activeAdv++;
            }
            else
            {
                _activeGatt++;
            }

            StartedCount++;
            if (_active.Count > PeakConcurrency)
            {
                PeakConcurrency = _active.Count;
            }

            // The link reports to the slot, which forwards to the session: the slot must also hear
            // when the link has let go of its bearer resources (see SlotEvents.OnLinkClosed).
            IProvisioningBearer link = job.Bearer == ProvisioningBearerType.PbAdv
                ? (IProvisioningBearer)_pbAdv.CreateProvisionerLink(job.DeviceUuid, slot)
                : new PbGattClientLink(_central, job.GattAddress, job.DeviceUuid, _context.Scheduler, slot, _gattOptions);
            slot.Session = session;
            session.Start(link);
        }

        private void OnJobEnded(ProvisioningJob job)
        {
            if (!_active.Contains(job))
            {
                return;
            }

            _active.Remove(job);
            job.EndedAtMilliseconds = _context.Scheduler.NowMilliseconds;
            if (job.Bearer == ProvisioningBearerType.PbAdv)
            {
                _activeAdv--;
                ProvisioningOutcome outcome = job.Session.Outcome;
                if (outcome == ProvisioningOutcome.Success)
                {
                    PbAdvWindow.OnSuccess();
                }
                else if (outcome == ProvisioningOutcome.Timeout || outcome == ProvisioningOutcome.LinkLost)
                {
                    // What the air gave back: a link or transaction that timed out, a link lost.
                    PbAdvWindow.OnFailure(_context.Scheduler.NowMilliseconds);
                }
            }
            else
            {
                _activeGatt--;
            }

            // Start the next job after the ending session has unwound (and its link released its slot).
            _context.Scheduler.Post(Pump);
        }

        /// <summary>
        /// Forwards a session's events to the job's owner and the link's callbacks to the session,
        /// and frees the slot when the session ends.
        /// </summary>
        private sealed class SlotEvents : IProvisionerEvents, IProvisioningLinkHandler
        {
            private readonly MeshProvisioner _owner;
            private readonly ProvisioningJob _job;

            public SlotEvents(MeshProvisioner owner, ProvisioningJob job)
            {
                _owner = owner;
                _job = job;
            }

            public ProvisionerSession Session { get; set; }

            public void OnLinkOpened(IProvisioningBearer link)
            {
                Session.OnLinkOpened(link);
            }

            public void OnPduReceived(IProvisioningBearer link, byte[] pdu, int offset, int count)
            {
                Session.OnPduReceived(link, pdu, offset, count);
            }

            public void OnTransmitComplete(IProvisioningBearer link)
            {
                Session.OnTransmitComplete(link);
            }

            public void OnLinkClosed(IProvisioningBearer link, ProvisioningLinkCloseReason reason)
            {
                Session.OnLinkClosed(link, reason);

                // A session that closes the link itself ends (and pumps) while a PB-ADV link still
                // repeats Link Close (MshPRT §5.3.2) and holds its bearer slot; the slot is free only
                // now, so a job queued for it must be looked at again or it would wait forever.
                _owner._context.Scheduler.Post(_owner.Pump);
            }

            public bool TryAssignAddress(ProvisionerSession session, int elementCount, out int unicastAddress)
            {
                return _job.Events.TryAssignAddress(session, elementCount, out unicastAddress);
            }

            public void OnOutputOobRequired(ProvisionerSession session, OutputOobAction action, int size)
            {
                _job.Events.OnOutputOobRequired(session, action, size);
            }

            public void OnInputOobDisplay(ProvisionerSession session, InputOobAction action, string value)
            {
                _job.Events.OnInputOobDisplay(session, action, value);
            }

            public bool OnSendingProvisioningData(ProvisionerSession session)
            {
                return _job.Events.OnSendingProvisioningData(session);
            }

            public void OnProvisioned(ProvisionerSession session)
            {
                _job.Events.OnProvisioned(session);
            }

            public void OnEnded(ProvisionerSession session)
            {
                _owner.OnJobEnded(_job);
                _job.Events.OnEnded(session);
            }
        }
    }
}

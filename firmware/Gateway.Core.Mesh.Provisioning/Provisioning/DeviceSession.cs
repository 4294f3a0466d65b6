using System;
using Gateway.Core.Crypto;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Provisioning
{
    /// <summary>
    /// The device (provisionee) side of one provisioning exchange (MshPRT v1.1 §5.4.2), on the same
    /// codecs and transcript as <see cref="ProvisionerSession"/>. Simulated mesh nodes run it, and
    /// it is a reference node implementation. On any error the device sends Provisioning Failed with
    /// the spec's code and waits for the provisioner to close the link (§5.4.4).
    /// </summary>
    public sealed partial class DeviceSession : IProvisioningLinkHandler
    {
        private readonly ProvisioningContext _context;
        private readonly ProvisioningCapabilities _capabilities;
        private readonly byte[] _staticOob;
        private readonly IDeviceProvisioningEvents _events;
        private readonly ProvisioningTranscript _transcript;
        private readonly byte[] _tx = new byte[ProvisioningPdu.MaxLength];
        private IProvisioningBearer _link;
        private DeviceState _state;
        private ProvisioningStart _start;
        private P256KeyPair _keyPair;
        private byte[] _provisionerPublicKey;
        private byte[] _pendingConfirmation;
        private readonly ProtocolTimer _timer;

        public DeviceSession(ProvisioningContext context, ProvisioningCapabilities capabilities, byte[] staticOob, IDeviceProvisioningEvents events)
        {
            if (context == null || capabilities == null || events == null)
            {
                throw new ArgumentNullException("context");
            }

            _context = context;
            _capabilities = capabilities;
            _staticOob = staticOob;
            _events = events;
            _transcript = new ProvisioningTranscript(context.Crypto);
            _timer = new ProtocolTimer(context.Scheduler, OnTimeout);
        }

        public ProvisioningOutcome Outcome { get; private set; }

        /// <summary>The code sent in Provisioning Failed, when <see cref="Outcome"/> is Failed.</summary>
        public ProvisioningErrorCode ErrorCode { get; private set; }

        /// <summary>What the provisioner gave us, after success. Holds the NetKey.</summary>
        public ProvisioningData Data { get; private set; }

        /// <summary>The DeviceKey, after success. A secret.</summary>
        public byte[] DeviceKey { get; private set; }

        /// <summary>The Start parameters chosen (provisioner) or received (device).</summary>
        public ProvisioningStart StartParameters
        {
            get { return _start; }
        }

        public bool IsEnded
        {
            get { return Outcome != ProvisioningOutcome.Pending; }
        }

        /// <summary>Starts accepting a provisioner on a link created with this session as its handler.</summary>
        public void Start(IProvisioningBearer link)
        {
            _link = link;
            link.Open();
        }

        /// <summary>The link is open (Link Open accepted, or PB-GATT notifications enabled): wait for the Invite.</summary>
        public void OnLinkOpened(IProvisioningBearer link)
        {
            _link = link;
            _state = DeviceState.ExpectInvite;
            _timer.Restart(_context.Settings.ProtocolTimeoutWithOobMs);
        }

        public void OnLinkClosed(IProvisioningBearer link, ProvisioningLinkCloseReason reason)
        {
            if (Outcome == ProvisioningOutcome.Pending)
            {
                Finish(ProvisioningOutcome.LinkLost);
            }
            else
            {
                Finish(Outcome);
            }
        }

        public void OnTransmitComplete(IProvisioningBearer link)
        {
        }

        /// <summary>Input OOB: the value the person entered on the device. Sends Input Complete.</summary>
        public bool SupplyInputOob(string value)
        {
            if (_state != DeviceState.WaitInput && _state != DeviceState.ComputingSecret)
            {
                return false;
            }

            byte[] auth;
            if (!OobValue.TryEncode(value, AuthenticationMethod.InputOob, _start.AuthenticationAction, _start.AuthenticationSize, _start.AuthSize, out auth))
            {
                return false;
            }

            _transcript.AuthValue = auth;
            if (_state == DeviceState.WaitInput)
            {
                SendInputComplete();
            }

            return true;
        }

        public void OnPduReceived(IProvisioningBearer link, byte[] pdu, int offset, int count)
        {
            if (_state == DeviceState.Ended || _state == DeviceState.FailedSent || _state == DeviceState.Idle)
            {
                return;
            }

            ProvisioningPduType type;
            try
            {
                type = ProvisioningPdu.Check(pdu, offset, count, _transcript.AuthSize == 0 ? 16 : _transcript.AuthSize);
            }
            catch (ProvisioningPduException e)
            {
                Fail(e.ErrorCode);
                return;
            }

            _timer.Restart(_context.Settings.ProtocolTimeoutWithOobMs);
            switch (_state)
            {
                case DeviceState.ExpectInvite when type == ProvisioningPduType.Invite:
                    OnInvite(pdu, offset);
                    break;
                case DeviceState.ExpectStart when type == ProvisioningPduType.Start:
                    OnStart(pdu, offset);
                    break;
                case DeviceState.ExpectPublicKey when type == ProvisioningPduType.PublicKey:
                    OnPublicKey(pdu, offset);
                    break;
                case DeviceState.ComputingSecret when type == ProvisioningPduType.Confirmation && _start.AuthenticationMethod != AuthenticationMethod.InputOob:
                    // The provisioner may confirm while our ECDH is still running; keep it.
                    _pendingConfirmation = new byte[_transcript.AuthSize];
                    Array.Copy(pdu, offset + 1, _pendingConfirmation, 0, _transcript.AuthSize);
                    break;
                case DeviceState.ExpectConfirmation when type == ProvisioningPduType.Confirmation:
                    OnConfirmation(pdu, offset);
                    break;
                case DeviceState.ExpectRandom when type == ProvisioningPduType.Random:
                    OnRandom(pdu, offset);
                    break;
                case DeviceState.ExpectData when type == ProvisioningPduType.Data:
                    OnData(pdu, offset);
                    break;
                default:
                    Fail(ProvisioningErrorCode.UnexpectedPdu);
                    break;
            }
        }

        private void SendInputComplete()
        {
            _tx[0] = (byte)ProvisioningPduType.InputComplete;
            Send(1);
            ExpectConfirmation();
        }

        private void ExpectConfirmation()
        {
            _state = DeviceState.ExpectConfirmation;
            if (_pendingConfirmation != null)
            {
                byte[] pending = new byte[1 + _pendingConfirmation.Length];
                Array.Copy(_pendingConfirmation, 0, pending, 1, _pendingConfirmation.Length);
                _pendingConfirmation = null;
                OnConfirmation(pending, 0);
            }
        }

        private void Fail(ProvisioningErrorCode code)
        {
            ErrorCode = code;
            _tx[0] = (byte)ProvisioningPduType.Failed;
            _tx[1] = (byte)code;
            Send(2);
            _state = DeviceState.FailedSent;
            Outcome = ProvisioningOutcome.Failed;
            _transcript.Clear();
            _events.OnEnded(this);
        }

        private void Finish(ProvisioningOutcome outcome)
        {
            bool report = _state != DeviceState.FailedSent && _state != DeviceState.Ended;
            _state = DeviceState.Ended;
            if (Outcome == ProvisioningOutcome.Pending)
            {
                Outcome = outcome;
            }

            _timer.Cancel();
            _transcript.Clear();
            if (report)
            {
                _events.OnEnded(this);
            }
        }

        private void Send(int count)
        {
            // §5.4.4: the protocol timer restarts on every PDU sent, not only on those received
            // (Input Complete goes out whenever the person has finished typing).
            _timer.Restart(_context.Settings.ProtocolTimeoutWithOobMs);
            _link.Send(_tx, 0, count);
        }

        private void OnTimeout()
        {
            if (_state != DeviceState.Ended)
            {
                if (Outcome == ProvisioningOutcome.Pending)
                {
                    Outcome = ProvisioningOutcome.Timeout;
                }

                Finish(Outcome);
                _link.Close(ProvisioningLinkCloseReason.Timeout);
            }
        }

    }
}

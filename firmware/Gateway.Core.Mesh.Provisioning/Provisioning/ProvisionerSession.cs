using System;
using Gateway.Core.Crypto;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Provisioning
{
    /// <summary>
    /// The provisioner's side of one provisioning exchange (MshPRT v1.1 §5.4.2; ble-mesh.md §1.6),
    /// one object per device so the gateway runs several at once. Every received PDU goes through
    /// the size table and the expected-type check before a handler runs; every failure takes the one
    /// path in <see cref="Fail"/>. Per §5.4.4 the provisioner does not send a Failed PDU: it closes
    /// the link with reason Fail (or Timeout) and reports the error code in <see cref="ErrorCode"/>.
    /// </summary>
    public sealed partial class ProvisionerSession : IProvisioningLinkHandler
    {
        private const string Component = "prov";

        private readonly ProvisioningContext _context;
        private readonly ProvisioningRequest _request;
        private readonly IProvisionerEvents _events;
        private readonly ProvisioningTranscript _transcript;
        private readonly byte[] _tx = new byte[ProvisioningPdu.MaxLength];
        private IProvisioningBearer _link;
        private ProvisionerState _state;
        private ProvisioningCapabilities _capabilities;
        private ProvisioningStart _start;
        private P256KeyPair _keyPair;
        private byte[] _devicePublicKey;
        private bool _inputComplete;
        private readonly ProtocolTimer _timer;

        public ProvisionerSession(ProvisioningContext context, byte[] deviceUuid, ProvisioningRequest request, IProvisionerEvents events)
        {
            if (context == null || deviceUuid == null || deviceUuid.Length != 16 || request == null || events == null)
            {
                throw new ArgumentException("provisioner session needs a context, a 16-octet UUID, a request and events");
            }

            _context = context;
            DeviceUuid = deviceUuid;
            _request = request;
            _events = events;
            _transcript = new ProvisioningTranscript(context.Crypto);
            _timer = new ProtocolTimer(context.Scheduler, OnProtocolTimeout);
        }

        public byte[] DeviceUuid { get; }

        public ProvisioningOutcome Outcome { get; private set; }

        /// <summary>Why it failed, when <see cref="Outcome"/> is Failed.</summary>
        public ProvisioningErrorCode ErrorCode { get; private set; }

        /// <summary>A short stable identifier of the failure for people and the cloud (e.g. "confirmation-mismatch").</summary>
        public string FailureDetail { get; private set; }

        public ProvisioningCapabilities Capabilities
        {
            get { return _capabilities; }
        }

        /// <summary>The Start parameters chosen (provisioner) or received (device).</summary>
        public ProvisioningStart StartParameters
        {
            get { return _start; }
        }

        public int UnicastAddress { get; private set; }

        public int NumberOfElements
        {
            get { return _capabilities == null ? 0 : _capabilities.NumberOfElements; }
        }

        /// <summary>The DeviceKey, known from the moment Provisioning Data is sent; a secret: store it, never log it.</summary>
        public byte[] DeviceKey { get; private set; }

        public bool IsEnded
        {
            get { return Outcome != ProvisioningOutcome.Pending; }
        }

        /// <summary>
        /// Starts the session on a link created with this session as its handler: the bearer opens
        /// it (PB-ADV Link Open until Link ACK, or a PB-GATT connection) and the Invite follows.
        /// </summary>
        public void Start(IProvisioningBearer link)
        {
            if (_state != ProvisionerState.Idle || link == null)
            {
                throw new InvalidOperationException("a provisioner session starts once, on a link");
            }

            _link = link;
            _state = ProvisionerState.LinkOpening;
            link.Open();
        }

        /// <summary>The bearer reports the link open (Link ACK, or PB-GATT notifications enabled): send the Invite.</summary>
        public void OnLinkOpened(IProvisioningBearer link)
        {
            if (_state != ProvisionerState.LinkOpening)
            {
                return;
            }

            _tx[0] = (byte)ProvisioningPduType.Invite;
            _tx[1] = (byte)_request.AttentionDuration;
            _transcript.SetInvite(_tx, 0);
            Send(2);
            _state = ProvisionerState.ExpectCapabilities;
        }

        /// <summary>The link is gone: Link Close from the device, a disconnect, or a bearer timer.</summary>
        public void OnLinkClosed(IProvisioningBearer link, ProvisioningLinkCloseReason reason)
        {
            if (IsEnded)
            {
                return;
            }

            if (reason == ProvisioningLinkCloseReason.LinkOpenTimeout)
            {
                End(ProvisioningOutcome.Timeout, ProvisioningErrorCode.UnexpectedError, "link-open-timeout", false, reason);
            }
            else if (reason == ProvisioningLinkCloseReason.Timeout && !link.ClosedByPeer)
            {
                // §5.3.3: no Transaction Acknowledgment within 30 s.
                End(ProvisioningOutcome.Timeout, ProvisioningErrorCode.UnexpectedError, "transaction-timeout", false, reason);
            }
            else
            {
                End(ProvisioningOutcome.LinkLost, ProvisioningErrorCode.UnexpectedError, "link-closed-" + (int)reason, false, reason);
            }
        }

        /// <summary>The peer acknowledged a PDU; nothing to do (the protocol advances on the peer's answers).</summary>
        public void OnTransmitComplete(IProvisioningBearer link)
        {
        }

        /// <summary>Withdraws the session (the cloud revoked the authorization, shutdown).</summary>
        public void Cancel()
        {
            if (!IsEnded)
            {
                End(ProvisioningOutcome.Cancelled, ProvisioningErrorCode.UnexpectedError, "cancelled", true, ProvisioningLinkCloseReason.Fail);
            }
        }

        /// <summary>
        /// The value the user read from the device for Output OOB (a number of blinks, beeps or
        /// vibrations, digits, or an alphanumeric string). Returns false when the text does not fit the
        /// action and size; the session keeps waiting.
        /// </summary>
        public bool SupplyOutputOob(string value)
        {
            if (_state != ProvisionerState.WaitOutputOob && _state != ProvisionerState.ComputingSecret)
            {
                return false;
            }

            byte[] auth;
            if (!OobValue.TryEncode(value, AuthenticationMethod.OutputOob, _start.AuthenticationAction, _start.AuthenticationSize, _transcript.AuthSize, out auth))
            {
                return false;
            }

            _transcript.AuthValue = auth;
            if (_state == ProvisionerState.WaitOutputOob)
            {
                SendConfirmation();
            }

            return true;
        }

        /// <summary>One whole Provisioning PDU from the bearer (the buffer is reused after the call).</summary>
        public void OnPduReceived(IProvisioningBearer link, byte[] pdu, int offset, int count)
        {
            if (IsEnded)
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
                Fail(e.ErrorCode, e.ErrorCode == ProvisioningErrorCode.InvalidPdu ? "invalid-pdu" : "invalid-format");
                return;
            }

            RestartTimer();
            if (type == ProvisioningPduType.Failed)
            {
                // §5.4.4: the device reports an error; stop and close the link. Table 5.41 makes 0x00
                // Prohibited and 0x0A–0xFF RFU: the session still ends, but the code kept for the owner
                // stays a defined error (0x00 would read as "no error"); the raw value is in the detail.
                int code = pdu[offset + 1];
                ProvisioningErrorCode reported = code >= (int)ProvisioningErrorCode.InvalidPdu && code <= (int)ProvisioningErrorCode.InvalidData
                    ? (ProvisioningErrorCode)code
                    : ProvisioningErrorCode.UnexpectedError;
                End(ProvisioningOutcome.Failed, reported, "device-failed-" + code, true, ProvisioningLinkCloseReason.Fail);
                return;
            }

            switch (_state)
            {
                case ProvisionerState.ExpectCapabilities when type == ProvisioningPduType.Capabilities:
                    OnCapabilities(pdu, offset);
                    break;
                case ProvisionerState.ExpectPublicKey when type == ProvisioningPduType.PublicKey:
                    OnPublicKey(pdu, offset);
                    break;
                case ProvisionerState.ComputingSecret when type == ProvisioningPduType.InputComplete && _start.AuthenticationMethod == AuthenticationMethod.InputOob:
                case ProvisionerState.ExpectInputComplete when type == ProvisioningPduType.InputComplete:
                    _inputComplete = true;
                    if (_state == ProvisionerState.ExpectInputComplete)
                    {
                        SendConfirmation();
                    }

                    break;
                case ProvisionerState.ExpectConfirmation when type == ProvisioningPduType.Confirmation:
                    OnConfirmation(pdu, offset);
                    break;
                case ProvisionerState.ExpectRandom when type == ProvisioningPduType.Random:
                    OnRandom(pdu, offset);
                    break;
                case ProvisionerState.ExpectComplete when type == ProvisioningPduType.Complete:
                    OnComplete();
                    break;
                default:
                    Fail(ProvisioningErrorCode.UnexpectedPdu, "unexpected-pdu");
                    break;
            }
        }

        private void Fail(ProvisioningErrorCode code, string detail)
        {
            End(ProvisioningOutcome.Failed, code, detail, true, ProvisioningLinkCloseReason.Fail);
        }

        private void OnProtocolTimeout()
        {
            if (!IsEnded)
            {
                End(ProvisioningOutcome.Timeout, ProvisioningErrorCode.UnexpectedError, "timeout", true, ProvisioningLinkCloseReason.Timeout);
            }
        }

        private void End(ProvisioningOutcome outcome, ProvisioningErrorCode code, string detail, bool closeLink, ProvisioningLinkCloseReason reason)
        {
            bool alreadyReported = _state == ProvisionerState.Ended;
            _state = ProvisionerState.Ended;
            Outcome = outcome;
            ErrorCode = code;
            FailureDetail = detail;
            _timer.Cancel();
            _transcript.Clear();
            _keyPair = null;
            if (outcome != ProvisioningOutcome.Success)
            {
                // The owner stored it with the node before the data went out; nothing keeps it here.
                DeviceKey = null;
            }

            if (outcome != ProvisioningOutcome.Success && _context.Log.IsEnabled(LogLevel.Information))
            {
                _context.Log.Write(LogLevel.Information, Component, "device " + Hex.Encode(DeviceUuid) + " provisioning ended: " + detail + " (code " + (int)code + ")");
            }

            if (closeLink && _link != null)
            {
                _link.Close(reason);
            }

            if (!alreadyReported)
            {
                _events.OnEnded(this);
            }
        }

        private void Send(int count)
        {
            RestartTimer();
            _link.Send(_tx, 0, count);
        }

        private void RestartTimer()
        {

            // §5.4.4: at least 60 s, restarted on every PDU; 120 s when a person enters or reads a value.
            bool person = _start != null && (_start.AuthenticationMethod == AuthenticationMethod.OutputOob || _start.AuthenticationMethod == AuthenticationMethod.InputOob);
            _timer.Restart(person ? _context.Settings.ProtocolTimeoutWithOobMs : _context.Settings.ProtocolTimeoutMs);
        }

    }
}

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
    public sealed class ProvisionerSession : IProvisioningLinkHandler
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
        private int _timer;

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

        private void OnCapabilities(byte[] pdu, int offset)
        {
            ProvisioningCapabilities caps;
            try
            {
                caps = ProvisioningCapabilities.Parse(pdu, offset + 1, ProvisioningCapabilities.ParametersLength);
            }
            catch (ProvisioningPduException e)
            {
                Fail(e.ErrorCode, "invalid-capabilities");
                return;
            }

            _capabilities = caps;
            _transcript.SetCapabilities(pdu, offset);

            int address;
            if (!_events.TryAssignAddress(this, caps.NumberOfElements, out address))
            {
                Fail(ProvisioningErrorCode.CannotAssignAddresses, "no-unicast-addresses");
                return;
            }

            UnicastAddress = address;
            _start = AuthenticationSelector.Select(caps, _request);
            if (_start == null)
            {
                Fail(ProvisioningErrorCode.UnexpectedError, "no-acceptable-authentication");
                return;
            }

            _tx[0] = (byte)ProvisioningPduType.Start;
            ByteWriter w = new ByteWriter(_tx, 1, ProvisioningStart.ParametersLength);
            _start.WriteTo(w);
            _transcript.SetStart(_tx, 0, _start.Algorithm);
            Send(1 + ProvisioningStart.ParametersLength);
            _state = ProvisionerState.WaitKeyPair;
            _context.KeyAgreement.RequestKeyPair(OnKeyPairReady);
        }

        private void OnKeyPairReady(P256KeyPair keyPair)
        {
            if (IsEnded)
            {
                return;
            }

            _keyPair = keyPair;
            _tx[0] = (byte)ProvisioningPduType.PublicKey;
            Array.Copy(keyPair.PublicKey, 0, _tx, 1, 64);
            _transcript.SetPublicKeyProvisioner(_tx, 1);
            Send(65);
            if (_start.OobPublicKey)
            {
                // §5.4.2.3: with an OOB public key the device does not send its key in band.
                _devicePublicKey = _request.DevicePublicKey;
                _transcript.SetPublicKeyDevice(_devicePublicKey, 0);
                ComputeSecret();
            }
            else
            {
                _state = ProvisionerState.ExpectPublicKey;
            }
        }

        private void OnPublicKey(byte[] pdu, int offset)
        {
            _devicePublicKey = new byte[64];
            Array.Copy(pdu, offset + 1, _devicePublicKey, 0, 64);
            _transcript.SetPublicKeyDevice(_devicePublicKey, 0);

            // CVE-2020-26560 (reflection): a device key equal to ours completes ECDH without knowing a secret.
            if (_transcript.PublicKeysEqual())
            {
                Fail(ProvisioningErrorCode.UnexpectedError, "reflected-public-key");
                return;
            }

            ComputeSecret();
        }

        private void ComputeSecret()
        {
            _state = ProvisionerState.ComputingSecret;
            _context.KeyAgreement.RequestSharedSecret(_keyPair, _devicePublicKey, OnSecretReady);
            if (_start.AuthenticationMethod == AuthenticationMethod.OutputOob)
            {
                // Ask the user early: reading the device and typing the value takes seconds anyway.
                _events.OnOutputOobRequired(this, (OutputOobAction)_start.AuthenticationAction, _start.AuthenticationSize);
            }
            else if (_start.AuthenticationMethod == AuthenticationMethod.InputOob)
            {
                byte[] auth;
                string shown = OobValue.Generate(_context.Random, AuthenticationMethod.InputOob, _start.AuthenticationAction, _start.AuthenticationSize, _transcript.AuthSize, out auth);
                _transcript.AuthValue = auth;
                _events.OnInputOobDisplay(this, (InputOobAction)_start.AuthenticationAction, shown);
            }
        }

        private void OnSecretReady(bool valid, byte[] secret)
        {
            if (IsEnded)
            {
                return;
            }

            _keyPair = null; // §5.4.2.3: the key pair is used for this exchange only.
            if (!valid)
            {
                // ble-mesh.md §1.7 #7: an invalid P-256 point (Zephyr fails with Unexpected Error too).
                Fail(ProvisioningErrorCode.UnexpectedError, "invalid-public-key");
                return;
            }

            _transcript.EcdhSecret = secret;
            switch (_start.AuthenticationMethod)
            {
                case AuthenticationMethod.NoOob:
                    _transcript.AuthValue = Provisioning.AuthValue.NoOob(_transcript.AuthSize);
                    SendConfirmation();
                    break;
                case AuthenticationMethod.StaticOob:
                    _transcript.AuthValue = Provisioning.AuthValue.FromStatic(_request.StaticOob, _transcript.AuthSize);
                    SendConfirmation();
                    break;
                case AuthenticationMethod.OutputOob:
                    if (_transcript.AuthValue != null)
                    {
                        SendConfirmation();
                    }
                    else
                    {
                        _state = ProvisionerState.WaitOutputOob;
                    }

                    break;
                default:
                    if (_inputComplete)
                    {
                        SendConfirmation();
                    }
                    else
                    {
                        _state = ProvisionerState.ExpectInputComplete;
                    }

                    break;
            }
        }

        private void SendConfirmation()
        {
            _transcript.DeriveConfirmationKey();
            byte[] random = new byte[_transcript.AuthSize];
            _context.Random.NextBytes(random, 0, random.Length);
            _transcript.RandomProvisioner = random;
            _transcript.ConfirmationProvisioner = _transcript.Confirm(random);
            _tx[0] = (byte)ProvisioningPduType.Confirmation;
            Array.Copy(_transcript.ConfirmationProvisioner, 0, _tx, 1, _transcript.AuthSize);
            Send(1 + _transcript.AuthSize);
            _state = ProvisionerState.ExpectConfirmation;
        }

        private void OnConfirmation(byte[] pdu, int offset)
        {
            int size = _transcript.AuthSize;

            // §5.4.2.4.2 step 3 (Errata E16350, CVE-2020-26560): a confirmation equal to ours is a reflection.
            if (ConstantTime.AreEqual(pdu, offset + 1, _transcript.ConfirmationProvisioner, 0, size))
            {
                Fail(ProvisioningErrorCode.ConfirmationFailed, "reflected-confirmation");
                return;
            }

            byte[] confirmation = new byte[size];
            Array.Copy(pdu, offset + 1, confirmation, 0, size);
            _transcript.ConfirmationDevice = confirmation;
            _tx[0] = (byte)ProvisioningPduType.Random;
            Array.Copy(_transcript.RandomProvisioner, 0, _tx, 1, size);
            Send(1 + size);
            _state = ProvisionerState.ExpectRandom;
        }

        private void OnRandom(byte[] pdu, int offset)
        {
            int size = _transcript.AuthSize;
            if (ConstantTime.AreEqual(pdu, offset + 1, _transcript.RandomProvisioner, 0, size))
            {
                Fail(ProvisioningErrorCode.ConfirmationFailed, "reflected-random");
                return;
            }

            byte[] random = new byte[size];
            Array.Copy(pdu, offset + 1, random, 0, size);
            _transcript.RandomDevice = random;

            // §5.4.2.4.2 step 5: the device proves it knows the AuthValue.
            byte[] expected = _transcript.Confirm(random);
            if (!ConstantTime.AreEqual(expected, _transcript.ConfirmationDevice))
            {
                Fail(ProvisioningErrorCode.ConfirmationFailed, "confirmation-mismatch");
                return;
            }

            _transcript.DeriveSessionKeys();
            DeviceKey = _transcript.DeviceKey;
            if (!_events.OnSendingProvisioningData(this))
            {
                Fail(ProvisioningErrorCode.UnexpectedError, "cannot-store-node");
                return;
            }

            byte[] plain = new byte[ProvisioningData.Length];
            new ProvisioningData(_request.NetKey, _request.KeyIndex, _request.Flags, _request.IvIndex, UnicastAddress).WriteTo(plain, 0);
            _tx[0] = (byte)ProvisioningPduType.Data;
            _transcript.EncryptProvisioningData(plain, _tx, 1);
            Array.Clear(plain, 0, plain.Length);
            Send(1 + ProvisioningData.Length + 8);
            _state = ProvisionerState.ExpectComplete;
        }

        private void OnComplete()
        {
            DeviceKey = _transcript.DeviceKey;
            Outcome = ProvisioningOutcome.Success;
            CancelTimer();

            // Store the node before the link closes with success (a reboot must not lose it).
            _events.OnProvisioned(this);
            End(ProvisioningOutcome.Success, ProvisioningErrorCode.Prohibited, null, true, ProvisioningLinkCloseReason.Success);
        }

        private void Fail(ProvisioningErrorCode code, string detail)
        {
            End(ProvisioningOutcome.Failed, code, detail, true, ProvisioningLinkCloseReason.Fail);
        }

        private void OnProtocolTimeout()
        {
            _timer = 0;
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
            CancelTimer();
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
            CancelTimer();

            // §5.4.4: at least 60 s, restarted on every PDU; 120 s when a person enters or reads a value.
            bool person = _start != null && (_start.AuthenticationMethod == AuthenticationMethod.OutputOob || _start.AuthenticationMethod == AuthenticationMethod.InputOob);
            _timer = _context.Scheduler.Schedule(person ? _context.Settings.ProtocolTimeoutWithOobMs : _context.Settings.ProtocolTimeoutMs, OnProtocolTimeout);
        }

        private void CancelTimer()
        {
            if (_timer != 0)
            {
                _context.Scheduler.Cancel(_timer);
                _timer = 0;
            }
        }


    }
}

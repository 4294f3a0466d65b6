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
    public sealed class DeviceSession : IProvisioningLinkHandler
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
        private int _timer;

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
            RestartTimer();
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

            RestartTimer();
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

        private void OnInvite(byte[] pdu, int offset)
        {
            _transcript.SetInvite(pdu, offset);
            _events.OnAttention(pdu[offset + 1]);
            _tx[0] = (byte)ProvisioningPduType.Capabilities;
            _capabilities.WriteTo(new ByteWriter(_tx, 1, ProvisioningCapabilities.ParametersLength));
            _transcript.SetCapabilities(_tx, 0);
            Send(1 + ProvisioningCapabilities.ParametersLength);
            _state = DeviceState.ExpectStart;
        }

        private void OnStart(byte[] pdu, int offset)
        {
            ProvisioningStart start;
            try
            {
                start = ProvisioningStart.Parse(pdu, offset + 1, ProvisioningStart.ParametersLength);
            }
            catch (ProvisioningPduException e)
            {
                Fail(e.ErrorCode);
                return;
            }

            // §5.4.2.3: a Start that asks for something we did not offer is Invalid Format.
            if (!start.IsAllowedBy(_capabilities) || start.OobPublicKey)
            {
                Fail(ProvisioningErrorCode.InvalidFormat);
                return;
            }

            _start = start;
            _transcript.SetStart(pdu, offset, start.Algorithm);
            _state = DeviceState.ExpectPublicKey;
            _context.KeyAgreement.RequestKeyPair(OnKeyPairReady);
        }

        private void OnKeyPairReady(P256KeyPair keyPair)
        {
            if (IsEnded || _state == DeviceState.FailedSent)
            {
                return;
            }

            _keyPair = keyPair;
            if (_provisionerPublicKey != null)
            {
                ContinueWithPublicKey();
            }
        }

        private void OnPublicKey(byte[] pdu, int offset)
        {
            _provisionerPublicKey = new byte[64];
            Array.Copy(pdu, offset + 1, _provisionerPublicKey, 0, 64);
            _transcript.SetPublicKeyProvisioner(_provisionerPublicKey, 0);
            _state = DeviceState.ComputingSecret;
            if (_keyPair != null)
            {
                ContinueWithPublicKey();
            }
        }

        private void ContinueWithPublicKey()
        {
            _tx[0] = (byte)ProvisioningPduType.PublicKey;
            Array.Copy(_keyPair.PublicKey, 0, _tx, 1, 64);
            _transcript.SetPublicKeyDevice(_tx, 1);
            if (_transcript.PublicKeysEqual())
            {
                Fail(ProvisioningErrorCode.UnexpectedError);
                return;
            }

            Send(65);
            _context.KeyAgreement.RequestSharedSecret(_keyPair, _provisionerPublicKey, OnSecretReady);
            if (_start.AuthenticationMethod == AuthenticationMethod.OutputOob)
            {
                byte[] auth;
                string shown = OobValue.Generate(_context.Random, AuthenticationMethod.OutputOob, _start.AuthenticationAction, _start.AuthenticationSize, _start.AuthSize, out auth);
                _transcript.AuthValue = auth;
                _events.OnOutputOobShow((OutputOobAction)_start.AuthenticationAction, shown);
            }
            else if (_start.AuthenticationMethod == AuthenticationMethod.InputOob)
            {
                _events.OnInputOobRequested((InputOobAction)_start.AuthenticationAction, _start.AuthenticationSize);
            }
        }

        private void OnSecretReady(bool valid, byte[] secret)
        {
            if (IsEnded || _state == DeviceState.FailedSent)
            {
                return;
            }

            _keyPair = null;
            if (!valid)
            {
                Fail(ProvisioningErrorCode.UnexpectedError);
                return;
            }

            _transcript.EcdhSecret = secret;
            if (_start.AuthenticationMethod == AuthenticationMethod.NoOob)
            {
                _transcript.AuthValue = AuthValue.NoOob(_transcript.AuthSize);
            }
            else if (_start.AuthenticationMethod == AuthenticationMethod.StaticOob)
            {
                _transcript.AuthValue = AuthValue.FromStatic(_staticOob, _transcript.AuthSize);
            }
            else if (_start.AuthenticationMethod == AuthenticationMethod.InputOob)
            {
                if (_transcript.AuthValue == null)
                {
                    _state = DeviceState.WaitInput;
                    return;
                }

                SendInputComplete();
                return;
            }

            ExpectConfirmation();
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

        private void OnConfirmation(byte[] pdu, int offset)
        {
            int size = _transcript.AuthSize;
            byte[] confirmation = new byte[size];
            Array.Copy(pdu, offset + 1, confirmation, 0, size);
            _transcript.ConfirmationProvisioner = confirmation;
            _transcript.DeriveConfirmationKey();
            byte[] random = new byte[size];
            _context.Random.NextBytes(random, 0, size);
            _transcript.RandomDevice = random;
            _transcript.ConfirmationDevice = _transcript.Confirm(random);

            // §5.4.2.4.2: a provisioner confirmation equal to ours is a reflection.
            if (ConstantTime.AreEqual(confirmation, _transcript.ConfirmationDevice))
            {
                Fail(ProvisioningErrorCode.ConfirmationFailed);
                return;
            }

            _tx[0] = (byte)ProvisioningPduType.Confirmation;
            Array.Copy(_transcript.ConfirmationDevice, 0, _tx, 1, size);
            Send(1 + size);
            _state = DeviceState.ExpectRandom;
        }

        private void OnRandom(byte[] pdu, int offset)
        {
            int size = _transcript.AuthSize;
            if (ConstantTime.AreEqual(pdu, offset + 1, _transcript.RandomDevice, 0, size))
            {
                Fail(ProvisioningErrorCode.ConfirmationFailed);
                return;
            }

            byte[] random = new byte[size];
            Array.Copy(pdu, offset + 1, random, 0, size);
            _transcript.RandomProvisioner = random;
            if (!ConstantTime.AreEqual(_transcript.Confirm(random), _transcript.ConfirmationProvisioner))
            {
                Fail(ProvisioningErrorCode.ConfirmationFailed);
                return;
            }

            _transcript.DeriveSessionKeys();
            _tx[0] = (byte)ProvisioningPduType.Random;
            Array.Copy(_transcript.RandomDevice, 0, _tx, 1, size);
            Send(1 + size);
            _state = DeviceState.ExpectData;
        }

        private void OnData(byte[] pdu, int offset)
        {
            byte[] plain = new byte[ProvisioningData.Length];
            if (!_transcript.TryDecryptProvisioningData(pdu, offset + 1, plain))
            {
                Fail(ProvisioningErrorCode.DecryptionFailed);
                return;
            }

            ProvisioningData data;
            try
            {
                data = ProvisioningData.Parse(plain, 0, plain.Length);
            }
            catch (ProvisioningPduException e)
            {
                Fail(e.ErrorCode);
                return;
            }
            finally
            {
                Array.Clear(plain, 0, plain.Length);
            }

            // §5.4.2.5: the elements take consecutive unicast addresses from the primary one.
            if (data.UnicastAddress + _capabilities.NumberOfElements - 1 > 0x7FFF)
            {
                Fail(ProvisioningErrorCode.CannotAssignAddresses);
                return;
            }

            Data = data;
            DeviceKey = _transcript.DeviceKey;
            _tx[0] = (byte)ProvisioningPduType.Complete;
            Send(1);
            Finish(ProvisioningOutcome.Success);
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

            CancelTimer();
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
            RestartTimer();
            _link.Send(_tx, 0, count);
        }

        private void RestartTimer()
        {
            CancelTimer();
            _timer = _context.Scheduler.Schedule(_context.Settings.ProtocolTimeoutWithOobMs, OnTimeout);
        }

        private void CancelTimer()
        {
            if (_timer != 0)
            {
                _context.Scheduler.Cancel(_timer);
                _timer = 0;
            }
        }

        private void OnTimeout()
        {
            _timer = 0;
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

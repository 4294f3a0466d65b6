using System;
using Gateway.Core.Crypto;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Provisioning
{
    /// <summary>The device's handling of each expected PDU, in protocol order (MshPRT §5.4.2).</summary>
    public sealed partial class DeviceSession
    {
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
    }
}

using System;
using Gateway.Core.Crypto;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Provisioning
{
    /// <summary>The provisioner's handling of each expected PDU, in protocol order (MshPRT §5.4.2).</summary>
    public sealed partial class ProvisionerSession
    {
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
            _timer.Cancel();

            // Store the node before the link closes with success (a reboot must not lose it).
            _events.OnProvisioned(this);
            End(ProvisioningOutcome.Success, ProvisioningErrorCode.Prohibited, null, true, ProvisioningLinkCloseReason.Success);
        }
    }
}

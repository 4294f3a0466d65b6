namespace Gateway.Core.Mesh.Provisioning
{
    /// <summary>
    /// Chooses the Start parameters for a device (MshPRT §5.4.2.3): the strongest algorithm it
    /// offers, an OOB public key when we have one, then the strongest authentication the request
    /// allows: static OOB, output OOB, input OOB, and No OOB last. Output and input prefer the
    /// actions with the most entropy (alphanumeric, numeric) and the largest size the device allows,
    /// against brute force of the AuthValue (CVE-2020-26556/26557).
    /// </summary>
    public static class AuthenticationSelector
    {
        /// <summary>Returns null when no method allowed by the request is offered by the device.</summary>
        public static ProvisioningStart Select(ProvisioningCapabilities caps, ProvisioningRequest request)
        {
            ProvisioningStart start = new ProvisioningStart();
            start.Algorithm = caps.SupportsHmacSha256 && (request.PreferHmacSha256 || !caps.SupportsCmac)
                ? ProvisioningAlgorithm.EcdhP256HmacSha256AesCcm
                : ProvisioningAlgorithm.EcdhP256CmacAes128AesCcm;
            start.OobPublicKey = caps.PublicKeyOobAvailable && request.DevicePublicKey != null;

            if (request.StaticOob != null && caps.StaticOobAvailable)
            {
                start.AuthenticationMethod = AuthenticationMethod.StaticOob;
            }
            else if (request.AllowOutputOob && caps.OutputOobSize > 0 && PickAction(caps.OutputOobAction, OutputPreference) >= 0)
            {
                start.AuthenticationMethod = AuthenticationMethod.OutputOob;
                start.AuthenticationAction = PickAction(caps.OutputOobAction, OutputPreference);
                start.AuthenticationSize = caps.OutputOobSize;
            }
            else if (request.AllowInputOob && caps.InputOobSize > 0 && PickAction(caps.InputOobAction, InputPreference) >= 0)
            {
                start.AuthenticationMethod = AuthenticationMethod.InputOob;
                start.AuthenticationAction = PickAction(caps.InputOobAction, InputPreference);
                start.AuthenticationSize = caps.InputOobSize;
            }
            else if (request.AllowNoOob)
            {
                start.AuthenticationMethod = AuthenticationMethod.NoOob;
            }
            else
            {
                return null;
            }

            return start.IsAllowedBy(caps) ? start : null;
        }

        // Output OOB Action bits (Table 5.25) best first: alphanumeric, numeric, blink, beep, vibrate.
        private static readonly int[] OutputPreference = new int[] { 4, 3, 0, 1, 2 };

        // Input OOB Action bits (Table 5.27) best first: alphanumeric, numeric, push, twist.
        private static readonly int[] InputPreference = new int[] { 3, 2, 0, 1 };

        private static int PickAction(int mask, int[] preference)
        {
            for (int i = 0; i < preference.Length; i++)
            {
                if ((mask & (1 << preference[i])) != 0)
                {
                    return preference[i];
                }
            }

            return -1;
        }

        /// <summary>True when the action is shown or entered as a number of events (blink, beep, vibrate, push, twist).</summary>
        public static bool IsCountAction(AuthenticationMethod method, int action)
        {
            return method == AuthenticationMethod.OutputOob ? action <= 2 : action <= 1;
        }

        /// <summary>True when the action carries an alphanumeric string.</summary>
        public static bool IsAlphanumericAction(AuthenticationMethod method, int action)
        {
            return method == AuthenticationMethod.OutputOob ? action == 4 : action == 3;
        }
    }
}

using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Provisioning
{
    /// <summary>
    /// The value a person reads or enters for Output/Input OOB, in both directions: generating a
    /// random one to show (MshPRT §5.4.2.4: a new random value per attempt, CVE-2020-26556) and
    /// turning what was typed into the AuthValue (§5.4.2.4.1). Shared by both roles.
    /// </summary>
    public static class OobValue
    {
        /// <summary>
        /// A fresh value for <paramref name="method"/>/<paramref name="action"/> with <paramref name="size"/>
        /// digits or characters, as text to show, and its AuthValue of <paramref name="authSize"/> octets.
        /// </summary>
        public static string Generate(IRandom random, AuthenticationMethod method, int action, int size, int authSize, out byte[] authValue)
        {
            if (AuthenticationSelector.IsAlphanumericAction(method, action))
            {
                string text = AuthValue.RandomAlphanumeric(random, size);
                authValue = AuthValue.FromAlphanumeric(text, authSize);
                return text;
            }

            // Counts (blink, beep, vibrate, push, twist) and numbers are 1 … 10^size − 1.
            uint number = AuthValue.RandomNumber(random, size);
            authValue = AuthValue.FromNumber(number, authSize);
            return number.ToString();
        }

        /// <summary>
        /// Encodes what a person typed. False when it does not fit the action (digits for counts and
        /// numbers, 0-9 A-Z for alphanumeric) or is longer than <paramref name="size"/>.
        /// </summary>
        public static bool TryEncode(string value, AuthenticationMethod method, int action, int size, int authSize, out byte[] authValue)
        {
            authValue = null;
            if (value == null || value.Length == 0 || value.Length > size)
            {
                return false;
            }

            if (AuthenticationSelector.IsAlphanumericAction(method, action))
            {
                try
                {
                    authValue = AuthValue.FromAlphanumeric(value, authSize);
                    return true;
                }
                catch (ProtocolFormatException)
                {
                    return false;
                }
            }

            uint number;
            if (!AuthValue.TryParseNumber(value, size, out number))
            {
                return false;
            }

            authValue = AuthValue.FromNumber(number, authSize);
            return true;
        }
    }
}

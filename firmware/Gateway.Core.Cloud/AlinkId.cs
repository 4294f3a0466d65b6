using Gateway.Core.Runtime;

namespace Gateway.Core.Cloud
{
    /// <summary>
    /// Alink message ids. The SDK writes them as quoted decimal strings (iotkit-embedded
    /// awss_registrar.c: <c>"\"%u\""</c>); some senders write a bare number. Both are read, a
    /// string is always written. Anything else (objects, negative or fractional numbers, empty or
    /// over-long strings, characters outside [0-9A-Za-z_-]) is refused so an id can be a log token
    /// and a storage key without escaping.
    /// </summary>
    public static class AlinkId
    {
        public const int MaxLength = PlatformNames.MaxMessageIdLength;

        public static bool IsValid(string id)
        {
            return PlatformNames.IsValidMessageId(id);
        }

        public static string FromDom(object value)
        {
            if (value == null)
            {
                throw new AlinkFormatException("field 'id' is missing");
            }

            if (value is long number)
            {
                if (number < 0)
                {
                    throw new AlinkFormatException("field 'id' must not be negative");
                }

                return number.ToString();
            }

            if (value is string text)
            {
                if (!IsValid(text))
                {
                    throw new AlinkFormatException("field 'id' must be 1..32 characters of [0-9A-Za-z_-]");
                }

                return text;
            }

            throw new AlinkFormatException("field 'id' must be a string or a non-negative integer");
        }
    }
}

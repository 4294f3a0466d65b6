namespace Gateway.Core.Mesh.Config
{
    /// <summary>
    /// Status codes of the Configuration model (MshPRT Table 4.108 "Summary of status codes";
    /// reference/ble-mesh.md §4.5, BlueZ mesh/mesh-defs.h; same order in Nordic's ConfigMessageStatus).
    /// Numeric values are the codes on the air.
    /// </summary>
    public enum ConfigStatusCode
    {
        Success = 0x00,
        InvalidAddress = 0x01,
        InvalidModel = 0x02,
        InvalidAppKeyIndex = 0x03,
        InvalidNetKeyIndex = 0x04,
        InsufficientResources = 0x05,
        KeyIndexAlreadyStored = 0x06,
        InvalidPublishParameters = 0x07,
        NotASubscribeModel = 0x08,
        StorageFailure = 0x09,
        FeatureNotSupported = 0x0A,
        CannotUpdate = 0x0B,
        CannotRemove = 0x0C,
        CannotBind = 0x0D,
        TemporarilyUnableToChangeState = 0x0E,
        CannotSet = 0x0F,
        UnspecifiedError = 0x10,
        InvalidBinding = 0x11,
    }

    /// <summary>Names of the status codes (enum names print as numbers on the device).</summary>
    public static class ConfigStatusCodes
    {
        /// <summary>Highest defined code; anything above is reserved for future use.</summary>
        public const int Highest = 0x11;

        public static bool IsDefined(int code)
        {
            return code >= 0 && code <= Highest;
        }

        public static string Name(int code)
        {
            switch (code)
            {
                case 0x00: return "Success";
                case 0x01: return "Invalid Address";
                case 0x02: return "Invalid Model";
                case 0x03: return "Invalid AppKey Index";
                case 0x04: return "Invalid NetKey Index";
                case 0x05: return "Insufficient Resources";
                case 0x06: return "Key Index Already Stored";
                case 0x07: return "Invalid Publish Parameters";
                case 0x08: return "Not a Subscribe Model";
                case 0x09: return "Storage Failure";
                case 0x0A: return "Feature Not Supported";
                case 0x0B: return "Cannot Update";
                case 0x0C: return "Cannot Remove";
                case 0x0D: return "Cannot Bind";
                case 0x0E: return "Temporarily Unable to Change State";
                case 0x0F: return "Cannot Set";
                case 0x10: return "Unspecified Error";
                case 0x11: return "Invalid Binding";
                default: return "RFU 0x" + code.ToString("x2");
            }
        }
    }
}

using System;
using System.Text;
using Gateway.Core.Runtime;

namespace Gateway.Core.ZeroConfig
{
    /// <summary>
    /// The enrollee's request element, OUI type 0xAA (reference/alibaba-provisioning.md §1.1):
    /// 221 ‖ len ‖ D8-96-E0 ‖ AA ‖ version/devtype ‖ dn_len ‖ DN ‖ frame_type ‖ pk_len ‖ PK ‖
    /// rand_len ‖ random ‖ security ‖ sign_method ‖ sign_len ‖ sign.
    /// One instance is a reusable decoder: <see cref="Decode"/> fills pre-allocated fields, so a
    /// registrar hearing the same enrollee every few seconds allocates nothing until it needs the
    /// names as strings. Limits are the registrar's (iotkit-embedded awss_registrar.c
    /// process_enrollee_ie), plus a character rule for the names, which become JSON values and
    /// the enrollee's own MQTT topic levels.
    /// </summary>
    public sealed class EnrolleeRequestIe
    {
        /// <summary>MAX_DEV_NAME_LEN.</summary>
        public const int MaxDeviceNameLength = 64;

        /// <summary>MAX_PK_LEN.</summary>
        public const int MaxProductKeyLength = 20;

        /// <summary>RANDOM_MAX_LEN: the registrar refuses any other length.</summary>
        public const int RandomLength = 16;

        /// <summary>ENROLLEE_SIGN_SIZE (HMAC-SHA1): the registrar refuses any other length.</summary>
        public const int SignLength = 20;

        /// <summary>AES key per product (ProductSecret): what the SDK always sends (§0 "Security level").</summary>
        public const byte SecurityPerProduct = 3;

        /// <summary>AES key per device (DeviceSecret).</summary>
        public const byte SecurityPerDevice = 4;

        /// <summary>AES key per manufacturer; the highest level the registrar accepts.</summary>
        public const byte SecurityPerManufacturer = 5;

        public const byte SignMethodHmacSha1 = 0;

        public const byte SignMethodHmacSha256 = 1;

        /// <summary>The longest found record: dn_len‖DN‖pk_len‖PK‖rand_len‖random‖security‖sign_method‖sign_len‖sign.</summary>
        public const int MaxRecordLength = 1 + MaxDeviceNameLength + 1 + MaxProductKeyLength + 1 + RandomLength + 3 + SignLength;

        private readonly ByteReader _reader = new ByteReader(new byte[0]);
        private readonly ByteWriter _writer = new ByteWriter(new byte[0], 0, 0);
        private readonly byte[] _deviceName = new byte[MaxDeviceNameLength];
        private readonly byte[] _productKey = new byte[MaxProductKeyLength];
        private readonly byte[] _random = new byte[RandomLength];
        private readonly byte[] _sign = new byte[SignLength];

        /// <summary>True after a successful <see cref="Decode"/>; false after a failed one.</summary>
        public bool IsValid { get; private set; }

        public int DeviceNameLength { get; private set; }

        public int ProductKeyLength { get; private set; }

        /// <summary>3 per product, 4 per device, 5 per manufacturer.</summary>
        public byte Security { get; private set; }

        /// <summary>0 HMAC-SHA1, 1 HMAC-SHA256.</summary>
        public byte SignMethod { get; private set; }

        /// <summary>Decodes a new instance (allocates; for tests and one-off use).</summary>
        public static EnrolleeRequestIe Parse(byte[] element, int offset, int length)
        {
            EnrolleeRequestIe ie = new EnrolleeRequestIe();
            ie.Decode(element, offset, length);
            return ie;
        }

        /// <summary>
        /// Decodes one whole element (from its id octet) and checks every §1.1 limit. Throws
        /// <see cref="ZeroConfigFormatException"/> naming the field; octets past the element's
        /// declared length are not looked at, octets inside it after the signature are an error.
        /// </summary>
        public void Decode(byte[] element, int offset, int length)
        {
            IsValid = false;
            if (element == null || offset < 0 || length < 0 || offset > element.Length - length)
            {
                throw new ZeroConfigFormatException("element window outside its buffer");
            }

            if (!AwssVendorElement.HasType(element, offset, length, AwssVendorElement.OuiTypeEnrollee))
            {
                throw new ZeroConfigFormatException("not an Alibaba enrollee element (id, OUI or OUI type)");
            }

            int declared = element[offset + 1];
            if (declared + 2 > length)
            {
                throw new ZeroConfigFormatException("element length " + declared + " exceeds the " + (length - 2) + " octets received");
            }

            if (declared + 2 < AwssVendorElement.HeaderLength)
            {
                throw new ZeroConfigFormatException("element length " + declared + " ends inside the OUI header");
            }

            _reader.Reset(element, offset + AwssVendorElement.HeaderLength, declared + 2 - AwssVendorElement.HeaderLength);
            byte version = ReadOctet("version");
            if (version != AwssVendorElement.DeviceTypeVersion)
            {
                throw new ZeroConfigFormatException("version/devtype " + version + " is not 1");
            }

            int dnLength = ReadName("device name", "device name length", MaxDeviceNameLength, _deviceName);
            byte frameType = ReadOctet("frame_type");
            if (frameType != AwssVendorElement.EnrolleeFrameType)
            {
                throw new ZeroConfigFormatException("frame_type " + frameType + " is not 0 (enrollee)");
            }

            int pkLength = ReadName("product key", "product key length", MaxProductKeyLength, _productKey);
            byte randomLength = ReadOctet("rand_len");
            if (randomLength != RandomLength)
            {
                throw new ZeroConfigFormatException("rand_len " + randomLength + " is not 16");
            }

            ReadInto("random", _random, RandomLength);
            byte security = ReadOctet("security");
            if (security < SecurityPerProduct || security > SecurityPerManufacturer)
            {
                throw new ZeroConfigFormatException("security " + security + " is outside 3..5");
            }

            byte signMethod = ReadOctet("sign_method");
            if (signMethod > SignMethodHmacSha256)
            {
                throw new ZeroConfigFormatException("sign_method " + signMethod + " is above 1");
            }

            byte signLength = ReadOctet("sign_len");
            if (signLength != SignLength)
            {
                throw new ZeroConfigFormatException("sign_len " + signLength + " is not 20");
            }

            ReadInto("sign", _sign, SignLength);
            if (!_reader.IsEmpty)
            {
                throw new ZeroConfigFormatException(_reader.Remaining + " octets after the signature");
            }

            DeviceNameLength = dnLength;
            ProductKeyLength = pkLength;
            Security = security;
            SignMethod = signMethod;
            IsValid = true;
        }

        /// <summary>Whether the decoded names are <paramref name="productKey"/> and <paramref name="deviceName"/> (no allocation).</summary>
        public bool IsDevice(string productKey, string deviceName)
        {
            return IsValid && SameText(_productKey, ProductKeyLength, productKey) && SameText(_deviceName, DeviceNameLength, deviceName);
        }

        /// <summary>Whether the decoded random equals the 16 octets at <paramref name="offset"/>.</summary>
        public bool HasRandom(byte[] random, int offset)
        {
            CheckValid();
            return ConstantTime.AreEqual(_random, 0, random, offset, RandomLength);
        }

        /// <summary>The DeviceName (allocates a string).</summary>
        public string GetDeviceName()
        {
            CheckValid();
            return Encoding.UTF8.GetString(_deviceName, 0, DeviceNameLength);
        }

        /// <summary>The ProductKey (allocates a string).</summary>
        public string GetProductKey()
        {
            CheckValid();
            return Encoding.UTF8.GetString(_productKey, 0, ProductKeyLength);
        }

        public void CopyRandom(byte[] destination, int offset)
        {
            CheckValid();
            Array.Copy(_random, 0, destination, offset, RandomLength);
        }

        public void CopySign(byte[] destination, int offset)
        {
            CheckValid();
            Array.Copy(_sign, 0, destination, offset, SignLength);
        }

        /// <summary>Length of the found record of the decoded element.</summary>
        public int RecordLength
        {
            get { return 1 + DeviceNameLength + 1 + ProductKeyLength + 1 + RandomLength + 3 + SignLength; }
        }

        /// <summary>
        /// Writes the <c>payload</c> record of thing.awss.enrollee.found (§1.2 row 1): the element body
        /// without header, version and frame_type. Returns the number of octets written.
        /// </summary>
        public int WriteFoundRecord(byte[] output, int offset)
        {
            CheckValid();
            ByteWriter writer = _writer;
            writer.Reset(output, offset, RecordLength);
            writer.WriteByte((byte)DeviceNameLength);
            writer.WriteBytes(_deviceName, 0, DeviceNameLength);
            writer.WriteByte((byte)ProductKeyLength);
            writer.WriteBytes(_productKey, 0, ProductKeyLength);
            writer.WriteByte(RandomLength);
            writer.WriteBytes(_random, 0, RandomLength);
            writer.WriteByte(Security);
            writer.WriteByte(SignMethod);
            writer.WriteByte(SignLength);
            writer.WriteBytes(_sign, 0, SignLength);
            return writer.Length;
        }

        /// <summary>A character of a ProductKey or DeviceName (<see cref="PlatformNames.IsNameCharacter"/>).</summary>
        public static bool IsNameOctet(byte c)
        {
            return PlatformNames.IsNameCharacter(c);
        }

        /// <summary>A ProductKey or DeviceName held as a string (a LAN notice, the stored table): <see cref="PlatformNames.IsValidName"/>.</summary>
        public static bool IsValidName(string name)
        {
            return PlatformNames.IsValidName(name);
        }

        private byte ReadOctet(string field)
        {
            if (_reader.IsEmpty)
            {
                throw new ZeroConfigFormatException("element ends before " + field);
            }

            return _reader.ReadByte();
        }

        private void ReadInto(string field, byte[] destination, int count)
        {
            if (_reader.Remaining < count)
            {
                throw new ZeroConfigFormatException("element ends inside " + field + " (" + count + " octets)");
            }

            _reader.ReadBytes(destination, 0, count);
        }

        // Field names are constants: building them on the happy path would allocate per frame.
        private int ReadName(string field, string lengthField, int maxLength, byte[] destination)
        {
            int length = ReadOctet(lengthField);
            if (length == 0 || length > maxLength)
            {
                throw new ZeroConfigFormatException(field + " length " + length + " is outside 1.." + maxLength);
            }

            ReadInto(field, destination, length);
            for (int i = 0; i < length; i++)
            {
                if (!IsNameOctet(destination[i]))
                {
                    throw new ZeroConfigFormatException(field + " has a character outside printable ASCII at " + i);
                }
            }

            return length;
        }

        private void CheckValid()
        {
            if (!IsValid)
            {
                throw new InvalidOperationException("no element decoded");
            }
        }

        private static bool SameText(byte[] octets, int length, string text)
        {
            if (text == null || text.Length != length)
            {
                return false;
            }

            for (int i = 0; i < length; i++)
            {
                if (octets[i] != text[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Cloud.Registry
{
    /// <summary>A product: ProductKey and ProductSecret (reference/alibaba-provisioning.md §0).</summary>
    public sealed class ProductRecord
    {
        [JsonPropertyName("productKey")]
        public string ProductKey { get; set; }

        [JsonPropertyName("productSecret")]
        public string ProductSecret { get; set; }

        [JsonPropertyName("name")]
        public string Name { get; set; }

        public override string ToString() => ProductKey;
    }

    /// <summary>A device: ProductKey, DeviceName and DeviceSecret.</summary>
    public sealed class DeviceRecord
    {
        [JsonPropertyName("productKey")]
        public string ProductKey { get; set; }

        [JsonPropertyName("deviceName")]
        public string DeviceName { get; set; }

        [JsonPropertyName("deviceSecret")]
        public string DeviceSecret { get; set; }

        public DeviceKey Key => new DeviceKey(ProductKey, DeviceName);

        public override string ToString() => ProductKey + "/" + DeviceName;
    }

    /// <summary>
    /// A Tmall Genie-style mesh device the platform knows (its static OOB value is derived from
    /// these, reference/alibaba-provisioning.md §4): Product ID, MAC (12 hex digits, colons
    /// allowed), DeviceSecret (32 hex digits) and a display name.
    /// </summary>
    public sealed class MeshDeviceEntry
    {
        [JsonPropertyName("productId")]
        public long ProductId { get; set; }

        [JsonPropertyName("mac")]
        public string Mac { get; set; }

        [JsonPropertyName("secret")]
        public string Secret { get; set; }

        [JsonPropertyName("name")]
        public string Name { get; set; }

        /// <summary>The MAC as 6 octets (colons or dashes between pairs are ignored).</summary>
        public byte[] MacBytes() => Core.Runtime.Hex.Decode(Mac.Replace(":", string.Empty).Replace("-", string.Empty));

        public byte[] SecretBytes() => Core.Runtime.Hex.Decode(Secret);

        public override string ToString() => Name ?? Mac;
    }

    /// <summary>
    /// The platform's product and device registry, loaded from a JSON file
    /// (<c>{"products":[…],"devices":[…]}</c>, docs/cloud-protocol.md §Registry file).
    /// </summary>
    public sealed class CloudRegistry
    {
        private readonly Dictionary<string, ProductRecord> _products = new Dictionary<string, ProductRecord>(StringComparer.Ordinal);
        private readonly Dictionary<DeviceKey, DeviceRecord> _devices = new Dictionary<DeviceKey, DeviceRecord>();
        private readonly List<MeshDeviceEntry> _meshDevices = new List<MeshDeviceEntry>();

        public IEnumerable<ProductRecord> Products => _products.Values;

        public IEnumerable<DeviceRecord> Devices => _devices.Values;

        /// <summary>Mesh devices with platform-known static OOB (<c>meshDevices</c> in the file).</summary>
        public IReadOnlyList<MeshDeviceEntry> MeshDevices => _meshDevices;

        public static CloudRegistry LoadFile(string path) => Parse(File.ReadAllText(path));

        public static CloudRegistry Parse(string json)
        {
            RegistryFile file;
            try
            {
                file = JsonSerializer.Deserialize<RegistryFile>(json, new JsonSerializerOptions { ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            }
            catch (JsonException e)
            {
                throw new FormatException("registry file is not valid JSON (line " + e.LineNumber + ")");
            }

            var registry = new CloudRegistry();
            foreach (ProductRecord product in file?.Products ?? new List<ProductRecord>())
            {
                registry.AddProduct(product.ProductKey, product.ProductSecret, product.Name);
            }

            foreach (DeviceRecord device in file?.Devices ?? new List<DeviceRecord>())
            {
                registry.AddDevice(device.ProductKey, device.DeviceName, device.DeviceSecret);
            }

            foreach (MeshDeviceEntry mesh in file?.MeshDevices ?? new List<MeshDeviceEntry>())
            {
                registry.AddMeshDevice(mesh);
            }

            return registry;
        }

        /// <summary>Adds a mesh device entry after checking its fields (Product ID 32 bits, MAC 6 octets, secret 16 octets).</summary>
        public MeshDeviceEntry AddMeshDevice(MeshDeviceEntry entry)
        {
            if (entry == null || entry.ProductId < 0 || entry.ProductId > uint.MaxValue || entry.Mac == null || entry.Secret == null
                || !Core.Runtime.Hex.TryDecode(entry.Mac.Replace(":", string.Empty).Replace("-", string.Empty), out byte[] mac) || mac.Length != 6
                || !Core.Runtime.Hex.TryDecode(entry.Secret, out byte[] secret) || secret.Length != 16)
            {
                throw new FormatException("mesh device entry needs a productId (32 bits), a mac (12 hex digits) and a secret (32 hex digits)");
            }

            _meshDevices.Add(entry);
            return entry;
        }

        public ProductRecord AddProduct(string productKey, string productSecret, string name = null)
        {
            if (!Core.Cloud.DeviceCredentials.IsValidName(productKey) || string.IsNullOrEmpty(productSecret))
            {
                throw new FormatException("product entry needs a valid productKey and a productSecret");
            }

            var record = new ProductRecord { ProductKey = productKey, ProductSecret = productSecret, Name = name };
            _products[productKey] = record;
            return record;
        }

        public DeviceRecord AddDevice(string productKey, string deviceName, string deviceSecret)
        {
            if (!Core.Cloud.DeviceCredentials.IsValidName(productKey) || !Core.Cloud.DeviceCredentials.IsValidName(deviceName) || string.IsNullOrEmpty(deviceSecret))
            {
                throw new FormatException("device entry needs a valid productKey, deviceName and a deviceSecret");
            }

            if (!_products.ContainsKey(productKey))
            {
                throw new FormatException("device " + productKey + "/" + deviceName + " names an unknown product");
            }

            var record = new DeviceRecord { ProductKey = productKey, DeviceName = deviceName, DeviceSecret = deviceSecret };
            _devices[record.Key] = record;
            return record;
        }

        public ProductRecord FindProduct(string productKey) =>
            productKey != null && _products.TryGetValue(productKey, out ProductRecord product) ? product : null;

        public DeviceRecord FindDevice(string productKey, string deviceName) =>
            productKey != null && deviceName != null && _devices.TryGetValue(new DeviceKey(productKey, deviceName), out DeviceRecord device) ? device : null;

        private sealed class RegistryFile
        {
            [JsonPropertyName("products")]
            public List<ProductRecord> Products { get; set; }

            [JsonPropertyName("devices")]
            public List<DeviceRecord> Devices { get; set; }

            [JsonPropertyName("meshDevices")]
            public List<MeshDeviceEntry> MeshDevices { get; set; }
        }
    }
}

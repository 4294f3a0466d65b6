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
    /// The platform's product and device registry, loaded from a JSON file
    /// (<c>{"products":[…],"devices":[…]}</c>, docs/cloud-protocol.md §Registry file).
    /// </summary>
    public sealed class CloudRegistry
    {
        private readonly Dictionary<string, ProductRecord> _products = new Dictionary<string, ProductRecord>(StringComparer.Ordinal);
        private readonly Dictionary<DeviceKey, DeviceRecord> _devices = new Dictionary<DeviceKey, DeviceRecord>();

        public IEnumerable<ProductRecord> Products => _products.Values;

        public IEnumerable<DeviceRecord> Devices => _devices.Values;

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

            return registry;
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
        }
    }
}

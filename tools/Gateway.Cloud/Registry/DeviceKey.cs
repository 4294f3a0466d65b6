namespace Gateway.Cloud.Registry
{
    /// <summary>A device's identity on the platform: ProductKey and DeviceName.</summary>
    public readonly record struct DeviceKey(string ProductKey, string DeviceName)
    {
        /// <summary>The topic prefix this device owns: /sys/{pk}/{dn}/.</summary>
        public string TopicPrefix => "/sys/" + ProductKey + "/" + DeviceName + "/";

        public override string ToString() => ProductKey + "/" + DeviceName;
    }
}

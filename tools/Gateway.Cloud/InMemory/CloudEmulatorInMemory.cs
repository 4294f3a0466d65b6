using Gateway.Cloud.InMemory;

namespace Gateway.Cloud
{
    /// <summary>Wires a <see cref="CloudEmulator"/> into an <see cref="InMemoryMqttBroker"/> (in-process mode).</summary>
    public static class CloudEmulatorInMemory
    {
        /// <summary>Sign-in, topic rule and message intercept become the broker's hooks; down messages are injected.</summary>
        public static void AttachTo(this CloudEmulator emulator, InMemoryMqttBroker broker)
        {
            broker.ConnectValidator = options => emulator.VerifySignIn(options.ClientId, options.UserName, options.Password).Status;
            broker.PublishAuthorizer = emulator.AuthorizePublish;
            broker.SubscribeAuthorizer = emulator.AuthorizeSubscribe;
            broker.PublishObserver = emulator.OnPublish;
            broker.ClientDisconnected = emulator.OnClientDisconnected;
            emulator.Attach(new BrokerTransport(broker));
        }

        private sealed class BrokerTransport : ICloudTransport
        {
            private readonly InMemoryMqttBroker _broker;

            public BrokerTransport(InMemoryMqttBroker broker)
            {
                _broker = broker;
            }

            public void Publish(string topic, byte[] payload) => _broker.Inject(topic, payload);
        }
    }
}

using System;
using Gateway.Core.Crypto;
using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Provisioning
{
    /// <summary>The ports and settings every provisioning session of one gateway (or simulated node) shares.</summary>
    public sealed class ProvisioningContext
    {
        public ProvisioningContext(IScheduler scheduler, IRandom random, IKeyAgreementWorker keyAgreement, IAes128 aes, ILog log, ProvisioningSettings settings)
        {
            if (scheduler == null || random == null || keyAgreement == null || aes == null || log == null)
            {
                throw new ArgumentNullException("scheduler");
            }

            Scheduler = scheduler;
            Random = random;
            KeyAgreement = keyAgreement;
            Crypto = new ProvisioningCrypto(aes);
            Log = log;
            Settings = settings ?? new ProvisioningSettings();
        }

        public IScheduler Scheduler { get; }

        public IRandom Random { get; }

        public IKeyAgreementWorker KeyAgreement { get; }

        public ProvisioningCrypto Crypto { get; }

        public ILog Log { get; }

        public ProvisioningSettings Settings { get; }
    }
}

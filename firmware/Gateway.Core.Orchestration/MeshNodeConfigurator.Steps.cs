using Gateway.Core.Mesh.Config;
using Gateway.Core.Mesh.Database;
using DbComposition = Gateway.Core.Mesh.Database.CompositionData;
using DbElement = Gateway.Core.Mesh.Database.CompositionElement;
using DbPublication = Gateway.Core.Mesh.Database.ModelPublication;

namespace Gateway.Core.Orchestration
{
    /// <summary>The configuration steps, one Configuration message at a time.</summary>
    public sealed partial class MeshNodeConfigurator
    {
        private void OnComposition(Job job, ConfigResult result)
        {
            if (!IsCurrent(job))
            {
                return;
            }

            if (result.Outcome != ConfigOutcome.Answered)
            {
                Finish(job, false, Reason("composition", result));
                return;
            }

            MeshNode node = NodeOf(job);
            byte[] page = result.Status.CompositionData;
            Mesh.Config.CompositionData parsed;
            if (node == null)
            {
                Finish(job, false, "not-a-node");
                return;
            }

            if (page == null || result.Status.Page != 0 || !Mesh.Config.CompositionData.TryParse(page, 0, page.Length, out parsed))
            {
                Finish(job, false, "composition-malformed");
                return;
            }

            // MshPRT §4.2.2.2: one element per provisioned address; another count would move
            // addresses the database has fixed, so the node is refused instead.
            if (parsed.Elements.Length != node.ElementCount)
            {
                Finish(job, false, "composition-element-count");
                return;
            }

            node.ApplyComposition(ToDatabase(parsed));
            MeshAppKey appKey = _store.Current.FindAppKey(job.Plan.AppKeyIndex);
            if (appKey == null)
            {
                Finish(job, false, "appkey-unknown");
                return;
            }

            _client.AddAppKey(job.Address, appKey.BoundNetKey, appKey.Index, appKey.Key, r => OnAppKeyStatus(job, r));
        }

        private void OnAppKeyStatus(Job job, ConfigResult result)
        {
            if (!IsCurrent(job))
            {
                return;
            }

            MeshNode node = NodeOf(job);
            if (!result.Succeeded || node == null)
            {
                Finish(job, false, node == null ? "not-a-node" : Reason("appkey-add", result));
                return;
            }

            node.AddAppKey(job.Plan.AppKeyIndex);
            for (int e = 0; e < node.ElementCount; e++)
            {
                MeshElement element = node.GetElement(e);
                for (int m = 0; m < element.Models.Count; m++)
                {
                    MeshModel model = element.GetModel(m);
                    if (!model.IsVendor && (model.ModelId == ConfigurationServerModel || model.ModelId == HealthServerModel))
                    {
                        continue;
                    }

                    job.Models.Add(new object[] { e, model.ModelId, model.IsVendor });
                }
            }

            job.Next = 0;
            BindNext(job);
        }

        private void BindNext(Job job)
        {
            if (job.Next == job.Models.Count)
            {
                job.Next = 0;
                PublishNext(job);
                return;
            }

            object[] m = (object[])job.Models[job.Next];
            _client.BindModelApp(job.Address, job.Address + (int)m[0], job.Plan.AppKeyIndex, (uint)m[1], (bool)m[2], r => OnBindStatus(job, r));
        }

        private void OnBindStatus(Job job, ConfigResult result)
        {
            if (!IsCurrent(job))
            {
                return;
            }

            MeshNode node = NodeOf(job);
            if (!result.Succeeded || node == null)
            {
                Finish(job, false, node == null ? "not-a-node" : Reason("bind", result));
                return;
            }

            object[] m = (object[])job.Models[job.Next];
            MeshModel model = node.FindModel((int)m[0], (uint)m[1], (bool)m[2]);
            if (model != null)
            {
                model.AddBinding(job.Plan.AppKeyIndex);
            }

            job.Next++;
            BindNext(job);
        }

        private void PublishNext(Job job)
        {
            if (job.Plan.PublishAddress == 0 || job.Next == job.Models.Count)
            {
                Finish(job, true, null);
                return;
            }

            object[] m = (object[])job.Models[job.Next];
            Mesh.Config.ModelPublication p = new Mesh.Config.ModelPublication();
            p.ElementAddress = job.Address + (int)m[0];
            p.PublishAddress = job.Plan.PublishAddress;
            p.AppKeyIndex = job.Plan.AppKeyIndex;
            p.PublishTtl = job.Plan.PublishTtl;
            p.ModelId = (uint)m[1];
            p.IsVendorModel = (bool)m[2];
            _client.SetModelPublication(job.Address, p, r => OnPublicationStatus(job, r));
        }

        private void OnPublicationStatus(Job job, ConfigResult result)
        {
            if (!IsCurrent(job))
            {
                return;
            }

            MeshNode node = NodeOf(job);
            if (!result.Succeeded || node == null)
            {
                Finish(job, false, node == null ? "not-a-node" : Reason("publication", result));
                return;
            }

            object[] m = (object[])job.Models[job.Next];
            MeshModel model = node.FindModel((int)m[0], (uint)m[1], (bool)m[2]);
            if (model != null)
            {
                DbPublication publish = new DbPublication();
                publish.Address = job.Plan.PublishAddress;
                publish.Index = job.Plan.AppKeyIndex;
                publish.Ttl = job.Plan.PublishTtl;
                model.Publish = publish;
            }

            job.Next++;
            PublishNext(job);
        }

        /// <summary>The Configuration client's parse of page 0 as the database's plain holder.</summary>
        private static DbComposition ToDatabase(Mesh.Config.CompositionData page)
        {
            DbComposition c = new DbComposition();
            c.Cid = page.CompanyId;
            c.Pid = page.ProductId;
            c.Vid = page.VersionId;
            c.Crpl = page.Crpl;
            c.Features = page.Features;
            for (int e = 0; e < page.Elements.Length; e++)
            {
                Mesh.Config.CompositionElement source = page.Elements[e];
                uint[] sig = new uint[source.SigModels.Length];
                for (int i = 0; i < sig.Length; i++)
                {
                    sig[i] = (uint)source.SigModels[i];
                }

                c.Elements.Add(new DbElement(source.Location, sig, source.VendorModels));
            }

            return c;
        }
    }
}

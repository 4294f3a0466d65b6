using System;
using System.Collections;
using System.Text;
using Gateway.Core.Runtime;

namespace Gateway.Core.Cloud
{
    /// <summary>
    /// The persistent half of <see cref="CloudLink"/>'s outbox: durable requests without a reply and
    /// the id high-water mark, in one blob replaced atomically (IStorage contract), so a reboot or a
    /// power cut loses no request and never reuses an id the cloud may still answer. Ids are taken
    /// in blocks of <see cref="IdBlock"/>: one write per block, not per request.
    /// Blob: <c>{"v":1,"nextId":N,"requests":[{"id":…,"method":…,"params":…},…]}</c>.
    /// </summary>
    internal sealed class CloudOutbox
    {
        internal const int IdBlock = 64;

        // Ids are decimal strings of an unsigned 32-bit counter, as the SDK prints them ("%u").
        private const long MaxId = 4294967295L;
        private const string Component = "cloud";

        private readonly IStorage _storage;
        private readonly IJsonDom _json;
        private readonly string _blobName;
        private readonly ILog _log;
        private long _nextId;
        private long _highWater;

        internal CloudOutbox(IStorage storage, IJsonDom json, string blobName, ILog log)
        {
            _storage = storage;
            _json = json;
            _blobName = blobName;
            _log = log;
        }

        /// <summary>Reads the blob. Returns the restored requests (oldest first); an unreadable blob starts empty.</summary>
        internal ArrayList Load(IRandom random)
        {
            ArrayList restored = new ArrayList();
            long persistedNext = 0;
            byte[] content;
            try
            {
                if (_storage.TryRead(_blobName, out content))
                {
                    Hashtable root = JsonFields.AsObject(_json.Parse(content, 0, content.Length), "outbox");
                    persistedNext = JsonFields.GetInteger(root, "nextId");
                    ArrayList requests = JsonFields.GetArray(root, "requests");
                    for (int i = 0; i < requests.Count; i++)
                    {
                        try
                        {
                            restored.Add(AlinkRequest.FromDom(requests[i]));
                        }
                        catch (ProtocolFormatException)
                        {
                            Warn("outbox entry " + i + " unreadable, dropped");
                        }
                    }
                }
            }
            catch (Exception)
            {
                // Malformed JSON or a storage error: both leave nothing trustworthy to restore.
                Warn("outbox blob unreadable, starting empty");
                restored.Clear();
                persistedNext = 0;
            }

            if (persistedNext > 0 && persistedNext <= MaxId)
            {
                // Everything below the persisted mark may have been used: continue above it.
                _nextId = persistedNext;
            }
            else
            {
                // First boot or a lost blob: a random start keeps a reset gateway off its old ids.
                _nextId = 1 + random.NextInt(1000000);
            }

            _highWater = _nextId;
            return restored;
        }

        /// <summary>The next id; persists a new high-water mark (with <paramref name="durable"/>) when a block is used up.</summary>
        internal string AllocateId(ArrayList durable)
        {
            if (_nextId > MaxId)
            {
                _nextId = 1;
                _highWater = 1;
            }

            if (_nextId >= _highWater)
            {
                _highWater = _nextId + IdBlock;
                Save(durable);
            }

            long id = _nextId;
            _nextId++;
            return id.ToString();
        }

        /// <summary>Replaces the blob with <paramref name="durable"/> (AlinkRequest items) and the high-water mark.</summary>
        internal void Save(ArrayList durable)
        {
            StringBuilder builder = new StringBuilder(128);
            builder.Append("{\"v\":1,\"nextId\":");
            builder.Append(_highWater);
            builder.Append(",\"requests\":[");
            for (int i = 0; i < durable.Count; i++)
            {
                if (i > 0)
                {
                    builder.Append(',');
                }

                builder.Append(((AlinkRequest)durable[i]).ToJson(_json));
            }

            builder.Append("]}");
            try
            {
                _storage.Write(_blobName, Encoding.UTF8.GetBytes(builder.ToString()));
            }
            catch (Exception e)
            {
                // The in-memory outbox still works; only a reboot before the next save would lose entries.
                if (_log.IsEnabled(LogLevel.Error))
                {
                    _log.Write(LogLevel.Error, Component, "outbox write failed: " + ((object)e).GetType().Name);
                }
            }
        }

        private void Warn(string message)
        {
            if (_log.IsEnabled(LogLevel.Warning))
            {
                _log.Write(LogLevel.Warning, Component, message);
            }
        }
    }
}

using System.Collections.Generic;
using Gateway.Core.Runtime;

namespace Gateway.Core.Tests.Scenarios
{
    /// <summary>An <see cref="IStorage"/> that notes every write (name and content, null for a delete) before passing it on.</summary>
    internal sealed class RecordingStorage : IStorage
    {
        private readonly IStorage _inner;

        public RecordingStorage(IStorage inner)
        {
            _inner = inner;
        }

        public List<(string Name, byte[] Content)> Writes { get; } = new();

        public bool TryRead(string name, out byte[] content) => _inner.TryRead(name, out content);

        public void Write(string name, byte[] content)
        {
            Writes.Add((name, (byte[])content.Clone()));
            _inner.Write(name, content);
        }

        public void Delete(string name)
        {
            Writes.Add((name, null));
            _inner.Delete(name);
        }

        public string[] List() => _inner.List();

        /// <summary>The content of <paramref name="name"/> after the first <paramref name="count"/> writes (null: absent).</summary>
        public byte[] ContentAfter(string name, int count)
        {
            byte[] content = null;
            for (int i = 0; i < count && i < Writes.Count; i++)
            {
                if (Writes[i].Name == name)
                {
                    content = Writes[i].Content;
                }
            }

            return content;
        }
    }
}

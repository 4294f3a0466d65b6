using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Database
{
    /// <summary>
    /// A Mesh Configuration Database document that cannot be used: not JSON, a required field
    /// missing, a value of the wrong type, format or range, or contradicting values (overlapping
    /// nodes, duplicate key indexes). <see cref="Path"/> names the JSON path of the offending value
    /// ("$.nodes[2].deviceKey"); the message never quotes the value, which may be a key.
    /// </summary>
    public class CdbFormatException : ProtocolFormatException
    {
        public CdbFormatException(string path, string message)
            : base(path + ": " + message)
        {
            Path = path;
        }

        /// <summary>JSON path of the value at fault; "$" for the whole document.</summary>
        public string Path { get; }
    }
}

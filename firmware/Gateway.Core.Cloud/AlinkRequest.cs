using System;
using System.Collections;
using System.Text;
using Gateway.Core.Runtime;

namespace Gateway.Core.Cloud
{
    /// <summary>
    /// An Alink request: <c>{"id":"&lt;n&gt;","version":"1.0","method":"&lt;m&gt;","params":{…}}</c>
    /// (reference/alibaba-provisioning.md §0, iotkit-embedded awss_packet.h AWSS_REQ_FMT).
    /// <see cref="Params"/> is a JSON object (<see cref="Hashtable"/>) or array (<see cref="ArrayList"/>).
    /// </summary>
    public sealed class AlinkRequest
    {
        public const string Version10 = "1.0";

        public AlinkRequest(string id, string method, object parameters)
            : this(id, Version10, method, parameters)
        {
        }

        public AlinkRequest(string id, string version, string method, object parameters)
        {
            if (!AlinkId.IsValid(id))
            {
                throw new ArgumentException("not a valid Alink id", "id");
            }

            if (!TopicBuilder.IsValidMethod(method))
            {
                throw new ArgumentException("not a valid Alink method", "method");
            }

            if (!(parameters is Hashtable) && !(parameters is ArrayList))
            {
                throw new ArgumentException("params must be a Hashtable or an ArrayList", "parameters");
            }

            Id = id;
            Version = version == null ? Version10 : version;
            Method = method;
            Params = parameters;
        }

        public string Id { get; }

        public string Version { get; }

        public string Method { get; }

        /// <summary>The params value: a <see cref="Hashtable"/> or an <see cref="ArrayList"/>.</summary>
        public object Params { get; }

        /// <summary>The params as an object, or an <see cref="AlinkFormatException"/> when they are an array.</summary>
        public Hashtable ParamsObject
        {
            get
            {
                if (Params is Hashtable table)
                {
                    return table;
                }

                throw new AlinkFormatException("params must be a JSON object for " + Method);
            }
        }

        /// <summary>Parses and validates an envelope from UTF-8 JSON.</summary>
        public static AlinkRequest Decode(IJsonDom json, byte[] payload, int offset, int count)
        {
            return FromDom(json.Parse(payload, offset, count));
        }

        /// <summary>Validates a parsed document as a request envelope.</summary>
        public static AlinkRequest FromDom(object document)
        {
            if (!(document is Hashtable root))
            {
                throw new AlinkFormatException("a request must be a JSON object");
            }

            string id = AlinkId.FromDom(root["id"]);
            object method = root["method"];
            if (method == null)
            {
                throw new AlinkFormatException("field 'method' is missing");
            }

            if (!(method is string methodName) || !TopicBuilder.IsValidMethod(methodName))
            {
                throw new AlinkFormatException("field 'method' must be an Alink method name");
            }

            // The version is optional on input: replies echo no version and some senders omit it.
            string version = Version10;
            object versionValue = root["version"];
            if (versionValue != null)
            {
                if (!(versionValue is string versionText) || versionText.Length == 0 || versionText.Length > 16)
                {
                    throw new AlinkFormatException("field 'version' must be a short string");
                }

                version = versionText;
            }

            object parameters = root["params"];
            if (parameters == null)
            {
                throw new AlinkFormatException("field 'params' is missing");
            }

            if (!(parameters is Hashtable) && !(parameters is ArrayList))
            {
                throw new AlinkFormatException("field 'params' must be an object or an array");
            }

            return new AlinkRequest(id, version, methodName, parameters);
        }

        /// <summary>UTF-8 JSON with the fields in the documented order.</summary>
        public byte[] Encode(IJsonDom json)
        {
            return Encoding.UTF8.GetBytes(ToJson(json));
        }

        public string ToJson(IJsonDom json)
        {
            StringBuilder builder = new StringBuilder(96);
            builder.Append("{\"id\":");
            JsonWriter.AppendString(builder, Id);
            builder.Append(",\"version\":");
            JsonWriter.AppendString(builder, Version);
            builder.Append(",\"method\":");
            JsonWriter.AppendString(builder, Method);
            builder.Append(",\"params\":");
            builder.Append(json.Write(Params));
            builder.Append('}');
            return builder.ToString();
        }

        public override string ToString()
        {
            return Method + "#" + Id;
        }
    }
}

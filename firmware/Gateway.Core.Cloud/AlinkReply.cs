using System;
using System.Collections;
using System.Text;
using Gateway.Core.Runtime;

namespace Gateway.Core.Cloud
{
    /// <summary>
    /// An Alink reply: <c>{"id":"&lt;n&gt;","code":200,"data":{…}}</c> with an optional
    /// <c>"message"</c> (reference/alibaba-provisioning.md §0, iotkit-embedded AWSS_ACK_FMT).
    /// <see cref="Data"/> is any JSON value: found_reply carries an array, cipher/get_reply an object.
    /// </summary>
    public sealed class AlinkReply
    {
        public AlinkReply(string id, int code, object data)
            : this(id, code, data, null)
        {
        }

        public AlinkReply(string id, int code, object data, string message)
        {
            if (!AlinkId.IsValid(id))
            {
                throw new ArgumentException("not a valid Alink id", "id");
            }

            Id = id;
            Code = code;
            Data = data;
            Message = message;
        }

        public string Id { get; }

        public int Code { get; }

        /// <summary>The data value; null when the reply had none.</summary>
        public object Data { get; }

        /// <summary>Optional human-readable reason; null when absent.</summary>
        public string Message { get; }

        public bool IsSuccess
        {
            get { return Code == AlinkCodes.Success; }
        }

        /// <summary>The data as an object, or an <see cref="AlinkFormatException"/>.</summary>
        public Hashtable DataObject
        {
            get
            {
                if (Data is Hashtable table)
                {
                    return table;
                }

                throw new AlinkFormatException("field 'data' must be a JSON object");
            }
        }

        public static AlinkReply Decode(IJsonDom json, byte[] payload, int offset, int count)
        {
            return FromDom(json.Parse(payload, offset, count));
        }

        public static AlinkReply FromDom(object document)
        {
            if (!(document is Hashtable root))
            {
                throw new AlinkFormatException("a reply must be a JSON object");
            }

            string id = AlinkId.FromDom(root["id"]);
            object code = root["code"];
            if (code == null)
            {
                throw new AlinkFormatException("field 'code' is missing");
            }

            if (!(code is long codeValue) || codeValue < int.MinValue || codeValue > int.MaxValue)
            {
                throw new AlinkFormatException("field 'code' must be an integer");
            }

            string message = null;
            object messageValue = root["message"];
            if (messageValue != null)
            {
                if (!(messageValue is string text))
                {
                    throw new AlinkFormatException("field 'message' must be a string");
                }

                message = text;
            }

            return new AlinkReply(id, (int)codeValue, root["data"], message);
        }

        public byte[] Encode(IJsonDom json)
        {
            return Encoding.UTF8.GetBytes(ToJson(json));
        }

        /// <summary>UTF-8 JSON; a null <see cref="Data"/> is written as <c>{}</c> like the SDK does.</summary>
        public string ToJson(IJsonDom json)
        {
            StringBuilder builder = new StringBuilder(64);
            builder.Append("{\"id\":");
            JsonWriter.AppendString(builder, Id);
            builder.Append(",\"code\":");
            builder.Append(Code);
            builder.Append(",\"data\":");
            builder.Append(Data == null ? "{}" : json.Write(Data));
            if (Message != null)
            {
                builder.Append(",\"message\":");
                JsonWriter.AppendString(builder, Message);
            }

            builder.Append('}');
            return builder.ToString();
        }

        public override string ToString()
        {
            return "reply#" + Id + " code " + Code;
        }
    }
}

using System;
using System.Collections;
using System.IO;
using System.Text;
using Gateway.Core.Mesh.Database;
using Gateway.Core.Runtime;
using Gateway.Core.Tests.Build;

namespace Gateway.Core.Tests.Mesh.Database
{
    /// <summary>
    /// The CDB example of reference/ble-mesh.md §5 and helpers shared by the database tests. The
    /// example is read from the reference document when it is there (GATEWAY_SHARED_DIR or
    /// &lt;repo&gt;/../shared); <see cref="EmbeddedExample"/> is a verbatim copy so the tests also
    /// run without it, and a test holds the copy equal to the document.
    /// </summary>
    internal static class CdbSamples
    {
        public const string EmbeddedExample = @"{
  ""$schema"": ""http://json-schema.org/draft-04/schema#"",
  ""id"": ""https://www.bluetooth.com/specifications/specs/mesh-cdb-1-0-1-schema.json#"",
  ""version"": ""1.0.1"",
  ""meshUUID"": ""5F1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D"",
  ""meshName"": ""Home"",
  ""timestamp"": ""2024-05-01T12:00:00Z"",
  ""partial"": false,
  ""provisioners"": [
    {
      ""provisionerName"": ""ESP32 Gateway"",
      ""UUID"": ""A1B2C3D4-E5F6-4789-8ABC-DEF012345678"",
      ""allocatedUnicastRange"": [ { ""lowAddress"": ""0001"", ""highAddress"": ""7FFF"" } ],
      ""allocatedGroupRange"":   [ { ""lowAddress"": ""C000"", ""highAddress"": ""CFFF"" } ],
      ""allocatedSceneRange"":   [ { ""firstScene"": ""0001"", ""lastScene"": ""0FFF"" } ]
    }
  ],
  ""netKeys"": [
    { ""name"": ""Primary"", ""index"": 0, ""key"": ""EFB2255E6422D330088E09BB015ED707"",
      ""phase"": 0, ""minSecurity"": ""insecure"", ""timestamp"": ""2024-05-01T12:00:00Z"" }
  ],
  ""appKeys"": [
    { ""name"": ""Home App"", ""index"": 0, ""boundNetKey"": 0, ""key"": ""63964771734FBD76E3B40519D1D94A48"" }
  ],
  ""nodes"": [
    {
      ""UUID"": ""A1B2C3D4-E5F6-4789-8ABC-DEF012345678"",
      ""unicastAddress"": ""0001"",
      ""deviceKey"": ""9D6DD0E96EB25DC19A40ED9914F8F03F"",
      ""security"": ""secure"",
      ""netKeys"": [ { ""index"": 0, ""updated"": false } ],
      ""appKeys"": [ { ""index"": 0, ""updated"": false } ],
      ""configComplete"": true,
      ""name"": ""ESP32 Gateway"",
      ""elements"": [ { ""name"": ""Primary"", ""index"": 0, ""location"": ""0000"",
        ""models"": [ { ""modelId"": ""0001"", ""bind"": [], ""subscribe"": [] },
                    { ""modelId"": ""1001"", ""bind"": [0], ""subscribe"": [] } ] } ],
      ""excluded"": false
    },
    {
      ""UUID"": ""70CF7C97-32A3-45B6-9149-4810D2E9CBF4"",
      ""unicastAddress"": ""0B0C"",
      ""deviceKey"": ""0520ADAD5E0142AA3E325087B4EC16D8"",
      ""security"": ""insecure"",
      ""netKeys"": [ { ""index"": 0, ""updated"": false } ],
      ""appKeys"": [ { ""index"": 0, ""updated"": false } ],
      ""configComplete"": true,
      ""name"": ""Kitchen Light"",
      ""cid"": ""000C"", ""pid"": ""001A"", ""vid"": ""0001"", ""crpl"": ""0008"",
      ""features"": { ""relay"": 1, ""proxy"": 1, ""friend"": 0, ""lowPower"": 2 },
      ""secureNetworkBeacon"": true,
      ""defaultTTL"": 5,
      ""networkTransmit"": { ""count"": 2, ""interval"": 20 },
      ""relayRetransmit"": { ""count"": 2, ""interval"": 20 },
      ""elements"": [ { ""name"": ""Main"", ""index"": 0, ""location"": ""0100"",
        ""models"": [
          { ""modelId"": ""0000"", ""bind"": [], ""subscribe"": [] },
          { ""modelId"": ""1000"", ""bind"": [0], ""subscribe"": [""C000""],
            ""publish"": { ""address"": ""C001"", ""index"": 0, ""ttl"": 255,
              ""period"": { ""numberOfSteps"": 0, ""resolution"": 100 },
              ""credentials"": 0, ""retransmit"": { ""count"": 0, ""interval"": 50 } } },
          { ""modelId"": ""003F002A"", ""bind"": [0], ""subscribe"": [] } ] } ],
      ""excluded"": false
    }
  ],
  ""groups"": [ { ""name"": ""Kitchen"", ""address"": ""C000"", ""parentAddress"": ""0000"" },
              { ""name"": ""Kitchen status"", ""address"": ""C001"", ""parentAddress"": ""0000"" } ],
  ""scenes"": []
}
";

        /// <summary>Provisioner UUID of the example ("ESP32 Gateway"), also its node's UUID.</summary>
        public static readonly byte[] ExampleProvisionerUuid = Convert.FromHexString("A1B2C3D4E5F647898ABCDEF012345678");

        /// <summary>The example's JSON block cut from ble-mesh.md §5, or null when the document is not reachable.</summary>
        public static string ReadReferenceExample(out string looked)
        {
            string shared = Environment.GetEnvironmentVariable(RepoPaths.SharedDirVariable);
            string folder = !string.IsNullOrEmpty(shared) ? shared : Path.GetFullPath(Path.Combine(RepoPaths.RepoRoot, "..", "shared"));
            string file = Path.Combine(folder, "reference", "ble-mesh.md");
            looked = file;
            if (!File.Exists(file))
            {
                return null;
            }

            string text = File.ReadAllText(file);
            int section = text.IndexOf("## 5. Mesh Configuration Database", StringComparison.Ordinal);
            int start = text.IndexOf("```json\n", section, StringComparison.Ordinal) + "```json\n".Length;
            int end = text.IndexOf("```", start, StringComparison.Ordinal);
            return text.Substring(start, end - start);
        }

        /// <summary>The example from the document when reachable, else the embedded copy.</summary>
        public static string Example()
        {
            string looked;
            return ReadReferenceExample(out looked) ?? EmbeddedExample;
        }

        public static byte[] Utf8(string text)
        {
            return Encoding.UTF8.GetBytes(text);
        }

        public static MeshDatabase Parse(string json)
        {
            byte[] bytes = Utf8(json);
            return CdbImporter.Parse(bytes, 0, bytes.Length, MeshDatabaseStore.DefaultMaxBlobBytes);
        }

        public static object Dom(string json)
        {
            return new JsonDom(1 << 20, 64).Parse(json);
        }

        /// <summary>Structural equality of two parsed documents; <paramref name="difference"/> names the first JSON path that differs.</summary>
        public static bool DeepEqual(object a, object b, string path, out string difference)
        {
            difference = null;
            if (a is Hashtable ta && b is Hashtable tb)
            {
                foreach (DictionaryEntry e in ta)
                {
                    if (!tb.Contains(e.Key))
                    {
                        difference = path + "." + e.Key + " missing on the right";
                        return false;
                    }

                    if (!DeepEqual(e.Value, tb[e.Key], path + "." + e.Key, out difference))
                    {
                        return false;
                    }
                }

                foreach (DictionaryEntry e in tb)
                {
                    if (!ta.Contains(e.Key))
                    {
                        difference = path + "." + e.Key + " missing on the left";
                        return false;
                    }
                }

                return true;
            }

            if (a is ArrayList la && b is ArrayList lb)
            {
                if (la.Count != lb.Count)
                {
                    difference = path + " has " + la.Count + " vs " + lb.Count + " items";
                    return false;
                }

                for (int i = 0; i < la.Count; i++)
                {
                    if (!DeepEqual(la[i], lb[i], path + "[" + i + "]", out difference))
                    {
                        return false;
                    }
                }

                return true;
            }

            if (Equals(a, b))
            {
                return true;
            }

            difference = path + ": " + a + " vs " + b;
            return false;
        }

        /// <summary>Follows a path like "nodes[0].unicastAddress" in a parsed document.</summary>
        public static object At(object document, string path)
        {
            object current = document;
            foreach (string part in path.Split('.'))
            {
                string name = part;
                int bracket = part.IndexOf('[');
                string indexes = string.Empty;
                if (bracket >= 0)
                {
                    name = part.Substring(0, bracket);
                    indexes = part.Substring(bracket);
                }

                if (name.Length > 0)
                {
                    current = ((Hashtable)current)[name];
                }

                while (indexes.Length > 0)
                {
                    int close = indexes.IndexOf(']');
                    current = ((ArrayList)current)[int.Parse(indexes.Substring(1, close - 1))];
                    indexes = indexes.Substring(close + 1);
                }
            }

            return current;
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Gateway.Core.Tests.Build
{
    /// <summary>
    /// The public API of the nanoFramework stable assemblies, parsed from the lists in
    /// shared/reference/nanoframework-api (format: that folder's README.md). Members are keyed by
    /// kind, name and normalised parameter types, so that "String vs string", "Int32 vs int",
    /// nullable annotations, parameter names, default values and params do not matter, but the
    /// overload does (WaitOne(int) is not WaitOne(int, bool)). Lines with a type parameter are
    /// unavailable: the 1.x runtime has no generics.
    /// </summary>
    internal sealed class DeviceApi
    {
        private readonly Dictionary<string, DeviceType> _types = new Dictionary<string, DeviceType>(StringComparer.Ordinal);
        private readonly HashSet<string> _genericTypes = new HashSet<string>(StringComparer.Ordinal);

        private DeviceApi(IEnumerable<string> sources)
        {
            Sources = sources.ToArray();
        }

        /// <summary>The list files (assembly names) this API was built from.</summary>
        public string[] Sources { get; }

        public int TypeCount
        {
            get { return _types.Count; }
        }

        public int MemberCount
        {
            get { return _types.Values.Sum(t => t.Members.Count); }
        }

        /// <summary>Loads &lt;folder&gt;/&lt;assembly&gt;.txt for each assembly; throws when one has no list.</summary>
        public static DeviceApi Load(string folder, IEnumerable<string> assemblyNames)
        {
            string[] names = assemblyNames.ToArray();
            DeviceApi api = new DeviceApi(names);
            foreach (string name in names)
            {
                string file = Path.Combine(folder, name + ".txt");
                if (!File.Exists(file))
                {
                    throw new FileNotFoundException("no API list for referenced assembly '" + name + "' in " + folder, file);
                }

                api.Add(File.ReadAllLines(file));
            }

            return api;
        }

        /// <summary>Builds an API from list lines (for tests of the checker itself).</summary>
        public static DeviceApi Parse(string name, params string[] lines)
        {
            DeviceApi api = new DeviceApi(new[] { name });
            api.Add(lines);
            return api;
        }

        public DeviceType FindType(string fullName)
        {
            DeviceType type;
            return _types.TryGetValue(fullName, out type) ? type : null;
        }

        public bool IsListedOnlyAsGeneric(string fullName)
        {
            return _genericTypes.Contains(fullName);
        }

        /// <summary>The device type's base types, resolved by name within the lists (unknown bases are skipped).</summary>
        public IEnumerable<DeviceType> BaseTypes(DeviceType type)
        {
            HashSet<string> seen = new HashSet<string>();
            Queue<DeviceType> queue = new Queue<DeviceType>();
            queue.Enqueue(type);
            while (queue.Count > 0)
            {
                DeviceType current = queue.Dequeue();
                foreach (string baseName in current.BaseNames)
                {
                    DeviceType resolved = Resolve(baseName, current.Namespace);
                    if (resolved != null && seen.Add(resolved.FullName))
                    {
                        yield return resolved;
                        queue.Enqueue(resolved);
                    }
                }
            }
        }
        private DeviceType Resolve(string name, string fromNamespace)
        {
            string simple = name.Trim();
            DeviceType exact = FindType(simple) ?? FindType(fromNamespace + "." + simple) ?? FindType("System." + simple);
            if (exact != null)
            {
                return exact;
            }

            return _types.Values.FirstOrDefault(t => t.Name == ApiListSyntax.NormalizeTypeName(simple));
        }

        private void Add(IEnumerable<string> lines)
        {
            foreach (string raw in lines)
            {
                // Comments, blank lines and the continuation lines of long enum values.
                if (raw.Length == 0 || raw[0] == '#' || char.IsWhiteSpace(raw[0]))
                {
                    continue;
                }

                int member = raw.IndexOf(" :: ", StringComparison.Ordinal);
                if (member > 0)
                {
                    AddMember(raw.Substring(0, member), raw.Substring(member + 4).Trim());
                }
                else
                {
                    AddType(raw);
                }
            }
        }

        private void AddType(string line)
        {
            int colon = line.IndexOf(" : ", StringComparison.Ordinal);
            if (colon < 0)
            {
                return;
            }

            string name = line.Substring(0, colon).Trim();
            if (name.IndexOf('<') >= 0)
            {
                _genericTypes.Add(name.Substring(0, name.IndexOf('<')));
                return;
            }

            string rest = line.Substring(colon + 3).Trim();
            string[] words = rest.Split(' ');
            int k = 0;
            while (k < words.Length && ApiListSyntax.Modifiers.Contains(words[k]))
            {
                k++;
            }

            string kind = k < words.Length ? words[k] : "class";
            DeviceType type = GetOrAdd(name, kind);
            if (kind == "delegate")
            {
                int open = rest.IndexOf('(');
                int close = rest.LastIndexOf(')');
                string parameters = open >= 0 && close > open ? rest.Substring(open + 1, close - open - 1) : string.Empty;
                string key = ApiListSyntax.MethodKey("Invoke", parameters);
                if (key != null)
                {
                    type.Members.Add(key);
                }

                return;
            }

            int bases = rest.IndexOf(" : ", StringComparison.Ordinal);
            if (bases >= 0)
            {
                foreach (string b in ApiListSyntax.SplitTopLevel(rest.Substring(bases + 3)))
                {
                    type.BaseNames.Add(b.Trim());
                }
            }
        }

        private DeviceType GetOrAdd(string name, string kind)
        {
            DeviceType type;
            if (!_types.TryGetValue(name, out type))
            {
                type = new DeviceType(name);
                _types.Add(name, type);
            }

            if (kind != null)
            {
                type.Kind = kind;
            }

            return type;
        }

        private void AddMember(string typeName, string text)
        {
            if (typeName.IndexOf('<') >= 0)
            {
                return;
            }

            DeviceType type = GetOrAdd(typeName, null);
            string key = ApiListSyntax.MemberKey(type.Kind == "enum", text);
            if (key == null)
            {
                return;
            }

            type.Members.Add(key);
            type.Details[key] = ApiListSyntax.MemberDetails(type.Kind == "enum", text);
            if (key.StartsWith("P:", StringComparison.Ordinal) && text.IndexOf('{') >= 0)
            {
                string accessors = text.Substring(text.IndexOf('{'));
                type.GetOnly[key] = accessors.IndexOf(" set;", StringComparison.Ordinal) < 0 || accessors.Contains("private set;");
            }
        }
    }
}

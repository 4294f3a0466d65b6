using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

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
        private static readonly HashSet<string> Modifiers = new HashSet<string>
        {
            "public", "protected", "internal", "private", "static", "virtual", "override", "abstract", "sealed",
            "readonly", "const", "new", "extern", "unsafe", "volatile", "partial", "ref",
        };

        private static readonly Dictionary<string, string> Keywords = new Dictionary<string, string>
        {
            { "bool", "Boolean" }, { "byte", "Byte" }, { "sbyte", "SByte" }, { "char", "Char" }, { "short", "Int16" },
            { "ushort", "UInt16" }, { "int", "Int32" }, { "uint", "UInt32" }, { "long", "Int64" }, { "ulong", "UInt64" },
            { "float", "Single" }, { "double", "Double" }, { "decimal", "Decimal" }, { "string", "String" },
            { "object", "Object" }, { "void", "Void" }, { "nint", "IntPtr" }, { "nuint", "UIntPtr" },
        };

        private static readonly Dictionary<string, string> UnaryOperators = new Dictionary<string, string>
        {
            { "+", "op_UnaryPlus" }, { "-", "op_UnaryNegation" }, { "!", "op_LogicalNot" }, { "~", "op_OnesComplement" },
            { "++", "op_Increment" }, { "--", "op_Decrement" }, { "true", "op_True" }, { "false", "op_False" },
        };

        private static readonly Dictionary<string, string> BinaryOperators = new Dictionary<string, string>
        {
            { "+", "op_Addition" }, { "-", "op_Subtraction" }, { "*", "op_Multiply" }, { "/", "op_Division" },
            { "%", "op_Modulus" }, { "&", "op_BitwiseAnd" }, { "|", "op_BitwiseOr" }, { "^", "op_ExclusiveOr" },
            { "<<", "op_LeftShift" }, { ">>", "op_RightShift" }, { "==", "op_Equality" }, { "!=", "op_Inequality" },
            { "<", "op_LessThan" }, { ">", "op_GreaterThan" }, { "<=", "op_LessThanOrEqual" }, { ">=", "op_GreaterThanOrEqual" },
        };

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

        /// <summary>Normalises a parameter type as written in a list or by Roslyn: "string?" → "String", "System.Object[]" → "Object[]".</summary>
        public static string NormalizeTypeName(string type)
        {
            string t = type.Replace("?", string.Empty).Trim();
            string suffix = string.Empty;
            while (t.EndsWith("[]", StringComparison.Ordinal))
            {
                suffix += "[]";
                t = t.Substring(0, t.Length - 2);
            }

            int dot = t.LastIndexOf('.');
            if (dot >= 0)
            {
                t = t.Substring(dot + 1);
            }

            string mapped;
            return (Keywords.TryGetValue(t, out mapped) ? mapped : t) + suffix;
        }

        private DeviceType Resolve(string name, string fromNamespace)
        {
            string simple = name.Trim();
            DeviceType exact = FindType(simple) ?? FindType(fromNamespace + "." + simple) ?? FindType("System." + simple);
            if (exact != null)
            {
                return exact;
            }

            return _types.Values.FirstOrDefault(t => t.Name == NormalizeTypeName(simple));
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
            while (k < words.Length && Modifiers.Contains(words[k]))
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
                string key = MethodKey("Invoke", parameters);
                if (key != null)
                {
                    type.Members.Add(key);
                }

                return;
            }

            int bases = rest.IndexOf(" : ", StringComparison.Ordinal);
            if (bases >= 0)
            {
                foreach (string b in SplitTopLevel(rest.Substring(bases + 3)))
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
            string key = MemberKey(type, text);
            if (key == null)
            {
                return;
            }

            type.Members.Add(key);
            if (key.StartsWith("P:", StringComparison.Ordinal) && text.IndexOf('{') >= 0)
            {
                string accessors = text.Substring(text.IndexOf('{'));
                type.GetOnly[key] = accessors.IndexOf(" set;", StringComparison.Ordinal) < 0 || accessors.Contains("private set;");
            }
        }

        /// <summary>The key of one member line, or null when it is unavailable (a type parameter) or not understood.</summary>
        private static string MemberKey(DeviceType type, string text)
        {
            string[] words = text.Split(' ');
            int k = 0;
            while (k < words.Length && Modifiers.Contains(words[k]))
            {
                k++;
            }

            string rest = string.Join(" ", words.Skip(k));
            if (type.Kind == "enum")
            {
                int eq = rest.IndexOf('=');
                return "F:" + (eq >= 0 ? rest.Substring(0, eq) : rest).Trim();
            }

            if (rest.StartsWith(".ctor(", StringComparison.Ordinal))
            {
                return MethodKey(".ctor", Between(rest, '(', ')'));
            }

            if (rest.StartsWith("field ", StringComparison.Ordinal) || rest.StartsWith("event ", StringComparison.Ordinal))
            {
                string[] parts = rest.Substring(6).Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
                return parts.Length < 2 || parts[0].IndexOf('<') >= 0 ? null : (rest[0] == 'f' ? "F:" : "E:") + parts[1].TrimEnd(';');
            }

            if (rest.StartsWith("implicit operator ", StringComparison.Ordinal) || rest.StartsWith("explicit operator ", StringComparison.Ordinal))
            {
                string afterOperator = rest.Substring("implicit operator ".Length);
                string target = afterOperator.Substring(0, afterOperator.IndexOf('(')).Trim();
                string key = MethodKey(rest[0] == 'i' ? "op_Implicit" : "op_Explicit", Between(rest, '(', ')'));
                return key == null ? null : key + "->" + NormalizeTypeName(target);
            }

            if (rest.StartsWith("operator ", StringComparison.Ordinal))
            {
                string afterOperator = rest.Substring("operator ".Length);
                int open = afterOperator.IndexOf('(');
                string[] head = afterOperator.Substring(0, open).Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
                string parameters = Between(afterOperator, '(', ')');
                int count = SplitTopLevel(parameters).Count;
                string symbol = head[head.Length - 1];
                string name;
                if (!(count == 1 ? UnaryOperators : BinaryOperators).TryGetValue(symbol, out name))
                {
                    return null;
                }

                return MethodKey(name, parameters);
            }

            int thisIndex = rest.IndexOf(" this[", StringComparison.Ordinal);
            if (thisIndex >= 0)
            {
                return IndexerKey(rest.Substring(thisIndex + 6, rest.LastIndexOf(']') - thisIndex - 6));
            }

            int brace = rest.IndexOf('{');
            int paren = rest.IndexOf('(');
            if (brace >= 0 && (paren < 0 || brace < paren))
            {
                string[] head = rest.Substring(0, brace).Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
                return head.Length < 2 || head[0].IndexOf('<') >= 0 ? null : "P:" + head[head.Length - 1];
            }

            if (paren > 0)
            {
                string[] head = rest.Substring(0, paren).Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
                string name = head[head.Length - 1];
                if (name.IndexOf('<') >= 0 || head[0].IndexOf('<') >= 0)
                {
                    return null;
                }

                return MethodKey(name, Between(rest, '(', ')'));
            }

            return null;
        }

        private static string Between(string text, char open, char close)
        {
            int start = text.IndexOf(open);
            int end = text.LastIndexOf(close);
            return start >= 0 && end > start ? text.Substring(start + 1, end - start - 1) : string.Empty;
        }

        /// <summary>"M:Name(T1,T2)"; null when a parameter needs a type parameter or a generic type.</summary>
        private static string MethodKey(string name, string parameters)
        {
            string list = ParameterList(parameters);
            return list == null ? null : "M:" + name + "(" + list + ")";
        }

        private static string IndexerKey(string parameters)
        {
            string list = ParameterList(parameters);
            return list == null ? null : "P:this[" + list + "]";
        }

        private static string ParameterList(string parameters)
        {
            List<string> types = new List<string>();
            foreach (string p in SplitTopLevel(parameters))
            {
                string type = ParameterType(p);
                if (type == null)
                {
                    return null;
                }

                types.Add(type);
            }

            return string.Join(",", types);
        }

        /// <summary>"[Attr] params ref String? name = null" → "ref String"; null for a generic or type-parameter type.</summary>
        private static string ParameterType(string parameter)
        {
            string p = parameter.Trim();
            while (p.StartsWith("[", StringComparison.Ordinal))
            {
                p = p.Substring(p.IndexOf(']') + 1).Trim();
            }

            int depth = 0;
            for (int i = 0; i < p.Length; i++)
            {
                char c = p[i];
                if (c == '(' || c == '<' || c == '[')
                {
                    depth++;
                }
                else if (c == ')' || c == '>' || c == ']')
                {
                    depth--;
                }
                else if (c == '=' && depth == 0)
                {
                    p = p.Substring(0, i).Trim();
                    break;
                }
            }

            if (p.IndexOf('<') >= 0)
            {
                return null;
            }

            List<string> words = p.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries).ToList();
            string refKind = string.Empty;
            while (words.Count > 0 && (words[0] == "params" || words[0] == "this" || words[0] == "scoped" || words[0] == "ref" || words[0] == "out" || words[0] == "in" || words[0] == "readonly"))
            {
                if (words[0] == "ref" || words[0] == "out" || words[0] == "in")
                {
                    refKind = words[0] == "out" ? "out " : "ref ";
                }

                words.RemoveAt(0);
            }

            if (words.Count == 0)
            {
                return null;
            }

            string type = NormalizeTypeName(words[0]);
            if (type.Length == 1 || (type.Length == 2 && type[0] == 'T' && char.IsDigit(type[1])) || type.StartsWith("TResult", StringComparison.Ordinal) || type.StartsWith("TEventArgs", StringComparison.Ordinal))
            {
                return null; // T, T1, TResult, TEventArgs: a type parameter
            }

            return refKind + type;
        }

        private static List<string> SplitTopLevel(string text)
        {
            List<string> parts = new List<string>();
            StringBuilder current = new StringBuilder();
            int depth = 0;
            bool quoted = false;
            foreach (char c in text)
            {
                if (c == '"' || c == '\'')
                {
                    quoted = !quoted;
                }

                if (!quoted)
                {
                    if (c == '(' || c == '<' || c == '[' || c == '{')
                    {
                        depth++;
                    }
                    else if (c == ')' || c == '>' || c == ']' || c == '}')
                    {
                        depth--;
                    }
                    else if (c == ',' && depth == 0)
                    {
                        parts.Add(current.ToString());
                        current.Clear();
                        continue;
                    }
                }

                current.Append(c);
            }

            if (current.ToString().Trim().Length > 0)
            {
                parts.Add(current.ToString());
            }

            return parts;
        }
    }

    /// <summary>One type of the device's API and its member keys.</summary>
    internal sealed class DeviceType
    {
        public DeviceType(string fullName)
        {
            FullName = fullName;
            int plus = fullName.LastIndexOf('+');
            int dot = fullName.LastIndexOf('.');
            Name = fullName.Substring(Math.Max(plus, dot) + 1);
            Namespace = dot > 0 ? fullName.Substring(0, dot) : string.Empty;
        }

        public string FullName { get; }

        public string Name { get; }

        public string Namespace { get; }

        /// <summary>class, struct, interface, enum or delegate.</summary>
        public string Kind { get; set; }

        public List<string> BaseNames { get; } = new List<string>();

        public HashSet<string> Members { get; } = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>Property key → true when the device has no public setter.</summary>
        public Dictionary<string, bool> GetOnly { get; } = new Dictionary<string, bool>(StringComparer.Ordinal);
    }
}

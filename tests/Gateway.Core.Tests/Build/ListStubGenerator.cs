using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace Gateway.Core.Tests.Build
{
    /// <summary>
    /// Writes C# stubs (bodies throw) for a device-only assembly from its API list, so that code
    /// written against it (the device tests against nanoFramework.TestFramework) can be compiled
    /// and checked on the host. The list lines are declarations as written in the source, which
    /// makes this a near copy; lines with type parameters are left out, as on the device. Meant
    /// for small libraries of classes, attributes and static methods.
    /// </summary>
    internal static class ListStubGenerator
    {
        /// <summary>
        /// Attribute usages the lists do not carry (they list members, not attributes on types), as the
        /// library's source declares them: nanoFramework.TestFramework's DataRowAttribute is
        /// <c>[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]</c>, so a test may have several rows.
        /// </summary>
        private static readonly Dictionary<string, string> AttributeUsages = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["nanoFramework.TestFramework.DataRowAttribute"] = "[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]",
        };

        public static string Generate(string listFile)
        {
            return Generate(listFile, null);
        }

        /// <summary>
        /// Like <see cref="Generate(string)"/>, but <paramref name="body"/> may give a method a body
        /// (the statements inside the braces): called with the type's full name and the member line;
        /// null keeps the throwing stub.
        /// </summary>
        public static string Generate(string listFile, Func<string, string, string> body)
        {
            Dictionary<string, List<string>> members = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            Dictionary<string, string> kinds = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string line in File.ReadAllLines(listFile))
            {
                if (line.Length == 0 || line[0] == '#' || char.IsWhiteSpace(line[0]) || line.IndexOf('<') >= 0 && !line.Contains(" :: "))
                {
                    continue;
                }

                int member = line.IndexOf(" :: ", StringComparison.Ordinal);
                if (member > 0)
                {
                    string type = line.Substring(0, member);
                    if (!members.ContainsKey(type))
                    {
                        members[type] = new List<string>();
                    }

                    members[type].Add(line.Substring(member + 4).Trim());
                }
                else
                {
                    int colon = line.IndexOf(" : ", StringComparison.Ordinal);
                    kinds[line.Substring(0, colon)] = line.Substring(colon + 3).Trim();
                }
            }

            StringBuilder code = new StringBuilder("using System;\nusing System.Collections;\n");
            foreach (IGrouping<string, string> ns in kinds.Keys.GroupBy(t => t.Substring(0, t.LastIndexOf('.'))))
            {
                code.Append("namespace ").Append(ns.Key).Append("\n{\n");
                foreach (string type in ns)
                {
                    string name = type.Substring(type.LastIndexOf('.') + 1);
                    string usage;
                    if (AttributeUsages.TryGetValue(type, out usage))
                    {
                        code.Append("    ").Append(usage).Append('\n');
                    }

                    code.Append("    public ").Append(Declaration(kinds[type], name)).Append("\n    {\n");
                    List<string> list;
                    if (members.TryGetValue(type, out list))
                    {
                        foreach (string m in list.Where(m => m.IndexOf('<') < 0))
                        {
                            code.Append("        ").Append(Member(m, name, body == null ? null : body(type, m))).Append('\n');
                        }
                    }

                    code.Append("    }\n");
                }

                code.Append("}\n");
            }

            return code.ToString();
        }

        private static string Declaration(string kindAndBases, string name)
        {
            int bases = kindAndBases.IndexOf(" : ", StringComparison.Ordinal);
            string head = bases < 0 ? kindAndBases : kindAndBases.Substring(0, bases);
            return head + " " + name + (bases < 0 ? string.Empty : " : " + kindAndBases.Substring(bases + 3));
        }

        private static string Member(string text, string typeName, string body)
        {
            if (text.StartsWith(".ctor(", StringComparison.Ordinal))
            {
                return "public " + typeName + text.Substring(5) + " { " + body + " }";
            }

            if (text.EndsWith("}", StringComparison.Ordinal))
            {
                return "public " + text; // auto-property
            }

            return "public " + text + " { " + (body ?? "throw new NotImplementedException();") + " }";
        }
    }
}

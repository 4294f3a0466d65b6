using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Gateway.Core.Tests.Build
{
    /// <summary>
    /// The line syntax of the API lists (shared/reference/nanoframework-api/README.md) turned into
    /// member keys: "M:Name(T1,T2)", "P:Name", "P:this[T]", "F:Name", "E:Name",
    /// "M:op_Implicit(T)->R". Parameter types are normalised (keywords to CLR names, namespaces,
    /// nullable annotations, names, defaults and params dropped; ref/out kept).
    /// </summary>
    internal static class ApiListSyntax
    {
        public static readonly HashSet<string> Modifiers = new HashSet<string>
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


        /// <summary>The key of one member line, or null when it is unavailable (a type parameter) or not understood.</summary>
        public static string MemberKey(bool isEnum, string text)
        {
            string[] words = text.Split(' ');
            int k = 0;
            while (k < words.Length && Modifiers.Contains(words[k]))
            {
                k++;
            }

            string rest = string.Join(" ", words.Skip(k));
            if (isEnum)
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

        /// <summary>What a member line says beyond its key (see <see cref="ListedMember"/>).</summary>
        public static ListedMember MemberDetails(bool isEnum, string text)
        {
            string[] words = text.Split(' ');
            int k = 0;
            bool isStatic = false;
            while (k < words.Length && Modifiers.Contains(words[k]))
            {
                isStatic |= words[k] == "static" || words[k] == "const";
                k++;
            }

            string rest = string.Join(" ", words.Skip(k));
            if (isEnum)
            {
                int eq = rest.IndexOf('=');
                string literal = eq < 0 ? null : rest.Substring(eq + 1).Trim().Replace("_", string.Empty);
                long value;
                long? parsed = null;
                if (literal != null && literal.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                    && long.TryParse(literal.Substring(2), System.Globalization.NumberStyles.HexNumber, null, out value))
                {
                    parsed = value;
                }
                else if (literal != null && long.TryParse(literal, out value))
                {
                    parsed = value;
                }

                return new ListedMember(null, true, string.Empty, parsed);
            }

            if (rest.StartsWith(".ctor(", StringComparison.Ordinal))
            {
                return new ListedMember(null, isStatic, Optionals(Between(rest, '(', ')')), null);
            }

            if (rest.StartsWith("field ", StringComparison.Ordinal) || rest.StartsWith("event ", StringComparison.Ordinal))
            {
                string[] parts = rest.Substring(6).Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
                return new ListedMember(parts.Length > 0 ? NormalizeTypeName(parts[0]) : null, isStatic, string.Empty, null);
            }

            int brace = rest.IndexOf('{');
            int paren = rest.IndexOf('(');
            int end = paren >= 0 && (brace < 0 || paren < brace) ? paren : brace;
            string[] head = (end >= 0 ? rest.Substring(0, end) : rest).Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            string type = head.Length >= 2 && head[0] != "operator" ? NormalizeTypeName(head[0]) : null;
            string optionals = paren >= 0 && (brace < 0 || paren < brace) ? Optionals(Between(rest, '(', ')')) : string.Empty;
            return new ListedMember(type, isStatic, optionals, null);
        }

        private static string Optionals(string parameters)
        {
            StringBuilder mask = new StringBuilder();
            foreach (string p in SplitTopLevel(parameters))
            {
                mask.Append(HasDefault(p) ? '1' : '0');
            }

            return mask.ToString();
        }

        private static bool HasDefault(string parameter)
        {
            int depth = 0;
            foreach (char c in parameter)
            {
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
                    return true;
                }
            }

            return false;
        }

        private static string Between(string text, char open, char close)
        {
            int start = text.IndexOf(open);
            int end = text.LastIndexOf(close);
            return start >= 0 && end > start ? text.Substring(start + 1, end - start - 1) : string.Empty;
        }

        /// <summary>"M:Name(T1,T2)"; null when a parameter needs a type parameter or a generic type.</summary>
        public static string MethodKey(string name, string parameters)
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

        public static List<string> SplitTopLevel(string text)
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
}

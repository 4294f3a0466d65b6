using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Gateway.Core.Tests.Build
{
    /// <summary>The lookups: one framework symbol against the device's API lists.</summary>
    internal sealed partial class DeviceApiChecker
    {
        private void CheckSymbol(ISymbol symbol, SyntaxNode at, bool read, bool write)
        {
            if (symbol == null || IsCore(symbol))
            {
                return;
            }

            switch (symbol)
            {
                case INamespaceSymbol _:
                case ILocalSymbol _:
                case IParameterSymbol _:
                case ILabelSymbol _:
                case IRangeVariableSymbol _:
                case IDiscardSymbol _:
                    return;
                case ITypeSymbol type:
                    CheckType(type, at);
                    return;
                case IMethodSymbol method:
                    CheckMethod(method, at);
                    return;
                case IPropertySymbol property:
                    CheckProperty(property, at, read, write);
                    return;
                case IFieldSymbol field:
                    CheckMember(field, "F:" + field.Name, at, "P:" + field.Name);
                    return;
                case IEventSymbol e:
                    CheckMember(e, "E:" + e.Name, at, null);
                    return;
            }
        }

        private void CheckMethod(IMethodSymbol method, SyntaxNode at)
        {
            IMethodSymbol m = method.ReducedFrom ?? method;
            switch (m.MethodKind)
            {
                case MethodKind.BuiltinOperator:
                case MethodKind.AnonymousFunction:
                case MethodKind.LocalFunction:
                    return;
                case MethodKind.PropertyGet:
                case MethodKind.PropertySet:
                    CheckProperty((IPropertySymbol)m.AssociatedSymbol, at, m.MethodKind == MethodKind.PropertyGet, m.MethodKind == MethodKind.PropertySet);
                    return;
                case MethodKind.EventAdd:
                case MethodKind.EventRemove:
                    CheckSymbol(m.AssociatedSymbol, at, true, false);
                    return;
            }

            if (m.IsGenericMethod)
            {
                CheckType(m.ContainingType, at);
                Violation(Display(m) + ": generic method (no generics on the device)", at);
                return;
            }

            string name = m.MethodKind == MethodKind.Constructor ? ".ctor" : m.MetadataName;
            string key = "M:" + name + "(" + string.Join(",", m.Parameters.Select(Parameter)) + ")";
            if (m.MethodKind == MethodKind.Conversion)
            {
                key += "->" + ApiListSyntax.NormalizeTypeName(TypeName(m.ReturnType));
            }

            CheckMember(m, key, at, null);
        }

        private void CheckProperty(IPropertySymbol property, SyntaxNode at, bool read, bool write)
        {
            string key = property.IsIndexer
                ? "P:this[" + string.Join(",", property.Parameters.Select(Parameter)) + "]"
                : "P:" + property.Name;
            DeviceType found = CheckMember(property, key, at, property.IsIndexer ? null : "F:" + property.Name);
            bool getOnly;
            if (write && found != null && found.GetOnly.TryGetValue(key, out getOnly) && getOnly)
            {
                Violation(FullName(property.ContainingType) + "." + property.Name + " { set; }: the device's property has no public setter", at);
            }
        }

        /// <summary>
        /// .NET base classes the device does not have, whose members .NET binds where the device binds
        /// the derived type's own: <c>autoResetEvent.Set()</c> is EventWaitHandle.Set on .NET and
        /// AutoResetEvent.Set on the device (mscorlib lists Set/Reset on both event classes).
        /// </summary>
        private static readonly Dictionary<string, string[]> HostOnlyBases = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            { "System.Threading.EventWaitHandle", new[] { "System.Threading.AutoResetEvent", "System.Threading.ManualResetEvent" } },
        };

        /// <summary>Checks that the member's type is on the device and that the type (or a base there) has the key. Returns where it was found.</summary>
        private DeviceType CheckMember(ISymbol symbol, string key, SyntaxNode at, string alternativeKey)
        {
            INamedTypeSymbol container = symbol.ContainingType;
            string[] derived;
            if (HostOnlyBases.TryGetValue(FullName(container), out derived))
            {
                _checked.Add(FullName(container) + "::" + key);
                DeviceType onDevice = derived.Select(d => _api.FindType(d)).FirstOrDefault(t => t != null && t.Members.Contains(key));
                if (onDevice == null)
                {
                    Violation(FullName(container) + "." + key.Substring(2) + ": not in the device's API (" + string.Join(", ", derived) + " have no such member)", at);
                }

                return onDevice;
            }

            if (!CheckType(container, at))
            {
                return null;
            }

            _checked.Add(FullName(container) + "::" + key);
            DeviceType found = FindMember(container, key) ?? (alternativeKey == null ? null : FindMember(container, alternativeKey));
            if (found != null)
            {
                return found;
            }

            // An override binds to the member it overrides where the device declares only that one.
            for (ISymbol overridden = Overridden(symbol); overridden != null; overridden = Overridden(overridden))
            {
                DeviceType viaBase = FindMember(overridden.ContainingType, key);
                if (viaBase != null)
                {
                    return viaBase;
                }
            }

            Violation(FullName(container) + "." + key.Substring(2) + ": not in the device's API" + Overloads(container, key), at);
            return null;
        }

        private DeviceType FindMember(INamedTypeSymbol container, string key)
        {
            DeviceType type = _api.FindType(FullName(container));
            if (type == null)
            {
                return null;
            }

            if (type.Members.Contains(key))
            {
                return type;
            }

            return _api.BaseTypes(type).FirstOrDefault(b => b.Members.Contains(key));
        }

        private string Overloads(INamedTypeSymbol container, string key)
        {
            DeviceType type = _api.FindType(FullName(container));
            if (type == null)
            {
                return string.Empty;
            }

            int paren = key.IndexOf('(');
            string prefix = paren > 0 ? key.Substring(0, paren + 1) : key;
            string[] same = type.Members.Where(m => m.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(m => m, StringComparer.Ordinal).ToArray();
            return same.Length == 0 ? string.Empty : "; the device has " + string.Join(", ", same.Select(m => m.Substring(2)));
        }

        /// <summary>True when the type may be used; otherwise reports why not.</summary>
        private bool CheckType(ITypeSymbol type, SyntaxNode at)
        {
            if (type == null || IsCore(type))
            {
                return true;
            }

            switch (type.TypeKind)
            {
                case TypeKind.Array:
                    IArrayTypeSymbol array = (IArrayTypeSymbol)type;
                    if (array.Rank > 1)
                    {
                        Violation(type.ToDisplayString() + ": multidimensional arrays are not supported on the device", at);
                        return false;
                    }

                    return CheckType(array.ElementType, at);
                case TypeKind.Pointer:
                case TypeKind.FunctionPointer:
                    Violation(type.ToDisplayString() + ": pointers are not supported on the device", at);
                    return false;
                case TypeKind.TypeParameter:
                    Violation(type.ToDisplayString() + ": type parameter (no generics on the device)", at);
                    return false;
                case TypeKind.Dynamic:
                    Violation("dynamic: not supported on the device", at);
                    return false;
                case TypeKind.Error:
                    Violation(type.ToDisplayString() + ": does not compile", at);
                    return false;
            }

            if (type.IsAnonymousType)
            {
                Violation("anonymous type: generic on the device", at);
                return false;
            }

            INamedTypeSymbol named = type as INamedTypeSymbol;
            string name = FullName(type);
            _checked.Add(name);
            if (named != null && (named.IsGenericType || (named.ContainingType != null && named.ContainingType.IsGenericType)))
            {
                Violation(name + " (" + type.ToDisplayString() + "): generic type (no generics on the device)", at);
                return false;
            }

            if (_api.FindType(name) == null)
            {
                Violation(name + ": type not in the device's API (" + string.Join(", ", _api.Sources) + ")", at);
                return false;
            }

            return true;
        }

        private bool ImplementsOnDevice(DeviceType type, string interfaceName)
        {
            return type.FullName == interfaceName || _api.BaseTypes(type).Any(b => b.FullName == interfaceName);
        }

        private static ISymbol Overridden(ISymbol symbol)
        {
            switch (symbol)
            {
                case IMethodSymbol m: return m.OverriddenMethod;
                case IPropertySymbol p: return p.OverriddenProperty;
                case IEventSymbol e: return e.OverriddenEvent;
                default: return null;
            }
        }

        private static string Parameter(IParameterSymbol p)
        {
            string prefix = p.RefKind == RefKind.Out ? "out " : p.RefKind == RefKind.None ? string.Empty : "ref ";
            return prefix + ApiListSyntax.NormalizeTypeName(TypeName(p.Type));
        }

        private static string TypeName(ITypeSymbol type)
        {
            if (type is IArrayTypeSymbol array)
            {
                return TypeName(array.ElementType) + "[" + new string(',', array.Rank - 1) + "]";
            }

            return type.MetadataName;
        }

        /// <summary>Namespace.Outer+Inner, the form of the lists.</summary>
        private static string FullName(ITypeSymbol type)
        {
            if (type is IArrayTypeSymbol array)
            {
                return FullName(array.ElementType) + "[]";
            }

            string name = type.MetadataName;
            for (INamedTypeSymbol outer = type.ContainingType; outer != null; outer = outer.ContainingType)
            {
                name = outer.MetadataName + "+" + name;
            }

            string ns = type.ContainingNamespace == null || type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString() + ".";
            return ns + name;
        }

        private static string Display(IMethodSymbol m)
        {
            return FullName(m.ContainingType) + "." + m.Name + "(" + string.Join(",", m.Parameters.Select(Parameter)) + ")";
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Gateway.Core.Tests.Build;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;
using Xunit.Abstractions;

namespace Gateway.Core.Tests.Firmware
{
    /// <summary>
    /// The compile check (tools/Gateway.Firmware.CompileCheck) is only as good as its stand-ins: each
    /// public type and member there must be in the device's API lists (shared/reference/
    /// nanoframework-api) with the same signature: kind, base types, parameter types and ref/out,
    /// which parameters are optional, return/property/event type, static-ness, no setter the device
    /// lacks, enum values where the list gives them. The stand-ins may be a subset (only what the
    /// firmware uses), never a superset or a variant. Without the lists these tests are skipped.
    /// </summary>
    public class StandInSurfaceTests
    {
        private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

        private readonly ITestOutputHelper _output;

        public StandInSurfaceTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [SkippableFact]
        public void StandIns_HaveExactlyTheDeviceSignatures()
        {
            DeviceApi api = FirmwarePaths.LoadFirmwareApi();
            Type[] standIns = StandInTypes();
            List<string> violations = new List<string>();
            int members = 0;
            foreach (Type type in standIns)
            {
                members += Check(api, type, violations);
            }

            _output.WriteLine(standIns.Length + " stand-in types, " + members + " members checked against " + string.Join(", ", api.Sources));
            Assert.True(standIns.Length >= 40, "too few stand-in types found: " + standIns.Length);
            Assert.True(violations.Count == 0, "stand-ins that the device's API does not have:\n  " + string.Join("\n  ", violations));
        }

        [SkippableFact]
        public void StandIns_CatchAWrongSignature()
        {
            // The checker must be able to fail: a fake API where the firmware's real calls differ.
            DeviceApi api = DeviceApi.Parse(
                "fake",
                "System.Security.Cryptography.Aes : class",
                "System.Security.Cryptography.Aes :: .ctor(CipherMode mode)",
                "System.Security.Cryptography.Aes :: byte[] Key { get; }",
                "System.Security.Cryptography.Aes :: static byte[] Encrypt(byte[] data)",
                "System.Security.Cryptography.Aes :: byte[] Decrypt(byte[] data, int offset)",
                "System.Security.Cryptography.CipherMode : enum",
                "System.Security.Cryptography.CipherMode :: None = 0",
                "System.Security.Cryptography.CipherMode :: CBC = 2",
                "System.Security.Cryptography.CipherMode :: ECB = 1",
                "nanoFramework.Device.Bluetooth.GenericAttributeProfile.GattCharacteristic : class",
                "nanoFramework.Device.Bluetooth.GenericAttributeProfile.GattCharacteristic :: GattWriteResult WriteValueWithResult(Buffer value, GattWriteOption writeOption)",
                "nanoFramework.Device.Bluetooth.GenericAttributeProfile.GattCharacteristic :: event GattCharacteristicValueChangedEventHandler ValueChanged");
            List<string> violations = new List<string>();
            foreach (Type type in StandInTypes().Where(t => t.Name == "Aes" || t.Name == "CipherMode" || t.Name == "GattCharacteristic" || (t.DeclaringType != null && t.DeclaringType.Name == "GattCharacteristic")))
            {
                Check(api, type, violations);
            }

            Assert.Contains(violations, v => v.Contains("Aes.Key") && v.Contains("setter"));
            Assert.Contains(violations, v => v.Contains("Aes.Encrypt(Byte[])") && v.Contains("static"));
            Assert.Contains(violations, v => v.Contains("Aes.Decrypt(Byte[])") && v.Contains("not in the device's API"));
            Assert.Contains(violations, v => v.Contains("CipherMode.CBC") && v.Contains("value"));
            Assert.Contains(violations, v => v.Contains("WriteValueWithResult") && v.Contains("optional"));
            Assert.Contains(violations, v => v.Contains("ValueChanged") && v.Contains("type"));
            Assert.Contains(violations, v => v.Contains("GattCharacteristic+GattCharacteristicVlaueChangedEventHandler") && v.Contains("type not in"));
        }

        [SkippableFact]
        public void StandIns_SitInTheFolderOfTheirAssembly()
        {
            string looked;
            string folder = RepoPaths.FindApiListFolder(out looked);
            Skip.If(folder == null, "SKIPPED: the nanoFramework API lists are missing (looked in " + looked + ")");
            List<string> violations = new List<string>();
            NfProject nf = new NfProject(FirmwarePaths.Nfproj);
            HashSet<string> referenced = new HashSet<string>(nf.References.Select(r => r.Name));
            foreach (string file in FirmwarePaths.StandInFiles())
            {
                string assembly = Path.GetFileName(Path.GetDirectoryName(file));
                if (!referenced.Contains(assembly))
                {
                    violations.Add(Path.GetFileName(file) + ": folder " + assembly + " is not an assembly Gateway.Firmware.nfproj references");
                    continue;
                }

                DeviceApi list = DeviceApi.Load(folder, new[] { assembly });
                foreach (string type in DeclaredTypes(File.ReadAllText(file)))
                {
                    if (list.FindType(type) == null)
                    {
                        violations.Add(assembly + "/" + Path.GetFileName(file) + ": " + type + " is not in " + assembly + ".txt");
                    }
                }
            }

            Assert.True(violations.Count == 0, string.Join("\n", violations));
        }

        [Fact]
        public void StandIns_EveryBodyThrows()
        {
            List<string> violations = new List<string>();
            foreach (string file in FirmwarePaths.StandInFiles())
            {
                SyntaxNode root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
                foreach (SyntaxNode node in root.DescendantNodes().Where(n => n is BaseMethodDeclarationSyntax || n is AccessorDeclarationSyntax))
                {
                    BlockSyntax body = node is BaseMethodDeclarationSyntax m ? m.Body : ((AccessorDeclarationSyntax)node).Body;
                    bool internalCtor = node is ConstructorDeclarationSyntax c && c.Modifiers.Any(SyntaxKind.InternalKeyword);
                    bool throws = body != null && body.Statements.Count == 1 && body.Statements[0] is ThrowStatementSyntax t
                        && t.ToString().Contains("NotImplementedException(\"stand-in\")");
                    if (!throws && !(internalCtor && body != null && body.Statements.Count == 0))
                    {
                        FileLinePositionSpan span = node.GetLocation().GetLineSpan();
                        violations.Add(Path.GetFileName(file) + ":" + (span.StartLinePosition.Line + 1) + " does not throw NotImplementedException(\"stand-in\")");
                    }
                }
            }

            Assert.True(violations.Count == 0, string.Join("\n", violations));
        }

        private static Type[] StandInTypes()
        {
            return FirmwarePaths.CompileCheckAssembly.GetTypes()
                .Where(t => (t.IsPublic || t.IsNestedPublic) && t.Namespace != null && !t.Namespace.StartsWith("Gateway.", StringComparison.Ordinal))
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .ToArray();
        }

        /// <summary>Checks one stand-in type; returns the number of members looked at.</summary>
        private static int Check(DeviceApi api, Type type, List<string> violations)
        {
            string name = type.FullName;
            DeviceType device = api.FindType(name);
            if (device == null)
            {
                violations.Add(name + ": type not in the device's API lists");
                return 0;
            }

            string kind = Kind(type);
            if (device.Kind != kind)
            {
                violations.Add(name + ": a " + kind + " here, a " + device.Kind + " on the device");
            }

            List<string> bases = device.BaseNames.Select(ApiListSyntax.NormalizeTypeName).ToList();
            foreach (Type b in DeclaredBases(type))
            {
                if (!bases.Contains(ApiListSyntax.NormalizeTypeName(b.Name)))
                {
                    violations.Add(name + ": base " + b.Name + " is not a base on the device");
                }
            }

            if (type.IsEnum && bases.Count > 0 && bases[0] != ApiListSyntax.NormalizeTypeName(Enum.GetUnderlyingType(type).Name))
            {
                violations.Add(name + ": underlying type " + Enum.GetUnderlyingType(type).Name + ", the device has " + bases[0]);
            }

            if (kind == "delegate")
            {
                MethodInfo invoke = type.GetMethod("Invoke");
                CheckMember(device, name, "M:Invoke(" + Parameters(invoke) + ")", null, false, null, violations, "delegate " + name);
                return 1;
            }

            int count = 0;
            foreach (MemberInfo member in type.GetMembers(Declared))
            {
                if (!IsVisible(member))
                {
                    continue;
                }

                count++;
                switch (member)
                {
                    case ConstructorInfo ctor:
                        CheckMember(device, name, "M:.ctor(" + Parameters(ctor) + ")", null, ctor.IsStatic, Optionals(ctor), violations, null);
                        break;
                    case MethodInfo method when !method.IsSpecialName:
                        CheckMember(device, name, "M:" + method.Name + "(" + Parameters(method) + ")", TypeName(method.ReturnType), method.IsStatic, Optionals(method), violations, null);
                        break;
                    case PropertyInfo property:
                        string key = property.GetIndexParameters().Length > 0 ? "P:this[" + string.Join(",", property.GetIndexParameters().Select(Parameter)) + "]" : "P:" + property.Name;
                        MethodInfo getter = property.GetMethod ?? property.SetMethod;
                        if (CheckMember(device, name, key, TypeName(property.PropertyType), getter.IsStatic, null, violations, null)
                            && property.SetMethod != null && IsVisible(property.SetMethod)
                            && device.GetOnly.TryGetValue(key, out bool getOnly) && getOnly)
                        {
                            violations.Add(name + "." + property.Name + ": has a setter, the device's property has none");
                        }

                        break;
                    case EventInfo e:
                        CheckMember(device, name, "E:" + e.Name, TypeName(e.EventHandlerType), e.AddMethod.IsStatic, null, violations, null);
                        break;
                    case FieldInfo field when type.IsEnum && field.IsLiteral:
                        if (CheckMember(device, name, "F:" + field.Name, null, true, null, violations, null))
                        {
                            long value = Convert.ToInt64(field.GetRawConstantValue());
                            long? listed = device.Details["F:" + field.Name].EnumValue;
                            if (listed.HasValue && listed.Value != value)
                            {
                                violations.Add(name + "." + field.Name + ": value " + value + ", the device has " + listed.Value);
                            }
                        }

                        break;
                    case FieldInfo field:
                        if (!type.IsEnum)
                        {
                            CheckMember(device, name, "F:" + field.Name, TypeName(field.FieldType), field.IsStatic || field.IsLiteral, null, violations, null);
                        }

                        break;
                    case Type _:
                        break; // nested types are checked on their own
                }
            }

            return count;
        }

        private static bool CheckMember(DeviceType device, string typeName, string key, string type, bool isStatic, string optionals, List<string> violations, string label)
        {
            string what = label ?? typeName + "." + key.Substring(2);
            if (!device.Members.Contains(key))
            {
                string prefix = key.IndexOf('(') > 0 ? key.Substring(0, key.IndexOf('(') + 1) : key;
                string[] same = device.Members.Where(m => m.StartsWith(prefix, StringComparison.Ordinal)).ToArray();
                violations.Add(what + ": not in the device's API" + (same.Length > 0 ? "; the device has " + string.Join(", ", same.Select(m => m.Substring(2))) : string.Empty));
                return false;
            }

            if (!device.Details.TryGetValue(key, out ListedMember listed) || label != null)
            {
                return true;
            }

            if (type != null && listed.Type != null && listed.Type != type)
            {
                violations.Add(what + ": type " + type + ", the device has " + listed.Type);
            }

            if (listed.IsStatic != isStatic && !key.StartsWith("F:", StringComparison.Ordinal))
            {
                violations.Add(what + (isStatic ? ": static here, an instance member on the device" : ": an instance member here, static on the device"));
            }

            if (optionals != null && listed.OptionalParameters != optionals)
            {
                violations.Add(what + ": optional parameters " + optionals + ", the device has " + listed.OptionalParameters + " (1 = has a default)");
            }

            return true;
        }

        private static IEnumerable<Type> DeclaredBases(Type type)
        {
            if (type.BaseType != null && type.BaseType != typeof(object) && type.BaseType != typeof(Enum) && type.BaseType != typeof(ValueType) && type.BaseType != typeof(MulticastDelegate))
            {
                yield return type.BaseType;
            }

            IEnumerable<Type> inherited = type.BaseType == null ? Enumerable.Empty<Type>() : type.BaseType.GetInterfaces();
            foreach (Type i in type.GetInterfaces().Except(inherited))
            {
                yield return i;
            }
        }

        private static string Kind(Type type)
        {
            if (type.IsEnum)
            {
                return "enum";
            }

            if (typeof(Delegate).IsAssignableFrom(type))
            {
                return "delegate";
            }

            if (type.IsInterface)
            {
                return "interface";
            }

            return type.IsValueType ? "struct" : "class";
        }

        private static bool IsVisible(MemberInfo member)
        {
            switch (member)
            {
                case MethodBase m: return m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly;
                case FieldInfo f: return f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly;
                case PropertyInfo p: return (p.GetMethod != null && IsVisible(p.GetMethod)) || (p.SetMethod != null && IsVisible(p.SetMethod));
                case EventInfo e: return IsVisible(e.AddMethod);
                default: return false;
            }
        }

        private static string Parameters(MethodBase method)
        {
            return string.Join(",", method.GetParameters().Select(Parameter));
        }

        private static string Optionals(MethodBase method)
        {
            return new string(method.GetParameters().Select(p => p.HasDefaultValue ? '1' : '0').ToArray());
        }

        private static string Parameter(ParameterInfo p)
        {
            Type type = p.ParameterType;
            string prefix = string.Empty;
            if (type.IsByRef)
            {
                prefix = p.IsOut ? "out " : "ref ";
                type = type.GetElementType();
            }

            return prefix + TypeName(type);
        }

        private static string TypeName(Type type)
        {
            return ApiListSyntax.NormalizeTypeName(type.Name);
        }

        /// <summary>Full names (Namespace.Outer+Inner) of the types a stand-in file declares.</summary>
        private static IEnumerable<string> DeclaredTypes(string source)
        {
            SyntaxNode root = CSharpSyntaxTree.ParseText(source).GetRoot();
            foreach (SyntaxNode node in root.DescendantNodes().Where(n => n is BaseTypeDeclarationSyntax || n is DelegateDeclarationSyntax))
            {
                List<string> parts = new List<string>();
                string ns = null;
                for (SyntaxNode n = node; n != null; n = n.Parent)
                {
                    switch (n)
                    {
                        case BaseTypeDeclarationSyntax t:
                            parts.Insert(0, t.Identifier.Text);
                            break;
                        case DelegateDeclarationSyntax d:
                            parts.Insert(0, d.Identifier.Text);
                            break;
                        case BaseNamespaceDeclarationSyntax b:
                            ns = ns == null ? b.Name.ToString() : b.Name + "." + ns;
                            break;
                    }
                }

                yield return ns + "." + string.Join("+", parts);
            }
        }
    }
}

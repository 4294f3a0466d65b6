using System;
using System.Collections.Generic;

namespace Gateway.Core.Tests.Build
{
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

        /// <summary>Member key → what the list says beyond the key (return type, static, optional parameters, enum value).</summary>
        public Dictionary<string, ListedMember> Details { get; } = new Dictionary<string, ListedMember>(StringComparer.Ordinal);

        /// <summary>Property key → true when the device has no public setter.</summary>
        public Dictionary<string, bool> GetOnly { get; } = new Dictionary<string, bool>(StringComparer.Ordinal);
    }

    /// <summary>
    /// The parts of a list line the member key leaves out: the normalised return, property, field
    /// or event type (null for constructors and enum members), static-ness, which parameters have a
    /// default value ("01": the second one), and an enum member's value when it is a plain
    /// integer literal (null otherwise).
    /// </summary>
    internal sealed class ListedMember
    {
        public ListedMember(string type, bool isStatic, string optionalParameters, long? enumValue)
        {
            Type = type;
            IsStatic = isStatic;
            OptionalParameters = optionalParameters;
            EnumValue = enumValue;
        }

        public string Type { get; }

        public bool IsStatic { get; }

        public string OptionalParameters { get; }

        public long? EnumValue { get; }
    }
}

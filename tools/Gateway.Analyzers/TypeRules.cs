using Microsoft.CodeAnalysis;

namespace Gateway.Analyzers
{
    /// <summary>What is wrong with a type for nanoFramework stable, most specific reason first.</summary>
    internal enum TypeProblem
    {
        None,
        Dynamic,
        Tuple,
        NullableValueType,
        RefLike,
        MultidimensionalArray,
        Generic,
    }

    internal static class TypeRules
    {
        public static TypeProblem Classify(ITypeSymbol type)
        {
            if (type == null)
            {
                return TypeProblem.None;
            }

            switch (type.TypeKind)
            {
                case TypeKind.Dynamic:
                    return TypeProblem.Dynamic;
                case TypeKind.TypeParameter:
                    return TypeProblem.Generic;
                case TypeKind.Array:
                    IArrayTypeSymbol array = (IArrayTypeSymbol)type;
                    if (array.Rank > 1)
                    {
                        return TypeProblem.MultidimensionalArray;
                    }

                    return Classify(array.ElementType);
                case TypeKind.Pointer:
                    return Classify(((IPointerTypeSymbol)type).PointedAtType);
            }

            if (type.IsTupleType)
            {
                return TypeProblem.Tuple;
            }

            if (type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
            {
                return TypeProblem.NullableValueType;
            }

            if (type.IsRefLikeType)
            {
                return TypeProblem.RefLike;
            }

            if (IsGeneric(type as INamedTypeSymbol))
            {
                return TypeProblem.Generic;
            }

            return TypeProblem.None;
        }

        /// <summary>True for a generic type, constructed or open, or a type nested in one.</summary>
        public static bool IsGeneric(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol t = type; t != null; t = t.ContainingType)
            {
                if (t.IsGenericType || t.TypeParameters.Length > 0 || t.IsUnboundGenericType)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when the method, its type or its signature needs generics.</summary>
        public static bool HasGenericSignature(IMethodSymbol method)
        {
            IMethodSymbol m = method.ReducedFrom ?? method;
            if (m.IsGenericMethod || m.TypeParameters.Length > 0 || IsGeneric(m.ContainingType))
            {
                return true;
            }

            if (IsGenericOrRefLike(m.ReturnType))
            {
                return true;
            }

            foreach (IParameterSymbol p in m.Parameters)
            {
                if (IsGenericOrRefLike(p.Type))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsGenericOrRefLike(ITypeSymbol type)
        {
            TypeProblem problem = Classify(type);
            return problem == TypeProblem.Generic || problem == TypeProblem.Tuple
                || problem == TypeProblem.NullableValueType || problem == TypeProblem.RefLike;
        }

        public static DiagnosticDescriptor Descriptor(TypeProblem problem)
        {
            switch (problem)
            {
                case TypeProblem.Dynamic: return NfDiagnostics.Dynamic;
                case TypeProblem.Tuple: return NfDiagnostics.Tuple;
                case TypeProblem.NullableValueType: return NfDiagnostics.NullableValueType;
                case TypeProblem.RefLike: return NfDiagnostics.RefStruct;
                case TypeProblem.MultidimensionalArray: return NfDiagnostics.MultidimensionalArray;
                case TypeProblem.Generic: return NfDiagnostics.GenericUse;
                default: return null;
            }
        }
    }
}

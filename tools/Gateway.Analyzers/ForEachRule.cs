using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Gateway.Analyzers
{
    /// <summary>
    /// foreach on the device: arrays are lowered to an index loop and non-generic IEnumerable works
    /// (ArrayList, Hashtable, Queue). Everything else is rejected: a generic GetEnumerator
    /// (IEnumerable&lt;T&gt;), a pattern-based struct enumerator, an extension GetEnumerator, and
    /// strings, whose enumerator does not exist on stable (nanoframework/Home#663; CoreLibrary
    /// answers NotSupportedException).
    /// </summary>
    internal sealed class ForEachRule
    {
        private readonly SemanticModel _model;

        public ForEachRule(SemanticModel model)
        {
            _model = model;
        }

        public void Check(CommonForEachStatementSyntax statement, Action<DiagnosticDescriptor, TextSpan, Location, object[]> report)
        {
            string reason = Reason(statement);
            if (reason != null)
            {
                ExpressionSyntax collection = statement.Expression;
                report(NfDiagnostics.ForEachEnumerator, statement.ForEachKeyword.Span, statement.ForEachKeyword.GetLocation(), new object[] { collection.ToString(), reason });
            }
        }

        private string Reason(CommonForEachStatementSyntax statement)
        {
            ITypeSymbol collectionType = _model.GetTypeInfo(statement.Expression).Type;
            if (collectionType == null || collectionType.TypeKind == TypeKind.Array || collectionType.TypeKind == TypeKind.Dynamic)
            {
                return null;
            }

            if (collectionType.SpecialType == SpecialType.System_String)
            {
                return "strings have no enumerator on nanoFramework stable; use a for loop over s[i]";
            }

            ForEachStatementInfo info = _model.GetForEachStatementInfo(statement);
            IMethodSymbol getEnumerator = info.GetEnumeratorMethod;
            if (getEnumerator == null)
            {
                return null;
            }

            if (getEnumerator.IsExtensionMethod || getEnumerator.ReducedFrom != null)
            {
                return "its GetEnumerator is an extension method";
            }

            if (TypeRules.HasGenericSignature(getEnumerator) || TypeRules.Classify(info.ElementType) == TypeProblem.Generic)
            {
                return "its GetEnumerator is generic (IEnumerable<T>); use an array or a non-generic collection";
            }

            if (getEnumerator.ReturnType.IsValueType)
            {
                return "its enumerator '" + getEnumerator.ReturnType.ToDisplayString() + "' is a struct (pattern-based foreach); return IEnumerator";
            }

            return null;
        }
    }
}

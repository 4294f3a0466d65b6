using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace Gateway.Analyzers
{
    /// <summary>
    /// Visits every node of one tree, innermost first, and reports each problem once per node:
    /// an outer node is not reported again for a rule that one of its descendants already broke
    /// (one `List&lt;int&gt;` gives one error, not one per enclosing expression).
    /// </summary>
    internal sealed class SubsetWalker
    {
        private readonly SemanticModel _model;
        private readonly Action<Diagnostic> _report;
        private readonly CancellationToken _cancellationToken;
        private readonly List<KeyValuePair<string, TextSpan>> _reported = new List<KeyValuePair<string, TextSpan>>();

        public SubsetWalker(SemanticModel model, Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            _model = model;
            _report = report;
            _cancellationToken = cancellationToken;
        }

        public void Run()
        {
            SyntaxNode root = _model.SyntaxTree.GetRoot(_cancellationToken);
            foreach (SyntaxToken token in root.DescendantTokens())
            {
                VisitToken(token);
            }

            List<SyntaxNode> nodes = new List<SyntaxNode>(root.DescendantNodes());
            for (int i = nodes.Count - 1; i >= 0; i--)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                VisitNode(nodes[i]);
            }
        }

        private void VisitToken(SyntaxToken token)
        {
            switch (token.Kind())
            {
                case SyntaxKind.AsyncKeyword:
                case SyntaxKind.AwaitKeyword:
                    Report(NfDiagnostics.AsyncAwait, token.Span, token.GetLocation(), token.Text);
                    break;
                case SyntaxKind.UnsafeKeyword:
                    Report(NfDiagnostics.Unsafe, token.Span, token.GetLocation(), token.Text);
                    break;
                case SyntaxKind.RequiredKeyword:
                    Report(NfDiagnostics.MissingRuntimeSupport, token.Span, token.GetLocation(), "required", "RequiredMemberAttribute and CompilerFeatureRequiredAttribute");
                    break;
            }
        }

        private void VisitNode(SyntaxNode node)
        {
            switch (node.Kind())
            {
                case SyntaxKind.TypeParameterList:
                    ReportGenericDeclaration((TypeParameterListSyntax)node);
                    break;
                case SyntaxKind.GenericName:
                    ReportGenericName((GenericNameSyntax)node);
                    break;
                case SyntaxKind.DefaultExpression:
                case SyntaxKind.DefaultLiteralExpression:
                    CheckDefault(node);
                    break;
                case SyntaxKind.TupleExpression:
                case SyntaxKind.TupleType:
                case SyntaxKind.ParenthesizedVariableDesignation:
                    Report(NfDiagnostics.Tuple, node, node.ToString());
                    break;
                case SyntaxKind.QueryExpression:
                    Report(NfDiagnostics.LinqQuery, node);
                    break;
                case SyntaxKind.ArrayRankSpecifier:
                    if (((ArrayRankSpecifierSyntax)node).Rank > 1)
                    {
                        Report(NfDiagnostics.MultidimensionalArray, node, node.Parent.ToString());
                    }

                    break;
                case SyntaxKind.StackAllocArrayCreationExpression:
                case SyntaxKind.ImplicitStackAllocArrayCreationExpression:
                    Report(NfDiagnostics.StackAlloc, node);
                    break;
                case SyntaxKind.StructDeclaration:
                    StructDeclarationSyntax structDeclaration = (StructDeclarationSyntax)node;
                    if (structDeclaration.Modifiers.Any(SyntaxKind.RefKeyword))
                    {
                        Report(NfDiagnostics.RefStruct, structDeclaration.Identifier.Span, structDeclaration.Identifier.GetLocation(), structDeclaration.Identifier.Text);
                    }

                    break;
                case SyntaxKind.RecordDeclaration:
                case SyntaxKind.RecordStructDeclaration:
                    RecordDeclarationSyntax record = (RecordDeclarationSyntax)node;
                    Report(NfDiagnostics.Record, record.Identifier.Span, record.Identifier.GetLocation(), record.Identifier.Text);
                    break;
                case SyntaxKind.Parameter:
                    CheckParams((ParameterSyntax)node);
                    break;
                case SyntaxKind.ForEachStatement:
                case SyntaxKind.ForEachVariableStatement:
                    new ForEachRule(_model).Check((CommonForEachStatementSyntax)node, Report);
                    break;
                case SyntaxKind.CollectionExpression:
                    CheckCollectionExpression((CollectionExpressionSyntax)node);
                    break;
                case SyntaxKind.SpreadElement:
                    Report(NfDiagnostics.CollectionExpression, node, "with a spread '" + node + "'");
                    break;
                case SyntaxKind.YieldReturnStatement:
                case SyntaxKind.YieldBreakStatement:
                    YieldStatementSyntax yield = (YieldStatementSyntax)node;
                    Report(NfDiagnostics.Iterator, node, yield.YieldKeyword.Text + " " + yield.ReturnOrBreakKeyword.Text);
                    break;
                case SyntaxKind.Interpolation:
                    CheckEnumAsText(((InterpolationSyntax)node).Expression);
                    break;
                case SyntaxKind.AddExpression:
                case SyntaxKind.AddAssignmentExpression:
                    CheckConcatenation(node);
                    break;
                case SyntaxKind.Argument:
                    CheckFormattingArgument((ArgumentSyntax)node);
                    break;
                case SyntaxKind.IndexExpression:
                case SyntaxKind.RangeExpression:
                case SyntaxKind.SlicePattern:
                    Report(NfDiagnostics.IndexOrRange, node, node.ToString());
                    break;
                case SyntaxKind.AnonymousObjectCreationExpression:
                    Report(NfDiagnostics.AnonymousType, node);
                    break;
                case SyntaxKind.InterfaceDeclaration:
                    CheckInterfaceMembers((InterfaceDeclarationSyntax)node);
                    break;
            }

            if (node is SimpleNameSyntax name)
            {
                CheckNameSymbol(name);
            }

            if (node is ExpressionSyntax expression)
            {
                CheckExpressionType(expression);
            }
        }

        private void ReportGenericDeclaration(TypeParameterListSyntax list)
        {
            SyntaxToken identifier;
            switch (list.Parent)
            {
                case TypeDeclarationSyntax type: identifier = type.Identifier; break;
                case MethodDeclarationSyntax method: identifier = method.Identifier; break;
                case DelegateDeclarationSyntax del: identifier = del.Identifier; break;
                case LocalFunctionStatementSyntax local: identifier = local.Identifier; break;
                default: identifier = list.LessThanToken; break;
            }

            Report(NfDiagnostics.GenericDeclaration, list.Span, identifier.GetLocation(), identifier.Text + list);
        }

        private void ReportGenericName(GenericNameSyntax name)
        {
            ITypeSymbol type = _model.GetSymbolInfo(name, _cancellationToken).Symbol as ITypeSymbol;
            TypeProblem problem = TypeRules.Classify(type);
            DiagnosticDescriptor descriptor = problem == TypeProblem.None ? null : TypeRules.Descriptor(problem);
            Report(descriptor ?? NfDiagnostics.GenericUse, name, name.ToString());
        }

        private void CheckDefault(SyntaxNode node)
        {
            ITypeSymbol type = _model.GetTypeInfo(node, _cancellationToken).ConvertedType;
            if (type != null && type.TypeKind == TypeKind.TypeParameter)
            {
                Report(NfDiagnostics.DefaultOfTypeParameter, node, type.Name);
            }
        }

        private void CheckParams(ParameterSyntax parameter)
        {
            if (!parameter.Modifiers.Any(SyntaxKind.ParamsKeyword))
            {
                return;
            }

            IParameterSymbol symbol = _model.GetDeclaredSymbol(parameter, _cancellationToken);
            if (symbol != null && !(symbol.Type is IArrayTypeSymbol))
            {
                Report(NfDiagnostics.ParamsNotArray, parameter.Identifier.Span, parameter.Identifier.GetLocation(), symbol.Name, symbol.Type.ToDisplayString());
            }
        }

        private void CheckCollectionExpression(CollectionExpressionSyntax node)
        {
            ITypeSymbol target = _model.GetTypeInfo(node, _cancellationToken).ConvertedType;
            IArrayTypeSymbol array = target as IArrayTypeSymbol;
            if (array == null || array.Rank != 1)
            {
                Report(NfDiagnostics.CollectionExpression, node, "targets '" + (target == null ? "?" : target.ToDisplayString()) + "'");
            }
        }

        private void CheckEnumAsText(ExpressionSyntax expression)
        {
            ITypeSymbol type = _model.GetTypeInfo(expression, _cancellationToken).Type;
            if (type != null && type.TypeKind == TypeKind.Enum)
            {
                Report(NfDiagnostics.EnumAsText, expression, type.ToDisplayString());
            }
        }

        private void CheckConcatenation(SyntaxNode node)
        {
            ExpressionSyntax left;
            ExpressionSyntax right;
            if (node is BinaryExpressionSyntax binary)
            {
                left = binary.Left;
                right = binary.Right;
            }
            else
            {
                AssignmentExpressionSyntax assignment = (AssignmentExpressionSyntax)node;
                left = assignment.Left;
                right = assignment.Right;
            }

            ITypeSymbol result = _model.GetTypeInfo(node, _cancellationToken).Type;
            if (result != null && result.SpecialType == SpecialType.System_String)
            {
                CheckEnumAsText(left);
                CheckEnumAsText(right);
            }
        }

        private void CheckFormattingArgument(ArgumentSyntax argument)
        {
            IArgumentOperation operation = _model.GetOperation(argument, _cancellationToken) as IArgumentOperation;
            if (operation == null || operation.Parameter == null)
            {
                return;
            }

            IConversionOperation conversion = operation.Value as IConversionOperation;
            // Only an implicit conversion (boxing to object) turns the enum into text; an explicit
            // (int) cast is the deliberate, portable way to print the number.
            ITypeSymbol source = conversion != null && conversion.IsImplicit ? conversion.Operand.Type : operation.Value.Type;
            if (source == null || source.TypeKind != TypeKind.Enum || operation.Parameter.Type.TypeKind == TypeKind.Enum)
            {
                return;
            }

            string container = operation.Parameter.ContainingSymbol.ContainingType?.ToDisplayString();
            if (container == "string" || container == "System.Text.StringBuilder" || container == "System.Console"
                || container == "System.Diagnostics.Debug" || container == "System.Diagnostics.Trace")
            {
                Report(NfDiagnostics.EnumAsText, argument, source.ToDisplayString());
            }
        }

        private void CheckInterfaceMembers(InterfaceDeclarationSyntax declaration)
        {
            foreach (MemberDeclarationSyntax member in declaration.Members)
            {
                if (member.Modifiers.Any(SyntaxKind.StaticKeyword)
                    && (member.Modifiers.Any(SyntaxKind.AbstractKeyword) || member.Modifiers.Any(SyntaxKind.VirtualKeyword)))
                {
                    Report(NfDiagnostics.MissingRuntimeSupport, member, "static abstract/virtual interface member", "RuntimeFeature.VirtualStaticsInInterfaces");
                }
            }
        }

        private void CheckNameSymbol(SimpleNameSyntax name)
        {
            SymbolInfo info = _model.GetSymbolInfo(name, _cancellationToken);
            ISymbol symbol = info.Symbol ?? (info.CandidateSymbols.Length > 0 ? info.CandidateSymbols[0] : null);
            if (symbol is IMethodSymbol method)
            {
                if (method.MethodKind == MethodKind.BuiltinOperator)
                {
                    return;
                }

                if (TypeRules.HasGenericSignature(method))
                {
                    bool refLike = TypeRules.Classify(method.ReturnType) == TypeProblem.RefLike;
                    foreach (IParameterSymbol p in method.Parameters)
                    {
                        refLike |= TypeRules.Classify(p.Type) == TypeProblem.RefLike;
                    }

                    DiagnosticDescriptor descriptor = refLike && !method.IsGenericMethod ? NfDiagnostics.RefStruct : NfDiagnostics.GenericUse;
                    Report(descriptor, name, method.ToDisplayString());
                }
            }
            else if (symbol is IPropertySymbol || symbol is IFieldSymbol || symbol is IEventSymbol)
            {
                if (TypeRules.IsGeneric(symbol.ContainingType))
                {
                    Report(NfDiagnostics.GenericUse, name, symbol.ContainingType.ToDisplayString() + "." + symbol.Name);
                }
            }
        }

        private void CheckExpressionType(ExpressionSyntax expression)
        {
            TypeInfo info = _model.GetTypeInfo(expression, _cancellationToken);
            CheckType(expression, info.Type);
            if (!SymbolEqualityComparer.Default.Equals(info.Type, info.ConvertedType))
            {
                CheckType(expression, info.ConvertedType);
            }
        }

        private void CheckType(SyntaxNode node, ITypeSymbol type)
        {
            TypeProblem problem = TypeRules.Classify(type);
            if (problem != TypeProblem.None)
            {
                Report(TypeRules.Descriptor(problem), node, type.ToDisplayString());
            }
        }

        private void Report(DiagnosticDescriptor descriptor, SyntaxNode node, params object[] args)
        {
            Report(descriptor, node.Span, node.GetLocation(), args);
        }

        /// <summary>Reports unless this node or one of its descendants already broke the same rule.</summary>
        private void Report(DiagnosticDescriptor descriptor, TextSpan span, Location location, params object[] args)
        {
            foreach (KeyValuePair<string, TextSpan> entry in _reported)
            {
                if (entry.Key == descriptor.Id && span.Contains(entry.Value))
                {
                    return;
                }
            }

            _reported.Add(new KeyValuePair<string, TextSpan>(descriptor.Id, span));
            _report(Diagnostic.Create(descriptor, location, args));
        }
    }
}

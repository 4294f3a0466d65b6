using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Gateway.Core.Tests.Build
{
    /// <summary>
    /// Holds every framework symbol a compilation uses against the device's API lists: types,
    /// methods (constructors and operators included), properties (with the accessor used),
    /// fields, events, and the implicit ones reachable through IOperation (foreach
    /// GetEnumerator/MoveNext/Current, user-defined conversions and operators, base constructor
    /// calls, overridden members, members of implemented framework interfaces, IDisposable for
    /// using). The compiler's own lowerings (string concatenation and interpolation, lock,
    /// delegate combination) are accepted: the device build lowers them against its own library.
    /// </summary>
    internal sealed partial class DeviceApiChecker
    {
        private readonly DeviceApi _api;
        private readonly Compilation _compilation;
        private readonly SortedDictionary<string, SortedSet<string>> _violations = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        private readonly HashSet<string> _checked = new HashSet<string>(StringComparer.Ordinal);

        public DeviceApiChecker(DeviceApi api, Compilation compilation)
        {
            _api = api;
            _compilation = compilation;
        }

        /// <summary>Distinct framework symbols that were looked up.</summary>
        public int CheckedCount
        {
            get { return _checked.Count; }
        }

        /// <summary>The framework symbols that were looked up, sorted ("Type" or "Type::M:Name(Params)").</summary>
        public IEnumerable<string> CheckedSymbols
        {
            get { return _checked.OrderBy(c => c, StringComparer.Ordinal); }
        }

        /// <summary>Every violation with where it is used: "System.Threading.WaitHandle.WaitOne(Int32): not on the device ... (Snippet.cs:3)".</summary>
        public List<string> Run()
        {
            foreach (SyntaxTree tree in _compilation.SyntaxTrees)
            {
                SemanticModel model = _compilation.GetSemanticModel(tree);
                foreach (SyntaxNode node in tree.GetRoot().DescendantNodes())
                {
                    VisitSyntax(model, node);
                    IOperation operation = model.GetOperation(node);
                    if (operation != null && operation.Parent == null)
                    {
                        foreach (IOperation o in operation.DescendantsAndSelf())
                        {
                            VisitOperation(model, o);
                        }
                    }
                }
            }

            return _violations.Select(v => v.Key + "  (used at " + string.Join(", ", v.Value.Take(3)) + (v.Value.Count > 3 ? ", ..." : string.Empty) + ")").ToList();
        }

        private void VisitSyntax(SemanticModel model, SyntaxNode node)
        {
            SymbolInfo info = model.GetSymbolInfo(node);
            if (info.Symbol != null)
            {
                CheckSymbol(info.Symbol, node, read: true, write: false);
            }

            ISymbol declared = node is MemberDeclarationSyntax || node is VariableDeclaratorSyntax || node is AccessorDeclarationSyntax
                ? model.GetDeclaredSymbol(node)
                : null;
            if (declared is INamedTypeSymbol type)
            {
                CheckImplementedInterfaces(type, node);
            }
            else if (declared != null && declared.IsOverride)
            {
                ISymbol overridden = Overridden(declared);
                if (overridden != null)
                {
                    CheckSymbol(overridden, node, read: true, write: false);
                }
            }
        }

        private void VisitOperation(SemanticModel model, IOperation o)
        {
            if (o.Type != null)
            {
                CheckType(o.Type, o.Syntax);
            }

            switch (o)
            {
                case IInvocationOperation invocation:
                    CheckSymbol(invocation.TargetMethod, o.Syntax, true, false);
                    break;
                case IObjectCreationOperation creation when creation.Constructor != null:
                    CheckSymbol(creation.Constructor, o.Syntax, true, false);
                    break;
                case IPropertyReferenceOperation property:
                    bool written = IsWritten(o);
                    CheckSymbol(property.Property, o.Syntax, read: !IsOnlyWritten(o), write: written);
                    break;
                case IFieldReferenceOperation field:
                    CheckSymbol(field.Field, o.Syntax, true, false);
                    break;
                case IEventReferenceOperation e:
                    CheckSymbol(e.Event, o.Syntax, true, false);
                    break;
                case IMethodReferenceOperation method:
                    CheckSymbol(method.Method, o.Syntax, true, false);
                    break;
                case IConversionOperation conversion when conversion.OperatorMethod != null:
                    CheckSymbol(conversion.OperatorMethod, o.Syntax, true, false);
                    break;
                case IBinaryOperation binary when binary.OperatorMethod != null:
                    CheckSymbol(binary.OperatorMethod, o.Syntax, true, false);
                    break;
                case IUnaryOperation unary when unary.OperatorMethod != null:
                    CheckSymbol(unary.OperatorMethod, o.Syntax, true, false);
                    break;
                case IIncrementOrDecrementOperation step when step.OperatorMethod != null:
                    CheckSymbol(step.OperatorMethod, o.Syntax, true, false);
                    break;
                case ICompoundAssignmentOperation compound when compound.OperatorMethod != null:
                    CheckSymbol(compound.OperatorMethod, o.Syntax, true, false);
                    break;
                case ITypeOfOperation typeOf:
                    CheckType(typeOf.TypeOperand, o.Syntax);
                    break;
                case IIsTypeOperation isType:
                    CheckType(isType.TypeOperand, o.Syntax);
                    break;
                case IDeclarationPatternOperation pattern when pattern.MatchedType != null:
                    CheckType(pattern.MatchedType, o.Syntax);
                    break;
                case ITypePatternOperation typePattern:
                    CheckType(typePattern.MatchedType, o.Syntax);
                    break;
                case ICollectionExpressionOperation collection when collection.ConstructMethod != null:
                    CheckSymbol(collection.ConstructMethod, o.Syntax, true, false);
                    break;
                case IForEachLoopOperation loop:
                    CheckForEach(model, loop);
                    break;
                case IUsingOperation usingOperation:
                    CheckDisposable(usingOperation.Resources, o.Syntax);
                    break;
                case IUsingDeclarationOperation usingDeclaration:
                    CheckDisposable(usingDeclaration.DeclarationGroup, o.Syntax);
                    break;
                case IDynamicInvocationOperation _:
                case IDynamicMemberReferenceOperation _:
                case IDynamicObjectCreationOperation _:
                case IDynamicIndexerAccessOperation _:
                    Violation("dynamic: not supported on the device", o.Syntax);
                    break;
            }
        }

        private void CheckForEach(SemanticModel model, IForEachLoopOperation loop)
        {
            ITypeSymbol collection = loop.Collection is IConversionOperation c ? c.Operand.Type : loop.Collection.Type;
            if (collection == null || collection.TypeKind == TypeKind.Array)
            {
                return; // lowered to an index loop
            }

            if (!(loop.Syntax is CommonForEachStatementSyntax statement))
            {
                return;
            }

            ForEachStatementInfo info = model.GetForEachStatementInfo(statement);
            CheckSymbol(info.GetEnumeratorMethod, loop.Syntax, true, false);
            CheckSymbol(info.MoveNextMethod, loop.Syntax, true, false);
            CheckSymbol(info.CurrentProperty, loop.Syntax, true, false);
        }

        private void CheckDisposable(IOperation resources, SyntaxNode syntax)
        {
            IEnumerable<ITypeSymbol> types = resources is IVariableDeclarationGroupOperation
                ? resources.DescendantsAndSelf().OfType<IVariableDeclaratorOperation>().Select(d => d.Symbol.Type)
                : new[] { resources.Type };
            foreach (ITypeSymbol type in types)
            {
                if (type == null || IsCore(type))
                {
                    continue;
                }

                DeviceType device = _api.FindType(FullName(type));
                if (device != null && !ImplementsOnDevice(device, "System.IDisposable"))
                {
                    Violation(FullName(type) + " is not IDisposable on the device (using)", syntax);
                }
            }
        }

        private void CheckImplementedInterfaces(INamedTypeSymbol type, SyntaxNode node)
        {
            // Only what the core type itself declares: interfaces inherited from a framework base
            // (Exception's ISerializable, Enum's IConvertible) are the device's own business.
            IEnumerable<INamedTypeSymbol> declared = type.Interfaces.SelectMany(i => new[] { i }.Concat(i.AllInterfaces)).Distinct<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            foreach (INamedTypeSymbol i in declared.Where(i => !IsCore(i)))
            {
                CheckType(i, node);
                foreach (ISymbol member in i.GetMembers().Where(m => !m.IsStatic && m.Kind != SymbolKind.NamedType))
                {
                    if (type.FindImplementationForInterfaceMember(member) != null && !(member is IMethodSymbol m && m.AssociatedSymbol != null))
                    {
                        CheckSymbol(member, node, true, false);
                    }
                }
            }
        }

        private bool IsWritten(IOperation o)
        {
            IOperation parent = o.Parent;
            if (parent is IAssignmentOperation assignment && assignment.Target == o)
            {
                return true;
            }

            return parent is IIncrementOrDecrementOperation;
        }

        private bool IsOnlyWritten(IOperation o)
        {
            return o.Parent is ISimpleAssignmentOperation assignment && assignment.Target == o;
        }

        private bool IsCore(ISymbol symbol)
        {
            ISymbol s = symbol is IMethodSymbol m && m.ReducedFrom != null ? m.ReducedFrom : symbol;
            if (s is IArrayTypeSymbol)
            {
                return false;
            }

            return SymbolEqualityComparer.Default.Equals(s.ContainingAssembly, _compilation.Assembly);
        }

        private void Violation(string what, SyntaxNode at)
        {
            FileLinePositionSpan span = at.GetLocation().GetLineSpan();
            string where = System.IO.Path.GetFileName(span.Path) + ":" + (span.StartLinePosition.Line + 1);
            SortedSet<string> places;
            if (!_violations.TryGetValue(what, out places))
            {
                places = new SortedSet<string>(StringComparer.Ordinal);
                _violations.Add(what, places);
            }

            places.Add(where);
        }
    }
}

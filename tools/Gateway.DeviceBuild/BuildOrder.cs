using System;
using System.Collections.Generic;
using System.Linq;

namespace Gateway.DeviceBuild
{
    /// <summary>Dependency order (dependencies first) with cycle detection; stable: ties keep the input order.</summary>
    public static class BuildOrder
    {
        /// <summary>
        /// Orders <paramref name="nodes"/> so that every node comes after the nodes it depends on.
        /// <paramref name="dependencies"/> returns keys of other nodes; a key that names no node is an
        /// error, and so is a cycle (the message names the projects on it, in order).
        /// </summary>
        public static List<T> Sort<T>(IEnumerable<T> nodes, Func<T, string> key, Func<T, IEnumerable<string>> dependencies)
        {
            List<T> list = nodes.ToList();
            Dictionary<string, T> byKey = new Dictionary<string, T>(StringComparer.Ordinal);
            foreach (T node in list)
            {
                if (!byKey.TryAdd(key(node), node))
                {
                    throw new DeviceBuildException("two projects have the same name: " + key(node));
                }
            }

            List<T> result = new List<T>();
            Dictionary<string, int> state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 = on the path, 2 = done
            List<string> path = new List<string>();

            void Visit(T node)
            {
                string k = key(node);
                if (state.TryGetValue(k, out int s))
                {
                    if (s == 1)
                    {
                        int start = path.IndexOf(k);
                        throw new DeviceBuildException("project references form a cycle: " + string.Join(" -> ", path.Skip(start).Append(k)));
                    }

                    return;
                }

                state[k] = 1;
                path.Add(k);
                foreach (string dependency in dependencies(node))
                {
                    if (!byKey.TryGetValue(dependency, out T target))
                    {
                        throw new DeviceBuildException(k + " references " + dependency + ", which is not a project of the build");
                    }

                    Visit(target);
                }

                path.RemoveAt(path.Count - 1);
                state[k] = 2;
                result.Add(node);
            }

            foreach (T node in list)
            {
                Visit(node);
            }

            return result;
        }

        /// <summary>The transitive dependencies of <paramref name="start"/> (without it), in no particular order.</summary>
        public static HashSet<string> Closure(string start, Func<string, IEnumerable<string>> dependencies)
        {
            HashSet<string> seen = new HashSet<string>(StringComparer.Ordinal);
            Stack<string> todo = new Stack<string>();
            todo.Push(start);
            while (todo.Count > 0)
            {
                foreach (string dependency in dependencies(todo.Pop()))
                {
                    if (seen.Add(dependency))
                    {
                        todo.Push(dependency);
                    }
                }
            }

            seen.Remove(start);
            return seen;
        }
    }
}

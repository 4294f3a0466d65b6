using System.Collections;
using Xunit;

namespace Gateway.Core.Tests.Cloud.Support
{
    /// <summary>Deep comparison of IJsonDom trees (Hashtable/ArrayList/string/long/double/bool/null).</summary>
    public static class JsonTree
    {
        public static void AssertEqual(object expected, object actual, string path = "$")
        {
            switch (expected)
            {
                case null:
                    Assert.True(actual == null, path + ": expected null");
                    return;
                case Hashtable e:
                    var a = Assert.IsType<Hashtable>(actual);
                    Assert.True(e.Count == a.Count, path + ": key count " + e.Count + " vs " + a.Count);
                    foreach (DictionaryEntry entry in e)
                    {
                        Assert.True(a.ContainsKey(entry.Key), path + ": missing " + entry.Key);
                        AssertEqual(entry.Value, a[entry.Key], path + "." + entry.Key);
                    }

                    return;
                case ArrayList e:
                    var l = Assert.IsType<ArrayList>(actual);
                    Assert.True(e.Count == l.Count, path + ": length");
                    for (int i = 0; i < e.Count; i++)
                    {
                        AssertEqual(e[i], l[i], path + "[" + i + "]");
                    }

                    return;
                default:
                    Assert.True(actual != null, path + ": unexpected null");
                    Assert.True(expected.GetType() == actual.GetType(), path + ": type " + expected.GetType().Name + " vs " + actual.GetType().Name);
                    Assert.Equal(expected, actual);
                    return;
            }
        }
    }
}

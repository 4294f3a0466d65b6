using System;
using System.IO;
using System.Linq;
using Gateway.Core.Runtime;
using Gateway.Host.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Runtime
{
    public sealed class FileStorageTests : IDisposable
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("gateway-storage-").FullName;

        public void Dispose()
        {
            Directory.Delete(_folder, recursive: true);
        }

        [Fact]
        public void WriteThenReadRoundTripsThroughARealFile()
        {
            IStorage s = new FileStorage(_folder);
            var content = new byte[] { 0, 1, 2, 0xFF };
            s.Write("mesh.cdb", content);
            Assert.Equal(content, File.ReadAllBytes(Path.Combine(_folder, "mesh.cdb")));
            Assert.True(s.TryRead("mesh.cdb", out byte[] read));
            Assert.Equal(content, read);
            Assert.False(s.TryRead("missing", out byte[] none));
            Assert.Null(none);
        }

        [Fact]
        public void ContentSurvivesReopening()
        {
            new FileStorage(_folder).Write("a", new byte[] { 7 });
            Assert.True(new FileStorage(_folder).TryRead("a", out byte[] read));
            Assert.Equal(new byte[] { 7 }, read);
        }

        [Fact]
        public void ReplaceShrinksAndGrows()
        {
            var s = new FileStorage(_folder);
            s.Write("a", new byte[1000]);
            s.Write("a", new byte[] { 1, 2 });
            s.TryRead("a", out byte[] small);
            Assert.Equal(new byte[] { 1, 2 }, small);
            s.Write("a", Enumerable.Repeat((byte)9, 5000).ToArray());
            s.TryRead("a", out byte[] big);
            Assert.Equal(5000, big.Length);
            s.Write("empty", Array.Empty<byte>());
            Assert.True(s.TryRead("empty", out byte[] empty));
            Assert.Empty(empty);
        }

        [Fact]
        public void DeleteRemovesTheFileAndIgnoresMissingBlobs()
        {
            var s = new FileStorage(_folder);
            s.Write("a", new byte[] { 1 });
            s.Delete("a");
            s.Delete("a");
            Assert.False(s.TryRead("a", out _));
            Assert.False(File.Exists(Path.Combine(_folder, "a")));
        }

        [Fact]
        public void ListShowsOnlyBlobsInOrdinalOrder()
        {
            var s = new FileStorage(_folder);
            s.Write("b", new byte[1]);
            s.Write("B", new byte[1]);
            s.Write("a.1", new byte[1]);
            File.WriteAllText(Path.Combine(_folder, "foreign file.txt"), "x");
            File.WriteAllText(Path.Combine(_folder, "~b.0123.tmp"), "partial");
            Directory.CreateDirectory(Path.Combine(_folder, "subfolder"));
            Assert.Equal(new[] { "B", "a.1", "b" }, s.List());
        }

        [Fact]
        public void WritesLeaveNoTemporaryFiles()
        {
            var s = new FileStorage(_folder);
            for (int i = 0; i < 20; i++)
            {
                s.Write("blob" + (i % 3), new byte[] { (byte)i });
            }

            Assert.Equal(new[] { "blob0", "blob1", "blob2" }, Directory.GetFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }

        [Fact]
        public void StaleTemporaryFilesAreIgnoredAndCleanedUpAtStart()
        {
            string stale = Path.Combine(_folder, "~a.5f2d0c1e9b7a4e3f8d6c5b4a39281706.tmp");
            File.WriteAllBytes(stale, new byte[] { 9, 9 });
            string notOurs = Path.Combine(_folder, "~keep-me");
            File.WriteAllBytes(notOurs, new byte[] { 1 });

            var s = new FileStorage(_folder);
            Assert.False(File.Exists(stale));
            Assert.True(File.Exists(notOurs));
            Assert.Empty(s.List());
            Assert.False(s.TryRead("a", out _));
        }

        // A crash after the temporary file was (partly) written but before the rename: the old
        // content must still be there, and the half-written file must never be read as the blob.
        [Fact]
        public void CrashMidWriteLeavesTheOldContentReadable()
        {
            var before = new FileStorage(_folder);
            before.Write("nodes", Enumerable.Repeat((byte)0x11, 300).ToArray());

            string temp = Path.Combine(_folder, "~nodes." + Guid.NewGuid().ToString("N") + ".tmp");
            using (var half = new FileStream(temp, FileMode.CreateNew))
            {
                half.Write(Enumerable.Repeat((byte)0x22, 150).ToArray());
            }

            // Still "crashed": the same process keeps reading the old content.
            Assert.True(before.TryRead("nodes", out byte[] stillOld));
            Assert.All(stillOld, b => Assert.Equal(0x11, b));
            Assert.Equal(new[] { "nodes" }, before.List());

            // Reboot.
            var after = new FileStorage(_folder);
            Assert.True(after.TryRead("nodes", out byte[] old));
            Assert.Equal(300, old.Length);
            Assert.All(old, b => Assert.Equal(0x11, b));
            Assert.False(File.Exists(temp));
            after.Write("nodes", new byte[] { 0x33 });
            after.TryRead("nodes", out byte[] fresh);
            Assert.Equal(new byte[] { 0x33 }, fresh);
        }

        [Theory]
        [InlineData("")]
        [InlineData(".")]
        [InlineData("..")]
        [InlineData("../escape")]
        [InlineData("a/b")]
        [InlineData("a\\b")]
        [InlineData("/etc/passwd")]
        [InlineData("~a.x.tmp")]
        [InlineData("a b")]
        [InlineData("k\u00e9y")]
        [InlineData("nul\0byte")]
        public void NamesThatCouldEscapeTheFolderOrHitTempFilesAreRejected(string name)
        {
            var s = new FileStorage(_folder);
            Assert.Throws<ArgumentException>(() => s.Write(name, new byte[1]));
            Assert.Throws<ArgumentException>(() => s.TryRead(name, out _));
            Assert.Throws<ArgumentException>(() => s.Delete(name));
            Assert.Empty(Directory.GetFileSystemEntries(_folder));
        }

        [Fact]
        public void NullContentIsRejected()
        {
            Assert.Throws<ArgumentNullException>(() => new FileStorage(_folder).Write("a", null));
        }

        [Fact]
        public void MissingFolderIsCreated()
        {
            string nested = Path.Combine(_folder, "x", "y");
            var s = new FileStorage(nested);
            s.Write("a", new byte[1]);
            Assert.Equal(Path.GetFullPath(nested), s.Folder);
            Assert.True(File.Exists(Path.Combine(nested, "a")));
        }

        [Fact]
        public void AFileWhereTheFolderShouldBeGivesOneClearError()
        {
            string file = Path.Combine(_folder, "not-a-folder");
            File.WriteAllText(file, "x");
            var e = Assert.Throws<StorageException>(() => new FileStorage(file));
            Assert.Contains(file, e.Message);
            Assert.Contains("not a folder", e.Message);
        }

        [Fact]
        public void FolderRemovedUnderneathGivesStorageErrors()
        {
            string inner = Path.Combine(_folder, "inner");
            var s = new FileStorage(inner);
            Directory.Delete(inner);
            var write = Assert.Throws<StorageException>(() => s.Write("a", new byte[1]));
            Assert.Contains(inner, write.Message);
            Assert.Contains("'a'", write.Message);
            Assert.Throws<StorageException>(() => s.List());
            Assert.Throws<StorageException>(() => s.TryRead("a", out _));
        }

        [Fact]
        public void AFolderWhereABlobShouldBeGivesAStorageErrorNamingTheBlob()
        {
            Directory.CreateDirectory(Path.Combine(_folder, "odd"));
            var s = new FileStorage(_folder);
            var e = Assert.Throws<StorageException>(() => s.TryRead("odd", out _));
            Assert.Contains("'odd'", e.Message);
            Assert.Throws<StorageException>(() => s.Write("odd", new byte[1]));
            Assert.Empty(Directory.GetFiles(_folder));
        }

        [Fact]
        public void ErrorMessagesNeverContainTheContent()
        {
            string inner = Path.Combine(_folder, "gone");
            var s = new FileStorage(inner);
            Directory.Delete(inner);
            byte[] secret = Hex.Decode("00112233445566778899aabbccddeeff");
            var e = Assert.Throws<StorageException>(() => s.Write("key", secret));
            Assert.DoesNotContain("00112233", e.ToString(), StringComparison.OrdinalIgnoreCase);
        }
    }
}

using System;
using System.Collections.Generic;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Simulation
{
    /// <summary>What a handler saw, with the virtual time it saw it at.</summary>
    public sealed record GattEvent(long TimeMs, string Kind, byte[] Data);

    /// <summary>An IGattClientHandler that writes down every callback.</summary>
    public sealed class RecordingClient : IGattClientHandler
    {
        private readonly IScheduler _scheduler;

        public RecordingClient(IScheduler scheduler)
        {
            _scheduler = scheduler;
        }

        public List<GattEvent> Events { get; } = new List<GattEvent>();

        public IGattConnection Connection { get; private set; }

        public GattLinkStatus? Status { get; private set; }

        public bool IsConnected => Connection != null && Status == null;

        public List<byte[]> Notifications { get; } = new List<byte[]>();

        /// <summary>Optional reaction to a notification (e.g. answer it).</summary>
        public Action<byte[]> OnNotify { get; set; }

        public void OnConnected(IGattConnection connection)
        {
            Assert.Null(Status);
            Connection = connection;
            Events.Add(new GattEvent(_scheduler.NowMilliseconds, "connected", null));
        }

        public void OnNotification(byte[] data, int offset, int length)
        {
            Assert.NotNull(Connection);
            Assert.Null(Status);
            byte[] copy = data.AsSpan(offset, length).ToArray();
            Notifications.Add(copy);
            Events.Add(new GattEvent(_scheduler.NowMilliseconds, "notification", copy));
            OnNotify?.Invoke(copy);
        }

        public void OnDisconnected(GattLinkStatus status)
        {
            Assert.Null(Status); // no call after the last one
            Status = status;
            Events.Add(new GattEvent(_scheduler.NowMilliseconds, "disconnected:" + status, null));
        }
    }

    /// <summary>An IGattServerHandler that writes down every callback.</summary>
    public sealed class RecordingServer : IGattServerHandler
    {
        private readonly IScheduler _scheduler;

        public RecordingServer(IScheduler scheduler)
        {
            _scheduler = scheduler;
        }

        public List<GattEvent> Events { get; } = new List<GattEvent>();

        public List<IGattServerConnection> Subscribed { get; } = new List<IGattServerConnection>();

        public List<IGattServerConnection> Disconnected { get; } = new List<IGattServerConnection>();

        public List<byte[]> Writes { get; } = new List<byte[]>();

        /// <summary>Optional reaction to a write (e.g. echo it as a notification).</summary>
        public Action<IGattServerConnection, byte[]> OnWriteReceived { get; set; }

        public IGattServerConnection Last => Subscribed[Subscribed.Count - 1];

        public void OnSubscribed(IGattServerConnection connection)
        {
            Subscribed.Add(connection);
            Events.Add(new GattEvent(_scheduler.NowMilliseconds, "subscribed", null));
        }

        public void OnWrite(IGattServerConnection connection, byte[] data, int offset, int length)
        {
            Assert.Contains(connection, Subscribed);
            Assert.DoesNotContain(connection, Disconnected);
            byte[] copy = data.AsSpan(offset, length).ToArray();
            Writes.Add(copy);
            Events.Add(new GattEvent(_scheduler.NowMilliseconds, "write", copy));
            OnWriteReceived?.Invoke(connection, copy);
        }

        public void OnDisconnected(IGattServerConnection connection)
        {
            Assert.Contains(connection, Subscribed);
            Assert.DoesNotContain(connection, Disconnected);
            Disconnected.Add(connection);
            Events.Add(new GattEvent(_scheduler.NowMilliseconds, "disconnected", null));
        }
    }
}
